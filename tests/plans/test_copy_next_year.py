"""Starting next year's plan by copying last year's, keeping the links."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from plans.choices import PlanKind, PlanStatus
from plans.services import plan_copy_to_next_year
from tests.factories import (
    ActionFactory,
    IndicatorFactory,
    ObjectiveFactory,
    PlanFactory,
    RiskFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(people):
    community = PlanFactory(
        kind=PlanKind.COMMUNITY,
        period_start=datetime.date(2020, 4, 1),
        period_end=datetime.date(2030, 3, 31),
    )
    council = PlanFactory(kind=PlanKind.COUNCIL, parent=community)
    service = PlanFactory(kind=PlanKind.SERVICE, parent=council, title="Housing SBP")
    priority = ObjectiveFactory(plan=community, number=1)
    council_objective = ObjectiveFactory(plan=council, number=1, contributes_to=priority)
    first = ObjectiveFactory(plan=service, number=1, contributes_to=council_objective)
    second = ObjectiveFactory(plan=service, number=2, contributes_to=priority)
    indicator = IndicatorFactory()
    first.indicators.set([indicator])
    action = ActionFactory()
    action.objectives.set([first])
    risk = RiskFactory()
    risk.objectives.set([second])
    return community, council, service, first, second, indicator, action, risk


def test_the_copy_is_next_years_draft_with_the_same_objectives_and_links(plans, people):
    community, council, service, first, second, indicator, action, risk = plans
    copy = plan_copy_to_next_year(plan=service, copied_by=people.perf)
    assert (copy.year, copy.status, copy.title) == (2027, PlanStatus.DRAFT, "Housing SBP")
    assert copy.previous_version == service
    assert (copy.period_start, copy.period_end) == (
        datetime.date(2027, 4, 1),
        datetime.date(2028, 3, 31),
    )
    new_first, new_second = copy.objectives.order_by("number")
    assert [new_first.number, new_second.number] == [1, 2]
    assert new_first.title == first.title and new_first.previous_version == first
    assert list(new_first.indicators.all()) == [indicator]
    assert list(new_first.actions.all()) == [action]
    assert list(new_second.risks.all()) == [risk]
    # The plans above were not copied: the links still go to the same objectives above.
    assert copy.parent == council
    assert new_first.contributes_to == first.contributes_to
    assert new_second.contributes_to == second.contributes_to
    # Last year's plan is untouched.
    assert list(first.indicators.all()) == [indicator]
    assert service.objectives.count() == 2


def test_links_follow_the_plan_above_when_it_was_copied_first(plans, people):
    community, council, service, first, second, *_ = plans
    new_council = plan_copy_to_next_year(plan=council, copied_by=people.perf)
    new_service = plan_copy_to_next_year(plan=service, copied_by=people.perf)
    assert new_service.parent == new_council
    new_first = new_service.objectives.get(number=1)
    assert new_first.contributes_to.plan == new_council
    assert new_first.contributes_to.previous_version == first.contributes_to
    # The ten-year Community Plan was not copied and keeps its period: still the target.
    assert new_service.objectives.get(number=2).contributes_to == second.contributes_to


def test_plans_below_copied_earlier_are_rehung_under_the_new_version(plans, people):
    community, council, service, first, *_ = plans
    new_service = plan_copy_to_next_year(plan=service, copied_by=people.perf)
    new_council = plan_copy_to_next_year(plan=council, copied_by=people.perf)
    new_service.refresh_from_db()
    assert new_service.parent == new_council
    assert new_service.objectives.get(number=1).contributes_to.plan == new_council


def test_a_multi_year_plan_keeps_its_period(plans, people):
    community = plans[0]
    copy = plan_copy_to_next_year(plan=community, copied_by=people.perf)
    assert copy.year == 2027
    assert (copy.period_start, copy.period_end) == (community.period_start, community.period_end)


def test_copying_twice_is_refused(plans, people):
    service = plans[2]
    plan_copy_to_next_year(plan=service, copied_by=people.perf)
    with pytest.raises(ValidationError, match="already has a version for 2027/28"):
        plan_copy_to_next_year(plan=service, copied_by=people.perf)
