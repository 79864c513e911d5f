"""Assessing indicators at a reporting period: the ONE place that says what each PI's traffic
light, year to date, direction of travel and forecast are.

`assess_indicators(indicators, period)` assesses any mix of monthly, quarterly and annual PIs,
each at its latest period ending on or before the end of `period`, in a fixed number of
queries however many PIs there are. `indicator_history(indicator, periods)` gives the same
assessment for a run of periods (an indicator's chart), and `assess_history(indicators,
period, months=13)` for many PIs at once (sparklines, trend tables). `assess_typed(typed)`
assesses figures as typed, before they are saved (the entry page's live preview).

Which figures count is the `basis`:
- PUBLISHED: verified figures of closed periods (public pages, open data);
- VERIFIED: verified figures (what every signed-in user may see);
- SUBMITTED: submitted and verified figures (internal pages; the default);
- DRAFTS: every figure entered, including drafts and returned ones (for those allowed drafts).
`basis` may also be a function of the indicator; `indicators.visibility.figure_basis_for(user)`
builds the one that matches a user's role (see its docstring).

A period's state for an indicator (whatever the basis): verified, submitted or returned from
the figure's workflow state; otherwise (no figure, or a draft) not yet due before the period
ends, due until its due date, overdue after it (indicators.figures.due.owed_state). A draft does not
change the state: the figure is still owed; `has_draft` says one has been started. With no
figure counted the RAG is "Not yet due" while the period runs and "Missing" once it has ended,
by the same clock, so a row never says "Not yet due" beside "Due".
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from core.models import CouncilSettings
from indicators.benchmarking import Comparator, Comparison, compare
from indicators.choices import (
    Aggregation,
    Direction,
    FigureState,
    Frequency,
    PeriodState,
    Rag,
    Unit,
)
from indicators.figures.due import due_date_for, owed_state
from indicators.models import ComparatorValue, Figure, Indicator, PeriodClosure, Target
from indicators.periods import PERIODS_IN_YEAR, Period
from indicators.rag import (
    HUNDRED,
    ZERO,
    Forecast,
    Point,
    Thresholds,
    Tolerance,
    aggregate,
    aggregate_targets,
    direction,
    forecast_outturn,
    has_profile,
    judge,
    period_targets,
    period_value,
    rounded,
    usable,
)


class Basis:
    """Which figures count, from the strictest to the widest."""

    PUBLISHED = "published"
    VERIFIED = "verified"
    SUBMITTED = "submitted"
    DRAFTS = "drafts"

    CHOICES = (
        (PUBLISHED, "Verified figures of closed periods"),
        (VERIFIED, "Verified figures"),
        (SUBMITTED, "Submitted and verified figures"),
        (DRAFTS, "All figures, including drafts"),
    )
    ALL = tuple(value for value, _ in CHOICES)


COUNTED_STATES = {
    Basis.PUBLISHED: {FigureState.VERIFIED},
    Basis.VERIFIED: {FigureState.VERIFIED},
    Basis.SUBMITTED: {FigureState.SUBMITTED, FigureState.VERIFIED},
    Basis.DRAFTS: {
        FigureState.DRAFT,
        FigureState.SUBMITTED,
        FigureState.VERIFIED,
        FigureState.RETURNED,
    },
}

BasisRule = str | Callable[[Indicator], str]


@dataclass
class Assessment:
    """One indicator assessed at one period. Values are rounded to the indicator's decimal
    places; directions are indicators.choices.Direction values or None (nothing to compare);
    `ytd_rag` is None for `latest` indicators and `forecast_rag` None without a forecast."""

    indicator: Indicator
    period: Period
    figure: Figure | None  # the counted figure, or None
    value: Decimal | None
    target: Decimal | None
    rag: str
    ytd_value: Decimal | None
    ytd_target: Decimal | None
    ytd_rag: str | None
    dot_previous: str | None
    dot_last_year: str | None
    forecast: Decimal | None
    forecast_rag: str | None
    state: str
    due_date: date
    basis: str = Basis.SUBMITTED
    has_draft: bool = False
    closed: bool = False
    is_active: bool = True
    previous_value: Decimal | None = None
    last_year_value: Decimal | None = None
    annual_target: Decimal | None = None
    ytd_periods: int = 0
    ytd_complete: bool = False
    forecast_method: str = ""
    # How we compare with other authorities (indicators.benchmarking), None without data.
    comparison: Comparison | None = None

    @property
    def is_overdue(self) -> bool:
        return self.state == PeriodState.OVERDUE

    @property
    def revision(self):
        """Return the counted figure's revision (indicators.models.Revision), or None: every
        page, export and report marks a restated figure "revised" from this."""
        return self.figure.revision if self.figure is not None else None

    @property
    def has_rag(self) -> bool:
        """Return whether the period has a traffic light (Green, Amber or Red)."""
        return self.rag in (Rag.GREEN, Rag.AMBER, Rag.RED)


@dataclass(frozen=True)
class _Row:
    """A figure as the rules need it (no text), from a light query."""

    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    state: str


@dataclass
class _Context:
    """Everything the rules read, fetched in bulk."""

    council: CouncilSettings
    today: date
    rows: dict[tuple[int, int, int], _Row] = field(default_factory=dict)
    figures: dict[tuple[int, int, int], Figure] = field(default_factory=dict)
    targets: dict[tuple[int, int], Target] = field(default_factory=dict)
    closed: set[tuple[str, int, int]] = field(default_factory=set)
    comparators: dict[tuple[int, int, int], list[Comparator]] = field(default_factory=dict)
    # Each indicator-year is worked out once, however many periods are assessed.
    years: dict[tuple[int, int, str], "_Year"] = field(default_factory=dict)

    def year(self, indicator: Indicator, year: int, frequency: str, basis: str) -> "_Year":
        key = (indicator.pk, year, basis)
        if key not in self.years:
            self.years[key] = _Year(indicator, year, frequency, self, basis)
        return self.years[key]


def _years_needed(period: Period) -> set[int]:
    # The period's year and last year: previous period, same period last year, last year's
    # seasonal shape and year to date.
    return {period.year, period.year - 1}


def _load(
    periods_by_indicator: dict[int, set[Period]],
    *,
    full_figures: Q | None,
    council: CouncilSettings | None,
    today: date | None,
) -> _Context:
    """Fetch figures, targets, closures and comparator values for the indicators and periods,
    in five queries (six when the council settings are not given)."""
    context = _Context(
        council=council or CouncilSettings.load(), today=today or timezone.localdate()
    )
    years_by_ids: dict[frozenset[int], list[int]] = defaultdict(list)
    for indicator_id, periods in periods_by_indicator.items():
        years = frozenset(y for p in periods for y in _years_needed(p))
        years_by_ids[years].append(indicator_id)
    if not years_by_ids:
        return context
    scope = Q()
    for years, ids in years_by_ids.items():
        scope |= Q(indicator_id__in=ids, year__in=sorted(years))
    all_years = sorted({y for years in years_by_ids for y in years})

    for indicator_id, year, number, value, numerator, denominator, state in (
        Figure.objects.filter(scope)
        .order_by()
        .values_list("indicator_id", "year", "number", "value", "numerator", "denominator", "state")
    ):
        context.rows[(indicator_id, year, number)] = _Row(value, numerator, denominator, state)
    if full_figures is not None:
        for figure in Figure.objects.filter(scope & full_figures).order_by():
            context.figures[(figure.indicator_id, figure.year, figure.number)] = figure
    for target in Target.objects.filter(scope).order_by():
        context.targets[(target.indicator_id, target.year)] = target
    context.closed = set(
        PeriodClosure.objects.filter(year__in=all_years).values_list("frequency", "year", "number")
    )
    for indicator_id, year, number, authority, value, groups in (
        ComparatorValue.objects.filter(scope)
        .order_by()
        .values_list("indicator_id", "year", "number", "authority", "value", "groups")
    ):
        context.comparators.setdefault((indicator_id, year, number), []).append(
            Comparator(authority, value, tuple(groups or ()))
        )
    return context


def assess_indicators(
    indicators: Iterable[Indicator],
    period: Period,
    *,
    today: date | None = None,
    basis: BasisRule = Basis.SUBMITTED,
    council: CouncilSettings | None = None,
) -> list[Assessment]:
    """Return one Assessment per indicator, in the order given, at `period`.

    Each indicator is assessed at its own latest period ending on or before the end of
    `period` (a quarterly PI assessed at May sees the last complete quarter). Runs six
    queries (five when `council` is given), plus one when `indicators` is an unevaluated
    queryset, whatever the number of indicators.
    """
    indicators = list(indicators)
    own_period = {
        indicator.pk: Period.latest_for(indicator.frequency, period) for indicator in indicators
    }
    current = Q()
    by_period: dict[Period, list[int]] = defaultdict(list)
    for indicator in indicators:
        by_period[own_period[indicator.pk]].append(indicator.pk)
    for p, ids in by_period.items():
        current |= Q(indicator_id__in=ids, year=p.year, number=p.number)
    context = _load(
        {pk: {p} for pk, p in own_period.items()},
        full_figures=current if by_period else None,
        council=council,
        today=today,
    )
    return [
        _assess(indicator, own_period[indicator.pk], context, _basis_of(basis, indicator))
        for indicator in indicators
    ]


# The entry page's live preview: the RAG a figure would get before it is saved. The typed
# values stand in for the stored figure and the period is assessed as usual, so the
# preview can never disagree with what the reports show once the figure is submitted.


@dataclass
class Typed:
    """The values typed for one indicator and period (None when left blank)."""

    indicator: Indicator
    period: Period
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def assess_typed(
    typed: Sequence[Typed], *, today: date | None = None, council: CouncilSettings | None = None
) -> list[Assessment]:
    """Return an Assessment per entry, in order, as if the typed values were submitted.

    Blank entries are assessed on the figures already submitted. Five or six queries
    whatever the number of entries.
    """
    periods: dict[int, set[Period]] = defaultdict(set)
    for entry in typed:
        periods[entry.indicator.pk].add(entry.period)
    context = _load(periods, full_figures=None, council=council, today=today)
    for entry in typed:
        if entry.value is None and entry.numerator is None:
            continue
        key = (entry.indicator.pk, entry.period.year, entry.period.number)
        context.rows[key] = _Row(
            entry.value, entry.numerator, entry.denominator, FigureState.SUBMITTED
        )
    return [_assess(e.indicator, e.period, context, Basis.SUBMITTED) for e in typed]


def indicator_history(
    indicator: Indicator,
    periods: Sequence[Period],
    *,
    today: date | None = None,
    basis: BasisRule = Basis.SUBMITTED,
    council: CouncilSettings | None = None,
) -> list[Assessment]:
    """Return the indicator's Assessment at each of `periods` (of its own frequency), in order,
    for charts and sparklines, in five or six queries however many periods.

    Raises ValueError when a period is not of the indicator's frequency.
    """
    for p in periods:
        if p.frequency != indicator.frequency:
            raise ValueError(f"{p.label} is not a {indicator.frequency} period.")
    context = _load({indicator.pk: set(periods)}, full_figures=Q(), council=council, today=today)
    rule = _basis_of(basis, indicator)
    return [_assess(indicator, p, context, rule) for p in periods]


def assess_history(
    indicators: Iterable[Indicator],
    period: Period,
    *,
    months: int = 13,
    today: date | None = None,
    basis: BasisRule = Basis.SUBMITTED,
    council: CouncilSettings | None = None,
) -> dict[int, list[Assessment]]:
    """Return {indicator id: [Assessment, ...]} over the `months` months ending with
    `period`, for sparklines and trend tables of many PIs at once.

    Each PI's own periods that end within the span are assessed, oldest first: 13 months
    give a monthly PI 13 points and a quarterly PI the 4 or 5 quarters ending in them. Six
    queries (five with `council`) however many PIs and months. Assessments carry no
    `figure` (use assess_indicators for commentary).
    """
    indicators = list(indicators)
    last_month = Period.latest_for(Frequency.MONTHLY, period)
    span_start = last_month.back(months)[0].start
    periods: dict[int, list[Period]] = {}
    for indicator in indicators:
        own = [Period.latest_for(indicator.frequency, last_month)]
        while own[-1].previous().end >= span_start:
            own.append(own[-1].previous())
        periods[indicator.pk] = [p for p in reversed(own) if p.end >= span_start]
    context = _load(
        {pk: set(ps) for pk, ps in periods.items()},
        full_figures=None,
        council=council,
        today=today,
    )
    return {
        indicator.pk: [
            _assess(indicator, p, context, _basis_of(basis, indicator))
            for p in periods[indicator.pk]
        ]
        for indicator in indicators
    }


def _basis_of(basis: BasisRule, indicator: Indicator) -> str:
    return basis(indicator) if callable(basis) else basis


# The rules, applied to one indicator at one period ------------------------------------------


def _counts(row: _Row | None, basis: str, key: tuple[str, int, int], context: _Context) -> bool:
    """Return whether a figure counts on `basis`; `key` is its period (frequency, year,
    number), needed for the published basis (closed periods only)."""
    if row is None or row.state not in COUNTED_STATES[basis]:
        return False
    return basis != Basis.PUBLISHED or key in context.closed


def _tolerance(indicator: Indicator, council: CouncilSettings) -> Tolerance:
    pct = indicator.tolerance_pct
    if pct is None:
        pct = council.default_tolerance_pct
    return Tolerance(indicator.tolerance_kind, Decimal(pct), indicator.tolerance_abs)


class _Year:
    """One indicator's counted figures and targets for one financial year."""

    def __init__(self, indicator: Indicator, year: int, frequency: str, context, basis: str):
        self.indicator = indicator
        self.count = PERIODS_IN_YEAR[frequency]
        self.points: dict[int, Point] = {}
        self._counted: dict[int, list[Point]] = {}
        self._ytd: dict[int, Decimal | None] = {}
        self.multiplier = indicator.multiplier
        for number in range(1, self.count + 1):
            row = context.rows.get((indicator.pk, year, number))
            if _counts(row, basis, (frequency, year, number), context):
                value = period_value(row.value, row.numerator, row.denominator, self.multiplier)
                self.points[number] = Point(number, value, row.numerator, row.denominator)
        target = context.targets.get((indicator.pk, year))
        self.target = target
        self.annual = target.annual_target if target else None
        profile = target.profile if target else []
        self.profile_complete = has_profile(profile, self.count)
        self.period_targets = period_targets(
            indicator.aggregation, self.annual, profile, self.count
        )

    def value(self, number: int) -> Decimal | None:
        point = self.points.get(number)
        return point.value if point else None

    def counted(self, upto: int) -> list[Point]:
        """Return the points that count towards the year to date at period `upto`."""
        if upto not in self._counted:
            self._counted[upto] = usable(
                self.indicator.aggregation, [p for n, p in self.points.items() if n <= upto]
            )
        return self._counted[upto]

    def ytd(self, upto: int) -> Decimal | None:
        # Remembered: a history assesses the same year to date many times.
        if upto not in self._ytd:
            self._ytd[upto] = aggregate(
                self.indicator.aggregation, self.counted(upto), self.multiplier
            )
        return self._ytd[upto]

    def ytd_over(self, numbers: Iterable[int]) -> Decimal | None:
        """Return the year to date over exactly these period numbers (None if any is missing)."""
        points = [self.points.get(n) for n in numbers]
        if any(p is None for p in points):
            return None
        chosen = usable(self.indicator.aggregation, points)
        if len(chosen) != len(points):
            return None
        return aggregate(self.indicator.aggregation, chosen, self.multiplier)

    def is_complete(self) -> bool:
        return len(self.counted(self.count)) == self.count

    def target_over(self, points: Sequence[Point]) -> Decimal | None:
        """Return the target for these counted periods, combined as the figures are."""
        return aggregate_targets(
            self.indicator.aggregation,
            [
                Point(p.number, self.period_targets[p.number - 1], None, p.denominator)
                for p in points
            ],
        )

    def target_to(self, upto: int) -> Decimal | None:
        """Return the target for periods 1..upto, unweighted (used when nothing counts)."""
        return aggregate_targets(
            self.indicator.aggregation,
            [Point(n, self.period_targets[n - 1]) for n in range(1, upto + 1)],
        )

    def year_end_target(self) -> Decimal | None:
        """Return the target for the whole year: the annual target, else the profile's total
        (sum) or its mean / last entry."""
        if self.annual is not None:
            return self.annual
        return self.target_to(self.count)

    def thresholds(self, target: Decimal | None, months: int) -> Thresholds:
        """Return thresholds for a target covering `months` months of this year.

        Floor and band are set for the year; for sum indicators they are scaled pro rata with
        the target (or by months when there is no annual target).
        """
        t = self.target
        base = Thresholds(
            target,
            t.floor if t else None,
            t.band_low if t else None,
            t.band_high if t else None,
        )
        if self.indicator.aggregation != Aggregation.SUM or months >= 12:
            return base
        if self.annual and target is not None:
            factor = target / self.annual
        else:
            factor = Decimal(months) / Decimal(12)
        return base.scaled(factor)


