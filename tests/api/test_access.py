"""A token sees exactly what its person sees on the pages: the URL x role table of
tests/security holds for the API's URLs with a token in place of the session, and the
rows listed are the pages' own."""

import pytest
from django.db import transaction
from django.urls import reverse

from plans.models import Plan
from reporting.models import Pack
from tests.api.conftest import token_client
from tests.security.matrix import outcome
from tests.security.test_url_access import ACCESS, KWARGS, POST_ACCESS
from tests.security.world import ROLES, url_for

pytestmark = pytest.mark.django_db

API = sorted(name for name in ACCESS if name.startswith("api:") and "token" not in name)


def _measure(name, people, world, org, method):
    got = {}
    for role in ROLES:
        url = url_for(name, KWARGS, world, org)
        with transaction.atomic():
            if role == "anonymous":
                from rest_framework.test import APIClient

                client = APIClient()
            else:
                client, _token = token_client(getattr(people, role), can_submit_figures=True)
            response = client.get(url) if method == "get" else client.post(url, {})
            transaction.set_rollback(True)
        got[role] = outcome(response)
    return got


@pytest.mark.parametrize("name", API)
def test_a_token_gets_what_the_session_gets(name, org, people, world):
    expected = dict(zip(ROLES, ACCESS[name].split(), strict=True))
    assert _measure(name, people, world, org, "get") == expected


def test_a_token_may_post_figures_where_the_session_may(org, people, world):
    expected = dict(zip(ROLES, POST_ACCESS["api:figures"].split(), strict=True))
    got = _measure("api:figures", people, world, org, "post")
    assert {r: g if g in {"no", "401"} else "ok" for r, g in got.items()} == expected


@pytest.mark.parametrize("role", [r for r in ROLES if r not in {"anonymous", "partner"}])
def test_the_plans_and_packs_listed_are_those_the_pages_list(role, org, people, world):
    from tests.factories import PackFactory

    PackFactory(status="ready", scope_unit=org.housing, report_type="action_plan")
    PackFactory(status="published", scope_unit=org.planning, report_type="action_plan")
    person = getattr(people, role)
    client, _token = token_client(person)
    plans = {p["id"] for p in client.get(reverse("api:plans")).json()["results"]}
    assert plans == set(Plan.objects.visible_to(person).values_list("pk", flat=True))
    packs = {p["id"] for p in client.get(reverse("api:packs")).json()["results"]}
    assert packs == set(Pack.objects.visible_to(person).values_list("pk", flat=True))
    # Independently of those querysets: someone's individual plan only to them and above.
    assert (world.individual_plan.pk in plans) == (role in {"officer", "manager", "audit", "admin"})


def test_a_partner_token_is_refused_as_the_partner_session_is(people):
    """Partner scope is decided before DRF reads a token; the token must meet it too."""
    client, _token = token_client(people.partner, can_submit_figures=True)
    for name in ("api:indicators", "api:register", "api:plans", "api:packs"):
        assert client.get(reverse(name)).status_code == 403, name
    assert client.post(reverse("api:figures"), [], format="json").status_code == 403


@pytest.mark.parametrize("role", ["officer", "other_officer", "board", "manager"])
def test_unverified_figures_show_only_where_the_pages_show_them(role, org, people, world):
    """The world's figure is submitted, not verified: its owner and their manager see it."""
    client, _token = token_client(getattr(people, role))
    label = f"{world.figure.year}-{world.figure.number}"
    from indicators.periods import Period

    period = Period("monthly", world.figure.year, world.figure.number).label
    rows = client.get(reverse("api:register") + f"?period={period}").json()["results"]
    value = next(r["value"] for r in rows if r["code"] == "LPI HO 01")
    assert (value == 90) == (role in {"officer", "manager"}), label
