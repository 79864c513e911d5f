"""Password reset by e-mail: the link arrives, sets a password once; the answer is the same
whether or not the address is known; requests are throttled per address and per IP."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from people.views import RESET_LIMIT

pytestmark = pytest.mark.django_db


def ask(client, email, ip="10.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_the_link_sets_a_new_password(client, people):
    people.officer.email = "officer@council.example"
    people.officer.save()
    response = ask(client, "officer@council.example")
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["officer@council.example"]
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session, then shows the form
    response = client.post(
        form_url, {"new_password1": "Correct-horse-9", "new_password2": "Correct-horse-9"}
    )
    assert response.url == reverse("password_reset_complete")
    assert client.login(username="officer", password="Correct-horse-9")
    client.logout()
    assert "already been used" in client.get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, people):
    known = ask(client, people.officer.email)
    unknown = ask(client, "nobody@nowhere.example")
    assert known.url == unknown.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1


def test_requests_are_throttled_per_address_and_per_ip(client, people):
    for _ in range(RESET_LIMIT + 2):
        assert ask(client, people.officer.email, ip="10.0.0.2").url == reverse(
            "password_reset_done"
        )
    assert len(mail.outbox) == RESET_LIMIT
    mail.outbox.clear()
    for n in range(RESET_LIMIT + 2):
        ask(client, f"someone{n}@nowhere.example", ip="10.0.0.3")
    ask(client, people.manager.email, ip="10.0.0.3")  # a real address, but from that IP
    assert mail.outbox == []
    ask(client, people.manager.email, ip="10.0.0.4")
    assert len(mail.outbox) == 1


def test_the_sign_in_page_links_to_it(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_there_is_no_reset_when_passwords_are_switched_off(client, settings):
    settings.OIDC_RP_CLIENT_ID = "golden-thread"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.example/jwks"
    settings.OIDC_LOCAL_PASSWORDS = False
    assert client.get(reverse("password_reset")).status_code == 404
    assert reverse("password_reset") not in client.get(reverse("login")).content.decode()
