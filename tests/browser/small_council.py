"""A small council for browser tests: PIs with figures, a plan, an action plan, a risk."""

import datetime

import pytest
from django.utils import timezone

from indicators.choices import FigureState
from indicators.models import PeriodClosure
from plans.choices import PlanKind, PlanStatus
from tests.dashboards.conftest import make_pi
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    ObjectiveFactory,
    PlanFactory,
    RiskFactory,
    RiskRegisterFactory,
)


@pytest.fixture(name="council")
def small_council(org, people) -> dict:
    """A little of everything, so that list and detail pages have rows to show."""
    v = FigureState.VERIFIED
    red = make_pi(
        "LPI H 01",
        org.housing,
        people.officer,
        {6: (100, v), 7: (80, v, "Two staff off sick", "Agency cover")},
        is_public=True,
        description="Households helped to stay in their homes.",
    )
    make_pi("LPI H 02", org.housing, people.officer, {6: (100, v), 7: (97, FigureState.SUBMITTED)})
    make_pi("LPI P 01", org.planning, people.other_officer, {6: (100, v)})
    for number in (6, 7):
        PeriodClosure.objects.create(
            frequency="monthly", year=2026, number=number, closed_at=timezone.now()
        )
    plan = PlanFactory(kind=PlanKind.COUNCIL, status=PlanStatus.APPROVED, title="Council Plan")
    objective = ObjectiveFactory(plan=plan, number=1, title="Homes for all")
    objective.indicators.add(red)
    action_plan = ActionPlanFactory(unit=org.housing)
    action = ActionFactory(
        theme__plan=action_plan, due_date=datetime.date(2026, 6, 30), leads=[people.officer]
    )
    register = RiskRegisterFactory(unit=org.housing)
    risk = RiskFactory(register=register, owner=people.manager)
    return {
        "indicator": red,
        "objects": [plan, objective, action_plan, action, register, risk],
        "unit": org.place,
    }
