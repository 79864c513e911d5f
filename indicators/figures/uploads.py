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
from django.db import transaction

from core.models import CouncilSettings
from core.tabular import ImportRefused, Row, RowErrors, read_table
from indicators.choices import FigureState
from indicators.figures.due import DueItem, closed_periods, due_date_for
from indicators.formats import FIGURE_COLUMNS, FIGURE_REQUIRED
from indicators.models import Figure, Indicator
from indicators.periods import Period
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
    from indicators.figures.forms import initial_for

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
    rows = read_table(name, content, FIGURE_REQUIRED, FIGURE_COLUMNS + TEMPLATE_EXTRA)
    return len(figure_rows_enter(rows, user=user, submit=submit, today=today))


def figure_rows_enter(rows: list[Row], *, user: User, submit: bool, today: date) -> list[Figure]:
    """Save (or submit) the figures of these rows (a spreadsheet's, or the API's); returns the
    figures saved (rows saying what is already saved are left alone).

    A row may give `version`, the figure's version it was read at (0: no figure yet); a
    figure changed since is refused. Raises ImportRefused listing every bad row; nothing is
    saved unless every row is good.
    """
    from indicators.figures.forms import FigureEntryForm, assess_forms

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
        form = FigureEntryForm(_typed_over_saved(row.values, item), item=item)
        form.is_valid()
        forms.append((row, form))
    assess_forms([form for _row, form in forms], submitting=submit, today=today)
    filled = []
    for row, form in forms:
        item = form.item
        for problem in _row_problems(row, form):
            errors.add(row.number, problem)
        if form.errors or form.is_blank or _unchanged(form, submit=submit):
            continue
        if item_locked(item):
            errors.add(row.number, f"{item.period.long_label} is closed or verified")
        elif submit and form.checked.is_blank:
            errors.add(row.number, f"enter a figure for {item.indicator.code} to submit it")
        elif not submit and item.figure is not None and item.figure.state == FigureState.SUBMITTED:
            errors.add(
                row.number,
                f"{item.indicator.code} {item.period.long_label} is already submitted: tick "
                "'Submit' to send the changed figure for verification, or leave the row out",
            )
        else:
            filled.append((row, form))
    if errors:
        raise ImportRefused(errors)
    entries = [(row, form.to_input()) for row, form in filled]
    try:
        saved = figures_enter(
            user=user, entries=[entry for _row, entry in entries], submit=submit, today=today
        )
    except FigureConflict as exc:
        for row, entry in entries:
            if entry.key in exc.figures:
                errors.add(
                    row.number,
                    f"{entry.indicator.code} {entry.period.long_label} was changed by someone "
                    "else while the file was read: upload it again",
                )
        raise ImportRefused(errors) from exc
    except (PermissionDenied, ValidationError) as exc:
        # Only a change made meanwhile (a period closed) gets here: say which rows it hit.
        raise ImportRefused(
            _refusals_by_row(entries, user=user, submit=submit, today=today)
        ) from exc
    return saved


# Blank cells keep what is saved: the numbers as a group (a row giving any of them gives the
# figure), each text on its own. The file's column for each form field, for messages.
NUMBER_CELLS = ("value", "numerator", "denominator")
TEXT_CELLS = {
    "commentary": "commentary",
    "corrective_action": "corrective_action",
    "plausibility_explanation": "explanation",
}
COLUMN_OF = {**{f: f for f in NUMBER_CELLS}, **TEXT_CELLS, "plausibility_confirmed": "explanation"}


def _typed_over_saved(values: dict[str, str], item: DueItem) -> dict:
    """Return the entry form's data for a row: what the row gives, over what is saved, so that
    a row never replaces a figure with less than it had."""
    from indicators.figures.forms import initial_for

    saved = initial_for(item)
    data = {"version": values.get("version") or saved["version"], "figure_key": item.key}
    numbers = {name: values.get(name, "").strip() for name in NUMBER_CELLS}
    data |= numbers if any(numbers.values()) else {n: saved.get(n, "") for n in NUMBER_CELLS}
    for field, column in TEXT_CELLS.items():
        data[field] = values.get(column, "").strip() or saved.get(field, "")
    if saved.get("commentary_is_internal"):
        data["commentary_is_internal"] = "on"
    data["plausibility_confirmed"] = "on" if data["plausibility_explanation"] else ""
    return data


def _row_problems(row, form) -> list[str]:
    """Return the form's errors as messages naming the file's columns, plus what a row of
    the file can get wrong that the entry page's hidden fields cannot."""
    problems = []
    indicator = form.item.indicator
    cell = {name: row.values.get(name, "").strip() for name in NUMBER_CELLS}
    if (
        not indicator.uses_ratio
        and not cell["value"]
        and (cell["numerator"] or cell["denominator"])
    ):
        problems.append(
            f"{indicator.code} is not a ratio measure: give its value "
            "(numerator and denominator are for ratio measures)"
        )
    for field, messages in form.errors.items():
        label = f"{COLUMN_OF.get(field, field)}: " if field != "__all__" else ""
        problems.extend(label + message for message in messages)
    return problems


def _unchanged(form, *, submit: bool) -> bool:
    """Return whether the row says what is already saved (and, when submitting, the figure is
    already submitted or further on): it is then left alone."""
    figure = form.item.figure
    if figure is None:
        return False
    checked, data = form.checked, form.cleaned_data
    parts = ("numerator", "denominator") if form.item.indicator.uses_ratio else ("value",)
    if any(getattr(checked, p) != getattr(figure, p) for p in parts):
        return False
    if any((data.get(f) or "").strip() != getattr(figure, f) for f in TEXT_CELLS):
        return False
    return not submit or figure.state not in (FigureState.DRAFT, FigureState.RETURNED)


def _refusals_by_row(entries, *, user: User, submit: bool, today: date) -> RowErrors:
    """Return why each entry is refused by the service, tried one by one and rolled back."""
    errors = RowErrors()
    with transaction.atomic():
        for row, entry in entries:
            try:
                with transaction.atomic():
                    figures_enter(user=user, entries=[entry], submit=submit, today=today)
            except FigureConflict:
                errors.add(row.number, f"{entry.indicator.code} was changed meanwhile: try again")
            except (PermissionDenied, ValidationError) as exc:
                errors.add(row.number, " ".join(getattr(exc, "messages", None) or [str(exc)]))
        transaction.set_rollback(True)
    return errors


def item_locked(item: DueItem) -> bool:
    return item.closed or (item.figure is not None and item.figure.state == FigureState.VERIFIED)


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
            due=due_date_for(indicator, period, council),
            figure=figures.get((indicator.pk, period.year, period.number)),
            closed=(period.frequency, period.year, period.number) in closed,
            today=today,
        )
        for _row, indicator, period in planned
    ]
