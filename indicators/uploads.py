"""Officers' spreadsheet of due figures: the pre-filled template, and its upload.

The columns are those of the figures import (indicators.importers), plus reminders for the
person filling it in (title, due date) and the explanation of an unusual value.

The upload applies exactly the checks of the entry page (each row is put through the same
form, the page's RAG and plausibility checks, and the same service), all or nothing, with the
problems listed by spreadsheet row.
"""

from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import CouncilSettings
from core.tabular import ImportRefused, RowErrors, read_table
from indicators.due import DueItem, closed_periods, due_working_days
from indicators.formats import FIGURE_COLUMNS, FIGURE_REQUIRED
from indicators.models import Figure, Indicator
from indicators.periods import Period, due_date
from indicators.services import FigureConflict, figures_enter
from indicators.visibility import may_enter_figures_for

# Accepted and ignored (the template's reminders for the person filling it in), or used.
TEMPLATE_EXTRA = ("title", "due", "target", "explanation")
TEMPLATE_COLUMNS = (
    "code",
    "title",
    "period",
    "due",
    "value",
    "numerator",
    "denominator",
    "commentary",
    "corrective_action",
    "explanation",
)


def template_rows(items: list[DueItem]) -> list[list]:
    """Return one template row per due item, with what has been saved so far."""
    from indicators.forms_entry import initial_for

    rows = []
    for item in items:
        initial = initial_for(item)
        rows.append(
            [
                item.indicator.code,
                item.indicator.title,
                item.period.label,
                item.due.isoformat(),
                initial.get("value", ""),
                initial.get("numerator", ""),
                initial.get("denominator", ""),
                initial.get("commentary", ""),
                initial.get("corrective_action", ""),
                initial.get("plausibility_explanation", ""),
            ]
        )
    return rows


def import_my_figures(name: str, content: bytes, *, user: User, submit: bool, today: date) -> int:
    """Save (or submit) the figures in an uploaded spreadsheet; returns how many.

    Raises TableError when the file cannot be read and ImportRefused listing every bad row;
    nothing is saved unless every row is good.
    """
    from indicators.forms_entry import FigureEntryForm, assess_forms

    rows = read_table(name, content, FIGURE_REQUIRED, FIGURE_COLUMNS + TEMPLATE_EXTRA)
    codes = {" ".join(r.values.get("code", "").split()).upper() for r in rows}
    indicators = {
        i.code.upper(): i
        for i in Indicator.objects.filter(code__in=codes).select_related("service")
    }
    errors = RowErrors()
    planned = []
    seen = set()
    for row in rows:
        code = " ".join(row.values.get("code", "").split()).upper()
        indicator = indicators.get(code)
        if indicator is None:
            errors.add(row.number, f"code '{row.values.get('code', '')}' is not in the register")
            continue
        if not may_enter_figures_for(user, indicator):
            errors.add(row.number, f"you may not enter figures for {indicator.code}")
            continue
        try:
            period = Period.parse(row.values.get("period", ""))
        except ValueError as exc:
            errors.add(row.number, str(exc))
            continue
        if period.frequency != indicator.frequency:
            errors.add(row.number, f"{indicator.code} is reported {indicator.frequency}")
            continue
        if period.end >= today:
            errors.add(row.number, f"{period.long_label} has not ended yet")
            continue
        if (indicator.pk, period) in seen:
            errors.add(row.number, f"{indicator.code} {period.label} appears twice")
            continue
        seen.add((indicator.pk, period))
        planned.append((row, indicator, period))
    if errors:
        raise ImportRefused(errors)
    items = _items(planned, today)
    forms = []
    for (row, _indicator, _period), item in zip(planned, items, strict=True):
        values = row.values
        data = {
            "version": item.figure.version if item.figure else 0,
            "value": values.get("value", ""),
            "numerator": values.get("numerator", ""),
            "denominator": values.get("denominator", ""),
            "commentary": values.get("commentary", ""),
            "corrective_action": values.get("corrective_action", ""),
            "plausibility_explanation": values.get("explanation", ""),
            "plausibility_confirmed": "on" if values.get("explanation", "").strip() else "",
        }
        form = FigureEntryForm(data, item=item)
        form.is_valid()
        forms.append((row, form))
    assess_forms([form for _row, form in forms], submitting=submit, today=today)
    filled = []
    for row, form in forms:
        if item_locked(form.item):
            errors.add(row.number, f"{form.item.period.long_label} is closed or verified")
        for field, messages in form.errors.items():
            label = "" if field == "__all__" else f"{field.replace('_', ' ')}: "
            for message in messages:
                errors.add(row.number, label + message)
        if not form.errors and not form.is_blank:
            filled.append(form)
    if errors:
        raise ImportRefused(errors)
    try:
        saved = figures_enter(
            user=user, entries=[f.to_input() for f in filled], submit=submit, today=today
        )
    except FigureConflict as exc:
        errors.add(1, f"{len(exc.figures)} figure(s) changed while the file was read; try again")
        raise ImportRefused(errors) from exc
    except (PermissionDenied, ValidationError) as exc:
        errors.add(1, " ".join(getattr(exc, "messages", [str(exc)])))
        raise ImportRefused(errors) from exc
    return len(saved)


def item_locked(item: DueItem) -> bool:
    return item.closed or (item.figure is not None and item.figure.state == "verified")


def _items(planned, today: date) -> list[DueItem]:
    council = CouncilSettings.load()
    ids = {indicator.pk for _row, indicator, _period in planned}
    years = {period.year for _row, _indicator, period in planned}
    figures = {
        (f.indicator_id, f.year, f.number): f
        for f in Figure.objects.filter(indicator_id__in=ids, year__in=years)
    }
    closed = closed_periods(years) if years else set()
    return [
        DueItem(
            indicator=indicator,
            period=period,
            due=due_date(period, due_working_days(indicator, council)),
            figure=figures.get((indicator.pk, period.year, period.number)),
            closed=(period.frequency, period.year, period.number) in closed,
            today=today,
        )
        for _row, indicator, period in planned
    ]
