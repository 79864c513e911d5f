"""Single sign-on is off unless configured: the demo and `make run` keep passwords."""

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_without_oidc_settings_sign_in_is_by_password_only(client, people):
    page = client.get(reverse("login")).content.decode()
    assert 'name="password"' in page
    assert reverse("oidc_start") not in page
    assert client.get(reverse("oidc_start")).status_code == 404
    assert client.get(reverse("oidc_callback")).status_code == 404


def test_the_password_switch_does_nothing_without_single_sign_on(client, people, settings):
    settings.OIDC_LOCAL_PASSWORDS = False
    assert authenticate(username="officer", password="correct-horse-battery") == people.officer


def test_passwords_switched_off_are_refused_by_every_password_check(people, settings):
    settings.OIDC_RP_CLIENT_ID = "client"
    settings.OIDC_RP_CLIENT_SECRET = "secret"  # noqa: S105
    for name in ("AUTHORIZATION", "TOKEN", "USER", "JWKS"):
        setattr(settings, f"OIDC_OP_{name}_ENDPOINT", f"https://id.example/{name.lower()}")
    settings.OIDC_LOCAL_PASSWORDS = False
    # Django admin's sign-in goes through the same backends.
    assert authenticate(username="officer", password="correct-horse-battery") is None
