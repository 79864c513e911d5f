"""Imports of the PI register, targets and figures from CSV or Excel (docs/imports.md).

Each importer reads every row, collects every problem with its row number, and saves nothing
unless the whole file is good (all-or-nothing, in one transaction). They are plain functions:
the upload page and the `import_*` management commands call them alike. Each returns an
ImportResult or raises ImportRefused (row errors) or TableError (the file as a whole cannot be
read). Figures are checked by the entry page's rule (validation.check_values) and saved by its
service (services.figures_enter); officers' own spreadsheet of due figures is a different
upload (indicators/figures/uploads.py), put through the entry form row by row.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from core.choices import UnitKind
from core.models import OrgUnit
from core.parsing import parse_int
from core.tabular import (
    ImportRefused,
    Row,
    RowErrors,
    check_lengths,
    column_limits,
    read_table,
)
from indicators.choices import (
    Aggregation,
    DataQualityRisk,
    FigureState,
    Frequency,
    IndicatorType,
    Polarity,
    Unit,
)
from indicators.figures.validation import Problem, check_values
from indicators.formats import (
    FIGURE_COLUMNS,
    FIGURE_REQUIRED,
    INDICATOR_COLUMNS,
    INDICATOR_EXTRA,
    INDICATOR_REQUIRED,
    PROFILE_COLUMNS,
    TARGET_COLUMNS,
    TARGET_EXTRA,
    TARGET_REQUIRED,
)
from indicators.models import Figure, Indicator, PeriodClosure, Target
from indicators.parsing import (
    ParseError,
    parse_bool,
    parse_decimal,
    parse_profile,
)
from indicators.periods import Period, parse_fy
from indicators.scales import default_multiplier, scale_problem
from indicators.services import FigureConflict, FigureInput, figures_enter, target_problems
from indicators.visibility import may_enter_figures_for

MULTIPLIER = Indicator._meta.get_field("multiplier")
TOLERANCE = Indicator._meta.get_field("tolerance_pct")
REGISTER_LIMITS = column_limits(Indicator, code="code", title="title", data_source="data_source")
UNIT_ALIASES = {"%": Unit.PERCENTAGE, "£": Unit.CURRENCY, "count": Unit.NUMBER}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated"


def _choice(text: str, choices: type, what: str, aliases: dict | None = None) -> str:
    """Return the choice value matching `text` by value or label (any case)."""
    word = (text or "").strip().lower()
    if aliases and word in aliases:
        return aliases[word]
    for value, label in choices.choices:
        if word in (value, label.lower()):
            return value
    allowed = ", ".join(value for value, _label in choices.choices)
    raise ParseError(f"{what} '{text}' should be one of: {allowed}")


def _people_lookup() -> Callable[[str], User | None]:
    """Return a function finding an active user by username or e-mail (one query in all)."""
    by_key: dict[str, User | None] = {}
    for user in User.objects.filter(is_active=True):
        by_key[user.username.lower()] = user
        if user.email:
            email = user.email.lower()
            # Two people sharing an address cannot be told apart by it.
            by_key[email] = None if email in by_key and by_key[email] != user else user
    return lambda key: by_key.get((key or "").strip().lower())


def _units_lookup() -> Callable[[str], OrgUnit | None]:
    """Return a function finding a service or team by code or name (one query in all)."""
    by_key: dict[str, OrgUnit] = {}
    for unit in OrgUnit.objects.filter(kind__in=[UnitKind.SERVICE, UnitKind.TEAM]):
        by_key.setdefault(unit.code.lower(), unit)
        by_key.setdefault(unit.name.strip().lower(), unit)
    return lambda key: by_key.get((key or "").strip().lower())


def code_key(text: str | None) -> str:
    """Return the form of a PI code used to match it: spaces collapsed, any case."""
    return " ".join((text or "").split()).upper()


def _duplicate_check(errors: RowErrors, seen: dict, key, row: Row, what: str) -> None:
    if key in seen:
        errors.add(row.number, f"{what} also appears in row {seen[key]}")
    else:
        seen[key] = row.number


def _save_all(planned: list[tuple[Model, bool]], errors: RowErrors) -> ImportResult:
    """Save every planned object in one transaction, or raise ImportRefused if any row was bad.

    Returns how many were created and updated. Each save goes through the model (not
    bulk_create) so that history records who changed what.
    """
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    with transaction.atomic():
        for obj, is_new in planned:
            obj.save()
            if is_new:
                result.created += 1
            else:
                result.updated += 1
    return result


# Register -------------------------------------------------------------------------------------


def import_indicators(name: str, content: bytes, *, by: User | None = None) -> ImportResult:
    """Create or update indicators (matched by code) from a register file."""
    rows = read_table(name, content, INDICATOR_REQUIRED, (*INDICATOR_COLUMNS, *INDICATOR_EXTRA))
    find_person, find_unit = _people_lookup(), _units_lookup()
    existing = {code_key(i.code): i for i in Indicator.objects.all()}
    with_figures = set(Figure.objects.values_list("indicator_id", flat=True).distinct())
    target_values: dict[int, list] = {}
    for pk, *numbers in Target.objects.values_list(
        "indicator_id", "annual_target", "band_low", "band_high"
    ):
        target_values.setdefault(pk, []).extend(numbers)
    errors, seen = RowErrors(), {}
    planned: list[tuple[Indicator, bool]] = []
    for row in rows:
        values = row.values
        code = " ".join(values.get("code", "").split())
        if not code:
            errors.add(row.number, "code is blank")
            continue
        _duplicate_check(errors, seen, code_key(code), row, f"code {code}")
        indicator = existing.get(code_key(code)) or Indicator(code=code)
        is_new = indicator.pk is None
        problems: list[str] = []

        def read(column: str, parse: Callable, *, problems=problems, values=values):
            try:
                return parse(values.get(column, ""))
            except ParseError as exc:
                problems.append(str(exc))
                return None

        title = values.get("title", "").strip()
        if not title:
            problems.append("title is blank")
        indicator.title = title
        for column, field_name, choices, aliases in (
            ("polarity", "polarity", Polarity, None),
            ("frequency", "frequency", Frequency, None),
            ("aggregation", "aggregation", Aggregation, None),
            ("unit", "unit", Unit, UNIT_ALIASES),
            ("type", "indicator_type", IndicatorType, None),
            ("data_quality_risk", "data_quality_risk", DataQualityRisk, None),
        ):
            if column not in values or (not values[column] and column not in INDICATOR_REQUIRED):
                continue  # absent or blank optional column: keep the current value (or default)
            chosen = read(column, lambda t, c=choices, w=column, a=aliases: _choice(t, c, w, a))
            if chosen is not None:
                if (
                    column == "frequency"
                    and not is_new
                    and chosen != indicator.frequency
                    and indicator.pk in with_figures
                ):
                    problems.append(
                        f"frequency cannot change from {indicator.frequency} to {chosen}: "
                        "the indicator already has figures"
                    )
                setattr(indicator, field_name, chosen)
        service = find_unit(values.get("service", ""))
        if service is None:
            problems.append(f"service '{values.get('service', '')}' is not a service or team")
        else:
            indicator.service = service
        owner = find_person(values.get("owner", ""))
        if owner is None:
            problems.append(f"owner '{values.get('owner', '')}' is not an active user")
        else:
            indicator.owner = owner
        if values.get("deputy", "").strip():
            deputy = find_person(values["deputy"])
            if deputy is None:
                problems.append(f"deputy '{values['deputy']}' is not an active user")
            elif owner is not None and deputy == owner:
                problems.append("deputy is the same person as the owner")
            indicator.deputy = deputy
        elif "deputy" in values:
            indicator.deputy = None
        for column in ("description", "definition", "data_source"):
            if column in values:
                setattr(indicator, column, values[column])
        if values.get("decimal_places", "").strip():
            places = values["decimal_places"].strip()
            try:
                indicator.decimal_places = parse_int(places, minimum=0, maximum=4)
            except ValueError:
                problems.append(f"decimal_places '{places}' should be a whole number 0 to 4")
        if "tolerance_pct" in values:
            tolerance = read(
                "tolerance_pct", lambda t: parse_decimal(t, "tolerance_pct", field=TOLERANCE)
            )
            if tolerance is not None and not Decimal(0) <= tolerance < Decimal(10000):
                problems.append("tolerance_pct should be a percentage of 0 or more")
            indicator.tolerance_pct = tolerance
        if values.get("multiplier", "").strip():
            multiplier = read(
                "multiplier", lambda t: parse_decimal(t, "multiplier", field=MULTIPLIER)
            )
            if multiplier is not None and multiplier <= 0:
                problems.append("multiplier must be above zero")
            elif multiplier is not None:
                indicator.multiplier = multiplier
        elif is_new:
            indicator.multiplier = default_multiplier(
                unit=indicator.unit, aggregation=indicator.aggregation
            )
        for column in ("is_national", "is_public", "allow_negative", "allow_over_100"):
            if column in values:
                flag = read(column, lambda t, c=column: parse_bool(t, c))
                if flag is not None:
                    setattr(indicator, column, flag)
        if scale := scale_problem(
            unit=indicator.unit,
            aggregation=indicator.aggregation,
            multiplier=indicator.multiplier,
            allow_over_100=indicator.allow_over_100,
            targets=target_values.get(indicator.pk, ()),
        ):
            problems.append(scale)
        for problem in problems:
            errors.add(row.number, problem)
        if check_lengths(row, errors, REGISTER_LIMITS) and not problems:
            planned.append((indicator, is_new))
    return _save_all(planned, errors)


# Targets --------------------------------------------------------------------------------------


def import_targets(name: str, content: bytes, *, by: User | None = None) -> ImportResult:
    """Create or replace yearly targets (matched by code and year), with optional profiles."""
    rows = read_table(name, content, TARGET_REQUIRED, (*TARGET_COLUMNS, *TARGET_EXTRA))
    indicators = {code_key(i.code): i for i in Indicator.objects.all()}
    existing = {(t.indicator_id, t.year): t for t in Target.objects.all()}
    errors, seen = RowErrors(), {}
    planned: list[tuple[Target, bool]] = []
    for row in rows:
        values = row.values
        code = code_key(values.get("code"))
        indicator = indicators.get(code)
        if indicator is None:
            errors.add(row.number, f"code '{values.get('code', '')}' is not in the register")
            continue
        problems: list[str] = []
        try:
            year = parse_fy(values.get("year", ""))
        except ValueError as exc:
            errors.add(row.number, str(exc))
            continue
        _duplicate_check(errors, seen, (code, year), row, f"{code} {values['year']}")
        numbers: dict[str, Decimal | None] = {}
        for column in ("annual_target", "baseline", "floor", "band_low", "band_high"):
            try:
                numbers[column] = parse_decimal(values.get(column, ""), column)
            except ParseError as exc:
                problems.append(str(exc))
        try:
            profile = parse_profile(
                [values.get(c, "") for c in PROFILE_COLUMNS], indicator.frequency
            )
        except ParseError as exc:
            problems.append(str(exc))
            profile = []
        if not problems:
            if numbers["annual_target"] is None and indicator.polarity != Polarity.DATA:
                problems.append("annual_target is blank")
            problems.extend(
                message
                for _field, message in target_problems(
                    indicator,
                    annual_target=numbers["annual_target"],
                    floor=numbers["floor"],
                    band_low=numbers["band_low"],
                    band_high=numbers["band_high"],
                )
            )
        for problem in problems:
            errors.add(row.number, problem)
        if not problems:
            target = existing.get((indicator.pk, year)) or Target(indicator=indicator, year=year)
            is_new = target.pk is None
            for column, number in numbers.items():
                setattr(target, column, number)
            target.profile = profile
            planned.append((target, is_new))
    return _save_all(planned, errors)


# Figures --------------------------------------------------------------------------------------

# The places a row's message shows a ratio's worked-out value to (the value column's).
RATIO_PLACES = Decimal("0.0001")


def import_figures(
    name: str,
    content: bytes,
    *,
    by: User | None = None,
    today=None,
) -> ImportResult:
    """Create or update figures (matched by code and period) from a figures file.

    Imported figures are 'submitted' with `by` as the person who entered and submitted them,
    so they wait for verification like figures typed in. `by` may only import figures of PIs
    they may enter (core roles); None (a script run by the performance team) may import any.
    Verified figures and figures of closed periods are refused, as are periods not yet ended.
    """
    rows = read_table(name, content, FIGURE_REQUIRED, FIGURE_COLUMNS)
    today = today or timezone.localdate()
    indicators = {code_key(i.code): i for i in Indicator.objects.all()}
    existing = {
        (f.indicator_id, f.year, f.number): f
        for f in Figure.objects.filter(indicator__in=indicators.values())
    }
    closed = set(PeriodClosure.objects.values_list("frequency", "year", "number"))
    errors, seen = RowErrors(), {}
    entries: list[FigureInput] = []
    for row in rows:
        values = row.values
        code = code_key(values.get("code"))
        indicator = indicators.get(code)
        if indicator is None:
            errors.add(row.number, f"code '{values.get('code', '')}' is not in the register")
            continue
        if by is not None and not may_enter_figures_for(by, indicator):
            errors.add(row.number, f"you may not enter figures for {indicator.code}")
            continue
        try:
            period = Period.parse(values.get("period", ""))
        except ValueError as exc:
            errors.add(row.number, str(exc))
            continue
        problems = _period_problems(indicator, period, today, closed)
        _duplicate_check(errors, seen, (code, period), row, f"{code} {period.label}")
        figure = existing.get((indicator.pk, period.year, period.number))
        if figure is not None and figure.state == FigureState.VERIFIED:
            problems.append(
                f"the {period.label} figure is already verified; amend it on the figure's page"
            )
        check_lengths(row, errors, figure_text_limits())  # any problem here refuses the file
        numbers: dict[str, Decimal | None] = {}
        for column in ("value", "numerator", "denominator"):
            try:
                numbers[column] = parse_decimal(values.get(column, ""), column)
            except ParseError as exc:
                problems.append(str(exc))
        if not problems:
            problems.extend(_value_problems(indicator, numbers))
        for problem in problems:
            errors.add(row.number, problem)
        if problems:
            continue
        # A blank cell keeps what is saved: a row never replaces a figure with less.
        kept = figure or Figure()
        entries.append(
            FigureInput(
                indicator=indicator,
                period=period,
                value=numbers["value"],
                numerator=numbers["numerator"],
                denominator=numbers["denominator"],
                commentary=values.get("commentary", "") or kept.commentary,
                corrective_action=values.get("corrective_action", "") or kept.corrective_action,
                commentary_is_internal=kept.commentary_is_internal,
                plausibility_explanation=kept.plausibility_explanation,
                expected_version=figure.version if figure is not None else 0,
            )
        )
    if errors:
        raise ImportRefused(errors)
    try:
        figures_enter(user=by, entries=entries, submit=True, today=today)
    except FigureConflict as conflict:
        for row, entry in zip(rows, entries, strict=True):
            if entry.key in conflict.figures:
                errors.add(row.number, f"{entry.indicator.code} was changed meanwhile: try again")
        raise ImportRefused(errors) from conflict
    created = sum(1 for e in entries if e.expected_version == 0)
    return ImportResult(created=created, updated=len(entries) - created)


def figure_text_limits() -> dict[str, int]:
    """The lengths the entry form allows for a figure's texts, so imports hold to the same."""
    from indicators.figures.forms import FigureEntryForm

    fields = FigureEntryForm.base_fields
    return {column: fields[column].max_length for column in ("commentary", "corrective_action")}


