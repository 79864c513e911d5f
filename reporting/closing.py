"""Closing a period's figures when the council-wide pack for it is published."""

from django.contrib.auth.models import User
from django.utils import timezone

from indicators.models import PeriodClosure
from indicators.periods import Period
from reporting.choices import ReportType
from reporting.models import Pack

# Packs whose publication closes their period's figures. Scoped packs (one directorate) and
# packs without figures (actions, risks, calendar) leave periods alone: periods are
# council-wide.
CLOSING_TYPES = {ReportType.PI_MONTHLY, ReportType.QUARTERLY_PACK, ReportType.ANNUAL_OUTTURN}


def close_period_for_pack(*, pack: Pack, closed_by: User) -> PeriodClosure | None:
    """Close the figures of the pack's period; return the closure, or None when not closing.

    Uses the figures' own close service when there is one, so its rules (and audit) apply.
    """
    if pack.report_type not in CLOSING_TYPES or pack.scope_unit_id is not None:
        return None
    period = Period.parse(pack.period_label)
    reason = f"Closed on publishing {pack.title} (version {pack.version})."
    try:
        from indicators.services import period_close
    except ImportError:
        period_close = None
    if period_close is not None:
        existing = PeriodClosure.objects.filter(
            frequency=period.frequency, year=period.year, number=period.number
        ).first()
        if existing:
            return existing
        return period_close(period=period, closed_by=closed_by, reason=reason)
    closure, _ = PeriodClosure.objects.get_or_create(
        frequency=period.frequency,
        year=period.year,
        number=period.number,
        defaults={"closed_by": closed_by, "closed_at": timezone.now(), "reason": reason},
    )
    return closure
