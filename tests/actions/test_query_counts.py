"""List pages run a fixed number of queries whatever the number of actions or risks."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import CouncilSettings
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionUpdateFactory,
    OrgUnitFactory,
    RiskFactory,
    RiskRegisterFactory,
    RiskReviewFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def grow(plan, register, people, n: int) -> None:
    """Add n actions (each with leads, a team and two updates) and n risks with two reviews."""
    for i in range(n):
        theme = ThemeFactory(plan=plan) if i % 5 == 0 else plan.themes.last()
        action = ActionFactory(theme=theme, leads=[people.officer, people.manager])
        action.teams.add(OrgUnitFactory())
        ActionUpdateFactory(action=action, author=people.officer)
        ActionUpdateFactory(action=action, author=people.officer, date=datetime.date(2026, 10, 1))
        risk = RiskFactory(register=register, owner=people.manager)
        risk.mitigating_actions.add(action)
        RiskReviewFactory(risk=risk, reviewer=people.manager)
        RiskReviewFactory(risk=risk, reviewer=people.manager, date=datetime.date(2026, 7, 1))
        ActionPlanFactory(unit=plan.unit)
        RiskRegisterFactory(unit=register.unit)


def count(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


PAGES = [
    ("actions:plan_list", None, {}),
    ("actions:plan_detail", "plan", {}),
    ("actions:plan_detail", "plan", {"overdue": "true", "rag": "off_track", "lead": "LEAD"}),
    ("actions:plan_detail", "plan", {"export": "csv"}),
    ("actions:my_actions", None, {}),
    ("actions:register_list", None, {}),
    ("actions:register_detail", "register", {}),
    ("actions:register_detail", "register", {"export": "xlsx"}),
]


@pytest.mark.parametrize(("name", "target", "params"), PAGES)
def test_list_pages_do_not_grow_with_data(client, people, org, name, target, params):
    plan = ActionPlanFactory(unit=org.housing)
    register = RiskRegisterFactory(unit=org.housing)
    objects = {"plan": plan, "register": register}
    url = reverse(name, args=[objects[target].pk]) if target else reverse(name)
    params = {k: (people.officer.pk if v == "LEAD" else v) for k, v in params.items()}
    CouncilSettings.load()  # the settings row exists in a running council
    client.force_login(people.officer)
    grow(plan, register, people, 3)
    small = count(client, url, **params)
    grow(plan, register, people, 20)
    large = count(client, url, **params)
    assert large == small
    assert large <= 16
