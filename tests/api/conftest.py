"""The API's tests: a token per role, over the URL x role world of tests/security."""

import pytest
from rest_framework.test import APIClient

from api.services import token_create
from tests.security.world import build_world


@pytest.fixture
def world(org, people):
    return build_world(org, people)


def token_client(person, *, can_submit_figures: bool = False, name: str = "Power BI"):
    """Return (client, token) for a new token of `person`: the client sends it, no session."""
    token, secret = token_create(person=person, name=name, can_submit_figures=can_submit_figures)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client, token


def pytest_terminal_summary(terminalreporter):
    """Say how many requests Schemathesis made (the issue asks for the figure)."""
    from tests.api.test_schemathesis import REQUESTS

    if REQUESTS:
        terminalreporter.write_sep("-", "schemathesis")
        terminalreporter.write_line(
            f"{sum(REQUESTS.values())} requests: "
            + ", ".join(f"{role} {count}" for role, count in REQUESTS.items())
        )
