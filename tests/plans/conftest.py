"""A small set of plans across the thread, shared by the plans tests."""

from dataclasses import dataclass

import pytest

from plans.choices import PlanKind, PlanStatus
from plans.models import Objective, Plan
from tests.factories import ObjectiveFactory, PlanFactory, make_user


@dataclass
class Plans:
    community: Plan
    council: Plan
    council_draft: Plan
    housing: Plan
    housing_team: Plan
    housing_draft: Plan
    planning: Plan
    planning_draft: Plan
    officer_plan: Plan
    officer_objective: Objective
    housing_objective: Objective


@pytest.fixture
def plans(org, people) -> Plans:
    community = PlanFactory(kind=PlanKind.COMMUNITY, title="Community Plan", unit=org.council)
    council = PlanFactory(
        kind=PlanKind.COUNCIL, title="Council Plan", unit=org.council, parent=community
    )
    council_draft = PlanFactory(
        kind=PlanKind.IMPROVEMENT, title="Draft improvement plan", status=PlanStatus.DRAFT
    )
    housing = PlanFactory(
        kind=PlanKind.SERVICE, title="Housing SBP", unit=org.housing, parent=council
    )
    housing_team = PlanFactory(
        kind=PlanKind.TEAM, title="Housing Options team plan", unit=org.housing_team, parent=housing
    )
    housing_draft = PlanFactory(
        kind=PlanKind.SERVICE,
        title="Housing draft plan",
        unit=org.housing,
        status=PlanStatus.DRAFT,
    )
    planning = PlanFactory(kind=PlanKind.SERVICE, title="Planning SBP", unit=org.planning)
    planning_draft = PlanFactory(
        kind=PlanKind.SERVICE,
        title="Planning draft plan",
        unit=org.planning,
        status=PlanStatus.DRAFT,
    )
    priority = ObjectiveFactory(plan=community, number=1, title="Affordable Housing")
    council_objective = ObjectiveFactory(
        plan=council, number=1, title="More homes", contributes_to=priority
    )
    housing_objective = ObjectiveFactory(
        plan=housing, number=1, title="Prevent homelessness", contributes_to=council_objective
    )
    team_objective = ObjectiveFactory(
        plan=housing_team, number=1, title="Early advice", contributes_to=housing_objective
    )
    officer_plan = PlanFactory(
        kind=PlanKind.INDIVIDUAL,
        title="Owen secret appraisal",
        owner=people.officer,
        unit=org.housing_team,
        parent=housing_team,
        status=PlanStatus.DRAFT,
    )
    officer_objective = ObjectiveFactory(
        plan=officer_plan, number=1, title="Confidential goal", contributes_to=team_objective
    )
    return Plans(
        community,
        council,
        council_draft,
        housing,
        housing_team,
        housing_draft,
        planning,
        planning_draft,
        officer_plan,
        officer_objective,
        housing_objective,
    )


@pytest.fixture
def director(org, people):
    """The manager's own line manager: sees the officer's plan down the chain."""
    from core.roles import Role

    director = make_user("director", Role.MANAGER, org.place)
    people.manager.profile.line_manager = director
    people.manager.profile.save()
    return director
