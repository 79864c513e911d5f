"""Which figures are due from whom: the periods an indicator must report, and their state.

Used by "my indicators", the entry page, the spreadsheet template and the chasing page. It
reads figures and closures for many indicators in a fixed number of queries.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.models import CouncilSettings
from indicators.choices import FigureState, PeriodState
from indicators.models import Figure, Indicator, PeriodClosure
from indicators.periods import PERIODS_IN_YEAR, Period, due_date
from indicators.querysets import active_between_q

DONE_STATES = (FigureState.SUBMITTED, FigureState.VERIFIED)
CHASED_STATES = (PeriodState.DUE, PeriodState.OVERDUE, PeriodState.DRAFT, PeriodState.RETURNED)
# What lists need of a figure; the entry forms load the whole figure (with_full_figures).
LIGHT_FIELDS = (
    "id",
    "indicator_id",
    "year",
    "number",
    "value",
    "numerator",
    "denominator",
    "state",
    "return_reason",
    "version",
)


@dataclass
class DueItem:
    """One indicator's figure for one period, as its owner sees it."""

    indicator: Indicator
    period: Period
    due: date
    figure: Figure | None
    closed: bool
    today: date

    @property
    def state(self) -> str:
        """Return the PeriodState: the figure's workflow state, else not due/due/overdue."""
        if self.figure is not None:
            return self.figure.state
        return owed_state(self.period, self.due, self.today)

    @property
    def state_label(self) -> str:
        return PeriodState(self.state).label

    @property
    def is_done(self) -> bool:
        return self.figure is not None and self.figure.state in DONE_STATES

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.today > self.due

    @property
    def needs_action(self) -> bool:
        """Return whether the owner has something to do: enter, finish, or resubmit."""
        return not self.is_done and not self.closed

    @property
    def key(self) -> str:
        """Return a stable key for forms and URLs: '<indicator id>:<period label>'."""
        return f"{self.indicator.pk}:{self.period.label}"

    @property
    def entry_path(self) -> str:
        return entry_path(self.indicator.pk, self.period)

    def urgency(self) -> tuple:
        """Return a sort key: returned (the verifier is waiting), then overdue, then the rest
        needing action, then what is done; within each by due date, then code."""
        if self.state == FigureState.RETURNED:
            rank = 0
        elif self.is_overdue:
            rank = 1
        elif self.needs_action:
            rank = 2
        else:
            rank = 3
        return (rank, self.due, self.indicator.code)


def entry_path(indicator_id: int, period: Period) -> str:
    """Return the path of the entry form of one indicator's figure for one period."""
    return reverse("indicators:enter") + "?" + urlencode({"item": f"{indicator_id}:{period.label}"})


def owed_state(period: Period, due: date, today: date) -> str:
    """Return where a figure not yet submitted stands: NOT_DUE until the period ends, DUE
    until its due date (inclusive), OVERDUE after. The one clock for every list and the
    assessment's state and RAG, so a row never says "Not yet due" beside "Due"."""
    if today <= period.end:
        return PeriodState.NOT_DUE
    return PeriodState.DUE if today <= due else PeriodState.OVERDUE


def due_working_days(indicator: Indicator, council: CouncilSettings) -> int:
    """Return how many working days after period end the indicator's figure is due."""
    if indicator.due_working_days is not None:
        return indicator.due_working_days
    return council.due_working_days


def due_date_for(indicator: Indicator, period: Period, council: CouncilSettings) -> date:
    """Return the day the indicator's figure for `period` is due: its own working days after
    the period ends, else the council-wide number."""
    return due_date(period, due_working_days(indicator, council))


def reporting_window(frequency: str, today: date) -> list[Period]:
    """Return the periods of that frequency reported for now, oldest first: the latest period
    that has ended, and up to a year of periods before it."""
    return Period.last_ended(frequency, today).back(PERIODS_IN_YEAR[frequency])


def reporting_periods(indicator: Indicator, today: date) -> list[Period]:
    """Return the periods the indicator reports for now, oldest first: those of its
    reporting window it was active in."""
    return [p for p in reporting_window(indicator.frequency, today) if indicator.is_active_in(p)]


def reporting_q(today: date) -> Q:
    """Return a Q selecting the indicators that report for some period now (those whose
    reporting_periods are not empty): active at some time in their frequency's window."""
    q = Q()
    for frequency in PERIODS_IN_YEAR:
        window = reporting_window(frequency, today)
        q |= Q(frequency=frequency) & active_between_q(window[0].start, window[-1].end)
    return q


def closed_periods(years: Iterable[int]) -> set[tuple[str, int, int]]:
    """Return the closed periods of those years as (frequency, year, number)."""
    return set(
        PeriodClosure.objects.filter(year__in=set(years)).values_list("frequency", "year", "number")
    )


def is_closed(period: Period) -> bool:
    """Return whether the period is closed (its figures are read-only)."""
    return PeriodClosure.objects.filter(
        frequency=period.frequency, year=period.year, number=period.number
    ).exists()


