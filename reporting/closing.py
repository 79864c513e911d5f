"""Closing a period's figures when the council-wide pack for it is published."""

from django.contrib.auth.models import User

from indicators.models import PeriodClosure
from indicators.periods import Period
from indicators.services import period_close
from reporting.choices import ReportType
from reporting.models import Pack

# Packs whose publication closes their period's figures. Scoped packs (one directorate) and
# packs without figures (actions, risks, calendar) leave periods alone: periods are
# council-wide.
CLOSING_TYPES = {ReportType.PI_MONTHLY, ReportType.QUARTERLY_PACK, ReportType.ANNUAL_OUTTURN}


def close_period_for_pack(*, pack: Pack, closed_by: User) -> PeriodClosure | None:
    """Close the figures of the pack's period; return the closure, or None when not closing.

    A period already closed stays as it is.
    """
    if pack.report_type not in CLOSING_TYPES or pack.scope_unit_id is not None:
        return None
    period = Period.parse(pack.period_label)
    reason = f"Closed on publishing {pack.title} (version {pack.version})."
    existing = PeriodClosure.objects.filter(
        frequency=period.frequency, year=period.year, number=period.number
    ).first()
    if existing:
        return existing
    # The figures' own service, so its rules (permission, period ended) and history apply.
    return period_close(period=period, user=closed_by, reason=reason)
