"""Single sign-on end to end: a real OpenID Connect provider (oidc-provider-mock, its own
process on 127.0.0.1), this site on Django's live server, and a real HTTP client between them.

The provider's sign-in form takes a subject; the claims it vouches for (the e-mail address)
are set beforehand through its PUT /users/<sub>, so each test chooses who signs in.
"""

import socket
import subprocess
import sys
import time
import uuid
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def provider():
    """Start the provider as a process of its own; return its base address."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{base}/.well-known/openid-configuration", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the OIDC provider did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def sso(settings, provider):
    """Single sign-on on, configured from the provider's discovery document."""
    found = requests.get(f"{provider}/.well-known/openid-configuration", timeout=5).json()
    settings.OIDC_RP_CLIENT_ID = "golden-thread"
    settings.OIDC_RP_CLIENT_SECRET = "test-secret"  # noqa: S105
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = found["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = found["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = found["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = found["jwks_uri"]
    settings.OIDC_OP_LOGOUT_ENDPOINT = found["end_session_endpoint"]
    # This provider signs with one key and names no key id; real providers name theirs.
    settings.OIDC_VERIFY_KID = False
    settings.OIDC_ACCESS_CONTACT = "the performance team (performance@council.example)"
    return provider


def provider_knows(provider: str, email: str) -> str:
    """Register a person at the provider with this e-mail; return their subject."""
    sub = str(uuid.uuid4())
    response = requests.put(
        f"{provider}/users/{sub}", json={"email": email, "email_verified": True}, timeout=5
    )
    assert response.status_code == 204
    return sub


def sign_in_with_sso(live_server, sub: str, browser=None, action: str = "") -> requests.Response:
    """Go through the provider's sign-in as `sub`; return the site's answer to its callback."""
    browser = browser or requests.Session()
    start = browser.get(f"{live_server.url}{reverse('oidc_start')}", allow_redirects=False)
    assert start.status_code == 302
    authorize = start.headers["Location"]
    assert authorize.startswith("http://127.0.0.1:")
    form = {"sub": sub, "action": action} if action else {"sub": sub}
    at_provider = browser.post(authorize, data=form, allow_redirects=False)
    assert at_provider.status_code == 302
    callback = at_provider.headers["Location"]
    assert callback.startswith(f"{live_server.url}{reverse('oidc_callback')}")
    return browser.get(callback, allow_redirects=False)


def home(live_server, browser: requests.Session) -> requests.Response:
    return browser.get(f"{live_server.url}{reverse('core:home')}", allow_redirects=False)


def test_a_known_person_signs_in_matched_by_email_in_any_case(live_server, sso, people):
    people.officer.email = "Olivia.Officer@Council.Example"
    people.officer.save()
    sub = provider_knows(sso, "olivia.officer@council.example")
    browser = requests.Session()

    answer = sign_in_with_sso(live_server, sub, browser)

    assert answer.status_code == 302
    assert answer.headers["Location"] == reverse("core:home")
    page = home(live_server, browser)
    assert page.status_code == 200
    assert "Officer" in page.text  # their role, on the home page
    assert "Sign out" in page.text


def test_the_sign_in_page_offers_single_sign_on_beside_passwords(live_server, sso):
    page = requests.get(f"{live_server.url}{reverse('login')}", timeout=5)
    assert "Sign in with your council account" in page.text
    assert 'name="password"' in page.text


def test_an_unknown_person_is_refused_and_told_whom_to_ask(live_server, sso, people):
    sub = provider_knows(sso, "stranger@elsewhere.example")
    browser = requests.Session()

    answer = sign_in_with_sso(live_server, sub, browser)

    assert answer.status_code == 403
    assert "You are not set up on this site yet" in answer.text
    assert "ask the performance team (performance@council.example)" in answer.text
    assert home(live_server, browser).status_code == 302  # not signed in
    assert not User.objects.filter(email__iexact="stranger@elsewhere.example").exists()


def test_an_unknown_person_gets_an_account_without_a_role_when_the_setting_allows(
    live_server, sso, settings, people
):
    settings.OIDC_CREATE_USER = True
    sub = provider_knows(sso, "new.starter@council.example")
    browser = requests.Session()

    answer = sign_in_with_sso(live_server, sub, browser)

    assert answer.status_code == 302
    person = User.objects.get(email="new.starter@council.example")
    assert not person.groups.exists()
    assert not person.has_usable_password()
    assert home(live_server, browser).status_code == 200


def test_a_deactivated_person_is_refused(live_server, sso, people):
    people.officer.email = "officer@council.example"
    people.officer.is_active = False
    people.officer.save()
    sub = provider_knows(sso, "officer@council.example")

    answer = sign_in_with_sso(live_server, sub)

    assert answer.status_code == 403
    assert "Your access has ended" in answer.text
    assert "ask the performance team (performance@council.example)" in answer.text


def test_deactivating_a_signed_in_person_ends_their_session_at_once(live_server, sso, people):
    people.officer.email = "officer@council.example"
    people.officer.save()
    browser = requests.Session()
    assert sign_in_with_sso(live_server, provider_knows(sso, "officer@council.example"), browser)
    assert home(live_server, browser).status_code == 200

    User.objects.filter(pk=people.officer.pk).update(is_active=False)

    page = home(live_server, browser)
    assert page.status_code == 302
    assert page.headers["Location"].startswith(reverse("login"))


def test_a_refusal_at_the_provider_is_explained(live_server, sso, people):
    answer = sign_in_with_sso(live_server, "anyone", action="deny")
    assert answer.status_code == 403
    assert "Signing in did not work" in answer.text


def test_signing_out_ends_the_session_here_and_at_the_provider(live_server, sso, people):
    people.officer.email = "officer@council.example"
    people.officer.save()
    browser = requests.Session()
    sign_in_with_sso(live_server, provider_knows(sso, "officer@council.example"), browser)
    assert home(live_server, browser).status_code == 200

    answer = browser.post(
        f"{live_server.url}{reverse('logout')}",
        data={"csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        allow_redirects=False,
    )

    assert answer.status_code == 302
    end_session = urlparse(answer.headers["Location"])
    assert f"{end_session.scheme}://{end_session.netloc}" == sso
    query = parse_qs(end_session.query)
    assert query["id_token_hint"]
    assert query["post_logout_redirect_uri"] == [f"{live_server.url}{reverse('login')}"]
    # The provider asks to confirm, then sends the browser back to our sign-in page.
    confirm = browser.post(
        f"{sso}/oauth2/end_session/confirm",
        data={"redirect_uri": query["post_logout_redirect_uri"][0]},
        allow_redirects=False,
    )
    assert confirm.headers["Location"] == f"{live_server.url}{reverse('login')}"
    assert home(live_server, browser).status_code == 302


def test_with_passwords_switched_off_only_single_sign_on_is_offered(
    live_server, sso, settings, people
):
    settings.OIDC_LOCAL_PASSWORDS = False
    browser = requests.Session()
    page = browser.get(f"{live_server.url}{reverse('login')}", timeout=5)
    assert "Sign in with your council account" in page.text
    assert 'name="password"' not in page.text

    refused = browser.post(
        f"{live_server.url}{reverse('login')}",
        data={
            "username": "officer",
            "password": "correct-horse-battery",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        allow_redirects=False,
    )

    assert refused.status_code == 403
    assert "Passwords are switched off here" in refused.text
    assert home(live_server, browser).status_code == 302