def due_items(
    indicators: Iterable[Indicator],
    *,
    today: date,
    include_done: bool = True,
) -> list[DueItem]:
    """Return the items of the indicators' reporting periods that matter now, most urgent first.

    The latest ended period always shows (whatever its state, unless `include_done` is False);
    earlier periods only while their figure is missing, a draft or returned, and not closed.
    Four queries whatever the number of indicators.
    """
    # States first (a year of figures a PI, most of them long done), then the figures of the
    # items kept, whole as lists show them: one more query, far fewer models built.
    items = _items(list(indicators), today=today, include_done=include_done)
    _with_light_figures(items)
    items.sort(key=DueItem.urgency)
    return items


def _with_light_figures(items: list[DueItem]) -> None:
    """Replace the items' states-only figures by figures of LIGHT_FIELDS (one query)."""
    ids = [item.figure.pk for item in items if item.figure is not None]
    if not ids:
        return
    light = {f.pk: f for f in Figure.objects.filter(pk__in=ids).only(*LIGHT_FIELDS)}
    for item in items:
        if item.figure is not None:
            # A figure deleted since its state was read is missing again.
            item.figure = light.get(item.figure.pk)


@dataclass(frozen=True)
class _StateOnly:
    """A figure as far as counting what is owed needs it."""

    pk: int
    state: str


def _figures_by_key(indicators, years: set[int]) -> dict:
    """Return the indicators' figures of those years by (indicator id, year, number)."""
    if not years:
        return {}
    rows = (
        Figure.objects.filter(indicator__in=[i.pk for i in indicators], year__in=years)
        .order_by()
        .values_list("pk", "indicator_id", "year", "number", "state")
    )
    return {(i, year, number): _StateOnly(pk, state) for pk, i, year, number, state in rows}


def _items(indicators, *, today: date, include_done: bool) -> list[DueItem]:
    council = CouncilSettings.load()
    wanted = {i.pk: reporting_periods(i, today) for i in indicators}
    years = {p.year for periods in wanted.values() for p in periods}
    figures = _figures_by_key(indicators, years)
    closed = closed_periods(years) if years else set()
    items = []
    for indicator in indicators:
        periods = wanted[indicator.pk]
        for period in periods:
            item = DueItem(
                indicator=indicator,
                period=period,
                due=due_date_for(indicator, period, council),
                figure=figures.get((indicator.pk, period.year, period.number)),
                closed=(period.frequency, period.year, period.number) in closed,
                today=today,
            )
            latest = period == periods[-1]
            if item.needs_action or (latest and include_done and not item.closed):
                items.append(item)
    return items


def with_full_figures(items: list[DueItem]) -> list[DueItem]:
    """Replace the items' light figures by whole ones (text, who entered them); one query.

    Returns the same items, for chaining.
    """
    ids = [item.figure.pk for item in items if item.figure is not None]
    if ids:
        full = {
            f.pk: f
            for f in Figure.objects.filter(pk__in=ids).select_related("entered_by", "submitted_by")
        }
        for item in items:
            if item.figure is not None:
                item.figure = full[item.figure.pk]
    return items


def owned_q(user, prefix: str = "") -> Q:
    """Return a Q selecting indicators the user owns or deputises."""
    return Q(**{f"{prefix}owner": user}) | Q(**{f"{prefix}deputy": user})


def my_indicators(user):
    """Return the active indicators the user owns or deputises (a queryset)."""
    return Indicator.objects.filter(owned_q(user)).select_related("service", "owner", "deputy")


def action_count(user) -> int:
    """Return how many figures the user owes: missing, draft or returned, for periods ended.

    Shown beside "My indicators" in the navigation.
    """
    # On every page of an officer's: the same rules as due_items, on the states alone (no
    # model instances, which cost most of the time for someone owning many indicators).
    today = timezone.localdate()
    indicators = list(
        Indicator.objects.filter(owned_q(user)).only(
            "pk", "frequency", "active_from", "active_to", "due_working_days"
        )
    )
    items = _items(indicators, today=today, include_done=False)
    return sum(1 for item in items if item.needs_action and item.state != PeriodState.NOT_DUE)


def awaiting_verification(user):
    """Return the submitted figures waiting for this user to verify (a queryset): those in
    their scope, not their own submissions; none for someone who may not verify."""
    from core.access import has, scoped_unit_ids

    if not has(user, "verify_figures"):
        return Figure.objects.none()
    figures = Figure.objects.filter(state=FigureState.SUBMITTED).exclude(submitted_by=user)
    unit_ids = scoped_unit_ids(user)
    if unit_ids is not None:
        figures = figures.filter(indicator__service_id__in=unit_ids)
    return figures


def verify_count(user) -> int:
    """Return how many submitted figures wait for this user to verify. Shown beside "Verify"
    in the navigation."""
    return awaiting_verification(user).count()


def chase_items(today, owner_id: int | None = None) -> list[DueItem]:
    """Return the figures the performance team chases: owed for periods ended, missing, a
    draft or returned (all owners, or one)."""
    indicators = Indicator.objects.select_related("service", "owner", "deputy").filter(
        reporting_q(today)
    )
    if owner_id is not None:
        indicators = indicators.filter(owner_id=owner_id)
    return [
        item
        for item in due_items(indicators, today=today, include_done=False)
        if item.state in CHASED_STATES and item.period.end < today
    ]
