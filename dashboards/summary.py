"""What the dashboards show, computed from the shared assessment (never a RAG of our own).

`build_summary` assesses the chosen indicators for a period, the period before and the same
period last year (through the shared cache of assessments, indicators.cached, each a fixed
number of queries), and
rolls the results up: overall, by priority and by directorate or service, with exceptions,
missing data and forecasts. Everything here after the assessment is plain Python over lists.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from core.models import CouncilSettings, OrgUnit
from indicators import cached
from indicators.assessment import Assessment
from indicators.choices import Direction, Rag
from indicators.models import Indicator
from indicators.periods import Period
from plans.choices import PlanKind
from plans.rollup import (
    council_plan_priorities,
    counted_figures,
    indicator_priorities,
    thread_version,
)

# The order the counts are shown in: what needs attention first.
RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.MISSING, Rag.DATA_ONLY, Rag.NO_TARGET, Rag.NOT_DUE]
TRAFFIC_LIGHTS = [Rag.RED, Rag.AMBER, Rag.GREEN]
_RANK = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}


def rag_worsened(now: str, before: str | None) -> bool:
    """Return whether a traffic light got worse (e.g. Green to Amber); False without both."""
    return now in _RANK and before in _RANK and _RANK[now] > _RANK[before]


def is_exception(assessment: Assessment, previous_rag: str | None) -> bool:
    """Return whether the Board should see this PI as an exception.

    Red always; Amber when it is getting worse: it was Green last period, or its direction of
    travel against last period is declining.
    """
    if assessment.rag == Rag.RED:
        return True
    if assessment.rag != Rag.AMBER:
        return False
    return rag_worsened(assessment.rag, previous_rag) or (
        assessment.dot_previous == Direction.DECLINING
    )


def forecast_to_miss(assessment: Assessment) -> bool:
    """Return whether the year-end forecast misses the annual target (forecast Amber or Red)."""
    return assessment.forecast_rag in (Rag.AMBER, Rag.RED)


@dataclass
class RagCounts:
    """How many PIs have each status, now, last period and the same period last year."""

    now: Counter = field(default_factory=Counter)
    previous: Counter = field(default_factory=Counter)
    last_year: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.now.values())

    def cells(self) -> list[dict]:
        """Return one dict per status: rag, count, change since last period and last year."""
        return [
            {
                "rag": rag,
                "label": Rag(rag).label,
                "count": self.now[rag],
                "previous": self.previous[rag],
                "last_year": self.last_year[rag],
                "change_previous": self.now[rag] - self.previous[rag],
                "change_last_year": self.now[rag] - self.last_year[rag],
            }
            for rag in RAG_ORDER
        ]


@dataclass
class Group:
    """One row of a breakdown: a priority, directorate or service, and its counts."""

    label: str
    param: str  # the filter that selects this group's PIs ('unit', 'priority')
    value: str
    counts: RagCounts = field(default_factory=RagCounts)
    code: str = ""  # a unit's code, for the link to its own dashboard


@dataclass
class Summary:
    period: Period
    previous_period: Period
    last_year_period: Period
    assessments: list[Assessment]
    previous_rag: dict[int, str]
    last_year_rag: dict[int, str]
    overall: RagCounts
    by_priority: list[Group]
    by_community: list[Group]  # by Community Plan priority (the partnership's)
    by_unit: list[Group]
    unit_level: str  # "directorate" or "service"
    exceptions: list[Assessment]
    missing: list[Assessment]
    forecast_misses: list[Assessment]
    # The PIs the RAG and concern filters select (all of them when neither is set).
    selected: list[Assessment]


def _counter(assessments: Iterable[Assessment], keep: set[int] | None = None) -> Counter:
    return Counter(a.rag for a in assessments if keep is None or a.indicator.pk in keep)


def _tally(rag_of: dict[int, str], keep: set[int] | None = None) -> Counter:
    return Counter(rag for pk, rag in rag_of.items() if keep is None or pk in keep)


def _unit_groups(
    indicators: Sequence[Indicator], within: OrgUnit | None
) -> tuple[str, dict[int, OrgUnit]]:
    """Return the breakdown level and {indicator id: the unit it is counted under}.

    The whole council breaks down by directorate; a directorate (or service) by service.
    """
    units = {u.pk: u for u in OrgUnit.objects.all()}
    level = "service" if within is not None else "directorate"
    depth = 2 if level == "service" else 1  # council = 0, directorate = 1, service = 2
    result: dict[int, OrgUnit] = {}
    for indicator in indicators:
        unit = units.get(indicator.service_id)
        if unit is None:
            continue
        ids = unit.ancestor_ids()
        if len(ids) > depth:
            result[indicator.pk] = units[ids[depth]]
        else:
            result[indicator.pk] = unit
    return level, result


def build_summary(
    *,
    user: User | AnonymousUser,
    indicators: QuerySet,
    period: Period,
    include_unverified: bool,
    today: date,
    within: OrgUnit | None = None,
    rag: str = "",
    concern: str = "",
    known_versions: dict[str, str] | None = None,
) -> Summary:
    """Return the dashboard's figures for `indicators` in `period`.

    `within` is the directorate or service the dashboard is narrowed to (its breakdown is then
    by service); None means the whole council (broken down by directorate). `rag` and
    `concern` ('exceptions', 'missing', 'forecast', 'bottom_quartile') narrow every count and
    list to the PIs with that status now, so the change columns say how those same PIs stood
    before. `known_versions` is indicators.cached.versions() if the page has read it.
    """
    # Owners are read for the rows a page shows (panels.assessment_rows), not for every PI.
    ordered = list(indicators.order_by("code").select_related("service"))
    previous_period = period.previous()
    last_year_period = period.same_period_last_year()

    options = {
        "basis": counted_figures(user, include_unverified=include_unverified),
        "today": today,
        "council": CouncilSettings.load(),
        # One reading of what each basis can see for the three assessments below.
        "known_versions": known_versions or cached.versions(),
    }
    everything = cached.assess(ordered, period, **options)
    previous_rag = cached.rags(ordered, previous_period, **options)
    concerns = {
        "exceptions": [a for a in everything if is_exception(a, previous_rag.get(a.indicator.pk))],
        "missing": [a for a in everything if a.rag == Rag.MISSING],
        "forecast": [a for a in everything if forecast_to_miss(a)],
        # Benchmarking (indicators.benchmarking): our figure ranks in the bottom quarter.
        "bottom_quartile": [
            a for a in everything if a.comparison and a.comparison.is_bottom_quartile
        ],
    }
    selected = concerns.get(concern, everything)
    if rag:
        selected = [a for a in selected if a.rag == rag]
    keep = {a.indicator.pk for a in selected}
    now = [a for a in everything if a.indicator.pk in keep]
    last_year_rag = {
        pk: value
        for pk, value in cached.rags(ordered, last_year_period, **options).items()
        if pk in keep
    }
    previous = {pk: value for pk, value in previous_rag.items() if pk in keep}
    overall = RagCounts(_counter(now), _tally(previous), _tally(last_year_rag))

    def priority_groups(priorities) -> list[Group]:
        served = indicator_priorities(priorities, version=thread)
        groups = []
        for priority in priorities:
            serving = {pk for pk, tops in served.items() if priority.pk in tops} & keep
            if not serving:
                continue  # as for services: only the priorities the selection reaches
            groups.append(
                Group(
                    f"{priority.number}. {priority.title}",
                    "priority",
                    str(priority.pk),
                    RagCounts(
                        _counter(now, serving),
                        _tally(previous, serving),
                        _tally(last_year_rag, serving),
                    ),
                )
            )
        return groups

    thread = thread_version()  # read once for both kinds of priority
    by_priority = priority_groups(council_plan_priorities(period, version=thread))
    # The partnership's priorities: partner PIs serve them directly, council PIs through the
    # Council Plan, so both roll up here.
    by_community = priority_groups(
        council_plan_priorities(period, kind=PlanKind.COMMUNITY, version=thread)
    )

    level, unit_of = _unit_groups([i for i in ordered if i.pk in keep], within)
    members: dict[int, set[int]] = {}
    for indicator_id, unit in unit_of.items():
        members.setdefault(unit.pk, set()).add(indicator_id)
    groups_units = sorted({u.pk: u for u in unit_of.values()}.values(), key=lambda u: u.name)
    by_unit = [
        Group(
            unit.name,
            "unit",
            str(unit.pk),
            RagCounts(
                _counter(now, members[unit.pk]),
                _tally(previous, members[unit.pk]),
                _tally(last_year_rag, members[unit.pk]),
            ),
            code=unit.code,
        )
        for unit in groups_units
    ]

    exceptions = [a for a in concerns["exceptions"] if a.indicator.pk in keep]
    exceptions.sort(key=lambda a: (a.rag != Rag.RED, a.indicator.code))
    return Summary(
        period=period,
        previous_period=previous_period,
        last_year_period=last_year_period,
        assessments=now,
        previous_rag=previous_rag,
        last_year_rag=last_year_rag,
        overall=overall,
        by_priority=by_priority,
        by_community=by_community,
        by_unit=by_unit,
        unit_level=level,
        exceptions=exceptions,
        missing=[a for a in concerns["missing"] if a.indicator.pk in keep],
        forecast_misses=[a for a in concerns["forecast"] if a.indicator.pk in keep],
        selected=selected,
    )
