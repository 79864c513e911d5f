"""One object of every kind, in the Housing service, for checking every URL as every role."""

import datetime
from dataclasses import dataclass

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from indicators.choices import Frequency
from plans.choices import PlanKind
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    FigureFactory,
    IndicatorFactory,
    ObjectiveFactory,
    PlanFactory,
    RiskFactory,
    RiskRegisterFactory,
    TargetFactory,
    ThemeFactory,
)

# Roles as the access table names them; "anonymous" is a visitor who is not signed in.
ROLES = (
    "anonymous",
    "board",
    "officer",
    "other_officer",
    "manager",
    "perf",
    "audit",
    "admin",
    "partner",
)


@dataclass
class World:
    indicator: object
    figure: object
    plan: object
    objective: object
    individual_plan: object
    action_plan: object
    action: object
    register: object
    risk: object
    extra: dict


def build_world(org, people) -> World:
    indicator = IndicatorFactory(
        code="LPI HO 01",
        frequency=Frequency.MONTHLY,
        service=org.housing,
        owner=people.officer,
        is_public=True,
    )
    TargetFactory(indicator=indicator, year=2026, annual_target=100)
    figure = FigureFactory(indicator=indicator, year=2026, number=6, value=90)
    plan = PlanFactory(kind=PlanKind.SERVICE, unit=org.housing, owner=people.manager)
    objective = ObjectiveFactory(plan=plan)
    objective.indicators.add(indicator)
    individual = PlanFactory(
        kind=PlanKind.INDIVIDUAL, unit=org.housing_team, owner=people.officer, parent=None
    )
    action_plan = ActionPlanFactory(unit=org.housing)
    action = ActionFactory(theme=ThemeFactory(plan=action_plan))
    action.leads.add(people.officer)
    register = RiskRegisterFactory(unit=org.housing)
    risk = RiskFactory(
        register=register, owner=people.manager, review_date=datetime.date(2027, 1, 31)
    )
    return World(
        indicator, figure, plan, objective, individual, action_plan, action, register, risk, {}
    )


def our_url_names() -> list[str]:
    """Return every named URL of the product (Django's admin excluded)."""
    names: list[str] = []

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def url_for(name: str, kwargs_for: dict, world: World, org) -> str:
    """Reverse `name`, with the world's objects as arguments when it needs any."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return reverse(name, kwargs=kwargs_for[name](world, org))
