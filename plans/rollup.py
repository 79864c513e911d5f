"""The ONE rule every roll-up follows (the dashboard, the golden thread, "everything beneath",
the reports): which plans count (`counted_objectives`), which figures count
(`counted_figures`) and which month a page opens on (`reporting_period`, `default_period`).

The golden thread itself, which also reads actions and risks, is built a floor up, in
`dashboards.thread`.
"""

import datetime

from django.utils import timezone

from core import cached
from core.models import CouncilSettings
from indicators.assessment import Basis, BasisRule
from indicators.choices import Frequency
from indicators.periods import Period, due_date
from indicators.visibility import figure_basis_for
from plans.choices import PlanKind
from plans.models import Objective, Plan

# What every roll-up counts ---------------------------------------------------------------

# The "Figures" choice of the pages that roll up (kept in the URL as ?figures=).
FIGURES = [
    ("verified", "Verified figures only"),
    ("entered", "Include unverified figures I may see"),
]


def reporting_period(today: datetime.date | None = None) -> Period:
    """Return the current reporting period: the latest month whose figures are due by `today`
    (the month the Board reviews). Every page that rolls figures up opens on it."""
    today = today or timezone.localdate()
    month = Period.last_ended(Frequency.MONTHLY, today)
    if due_date(month, CouncilSettings.load().due_working_days) > today:
        month = month.previous()
    return month


def counted_objectives():
    """Return the objectives whose indicators count in roll-ups: those of approved plans.

    A draft plan is still being written and an archived one is no longer in force;
    individual plans are private. Their objectives may be shown, never counted.
    """
    return Objective.objects.counted()


def counted_figures(user=None, *, include_unverified: bool = False) -> BasisRule:
    """Return which figures roll-ups count: verified ones; with `include_unverified` (a
    person's own choice on a page), also the unverified ones `user` may see (DESIGN.md
    roles, applied by the engine's figure_basis_for). Reports, made for an audience rather
    than a person, count verified figures."""
    if not include_unverified or user is None:
        return Basis.VERIFIED
    return figure_basis_for(user)


# What the thread's shape is read from: a change to any of their rows changes the keys of the
# priorities and links kept in the shared cache (core.cached) below.
THREAD_READS = (Plan, Objective, Objective.indicators.through)


def thread_version() -> str:
    """Return a version of the thread's shape (one query); it changes with any change to it.
    A page asking for priorities more than once reads it once and passes it on."""
    return cached.marks(THREAD_READS)


def council_plan_priorities(
    period: Period, kind: str = PlanKind.COUNCIL, *, version: str | None = None
) -> list[Objective]:
    """Return the priorities of the approved Council Plan (or plan of `kind`, e.g. the
    Community Plan) in force for `period` (the latest starting no later than the period's
    year); an empty list when there is none. Shared with other readers: do not change them.
    `version` is thread_version() when the caller has read it."""
    key = f"gt:plans:priorities:v1:{version or thread_version()}:{kind}:{period.year}"
    return cached.remembered(key, lambda: _council_plan_priorities(period.year, kind))


def _council_plan_priorities(year: int, kind: str) -> list[Objective]:
    plan = (
        Plan.objects.filter(pk__in=counted_objectives().values("plan_id"))
        .filter(kind=kind, year__lte=year)
        .order_by("-year", "pk")
        .first()
    )
    if plan is None:
        return []
    return list(plan.objectives.order_by("number"))


def indicator_priorities(
    priorities: list[Objective], *, version: str | None = None
) -> dict[int, set[int]]:
    """Return {indicator id: ids of the given priorities it serves, directly or down the thread
    through counted objectives}. Shared with other readers: do not change it.

    Two queries whatever the size of the thread (the contribution graph, and the links), once
    per change to the thread; one when kept.
    """
    if not priorities:
        return {}
    wanted = sorted(p.pk for p in priorities)
    key = f"gt:plans:served:v1:{version or thread_version()}:{'.'.join(map(str, wanted))}"
    return cached.remembered(key, lambda: _indicator_priorities(set(wanted)))


def _indicator_priorities(wanted: set[int]) -> dict[int, set[int]]:
    counted = counted_objectives()
    parent_of = dict(counted.exclude(contributes_to=None).values_list("pk", "contributes_to_id"))

    def root(pk: int) -> int | None:
        seen = set()
        while pk not in wanted:
            if pk in seen or pk not in parent_of:
                return None
            seen.add(pk)
            pk = parent_of[pk]
        return pk

    result: dict[int, set[int]] = {}
    links = Objective.indicators.through.objects.filter(objective__in=counted).values_list(
        "objective_id", "indicator_id"
    )
    for objective_id, indicator_id in links:
        top = root(objective_id)
        if top is not None:
            result.setdefault(indicator_id, set()).add(top)
    return result


def default_period(today: datetime.date | None = None, year: int | None = None) -> Period:
    """Return the period a thread shows by default: the current reporting period.

    For another plan year, that year's last month when the reporting period is past it,
    else its first month (the year is still to come).
    """
    latest = reporting_period(today)
    if year is None or year == latest.year:
        return latest
    if year < latest.year:
        return Period.month(year, 12)
    return Period.month(year, 1)
