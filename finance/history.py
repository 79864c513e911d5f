"""The audit trail of a unit's budgets: every import, edit and replacement, newest first."""

from core.models import OrgUnit
from finance.models import BudgetFigure, BudgetLine
from indicators.formatting import format_money
from indicators.periods import Period, fy_label


def budget_history(unit: OrgUnit, *, limit: int) -> list[dict]:
    """Return up to `limit` changes to the unit's lines and their figures (three queries)."""
    lines = list(
        BudgetLine.history.filter(unit_id=unit.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    names, years = {}, {}
    for pk, name, year in (
        BudgetLine.history.filter(unit_id=unit.pk)
        .values_list("id", "name", "year")
        .order_by("history_id")
    ):
        names[pk], years[pk] = name, year  # the latest record's name wins
    figures = (
        BudgetFigure.history.filter(line_id__in=list(names))
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    entries = [
        _entry(
            h,
            f"{h.name} {fy_label(h.year)}",
            f"budget {format_money(h.original_budget)}, current {format_money(h.current_budget)}",
        )
        for h in lines
    ]
    entries += [
        _entry(
            h,
            f"{names.get(h.line_id, '')} {Period(h.frequency, years[h.line_id], h.number).label}",
            f"actual to date {format_money(h.actual)}, forecast {format_money(h.forecast)}"
            + (f"; {h.commentary}" if h.commentary else ""),
        )
        for h in figures
    ]
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries[:limit]


def _entry(record, what: str, detail: str) -> dict:
    return {
        "when": record.history_date,
        "who": record.history_user,
        "type": record.get_history_type_display(),
        "what": what,
        "detail": detail,
        "reason": record.history_change_reason or "",
    }
