"""The rules behind every traffic light: RAG, year-to-date, direction of travel and forecast.

Pure functions on Decimals, with no database access, so that each rule of docs/rag-rules.md can be
tested on its own. indicators/assessment.py applies them to indicators and figures; pages,
exports, reports and dashboards use that, never these rules directly.

Conventions:
- Boundaries are inclusive: a value exactly on the target is Green, exactly on the edge of
  the tolerance is Amber.
- A percentage tolerance is a percentage of the target's magnitude, so a target of 0 has no
  tolerance and a negative target's tolerance is as wide as a positive one of the same size.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from indicators.choices import Aggregation, Direction, Polarity, Rag, ToleranceKind

HUNDRED = Decimal(100)
ZERO = Decimal(0)

SCHEME_TOLERANCE = "tolerance"
SCHEME_TOLERANCE_OR_TREND = "tolerance_or_trend"

# Forecast methods, named for people reading the assessment.
FORECAST_LAST_YEAR = "last_year_profile"
FORECAST_TARGET_PROFILE = "target_profile"
FORECAST_PACE = "pace"
FORECAST_OUTTURN = "outturn"
FORECAST_METHOD_LABELS = {
    FORECAST_LAST_YEAR: "Year-to-date pace, shaped by last year's seasonal pattern",
    FORECAST_TARGET_PROFILE: "Year-to-date pace, shaped by this year's target profile",
    FORECAST_PACE: "Year-to-date pace continued to the year end",
    FORECAST_OUTTURN: "The year is complete: the outturn",
}


@dataclass(frozen=True)
class Tolerance:
    """How far from target a value may be and still be Amber.

    `pct` is already resolved (the indicator's own, else the council-wide default).
    """

    kind: str = ToleranceKind.PERCENT
    pct: Decimal = Decimal(5)
    amount: Decimal | None = None


@dataclass(frozen=True)
class Thresholds:
    """What a value is judged against: the target and, where set, floor and band."""

    target: Decimal | None
    floor: Decimal | None = None
    band_low: Decimal | None = None
    band_high: Decimal | None = None

    def band(self) -> tuple[Decimal, Decimal] | None:
        """Return the Green band (low, high): the set band, else exactly the target.

        Returns None when there is neither a band nor a target.
        """
        low = self.band_low if self.band_low is not None else self.target
        high = self.band_high if self.band_high is not None else self.target
        if low is None or high is None:
            return None
        return (min(low, high), max(low, high))

    def reference(self) -> Decimal | None:
        """Return the value 'closest is best' is measured from: the target, else the band's
        midpoint; None when there is neither."""
        if self.target is not None:
            return self.target
        band = self.band()
        return None if band is None else (band[0] + band[1]) / 2

    def scaled(self, factor: Decimal) -> "Thresholds":
        """Return these thresholds with floor and band multiplied by `factor` (pro rata)."""
        return Thresholds(
            target=self.target,
            floor=_times(self.floor, factor),
            band_low=_times(self.band_low, factor),
            band_high=_times(self.band_high, factor),
        )


def _times(value: Decimal | None, factor: Decimal) -> Decimal | None:
    return None if value is None else value * factor


# Precision ------------------------------------------------------------------------------------


def rounded(value: Decimal | None, places: int) -> Decimal | None:
    """Return `value` rounded half-up to `places` decimal places (None stays None).

    Figures are judged as the council reports them, at the indicator's decimal places.
    """
    if value is None:
        return None
    try:
        result = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # too many digits to quantize: leave as it is
        return value
    # -0.0001 rounds to -0: show it as 0.
    return result.copy_abs() if result.is_zero() else result


def to_decimal(text: object) -> Decimal | None:
    """Return a profile entry as a Decimal, or None when it is blank or not a number."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        result = Decimal(str(text).strip())
    except InvalidOperation:
        return None
    return result if result.is_finite() else None


# RAG ------------------------------------------------------------------------------------------


def tolerance_amount(target: Decimal, tolerance: Tolerance) -> Decimal:
    """Return the width of the Amber zone beyond the target (never negative).

    Percentage: that percent of |target| (0 for a zero target). Absolute: the amount.
    """
    if tolerance.kind == ToleranceKind.ABSOLUTE and tolerance.amount is not None:
        return abs(tolerance.amount)
    return abs(target) * tolerance.pct / HUNDRED


def _percent_tolerance(tolerance: Tolerance) -> Tolerance:
    return Tolerance(ToleranceKind.PERCENT, tolerance.pct)


def judge(
    value: Decimal | None,
    thresholds: Thresholds,
    *,
    polarity: str,
    tolerance: Tolerance,
    scheme: str = SCHEME_TOLERANCE,
    last_year: Decimal | None = None,
) -> Rag:
    """Return the RAG of `value` against `thresholds`.

    Data-only indicators give DATA_ONLY; no value gives MISSING (callers say NOT_DUE when the
    figure is not yet due); no target (and, for band indicators, no band) gives NO_TARGET.
    Under the tolerance-or-trend scheme a value beyond the tolerance is Amber when it improved
    on `last_year` (the same period last year) and Red otherwise.
    """
    if polarity == Polarity.DATA:
        return Rag.DATA_ONLY
    if value is None:
        return Rag.MISSING
    rag = _tolerance_rag(value, thresholds, polarity, tolerance)
    if rag == Rag.RED and scheme == SCHEME_TOLERANCE_OR_TREND:
        trend = direction(value, last_year, polarity, thresholds.reference())
        return Rag.AMBER if trend == Direction.IMPROVING else Rag.RED
    return rag


def _tolerance_rag(
    value: Decimal, thresholds: Thresholds, polarity: str, tolerance: Tolerance
) -> Rag:
    if polarity == Polarity.BAND:
        return _band_rag(value, thresholds, tolerance)
    target = thresholds.target
    if target is None:
        return Rag.NO_TARGET
    use_floor = tolerance.kind == ToleranceKind.FLOOR and thresholds.floor is not None
    if polarity == Polarity.LOWER:
        if value <= target:
            return Rag.GREEN
        limit = thresholds.floor if use_floor else target + _amount(target, tolerance)
        return Rag.AMBER if value <= limit else Rag.RED
    if value >= target:
        return Rag.GREEN
    limit = thresholds.floor if use_floor else target - _amount(target, tolerance)
    return Rag.AMBER if value >= limit else Rag.RED


def _amount(target: Decimal, tolerance: Tolerance) -> Decimal:
    # A floor kind with no floor set for the year falls back to the percentage tolerance.
    if tolerance.kind == ToleranceKind.FLOOR:
        tolerance = _percent_tolerance(tolerance)
    return tolerance_amount(target, tolerance)


def _band_rag(value: Decimal, thresholds: Thresholds, tolerance: Tolerance) -> Rag:
    band = thresholds.band()
    if band is None:
        return Rag.NO_TARGET
    low, high = band
    if low <= value <= high:
        return Rag.GREEN
    # A floor makes no sense on both sides of a band: band indicators use the percentage.
    amount = _amount(thresholds.reference(), tolerance)
    return Rag.AMBER if low - amount <= value <= high + amount else Rag.RED


# Direction of travel ----------------------------------------------------------------------------


def direction(
    current: Decimal | None,
    earlier: Decimal | None,
    polarity: str,
    reference: Decimal | None = None,
) -> Direction | None:
    """Return the direction of travel from `earlier` to `current`, or None with nothing to compare.

    Higher/lower: Improving, Declining or No change by polarity. Band: closer to `reference`
    (the target, else the band's midpoint) is Improving. Data only, and a band indicator with
    nothing to be close to: Up, Down or No change.
    """
    if current is None or earlier is None:
        return None
    if polarity == Polarity.DATA or (polarity == Polarity.BAND and reference is None):
        if current == earlier:
            return Direction.NO_CHANGE
        return Direction.UP if current > earlier else Direction.DOWN
    if polarity == Polarity.BAND:
        now, before = abs(current - reference), abs(earlier - reference)
        better = now < before
        worse = now > before
    elif polarity == Polarity.LOWER:
        better, worse = current < earlier, current > earlier
    else:
        better, worse = current > earlier, current < earlier
    if better:
        return Direction.IMPROVING
    return Direction.DECLINING if worse else Direction.NO_CHANGE


# Period values and year to date --------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One period's counted figure (or target, for target aggregation): `weight` is the
    denominator when there is one."""

    number: int
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def period_value(
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
    multiplier: Decimal,
) -> Decimal | None:
    """Return a figure's value: numerator / denominator x multiplier when both are given,
    else the value entered. Returns None for a zero denominator (no value, not an error)."""
    if numerator is not None and denominator is not None:
        if denominator == 0:
            return None
        return numerator / denominator * multiplier
    return value


def usable(aggregation: str, points: Sequence[Point]) -> list[Point]:
    """Return the points that count towards the year to date, in period order.

    Ratio measures count only periods with both numerator and denominator (a percentage
    alone cannot be re-weighted); the others count periods with a value.
    """
    if aggregation == Aggregation.RATIO:
        chosen = [p for p in points if p.numerator is not None and p.denominator is not None]
    else:
        chosen = [p for p in points if p.value is not None]
    return sorted(chosen, key=lambda p: p.number)


def aggregate(aggregation: str, points: Sequence[Point], multiplier: Decimal) -> Decimal | None:
    """Return the year to date of `points` (already filtered by `usable`); None when empty.

    sum: the total. ratio: sum(numerators) / sum(denominators) x multiplier (None when the
    denominators add to 0). average: the mean, weighted by denominator when every point has
    one. latest: the last point's value.
    """
    if not points:
        return None
    if aggregation == Aggregation.SUM:
        return sum((p.value for p in points), ZERO)
    if aggregation == Aggregation.RATIO:
        denominator = sum((p.denominator for p in points), ZERO)
        if denominator == 0:
            return None
        return sum((p.numerator for p in points), ZERO) / denominator * multiplier
    if aggregation == Aggregation.AVERAGE:
        return weighted_mean(points)
    return points[-1].value


def weighted_mean(points: Sequence[Point]) -> Decimal | None:
    """Return the mean of the points' values, weighted by denominator when every point has a
    denominator and they do not add to 0; None when there are no points."""
    values = [p for p in points if p.value is not None]
    if not values:
        return None
    weights = [p.denominator for p in values]
    if all(w is not None for w in weights) and sum(weights, ZERO) != 0:
        return sum((p.value * p.denominator for p in values), ZERO) / sum(weights, ZERO)
    return sum((p.value for p in values), ZERO) / len(values)


def period_targets(
    aggregation: str,
    annual: Decimal | None,
    profile: Sequence[object],
    periods_in_year: int,
) -> list[Decimal | None]:
    """Return the target of each period of the year (index 0 = period 1).

    A profile entry wins; without one a period's target is the annual target, except for sum
    indicators, whose period target is the annual target pro rata to the period's months.
    A profile of the wrong length is ignored.
    """
    entries = list(profile) if len(profile or ()) == periods_in_year else []
    if annual is None:
        base = None
    elif aggregation == Aggregation.SUM:
        base = annual / periods_in_year
    else:
        base = annual
    targets = []
    for index in range(periods_in_year):
        entry = to_decimal(entries[index]) if entries else None
        targets.append(entry if entry is not None else base)
    return targets


def has_profile(profile: Sequence[object], periods_in_year: int) -> bool:
    """Return whether a profile sets a target for every period of the year."""
    return len(profile or ()) == periods_in_year and all(
        to_decimal(entry) is not None for entry in profile
    )


def aggregate_targets(aggregation: str, targets: Sequence[Point]) -> Decimal | None:
    """Return the year-to-date target: the period targets of the counted periods combined as
    the figures are (sum: total; ratio and average: mean weighted by the periods'
    denominators; latest: the last). None when any of them has no target."""
    if not targets or any(t.value is None for t in targets):
        return None
    if aggregation == Aggregation.SUM:
        return sum((t.value for t in targets), ZERO)
    if aggregation == Aggregation.LATEST:
        return targets[-1].value
    return weighted_mean(targets)


# Forecast ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Forecast:
    value: Decimal | None
    method: str = ""


def forecast_outturn(
    aggregation: str,
    ytd: Decimal | None,
    *,
    covered: int,
    periods_in_year: int,
    last_year_same: Decimal | None = None,
    last_year_full: Decimal | None = None,
    profile_same: Decimal | None = None,
    profile_full: Decimal | None = None,
) -> Forecast:
    """Return the forecast year-end outturn from the year to date.

    `covered` is how many periods the year to date counts. `last_year_same`/`last_year_full`
    are last year's year to date over the same periods and its full-year outturn (given only
    when last year is complete); `profile_same`/`profile_full` the same for this year's target
    profile. The shape comes from last year where there is one, else the target profile, else
    the pace continues evenly:
    - sum: the total grows in proportion, ytd x full / same (evenly: ytd x periods / covered);
    - ratio, average, latest: the level moves as it did, ytd + (full - same) (evenly: ytd).
    """
    if ytd is None or covered <= 0:
        return Forecast(None)
    if covered >= periods_in_year:
        return Forecast(ytd, FORECAST_OUTTURN)
    for same, full, method in (
        (last_year_same, last_year_full, FORECAST_LAST_YEAR),
        (profile_same, profile_full, FORECAST_TARGET_PROFILE),
    ):
        if same is None or full is None:
            continue
        if aggregation == Aggregation.SUM:
            if same > 0 and full > 0:
                return Forecast(ytd * full / same, method)
        else:
            return Forecast(ytd + (full - same), method)
    if aggregation == Aggregation.SUM:
        return Forecast(ytd * periods_in_year / covered, FORECAST_PACE)
    return Forecast(ytd, FORECAST_PACE)


# Budget variance ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VarianceTolerance:
    """The council's budget tolerances (core.models.CouncilSettings' finance_* fields).

    Green within the larger of `green_pct` of the budget and `green_amount` pounds; Amber
    within `amber_pct` (never narrower than Green's band); Red beyond. `adverse` says which
    side counts against a budget (core.choices.AdverseVariance).
    """

    green_pct: Decimal = Decimal(1)
    green_amount: Decimal = Decimal(50000)
    amber_pct: Decimal = Decimal(5)
    adverse: str = "overspend"


def variance_rag(
    forecast: Decimal | None, budget: Decimal | None, tolerance: VarianceTolerance
) -> Rag:
    """Return the RAG of a forecast outturn against the current budget.

    The variance is forecast - budget (positive is an overspend). A variance on the side that
    does not count against the budget is Green however large (it is still reported). Boundaries
    are inclusive: a variance exactly on Green's limit is Green, exactly on Amber's is Amber.
    No forecast or no budget gives MISSING.
    """
    if forecast is None or budget is None:
        return Rag.MISSING
    variance = forecast - budget
    counts = {
        "overspend": variance > 0,
        "underspend": variance < 0,
        "both": variance != 0,
    }[tolerance.adverse]
    if not counts:
        return Rag.GREEN
    size = abs(variance)
    green_limit = max(abs(budget) * tolerance.green_pct / HUNDRED, tolerance.green_amount)
    if size <= green_limit:
        return Rag.GREEN
    amber_limit = max(abs(budget) * tolerance.amber_pct / HUNDRED, green_limit)
    return Rag.AMBER if size <= amber_limit else Rag.RED
