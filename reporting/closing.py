"""Closing a period's figures when the council-wide pack for it is published, and what
publishing a pack will do (for its confirmation page)."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db.models import Count

from indicators.closing import ClosingSummary, closing_summary
from indicators.models import PeriodClosure
from indicators.periods import Period
from indicators.services import period_close
from reporting.choices import ReportType
from reporting.models import Audience, Pack

# Packs whose publication closes their period's figures. Scoped packs (one directorate) and
# packs without figures (actions, risks, calendar) leave periods alone: periods are
# council-wide.
CLOSING_TYPES = {ReportType.PI_MONTHLY, ReportType.QUARTERLY_PACK, ReportType.ANNUAL_OUTTURN}


def closing_period(pack: Pack) -> Period | None:
    """Return the period whose figures publishing the pack closes, or None if it closes none."""
    if pack.report_type not in CLOSING_TYPES or pack.scope_unit_id is not None:
        return None
    return Period.parse(pack.period_label)


def close_period_for_pack(*, pack: Pack, closed_by: User) -> PeriodClosure | None:
    """Close the figures of the pack's period; return the closure, or None when not closing.

    A period already closed stays as it is.
    """
    period = closing_period(pack)
    if period is None:
        return None
    reason = f"Closed on publishing {pack.title} (version {pack.version})."
    existing = PeriodClosure.objects.filter(
        frequency=period.frequency, year=period.year, number=period.number
    ).first()
    if existing:
        return existing
    # The figures' own service, so its rules (permission, period ended) and history apply.
    return period_close(period=period, user=closed_by, reason=reason)


@dataclass
class PublishPreview:
    """What publishing a pack will do, for its confirmation page."""

    pack: Pack
    closes: Period | None  # the period whose figures it closes, if it closes one
    summary: ClosingSummary | None  # what closing leaves behind, when it closes one now
    cycle_audiences: list[Audience] | None  # whom a cycle pack tells; None for a hand-made one


def publish_preview(pack: Pack, *, today: date) -> PublishPreview:
    """Return what publishing `pack` on `today` would close and whom it would tell."""
    closes = closing_period(pack)
    summary = closing_summary(closes, today=today) if closes else None
    audiences = None
    if pack.cycle_item_id is not None:
        audiences = list(pack.cycle_item.audiences.annotate(member_count=Count("members")))
    return PublishPreview(pack=pack, closes=closes, summary=summary, cycle_audiences=audiences)
