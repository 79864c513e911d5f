"""Plan and objective rules: contributions go to plans above, plans cannot loop."""

import pytest
from django.core.exceptions import ValidationError

from plans.choices import PlanKind
from tests.factories import ObjectiveFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _thread():
    community = PlanFactory(kind=PlanKind.COMMUNITY, title="Community Plan")
    council = PlanFactory(kind=PlanKind.COUNCIL, parent=community)
    service = PlanFactory(kind=PlanKind.SERVICE, parent=council)
    return community, council, service


def test_an_objective_may_contribute_to_an_objective_of_any_plan_above():
    community, council, service = _thread()
    priority = ObjectiveFactory(plan=community)
    objective = ObjectiveFactory(plan=service, contributes_to=priority)
    objective.full_clean()  # grandparent plan: allowed


def test_an_objective_may_not_contribute_within_its_own_plan_or_below():
    community, council, service = _thread()
    same_plan = ObjectiveFactory(plan=council)
    below = ObjectiveFactory(plan=service)
    for target in (same_plan, below):
        objective = ObjectiveFactory.build(plan=council, number=9, contributes_to=target)
        with pytest.raises(ValidationError) as error:
            objective.full_clean()
        assert "contributes_to" in error.value.message_dict


def test_an_objective_may_not_contribute_to_an_unrelated_plan():
    community, council, service = _thread()
    other = PlanFactory(kind=PlanKind.SERVICE, parent=council)
    target = ObjectiveFactory(plan=other)
    objective = ObjectiveFactory.build(plan=service, number=1, contributes_to=target)
    with pytest.raises(ValidationError):
        objective.full_clean()


def test_a_plan_cannot_sit_under_a_plan_below_it():
    community, council, service = _thread()
    community.parent = service
    with pytest.raises(ValidationError) as error:
        community.full_clean()
    assert "parent" in error.value.message_dict


def test_an_individual_plan_needs_its_person():
    plan = PlanFactory.build(kind=PlanKind.INDIVIDUAL, owner=None)
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "owner" in error.value.message_dict


def test_a_plan_must_end_after_it_starts():
    plan = PlanFactory.build()
    plan.period_end = plan.period_start.replace(year=plan.period_start.year - 1)
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "period_end" in error.value.message_dict
