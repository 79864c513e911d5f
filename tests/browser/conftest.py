"""Browser tests: Debian's Chromium driven by Playwright against a live Django server.

Screenshots go to test-artifacts/screenshots/<test name>/ so people can look at them.
Locally these tests are skipped when Chromium is not installed; in CI (REQUIRE_SERVICES=1)
a missing Chromium fails them.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import need_services

# Playwright runs an event loop in this thread; the ORM beside it is safe in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        need_services("Chromium is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


@pytest.fixture
def shot(request, page):
    """Return a function saving a full-page screenshot named after the step (of `page`, or
    of another browser page passed as `on`)."""
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):  # only this run's steps, numbered in order
        old.unlink()
    counter = iter(range(1, 1000))

    def take(step: str, on=None) -> Path:
        path = folder / f"{next(counter):02d}-{re.sub(r'[^A-Za-z0-9_-]+', '-', step)}.png"
        (on or page).screenshot(path=str(path), full_page=True)
        return path

    take.folder = folder
    return take


@pytest.fixture
def sign_in(page, live_server):
    """Return a function that signs `username` in through the login form, as a person would
    (in `page`, or in another browser page passed as `on`)."""

    def _sign_in(username: str, password: str = "correct-horse-battery", on=None) -> None:
        where = on or page
        where.goto(f"{live_server.url}/accounts/login/")
        where.get_by_label("Username").fill(username)
        where.get_by_label("Password").fill(password)
        where.get_by_role("button", name="Sign in").click()
        where.wait_for_load_state()

    return _sign_in
