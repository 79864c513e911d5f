"""Personal API tokens: made and named on one's own page, shown once, stored hashed, last use
seen, revoked (by oneself or an administrator), dead with their person."""

import hashlib
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def _make(client, name="Power BI", **extra) -> str:
    response = client.post(reverse("api:tokens"), {"name": name, **extra})
    assert response.status_code == 200
    return re.search(r'value="(gt_[^"]+)"', response.content.decode()).group(1)


def test_a_person_makes_a_token_sees_it_once_and_it_is_stored_hashed(client, people):
    client.force_login(people.officer)
    secret = _make(client)
    token = ApiToken.objects.get(person=people.officer)
    assert token.name == "Power BI" and not token.can_submit_figures  # read-only by default
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.values_list().get())  # only its fingerprint
    page = client.get(reverse("api:tokens")).content.decode()
    assert "Power BI" in page and token.prefix in page and secret not in page
    assert "Never" in page  # not used yet


def test_a_token_acts_as_its_person_and_its_last_use_is_shown(client, people):
    api, token = token_client(people.officer)
    response = api.get(reverse("api:indicators"))
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    client.force_login(people.officer)
    assert "Never" not in client.get(reverse("api:tokens")).content.decode()


def test_the_account_page_links_to_the_tokens_page(client, people):
    """The person's name in the menu leads to their account page (password, tokens)."""
    client.force_login(people.board)
    assert reverse("password_change") in client.get(reverse("core:home")).content.decode()
    assert reverse("api:tokens") in client.get(reverse("password_change")).content.decode()


def test_a_blank_name_is_refused_where_it_was_typed(client, people):
    client.force_login(people.officer)
    response = client.post(reverse("api:tokens"), {"name": "  "})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_the_token_stops_working(client, people):
    api, token = token_client(people.officer)
    client.force_login(people.officer)
    url = reverse("api:token_revoke", args=[token.pk])
    confirm = client.get(url).content.decode()
    assert "stops working at once" in confirm
    assert api.get(reverse("api:indicators")).status_code == 200  # asking revoked nothing
    assert client.post(url).status_code == 302
    response = api.get(reverse("api:indicators"))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    token.refresh_from_db()
    assert token.revoked_by == people.officer
    assert [h.history_change_reason for h in token.history.order_by("history_id")] == [
        "Created",
        "Revoked",
    ]


def test_nobody_else_may_revoke_a_token_but_an_administrator(client, people):
    api, token = token_client(people.officer)
    url = reverse("api:token_revoke", args=[token.pk])
    for other in (people.manager, people.perf, people.other_officer):
        client.force_login(other)
        assert client.post(url).status_code == 404
    assert api.get(reverse("api:indicators")).status_code == 200
    client.force_login(people.admin)
    assert "Power BI" in client.get(reverse("api:tokens_all")).content.decode()
    assert client.post(url).status_code == 302
    assert api.get(reverse("api:indicators")).status_code == 401
    token.refresh_from_db()
    assert token.revoked_by == people.admin
    assert token.history.first().history_change_reason == "Revoked by admin"


def test_a_deactivated_persons_tokens_stop_working(people):
    api, _token = token_client(people.officer)
    people.officer.is_active = False
    people.officer.save()
    assert api.get(reverse("api:indicators")).status_code == 401


@pytest.mark.parametrize("header", ["Bearer", "Bearer gt_nonsense", "Bearer a b", "Token xyz"])
def test_a_bad_token_is_refused_with_401_and_never_falls_back(header, people):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=header)
    response = api.get(reverse("api:indicators"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_without_a_token_the_api_asks_for_one():
    response = APIClient().get(reverse("api:register"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
