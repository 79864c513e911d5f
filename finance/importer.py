"""Import budgets from the finance system's export (CSV or Excel), all-or-nothing.

Columns: year, unit, line, budget, current_budget, period, actual, forecast, and optionally
commentary and capital (yes/no). `unit` is a directorate's or service's code; `period` a
month (2025-11) or a quarter (2025/26 Q2) of `year`. Every row is checked first and nothing
is saved unless all are good. A re-import replaces what was held for each unit, year and
period in the file: lines left out of it lose that period's figures (their budget stays).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from core.models import OrgUnit
from core.parsing import ParseError, parse_decimal
from core.tabular import ImportRefused, RowErrors, check_lengths, column_limits, read_table
from finance.models import BudgetFigure, BudgetLine
from indicators.choices import Frequency
from indicators.parsing import parse_bool
from indicators.periods import Period, parse_fy

REQUIRED = ("year", "unit", "line", "budget", "current_budget", "period", "actual", "forecast")
OPTIONAL = ("commentary", "capital")
COLUMNS = (*REQUIRED, *OPTIONAL)
LIMITS = column_limits(BudgetLine, line="name")
MONEY_FIELDS = {
    "budget": BudgetLine._meta.get_field("original_budget"),
    "current_budget": BudgetLine._meta.get_field("current_budget"),
    "actual": BudgetFigure._meta.get_field("actual"),
    "forecast": BudgetFigure._meta.get_field("forecast"),
}
TEMPLATE_ROWS = [
    [
        "2025/26",
        "waste",
        "Refuse collection",
        "1250000",
        "1275000",
        "2025-11",
        "842310",
        "1301500",
        "Agency cover for vacancies",
    ],
    ["2025/26", "waste", "Recycling", "980000", "980000", "2025-11", "640120", "975000", ""],
]


@dataclass
class BudgetImportResult:
    lines_created: int = 0
    lines_updated: int = 0
    figures: int = 0
    replaced: int = 0

    def __str__(self) -> str:
        return (
            f"{self.figures} figures imported ({self.replaced} replaced); budget lines: "
            f"{self.lines_created} created, {self.lines_updated} updated"
        )


@dataclass
class _Planned:
    row: int
    year: int
    unit: OrgUnit
    name: str
    is_capital: bool
    period: Period
    money: dict[str, Decimal]
    commentary: str


def budgets_import(name: str, content: bytes, *, by: User | None = None) -> BudgetImportResult:
    """Load a budget export. Raises core.tabular.TableError for an unreadable file and
    ImportRefused (every row's problems) when any row is wrong; then nothing is saved."""
    rows = read_table(name, content, REQUIRED, OPTIONAL)
    units = {
        unit.code.lower(): unit
        for unit in OrgUnit.objects.filter(kind__in=["directorate", "service"])
    }
    errors = RowErrors()
    planned: list[_Planned] = []
    seen: dict[tuple, int] = {}
    budgets: dict[tuple, tuple[int, Decimal, Decimal]] = {}
    for row in rows:
        values = row.values
        problems: list[str] = []
        check_lengths(row, errors, LIMITS)
        year = period = unit = None
        try:
            year = parse_fy(values["year"])
        except ParseError as exc:
            problems.append(str(exc))
        unit = units.get(values["unit"].strip().lower())
        if unit is None:
            problems.append(f"unit '{values['unit']}' is not the code of a directorate or service")
        line_name = " ".join(values["line"].split())
        if not line_name:
            problems.append("line is empty")
        try:
            period = Period.parse(values["period"])
        except ValueError as exc:
            problems.append(str(exc))
        if period is not None:
            if period.frequency not in (Frequency.MONTHLY, Frequency.QUARTERLY):
                problems.append(
                    f"period '{values['period']}' should be a month (2025-11) or a quarter "
                    "(2025/26 Q2)"
                )
            elif year is not None and period.year != year:
                problems.append(f"period {period.label} is not in the year {values['year']}")
        money: dict[str, Decimal] = {}
        for column, model_field in MONEY_FIELDS.items():
            try:
                number = parse_decimal(values[column], column, field=model_field)
            except ParseError as exc:
                problems.append(str(exc))
                continue
            if number is None:
                problems.append(f"{column} is empty")
            else:
                money[column] = number
        try:
            is_capital = parse_bool(values.get("capital", ""), "capital")
        except ParseError as exc:
            problems.append(str(exc))
            is_capital = False
        for problem in problems:
            errors.add(row.number, problem)
        if problems:
            continue
        line_key = (year, unit.pk, line_name.lower(), is_capital)
        key = (*line_key, period)
        if key in seen:
            errors.add(row.number, f"{line_name} {period.label} also appears in row {seen[key]}")
            continue
        seen[key] = row.number
        before = budgets.setdefault(
            line_key, (row.number, money["budget"], money["current_budget"])
        )
        if before[1:] != (money["budget"], money["current_budget"]):
            errors.add(
                row.number,
                f"{line_name}'s budget differs from row {before[0]}: a line has one budget and "
                "one current budget a year",
            )
            continue
        planned.append(
            _Planned(
                row.number,
                year,
                unit,
                line_name,
                is_capital,
                period,
                money,
                values.get("commentary", ""),
            )
        )
    if errors:
        raise ImportRefused(errors)
    return _save(planned, by)


@transaction.atomic
def _save(planned: list[_Planned], by: User | None) -> BudgetImportResult:
    result = BudgetImportResult()
    years_units = {(p.year, p.unit.pk) for p in planned}
    existing = {
        (line.year, line.unit_id, line.name.lower(), line.is_capital): line
        for line in BudgetLine.objects.filter(
            year__in={y for y, _ in years_units}, unit__in={u for _, u in years_units}
        )
    }
    # Replace, for each unit, year and period in the file, whatever was held for it.
    for year, unit_id, period in {(p.year, p.unit.pk, p.period) for p in planned}:
        old = BudgetFigure.objects.filter(
            line__year=year, line__unit_id=unit_id, frequency=period.frequency, number=period.number
        )
        for figure in old:
            figure._history_user = by
            figure._change_reason = "Replaced by an import"
            figure.delete()
            result.replaced += 1
    saved_lines: set[int] = set()
    for item in planned:
        key = (item.year, item.unit.pk, item.name.lower(), item.is_capital)
        line = existing.get(key)
        if line is None:
            line = BudgetLine(year=item.year, unit=item.unit, is_capital=item.is_capital)
            existing[key] = line
            result.lines_created += 1
        elif line.pk not in saved_lines:
            result.lines_updated += 1
        if line.pk not in saved_lines:
            line.name = item.name
            line.original_budget = item.money["budget"]
            line.current_budget = item.money["current_budget"]
            line._history_user = by
            line._change_reason = "Imported"
            line.save()
            saved_lines.add(line.pk)
        figure = BudgetFigure(
            line=line,
            frequency=item.period.frequency,
            number=item.period.number,
            actual=item.money["actual"],
            forecast=item.money["forecast"],
            commentary=item.commentary,
        )
        figure._history_user = by
        figure._change_reason = "Imported"
        figure.save()
        result.figures += 1
    return result
