"""What each role can reach of what exists so far."""

import pytest
from django.urls import reverse

from core import access
from core.models import DomainAccess
from core.roles import ROLE_PERMISSIONS, Role

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_page_and_healthz_are_public(client):
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200


@pytest.mark.parametrize("role", Role.ALL)
def test_every_role_reaches_the_home_page(client, people, role):
    user = people.by_role()[role]
    client.force_login(user)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert role in response.content.decode()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ADMIN, True),
        (Role.PERFORMANCE, False),
        (Role.MANAGER, False),
        (Role.OFFICER, False),
        (Role.BOARD, False),
        (Role.AUDIT, False),
    ],
)
def test_only_administrators_reach_django_admin(client, people, role, allowed):
    user = people.by_role()[role]
    if role == Role.ADMIN:
        user.is_staff = user.is_superuser = True
        user.save()
    client.force_login(user)
    response = client.get("/admin/")
    assert (response.status_code == 200) is allowed


def test_groups_hold_exactly_the_permissions_of_the_roles_table(people):
    for role, user in people.by_role().items():
        expected = set(ROLE_PERMISSIONS[role])
        granted = {
            codename
            for codename, _name in DomainAccess._meta.permissions
            if access.has(user, codename)
        }
        assert granted == expected, role


def test_manager_scope_is_their_service_subtree(people, org):
    ids = access.scoped_unit_ids(people.manager)
    assert set(ids) == {org.housing.pk, org.housing_team.pk}
    assert access.scoped_unit_ids(people.perf) is None
    assert access.scoped_unit_ids(people.audit) is None
    assert access.scoped_unit_ids(people.officer) == []
    assert access.scoped_unit_ids(people.board) == []


def test_navigation_hides_entries_a_role_may_not_use(client, people):
    client.force_login(people.board)
    nav = client.get(reverse("core:home")).context["nav_items"]
    # Home is the brand link, not an entry of its own.
    assert {item["name"] for item in nav} >= {"dashboards:pmb", "indicators:list"}
    assert "indicators:verify_queue" not in {item["name"] for item in nav}