def _period_problems(indicator: Indicator, period: Period, today, closed: set) -> list[str]:
    """Return why a figure cannot be given for this period (empty when it can)."""
    if period.frequency != indicator.frequency:
        return [
            f"period '{period.label}' is {period.frequency} but {indicator.code} is "
            f"reported {indicator.frequency}"
        ]
    if period.end >= today:
        return [f"period {period.label} has not ended yet"]
    if (period.frequency, period.year, period.number) in closed:
        return [f"period {period.label} is closed; the performance team must reopen it first"]
    return []


def _value_problems(indicator: Indicator, numbers: dict[str, Decimal | None]) -> list[str]:
    """Check a row's numbers with the entry page's rule (validation.check_values), worded for
    a row of a file; fills in the numbers as entry reads them (a ratio's value worked out).

    Returns the problems found (empty when the numbers are acceptable).
    """
    checked = check_values(
        indicator,
        value=numbers["value"],
        numerator=numbers["numerator"],
        denominator=numbers["denominator"],
    )
    if checked.is_blank and not checked.errors:
        if indicator.uses_ratio:
            return [f"{indicator.code} is a ratio measure: give numerator and denominator"]
        return ["value is blank"]
    problems: list[str] = []
    for name, problem in checked.problems.items():
        message = _row_wording(indicator, checked, numbers, problem) or (
            f"{name}: {checked.errors[name]}"
        )
        if message not in problems:
            problems.append(message)
    numbers.update(
        value=checked.value, numerator=checked.numerator, denominator=checked.denominator
    )
    return problems


