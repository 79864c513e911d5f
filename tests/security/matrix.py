"""Measure what every role gets from every URL (GET, and POST for POST-only views).

The access table in test_url_access.py is checked against this measurement, so that a new
view cannot ship without a decision about who may use it.
"""

from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.security.world import World, url_for

LOGIN = "login"


def outcome(response) -> str:
    """Return 'ok', 'no' (403/404), 'login' (sent to sign in), 'redirect', 'post' (405) or
    the status code for anything else."""
    code = response.status_code
    if code == 302:
        return LOGIN if response.url.startswith(reverse("login")) else "redirect"
    if code in (403, 404):
        return "no"
    if code == 405:
        return "post"
    if code in (200, 201, 204):
        return "ok"
    return str(code)


def client_for(role: str, people) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(people, role))
    return client


def measure(name: str, role: str, people, world: World, org, kwargs_for: dict, method: str):
    """Return the outcome for one role; whatever the request changed is rolled back, so every
    role meets the same world."""
    return outcome(answer(name, role, people, world, org, kwargs_for, method))


def answer(name: str, role: str, people, world: World, org, kwargs_for: dict, method: str):
    """Return the response one role gets, with whatever the request changed rolled back."""
    url = url_for(name, kwargs_for, world, org)
    client = client_for(role, people)
    with transaction.atomic():
        response = client.get(url) if method == "get" else client.post(url, {})
        transaction.set_rollback(True)
    return response
