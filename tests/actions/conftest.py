from dataclasses import dataclass

import pytest

from actions.models import Action, ActionPlan, Risk, RiskRegister
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    RiskFactory,
    RiskRegisterFactory,
    ThemeFactory,
)


@dataclass
class Items:
    housing_plan: ActionPlan
    housing_action: Action  # led by people.officer
    planning_plan: ActionPlan
    planning_action: Action  # led by people.other_officer
    housing_register: RiskRegister
    housing_risk: Risk
    planning_register: RiskRegister
    planning_risk: Risk


@pytest.fixture
def items(org, people) -> Items:
    """A plan and a register in Housing (the manager's service) and in Planning."""
    housing_plan = ActionPlanFactory(title="Housing service plan", unit=org.housing)
    planning_plan = ActionPlanFactory(title="Planning service plan", unit=org.planning)
    housing_action = ActionFactory(
        theme=ThemeFactory(plan=housing_plan, number=1), leads=[people.officer]
    )
    planning_action = ActionFactory(
        theme=ThemeFactory(plan=planning_plan, number=1), leads=[people.other_officer]
    )
    housing_register = RiskRegisterFactory(title="Housing risks", unit=org.housing)
    planning_register = RiskRegisterFactory(title="Planning risks", unit=org.planning)
    return Items(
        housing_plan,
        housing_action,
        planning_plan,
        planning_action,
        housing_register,
        RiskFactory(register=housing_register, owner=people.manager),
        planning_register,
        RiskFactory(register=planning_register, owner=people.perf),
    )