def _row_wording(indicator: Indicator, checked, numbers: dict, problem: str) -> str:
    """Return how a row of a file words what check_values refused ('' for its own words)."""
    return {
        Problem.RATIO_NEEDS_PARTS: (
            f"{indicator.code} is a ratio measure: give numerator and denominator"
        ),
        Problem.PART_MISSING: "give both numerator and denominator, or neither",
        Problem.ZERO_DENOMINATOR: "denominator is zero",
        Problem.NEGATIVE_PART: "numerator and denominator cannot be negative",
        Problem.TOO_LARGE: "numerator / denominator is too large to store",
        Problem.MISMATCH: (
            f"value {numbers['value']} does not match numerator / denominator "
            f"({checked.computed.quantize(RATIO_PLACES) if checked.computed is not None else ''}); "
            "leave value blank to have it calculated"
        ),
        Problem.NEGATIVE: (
            f"value {checked.value} is negative, which {indicator.code} does not allow"
        ),
        Problem.OVER_100: (
            f"value {checked.value} is over 100%, which {indicator.code} does not allow"
        ),
    }.get(problem, "")


def template_rows(kind: str) -> tuple[tuple[str, ...], list[list[str]]]:
    """Return the header and example rows of the downloadable template for `kind`."""
    if kind == "indicators":
        return INDICATOR_COLUMNS, [
            [
                "LPI HO 01",
                "Households prevented from becoming homeless",
                "Cases where homelessness was prevented",
                "number",
                "0",
                "higher",
                "monthly",
                "sum",
                "outcome",
                "housing-options",
                "officer",
                "",
                "5",
                "no",
                "yes",
            ]
        ]
    if kind == "targets":
        return TARGET_COLUMNS, [
            ["LPI HO 01", "2026/27", "480", "455", "", *(["40"] * 12)],
        ]
    return FIGURE_COLUMNS, [
        ["LPI HO 01", "2026-04", "42", "", "", "Above profile after the new triage rota", ""],
    ]
