"""The priorities in force and which indicators serve them come from the shared cache
(core.cached) and agree with those read afresh after every kind of change to the thread."""

import pytest

from indicators.models import Indicator
from plans import rollup
from plans.choices import PlanKind, PlanStatus
from plans.models import Objective, Plan
from tests.factories import IndicatorFactory, ObjectiveFactory
from tests.plans.test_rollup import OCTOBER, tree  # noqa: F401

pytestmark = pytest.mark.django_db


def _agree() -> None:
    for kind in (PlanKind.COMMUNITY, PlanKind.COUNCIL):
        fresh = rollup._council_plan_priorities(OCTOBER.year, kind)
        kept = rollup.council_plan_priorities(OCTOBER, kind)
        assert [(p.pk, p.number, p.title) for p in kept] == [
            (p.pk, p.number, p.title) for p in fresh
        ]
        served = rollup.indicator_priorities(kept)
        assert served == rollup._indicator_priorities({p.pk for p in fresh})
        assert served or kind == PlanKind.COUNCIL  # the community's priorities are served


def _link(n):
    n["T1"].indicators.add(IndicatorFactory(code="NEW"))


def _unlink(n):
    n["S2"].indicators.clear()


def _delete_indicator(n):
    Indicator.objects.filter(code="G2").delete()


def _move(n):
    n["S2"].contributes_to = n["K3"]
    n["S2"].save()


def _draft(n):
    plan = n["S1"].plan
    plan.status = PlanStatus.DRAFT
    plan.save()


def _delete_objective(n):
    Objective.objects.filter(pk=n["K1"].pk).delete()


def _new_priority(n):
    ObjectiveFactory(plan=n["P1"].plan, number=3, title="A third priority")


def _retitle(n):
    n["P2"].title = "Safer streets"
    n["P2"].save()


def _next_year_plan(n):
    plan = Plan.objects.get(pk=n["P1"].plan_id)
    plan.year = OCTOBER.year + 1  # no longer in force for the period
    plan.save()


CHANGES = [
    _link,
    _unlink,
    _delete_indicator,
    _move,
    _draft,
    _delete_objective,
    _new_priority,
    _retitle,
    _next_year_plan,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_cached_and_fresh_priorities_agree_after_every_change(tree, change):  # noqa: F811
    _agree()  # fills the cache
    _agree()  # read from it
    change(tree)
    for kind in (PlanKind.COMMUNITY, PlanKind.COUNCIL):
        kept = rollup.council_plan_priorities(OCTOBER, kind)
        fresh = rollup._council_plan_priorities(OCTOBER.year, kind)
        assert [(p.pk, p.title) for p in kept] == [(p.pk, p.title) for p in fresh]
        assert rollup.indicator_priorities(kept) == rollup._indicator_priorities(
            {p.pk for p in fresh}
        )


def test_a_kept_answer_is_read_in_one_query(tree, django_assert_num_queries):  # noqa: F811
    priorities = rollup.council_plan_priorities(OCTOBER, PlanKind.COMMUNITY)
    rollup.indicator_priorities(priorities)
    with django_assert_num_queries(2):  # the thread's version, once for each
        rollup.indicator_priorities(rollup.council_plan_priorities(OCTOBER, PlanKind.COMMUNITY))