def _assess(indicator: Indicator, period: Period, context: _Context, basis: str) -> Assessment:
    council = context.council
    places = indicator.decimal_places
    due = due_date_for(indicator, period, council)
    key = (indicator.pk, period.year, period.number)
    row = context.rows.get(key)
    counted = _counts(row, basis, (period.frequency, period.year, period.number), context)
    state, has_draft = _state(row.state if row else None, period, due, context.today)
    closed = (period.frequency, period.year, period.number) in context.closed

    this_year = context.year(indicator, period.year, period.frequency, basis)
    last_year = context.year(indicator, period.year - 1, period.frequency, basis)
    tolerance = _tolerance(indicator, council)
    scheme = council.rag_scheme
    polarity = indicator.polarity
    # No counted figure: "Not yet due" only while the period runs; once it has ended the
    # figure is missing (the state says whether it is still due or overdue).
    clock = owed_state(period, due, context.today)
    absent = Rag.NOT_DUE if clock == PeriodState.NOT_DUE else Rag.MISSING

    def judged(value, thresholds, last):
        # No counted figure: "Not yet due" or "Missing", even for data-only indicators, so
        # that missing data is chased.
        if value is None:
            return absent
        return judge(
            value,
            thresholds,
            polarity=polarity,
            tolerance=tolerance,
            scheme=scheme,
            last_year=last,
        )

    def r(value):
        return rounded(value, places)

    # The period.
    value = r(this_year.value(period.number)) if counted else None
    target = r(this_year.period_targets[period.number - 1])
    period_thresholds = this_year.thresholds(target, period.months)
    last_year_value = r(last_year.value(period.number))
    rag = judged(value, period_thresholds, last_year_value)

    previous = period.previous()
    previous_year = this_year if previous.year == period.year else last_year
    previous_value = r(previous_year.value(previous.number))
    reference = period_thresholds.reference()
    dot_previous = _direction(value, previous_value, polarity, reference)
    dot_last_year = _direction(value, last_year_value, polarity, reference)

    # Year to date.
    counted_points = this_year.counted(period.number)
    covered = [p.number for p in counted_points]
    covered_all = range(1, period.number + 1)
    ytd_value = r(this_year.ytd(period.number))
    if counted_points:
        ytd_target = r(this_year.target_over(counted_points))
        months = len(counted_points) * period.months
    else:
        ytd_target = r(this_year.target_to(period.number))
        months = period.months_elapsed
    if indicator.aggregation == Aggregation.LATEST or (
        ytd_value is None and any(this_year.value(n) is not None for n in covered_all)
    ):
        # Snapshots have no YTD RAG; nor does a ratio PI whose figures lack the numerator and
        # denominator to combine (a mean of percentages would mislead).
        ytd_rag = None
    else:
        last_ytd = r(last_year.ytd(period.number))
        ytd_rag = judged(ytd_value, this_year.thresholds(ytd_target, months), last_ytd)

    # Forecast of the year-end outturn (not for annual indicators: the figure is the outturn).
    forecast = Forecast(None)
    if period.frequency != Frequency.ANNUAL:
        forecast = _forecast(indicator, this_year, last_year, counted_points, covered)
    forecast_value = r(_bounded(indicator, forecast.value))
    forecast_rag = None
    year_end_target = r(this_year.year_end_target())
    if forecast_value is not None:
        last_outturn = r(last_year.ytd(last_year.count)) if last_year.is_complete() else None
        if last_outturn is None and this_year.target is not None:
            last_outturn = r(this_year.target.baseline)
        forecast_rag = judged(
            forecast_value, this_year.thresholds(year_end_target, 12), last_outturn
        )

    return Assessment(
        indicator=indicator,
        period=period,
        figure=context.figures.get(key) if counted else None,
        value=value,
        target=target,
        rag=rag,
        ytd_value=ytd_value,
        ytd_target=ytd_target,
        ytd_rag=ytd_rag,
        dot_previous=dot_previous,
        dot_last_year=dot_last_year,
        forecast=forecast_value,
        forecast_rag=forecast_rag,
        state=state,
        due_date=due,
        basis=basis,
        has_draft=has_draft,
        closed=closed,
        is_active=indicator.is_active_in(period),
        previous_value=previous_value,
        last_year_value=last_year_value,
        annual_target=year_end_target,
        ytd_periods=len(counted_points),
        ytd_complete=len(counted_points) == period.number,
        forecast_method=forecast.method,
        comparison=_comparison(indicator, value, this_year, context.comparators.get(key), council),
    )


