"""Comparator data: other authorities' values of our PIs, imported from a benchmarking file.

`import_benchmarks(name, content, by=..., council_name=...)` reads a CSV or Excel file in the
columns of indicators.formats.BENCHMARK_COLUMNS (docs/benchmarking.md) like every other
import: every row is checked, every problem is reported with its row number, and nothing is
saved unless the whole file is good. Each PI and period in the file replaces what was held for
it. The comparison itself is indicators.benchmarking's, applied by the assessment engine.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from core.models import CouncilSettings
from core.parsing import fits_column
from core.tabular import ImportRefused, RowErrors, check_lengths, column_limits, read_table
from indicators.benchmarking import name_key
from indicators.choices import Frequency, Polarity
from indicators.formats import BENCHMARK_COLUMNS, BENCHMARK_GROUP_SEPARATOR, BENCHMARK_REQUIRED
from indicators.importers import _duplicate_check, code_key
from indicators.models import ComparatorValue, Indicator
from indicators.parsing import ParseError, parse_decimal
from indicators.periods import PERIODS_IN_YEAR, Period
from indicators.rag import rounded

VALUE = ComparatorValue._meta.get_field("value")
LIMITS = column_limits(ComparatorValue, authority="authority")
GROUP_NAME_LIMIT = 100
NAME_LIMIT = CouncilSettings._meta.get_field("comparator_name").max_length


@dataclass
class BenchmarkImportResult:
    rows: int = 0
    periods: int = 0  # PI-periods written
    replaced: int = 0  # of which held data before
    council_named: bool = False  # whether any row names this council (its groups)
    council_name: str = ""
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"{self.rows} comparator value{'s' if self.rows != 1 else ''} for "
            f"{self.periods} PI period{'s' if self.periods != 1 else ''}"
        )
        if self.replaced:
            text += f" ({self.replaced} replaced)"
        return text


def _groups(text: str) -> tuple[list[str], list[str]]:
    """Return (groups, problems) for a group cell: names separated by ';', blanks dropped."""
    groups: list[str] = []
    problems = []
    for part in (text or "").split(BENCHMARK_GROUP_SEPARATOR):
        name = " ".join(part.split())
        if not name:
            continue
        if len(name) > GROUP_NAME_LIMIT:
            problems.append(f"group '{name[:40]}…' is longer than {GROUP_NAME_LIMIT} characters")
        elif name not in groups:
            groups.append(name)
    return groups, problems


def _value(indicator: Indicator, numbers: dict[str, Decimal | None]) -> tuple[Decimal | None, str]:
    """Return (value, problem): the value given, or numerator / denominator in the PI's unit."""
    value, numerator, denominator = numbers["value"], numbers["numerator"], numbers["denominator"]
    if (numerator is None) != (denominator is None):
        return None, "give both numerator and denominator, or neither"
    if denominator is not None:
        if denominator <= 0 or numerator < 0:
            return None, "numerator and denominator should be above zero"
        computed = numerator / denominator * indicator.multiplier
        if not fits_column(computed, VALUE):
            return None, "numerator / denominator is too large to store"
        computed = computed.quantize(Decimal("0.0001"))
        if value is None:
            return computed, ""
        if abs(value - computed) > Decimal("0.5") * Decimal(10) ** -indicator.decimal_places:
            return None, (
                f"value {value} does not match numerator / denominator ({computed}); leave "
                "value blank to have it calculated"
            )
    if value is None:
        return None, "value is blank"
    if value < 0 and not indicator.allow_negative:
        return None, f"value {value} is negative, which {indicator.code} does not allow"
    return value, ""


