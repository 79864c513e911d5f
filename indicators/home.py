"""The home page's figure sections: to enter, returned, waiting for verification."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from core.access import has
from core.home import LIMIT, HomeItem, HomeSection
from indicators.choices import FigureState, PeriodState
from indicators.figures.due import awaiting_verification, due_items, my_indicators
from indicators.formatting import person_name
from indicators.periods import Period


def _owed_status(item) -> str:
    """Return the item's state in words: draft or missing, and due or overdue."""
    when = (
        f"overdue: was due {item.due:%-d %B %Y}" if item.is_overdue else f"due {item.due:%-d %B %Y}"
    )
    if item.state == FigureState.DRAFT:
        return f"Draft, not submitted; {when}"
    return when[0].upper() + when[1:]


def sections(user, today: date) -> list[HomeSection]:
    """Return the user's figure sections (empty ones included; the page leaves them out)."""
    result = []
    if has(user, "enter_figures"):
        items = [
            item
            for item in due_items(my_indicators(user), today=today, include_done=False)
            if item.needs_action and item.state != PeriodState.NOT_DUE
        ]
        returned = [i for i in items if i.state == FigureState.RETURNED]
        owed = [i for i in items if i.state != FigureState.RETURNED]
        my_url = reverse("indicators:my")
        result.append(
            HomeSection(
                title="Returned to you",
                intro="A verifier sent these back: correct them and submit again.",
                items=[
                    HomeItem(
                        label=_label(i.indicator, i.period),
                        url=i.entry_path,
                        status=FigureState.RETURNED.label,
                        detail=i.figure.return_reason,
                    )
                    for i in returned[:LIMIT]
                ],
                total=len(returned),
                link_url=my_url,
                link_label="My indicators",
            )
        )
        result.append(
            HomeSection(
                title="Figures to enter",
                items=[
                    HomeItem(
                        label=_label(i.indicator, i.period),
                        url=i.entry_path,
                        status=_owed_status(i),
                    )
                    for i in owed[:LIMIT]
                ],
                total=len(owed),
                link_url=reverse("indicators:enter"),
                link_label="Enter them all on one page",
            )
        )
    if has(user, "verify_figures"):
        waiting = awaiting_verification(user)
        total = waiting.count()
        figures = waiting.select_related("indicator", "submitted_by").order_by(
            "submitted_at", "pk"
        )[:LIMIT]
        result.append(
            HomeSection(
                title="Waiting for your verification",
                items=[
                    HomeItem(
                        label=_label(f.indicator, Period(f.indicator.frequency, f.year, f.number)),
                        url=reverse("indicators:detail", args=[f.indicator_id]),
                        status=_submitted_status(f),
                    )
                    for f in figures
                ],
                total=total,
                link_url=reverse("indicators:verify_queue"),
                link_label="Open the verification queue",
            )
        )
    return result


def _submitted_status(figure) -> str:
    status = "Submitted"
    if figure.submitted_by:
        status += f" by {person_name(figure.submitted_by)}"
    if figure.submitted_at:
        status += f" on {timezone.localtime(figure.submitted_at):%-d %B %Y}"
    return status


def _label(indicator, period: Period) -> str:
    return f"{indicator.code} {indicator.title}: {period.long_label}"