def _comparison(
    indicator: Indicator,
    value: Decimal | None,
    this_year: "_Year",
    comparators: list[Comparator] | None,
    council: CouncilSettings,
) -> Comparison | None:
    """Return how the counted value compares with other authorities' for the period."""
    if not comparators:
        return None
    target = this_year.target
    band = None
    if target is not None and target.band_low is not None and target.band_high is not None:
        band = (target.band_low, target.band_high)
    return compare(
        value,
        comparators,
        polarity=indicator.polarity,
        places=indicator.decimal_places,
        our_name=council.comparator_name,
        band=band,
    )


def _direction(current, earlier, polarity, reference) -> str | None:
    result = direction(current, earlier, polarity, reference)
    return None if result is None else str(Direction(result))


def _state(figure_state: str | None, period: Period, due: date, today: date) -> tuple[str, bool]:
    """Return the period's state and whether a draft has been started, from the state of the
    period's figure (None without one)."""
    if figure_state == FigureState.VERIFIED:
        return PeriodState.VERIFIED, False
    if figure_state == FigureState.SUBMITTED:
        return PeriodState.SUBMITTED, False
    if figure_state == FigureState.RETURNED:
        return PeriodState.RETURNED, False
    return owed_state(period, due, today), figure_state == FigureState.DRAFT