def import_benchmarks(
    name: str,
    content: bytes,
    *,
    by: User | None = None,
    council_name: str | None = None,
) -> BenchmarkImportResult:
    """Replace the comparator values of every PI and period in the file.

    `council_name`, when given, becomes the council setting naming this council in comparator
    data (saved with the import, or not at all). Raises ImportRefused (row errors) or
    TableError (the file cannot be read); nothing is saved then.
    """
    rows = read_table(name, content, BENCHMARK_REQUIRED, BENCHMARK_COLUMNS)
    council = CouncilSettings.load()
    errors = RowErrors()
    if council_name is not None:
        council_name = " ".join(council_name.split())
        if len(council_name) > NAME_LIMIT:
            errors.add(1, f"the council's name is longer than {NAME_LIMIT} characters")
    our_name = name_key(council_name if council_name is not None else council.comparator_name)
    indicators = {code_key(i.code): i for i in Indicator.objects.all()}
    seen: dict = {}
    planned: dict[tuple[int, int, int], list[ComparatorValue]] = {}
    council_named = False
    for row in rows:
        values = row.values
        indicator = indicators.get(code_key(values.get("code")))
        if indicator is None:
            errors.add(row.number, f"code '{values.get('code', '')}' is not in the register")
            continue
        problems: list[str] = []
        authority = " ".join(values.get("authority", "").split())
        if not authority:
            problems.append("authority is blank")
        try:
            period = Period.parse(values.get("period", ""))
        except ValueError as exc:
            errors.add(row.number, str(exc))
            continue
        if period.frequency != indicator.frequency:
            problems.append(
                f"period '{period.label}' is {period.frequency} but {indicator.code} is "
                f"reported {indicator.frequency}"
            )
        _duplicate_check(
            errors,
            seen,
            (indicator.pk, period, name_key(authority)),
            row,
            f"{indicator.code} {period.label} {authority}",
        )
        numbers: dict[str, Decimal | None] = {}
        for column in ("value", "numerator", "denominator"):
            try:
                numbers[column] = parse_decimal(values.get(column, ""), column, field=VALUE)
            except ParseError as exc:
                problems.append(str(exc))
        value = None
        if len(numbers) == 3:
            value, problem = _value(indicator, numbers)
            if problem:
                problems.append(problem)
        groups, group_problems = _groups(values.get("group", ""))
        problems.extend(group_problems)
        for problem in problems:
            errors.add(row.number, problem)
        if not check_lengths(row, errors, LIMITS) or problems:
            continue
        council_named = council_named or (bool(our_name) and name_key(authority) == our_name)
        planned.setdefault((indicator.pk, period.year, period.number), []).append(
            ComparatorValue(
                indicator=indicator,
                year=period.year,
                number=period.number,
                authority=authority,
                value=value,
                numerator=numbers["numerator"],
                denominator=numbers["denominator"],
                groups=groups,
                imported_by=by,
            )
        )
    if errors:
        raise ImportRefused(errors)
    result = BenchmarkImportResult(
        council_named=council_named,
        council_name=council_name if council_name is not None else council.comparator_name,
    )
    with transaction.atomic():
        if council_name is not None and council_name != council.comparator_name:
            council.comparator_name = council_name
            council.save()
        for (indicator_id, year, number), new_rows in planned.items():
            # Deleted one by one (the model's signals), so the history records each row.
            old = ComparatorValue.objects.filter(
                indicator_id=indicator_id, year=year, number=number
            )
            if old.exists():
                result.replaced += 1
                old.delete()
            for obj in new_rows:
                obj.save()
            result.rows += len(new_rows)
            result.periods += 1
    if not result.council_name:
        result.notes.append(
            "This council's name in comparator data is not set: rows are all compared with "
            "our figure, and no comparator group applies."
        )
    elif rows and not council_named:
        result.notes.append(
            f"No row names this council ('{result.council_name}'): our rank is among all "
            "authorities only, with no comparator group."
        )
    return result


# The PI page's "How we compare" panel ----------------------------------------------------------


@dataclass
class ComparisonPanel:
    """What the PI page shows of the comparison: the latest compared period's, and the trend."""

    latest: object  # the Assessment of the latest period with comparator data
    plot: str
    trend: list  # Assessments with comparator data, newest first


