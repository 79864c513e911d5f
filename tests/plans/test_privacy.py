"""Individual plans are seen only by the person, their line-manager chain, admins and audit.

Checked on every page that could show one: the plan page, its print view and export, its
objective pages, the plan list and its search, the golden thread and 'everything beneath'.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SECRET = "Owen secret appraisal"
GOAL = "Confidential goal"


def _who(people, director, name):
    return {
        "officer": people.officer,
        "manager": people.manager,
        "director": director,
        "admin": people.admin,
        "audit": people.audit,
        "perf": people.perf,
        "board": people.board,
        "other_officer": people.other_officer,
    }[name]


ALLOWED = ["officer", "manager", "director", "admin", "audit"]
REFUSED = ["perf", "board", "other_officer"]


@pytest.mark.parametrize("name", ALLOWED + REFUSED)
def test_individual_plan_pages(client, people, director, plans, name):
    client.force_login(_who(people, director, name))
    plan = plans.officer_plan
    urls = [
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:print", args=[plan.pk]),
        reverse("plans:export", args=[plan.pk]) + "?format=csv",
        reverse("plans:beneath", args=[plans.officer_objective.pk]),
    ]
    for url in urls:
        response = client.get(url)
        if name in ALLOWED:
            assert response.status_code == 200, url
        else:
            # Not found, as if it did not exist: a guessed URL says nothing.
            assert response.status_code == 404, url
            assert SECRET not in response.content.decode()


@pytest.mark.parametrize("name", ALLOWED + REFUSED)
def test_individual_plans_in_the_list_and_search(client, people, director, plans, name):
    client.force_login(_who(people, director, name))
    for query in ("", "?q=secret", "?q=Confidential", "?kind=individual"):
        page = client.get(reverse("plans:list") + query).content.decode()
        assert (SECRET in page) is (name in ALLOWED), query


@pytest.mark.parametrize("name", ALLOWED + REFUSED)
def test_individual_objectives_on_the_thread(client, people, director, plans, name):
    client.force_login(_who(people, director, name))
    period = "?period=2026-10"
    thread = client.get(reverse("plans:thread") + period).content.decode()
    beneath = client.get(
        reverse("plans:beneath", args=[plans.housing_objective.pk]) + period
    ).content.decode()
    team_plan = client.get(reverse("plans:detail", args=[plans.housing_team.pk])).content.decode()
    for page in (thread, beneath, team_plan):
        assert (GOAL in page or SECRET in page) is (name in ALLOWED)


@pytest.mark.parametrize("name", REFUSED)
def test_nobody_else_can_change_or_approve_it(client, people, director, plans, name):
    client.force_login(_who(people, director, name))
    plan = plans.officer_plan
    objective = plans.officer_objective
    for url in (
        reverse("plans:update", args=[plan.pk]),
        reverse("plans:delete", args=[plan.pk]),
        reverse("plans:objective_update", args=[plan.pk, objective.pk]),
    ):
        assert client.get(url).status_code == 404
    for url in (
        reverse("plans:approve", args=[plan.pk]),
        reverse("plans:archive", args=[plan.pk]),
        reverse("plans:copy", args=[plan.pk]),
        reverse("plans:objective_delete", args=[plan.pk, objective.pk]),
    ):
        assert client.post(url).status_code == 404
    plan.refresh_from_db()
    assert plan.status == "draft"
    assert plan.objectives.count() == 1