def with_current_states(assessments: Sequence[Assessment], *, today: date) -> list[Assessment]:
    """Return the assessments with `state` and `has_draft` read afresh from their periods'
    figures, in one query: these follow the figure's workflow whatever the basis, so an
    assessment kept while only figures its basis does not count changed (indicators.cached)
    is brought up to date by them alone."""
    periods = {a.period for a in assessments}
    if not periods:
        return list(assessments)
    # By period alone (a few), every PI's row: a list of hundreds of ids costs more to build.
    scope = Q()
    for p in periods:
        scope |= Q(year=p.year, number=p.number)
    states = {
        (indicator_id, year, number): state
        for indicator_id, year, number, state in Figure.objects.filter(scope)
        .order_by()
        .values_list("indicator_id", "year", "number", "state")
    }
    result = []
    for a in assessments:
        figure_state = states.get((a.indicator.pk, a.period.year, a.period.number))
        state, has_draft = _state(figure_state, a.period, a.due_date, today)
        if (state, has_draft) != (a.state, a.has_draft):
            a = copy(a)
            a.state, a.has_draft = state, has_draft
        result.append(a)
    return result


def _forecast(
    indicator: Indicator,
    this_year: _Year,
    last_year: _Year,
    counted_points: Sequence[Point],
    covered: Sequence[int],
) -> Forecast:
    aggregation = indicator.aggregation
    ytd = aggregate(aggregation, counted_points, indicator.multiplier)
    last_same = last_full = profile_same = profile_full = None
    if last_year.is_complete():
        last_same = last_year.ytd_over(covered)
        last_full = last_year.ytd(last_year.count)
    if this_year.profile_complete:
        profile_same = this_year.target_over(counted_points)
        all_points = [Point(n, ZERO, None, None) for n in range(1, this_year.count + 1)]
        profile_full = this_year.target_over(all_points)
    return forecast_outturn(
        aggregation,
        ytd,
        covered=len(covered),
        periods_in_year=this_year.count,
        last_year_same=last_same,
        last_year_full=last_full,
        profile_same=profile_same,
        profile_full=profile_full,
    )


def _bounded(indicator: Indicator, value: Decimal | None) -> Decimal | None:
    """Return a forecast kept within what the indicator can be (no negative counts, no
    percentage over 100 unless allowed)."""
    if value is None:
        return None
    if not indicator.allow_negative and value < 0:
        return ZERO
    if indicator.unit == Unit.PERCENTAGE and not indicator.allow_over_100 and value > HUNDRED:
        return HUNDRED
    return value


__all__ = [
    "Assessment",
    "Basis",
    "PeriodState",
    "assess_history",
    "assess_indicators",
    "indicator_history",
    "with_current_states",
]
