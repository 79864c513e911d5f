"""Shared fixtures: personas in every role, the seeded demo council, the test tiers, and the
real services when configured.

Tests marked `services` need PostgreSQL/Redis/a Celery worker. Locally they are skipped when
the services are not configured; with REQUIRE_SERVICES=1 (CI) they fail instead.

Every test belongs to one tier (docs/testing.md): `faults` (tests/faults/), `browser`
(tests/browser/), `services` (the marker, or a real Celery worker), `pdf` (the marker: renders
a PDF and reads it back), else `unit`. `make test` runs the unit tier in parallel and the
others one after another.
"""

import contextlib
import io
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command

from core.choices import UnitKind
from core.models import OrgUnit
from core.roles import Role, sync_roles
from tests.factories import OrgUnitFactory, make_user

ROOT = Path(__file__).resolve().parent.parent
REQUIRE_SERVICES = os.getenv("REQUIRE_SERVICES", "").lower() in {"1", "true", "yes"}


TIERS = ("faults", "browser", "services", "pdf")  # the first that applies wins; else "unit"


def _tier(item: pytest.Item) -> str:
    folder = Path(item.path).parent.name
    if folder in ("faults", "browser"):
        return folder
    if item.get_closest_marker("services") or "celery_worker_process" in item.fixturenames:
        return "services"
    if item.get_closest_marker("pdf"):
        return "pdf"
    return "unit"


# After pytest-django orders the database tests (tryfirst), before `-m` selects by marker.
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its tier, and run the tests on the seeded demo council last.

    The demo is seeded once per process and stays until the end of the run (each test's own
    changes roll back), so no test that expects an empty database may come after it. With
    xdist every worker takes its tests in this order, each with a database of its own.
    """
    for item in items:
        tier = _tier(item)
        item.add_marker(getattr(pytest.mark, tier))
    items.sort(key=lambda item: "seeded_demo" in item.fixturenames)  # stable: order kept


@pytest.fixture(scope="session")
def _demo_council(django_db_setup, django_db_blocker):
    """The demo council (`seed_demo`), seeded once per test process and committed."""
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def seeded_demo(_demo_council, db) -> None:
    """The demo council; whatever the test changes is rolled back after it."""


def need_services(reason: str) -> None:
    """Skip the test locally, or fail it in CI, when a real service is not configured."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES is set but {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _tasks_in_process(request, settings):
    """Run queued tasks in-process, as `make run` does, unless the test uses the real services.

    In CI a broker is configured; without this, tasks queued by the code under test would wait
    in Redis for a worker that only the `services` tests start.
    """
    if request.node.get_closest_marker("services") or "celery_worker_process" in (
        request.fixturenames
    ):
        yield
        return
    from config.celery import app

    saved = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Throttling is tested on its own (tests/core/test_login.py); elsewhere force_login is used.
    settings.AXES_ENABLED = False
    cache.clear()  # cached results never outlive the test that made them
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@dataclass
class Org:
    council: OrgUnit
    place: OrgUnit
    housing: OrgUnit
    housing_team: OrgUnit
    planning: OrgUnit


@pytest.fixture
def org(db) -> Org:
    council = OrgUnitFactory(name="Council", code="council", kind="council")
    place = OrgUnitFactory(name="Place", code="place", kind="directorate", parent=council)
    housing = OrgUnitFactory(name="Housing", code="housing", kind="service", parent=place)
    team = OrgUnitFactory(
        name="Housing Options", code="housing-options", kind="team", parent=housing
    )
    planning = OrgUnitFactory(name="Planning", code="planning", kind="service", parent=place)
    return Org(council, place, housing, team, planning)


@dataclass
class People:
    admin: User
    perf: User
    manager: User
    officer: User
    other_officer: User
    board: User
    audit: User
    finance: User
    partner: User  # a partner contributor of the police (a partner organisation)

    def by_role(self) -> dict[str, User]:
        return {
            Role.ADMIN: self.admin,
            Role.PERFORMANCE: self.perf,
            Role.MANAGER: self.manager,
            Role.OFFICER: self.officer,
            Role.BOARD: self.board,
            Role.AUDIT: self.audit,
            Role.FINANCE: self.finance,
            Role.PARTNER: self.partner,
        }


@pytest.fixture
def people(org) -> People:
    """One person per role; `other_officer` works in another service (Planning)."""
    sync_roles()  # transactional tests flush the groups the migration made
    manager = make_user("manager", Role.MANAGER, org.housing)
    return People(
        admin=make_user("admin", Role.ADMIN, org.council),
        perf=make_user("perf", Role.PERFORMANCE, org.council),
        manager=manager,
        officer=make_user("officer", Role.OFFICER, org.housing_team, line_manager=manager),
        other_officer=make_user("planner", Role.OFFICER, org.planning),
        board=make_user("board", Role.BOARD, org.council),
        audit=make_user("audit", Role.AUDIT, org.council),
        finance=make_user("finance", Role.FINANCE, org.council),
        partner=make_user(
            "partner",
            Role.PARTNER,
            OrgUnitFactory(name="District Police", code="district-police", kind=UnitKind.PARTNER),
        ),
    )


def _database_url(settings_dict: dict) -> str:
    engine = settings_dict["ENGINE"]
    if "postgresql" not in engine:
        return ""
    user = settings_dict.get("USER") or "postgres"
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else f"{user}@"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def celery_worker_command(*args: str) -> list[str]:
    """Return the command line of a Celery worker of this project, with extra `args`."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--loglevel=info",
        "--without-gossip",
        "--without-mingle",
        *args,
    ]


@contextlib.contextmanager
def running_celery_worker(
    *args: str, node: str = "celery", log_name: str = "test-worker.log", **environ: str
):
    """Run a real Celery worker named `node` (a separate process, `args` added to its command
    line and `environ` to its environment) on the configured broker and the test database,
    answering pings, for the `with` block."""
    if django_settings.CELERY_TASK_ALWAYS_EAGER:
        need_services("no CELERY_BROKER_URL is set, so there is no real worker to run")
    from django.db import connection

    url = _database_url(connection.settings_dict)
    if not url:
        need_services("the worker needs PostgreSQL (DATABASE_URL) to share the test database")
    env = dict(os.environ, DATABASE_URL=url, AXES_ENABLED="false", **environ)
    # Kept open for the worker's lifetime, closed at the end below.
    log = open(ROOT / "var" / log_name, "w") if (ROOT / "var").is_dir() else None  # noqa: SIM115
    process = subprocess.Popen(
        celery_worker_command("-n", f"{node}@%h", *args),
        cwd=ROOT,
        env=env,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    from config.celery import app

    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            replies = app.control.ping(timeout=1)
            if any(name.startswith(f"{node}@") for reply in replies for name in reply):
                break
            if process.poll() is not None:
                pytest.fail("the Celery worker exited on start")
        else:
            pytest.fail("the Celery worker did not answer a ping within 60 s")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            log.close()


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A real Celery worker (one process) on the configured broker and test database.

    Tasks that use the database need tests marked `django_db(transaction=True)` so the worker
    sees committed rows.
    """
    with running_celery_worker("--pool=solo", "--concurrency=1") as process:
        yield process