def comparison_panel(indicator: Indicator, assessments, unit: str) -> ComparisonPanel | None:
    """Return the panel for the assessments (oldest first), or None without comparator data."""
    from indicators.charts import dot_plot_svg

    compared = [a for a in assessments if a.comparison is not None]
    if not compared:
        return None
    latest = compared[-1]
    overall = latest.comparison.overall
    plot = dot_plot_svg(
        title=f"{indicator.code} {latest.period.label}: every authority's value, ours marked",
        entries=[(e.authority, e.value, e.is_us) for e in overall.entries],
        median=overall.median,
        unit=unit,
        decimal_places=indicator.decimal_places,
        our_label="Us",
    )
    return ComparisonPanel(latest, plot, list(reversed(compared)))


# The targets page's ambition check ----------------------------------------------------------


@dataclass
class Ambition:
    """Where a year's target would have ranked among the comparators' latest values."""

    target: Decimal
    compared_at: Period  # the latest period with comparator data
    ranking: object  # indicators.benchmarking.Ranking of the target among the others
    last_outturn: Decimal | None
    outturn_year: str
    group_name: str = ""
    group_median: Decimal | None = None
    below_outturn: bool = False
    below_group_median: bool = False


def _worse(value: Decimal, than: Decimal, polarity: str) -> bool:
    if polarity == Polarity.HIGHER:
        return value < than
    if polarity == Polarity.LOWER:
        return value > than
    return False  # band and data-only PIs: no "less ambitious" direction


def ambition_check(indicator: Indicator, year: int) -> Ambition | None:
    """Return the ambition check of `indicator`'s annual target for `year`, or None when there
    is no target or no comparator data. Flags a target worse (by polarity) than the council's
    own outturn of the last year ended before it, or than the median of its first comparator
    group at the latest period with comparator data."""
    from indicators.assessment import assess_indicators, indicator_history
    from indicators.benchmarking import rank_values
    from indicators.models import Target

    target = Target.objects.filter(indicator=indicator, year=year).first()
    if target is None or target.annual_target is None:
        return None
    latest = (
        # Periods of the PI's own frequency only (it may have changed since the import).
        ComparatorValue.objects.filter(
            indicator=indicator, number__lte=PERIODS_IN_YEAR[indicator.frequency]
        )
        .order_by("-year", "-number")
        .values_list("year", "number")
        .first()
    )
    if latest is None:
        return None
    period = Period(indicator.frequency, *latest)
    (assessed,) = indicator_history(indicator, [period])
    comparison = assessed.comparison
    if comparison is None:
        return None
    others = [(e.authority, e.value) for e in comparison.overall.entries if not e.is_us]
    band = None
    if target.band_low is not None and target.band_high is not None:
        band = (target.band_low, target.band_high)
    ranking = rank_values(
        target.annual_target,
        others,
        polarity=indicator.polarity,
        places=indicator.decimal_places,
        band=band,
    )
    if ranking is None:
        return None
    # The last year that has ended before the target's: its outturn is complete.
    ended = Period.last_ended(Frequency.ANNUAL, timezone.localdate()).year
    last_year = Period.whole_year(min(year - 1, ended))
    (outturn,) = assess_indicators([indicator], last_year)
    last_outturn = outturn.ytd_value if outturn.ytd_value is not None else outturn.value
    value = rounded(target.annual_target, indicator.decimal_places)
    group = comparison.group
    result = Ambition(
        target=value,
        compared_at=period,
        ranking=ranking,
        last_outturn=last_outturn,
        outturn_year=last_year.label,
        group_name=group.name if group else "",
        group_median=group.ranking.median if group else None,
    )
    polarity = indicator.polarity
    result.below_outturn = last_outturn is not None and _worse(value, last_outturn, polarity)
    result.below_group_median = result.group_median is not None and _worse(
        value, result.group_median, polarity
    )
    return result
