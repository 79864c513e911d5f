"""A Celery worker killed in the middle of a pack: the pack is generated again and completes,
and nothing half-built is ever published.

The app runs in gunicorn and the workers are real Celery processes on a Redis of the test's
own. To kill a worker while it is certainly building, the test holds a lock on the table of
report audiences, which the calendar pack reads once it has started (and nothing else the test
does reads): the worker blocks there, mid-build, until the lock is released.
"""

import io
import os
import signal
from collections.abc import Iterator

import psycopg2
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from reporting.models import Pack
from tests.faults.conftest import Browser, shared_database_url, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


LOCKED_TABLE = "reporting_audience"


@pytest.fixture
def audiences_locked(transactional_db) -> Iterator[psycopg2.extensions.connection]:
    """Hold an exclusive lock on the audiences' table until `.rollback()` releases it."""
    call_command("import_cycle", verbosity=0)
    lock = psycopg2.connect(shared_database_url())
    try:
        with lock.cursor() as cursor:
            cursor.execute("SET lock_timeout = '30s'")
            cursor.execute(f"LOCK TABLE {LOCKED_TABLE} IN ACCESS EXCLUSIVE MODE")
        yield lock
    finally:
        lock.rollback()
        lock.close()


def _waiting_on_the_lock() -> set[int]:
    """Return the database sessions waiting for the locked table (a worker blocked mid-build)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_locks WHERE relation = %s::regclass AND NOT granted",
            [LOCKED_TABLE],
        )
        return {pid for (pid,) in cursor.fetchall()}


def _ask_for_a_pack(browser: Browser) -> Pack:
    status, body, headers = browser.post(
        reverse("reporting:pack_create"), {"report_type": "calendar", "period": "2026"}
    )
    assert status == 302, body[:2000]
    pack = Pack.objects.get()
    assert headers["Location"] == reverse("reporting:pack_detail", args=[pack.pk])
    return pack


def _building(pack: Pack, attempt: int, seen: frozenset[int] = frozenset()) -> set[int]:
    """Wait until `attempt` of the pack is under way and blocked mid-build.

    Returns the database sessions then waiting; a new one, not in `seen`, must be among them
    (a killed worker's session may still be waiting too: PostgreSQL notices only later).
    """

    def under_way():
        pack.refresh_from_db()
        return pack.status == "generating" and pack.attempts == attempt

    wait_for(f"attempt {attempt} generating", under_way, timeout=60)
    return wait_for(
        f"attempt {attempt} blocked mid-build",
        lambda: (waiting := _waiting_on_the_lock()) - seen and waiting,
        timeout=30,
    )


def _pack_files() -> list[str]:
    folder = settings.MEDIA_ROOT / "packs"
    return sorted(os.listdir(folder)) if folder.exists() else []


def _nothing_half_built_is_visible(browser: Browser, pack: Pack) -> None:
    pack.refresh_from_db()
    assert pack.status == "generating"
    assert not pack.file
    assert _pack_files() == []  # not even a partial file
    assert browser.get(reverse("reporting:pack_file", args=[pack.pk]))[0] == 404
    # Publishing is refused, even confirmed: only a ready pack can be published.
    confirm = {"confirm": pack.sha256}
    publish = reverse("reporting:pack_publish", args=[pack.pk])
    status, _body, _headers = browser.post(publish, confirm)
    assert status == 302
    pack.refresh_from_db()
    assert pack.status == "generating"
    assert pack.published_at is None


def _completes_whole(browser: Browser, pack: Pack, lock, attempts: int) -> None:
    lock.rollback()  # the build goes on

    def finished():
        pack.refresh_from_db()
        return not pack.is_running

    wait_for("the pack generated", finished, timeout=120)
    assert pack.status == "ready", pack.error
    assert pack.attempts == attempts
    assert _pack_files() == [os.path.basename(pack.file.name)]  # one file, no leftovers
    status, pdf, _headers = browser.download(reverse("reporting:pack_file", args=[pack.pk]))
    assert status == 200
    assert pdf == (settings.MEDIA_ROOT / pack.file.name).read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == pack.page_count >= 5
    assert "Annual planning & reporting cycle 2026" in reader.pages[0].extract_text()

    # Published through its confirmation: the checksum of the PDF the page showed.
    confirm = {"confirm": pack.sha256}
    publish = reverse("reporting:pack_publish", args=[pack.pk])
    status, _body, _headers = browser.post(publish, confirm)
    assert status == 302
    pack.refresh_from_db()
    assert pack.status == "published"


def test_a_pool_process_killed_mid_pack_is_replaced_and_the_same_task_completes_the_pack(
    app_on_own_redis, workers, people, audiences_locked
):
    """The common case: the kernel kills the process doing the work (e.g. out of memory)."""
    lock = audiences_locked
    worker = workers.start("--pool=prefork", "--concurrency=1")
    browser = Browser(app_on_own_redis, people.perf)
    pack = _ask_for_a_pack(browser)
    first_session = _building(pack, attempt=1)
    first_task = pack.task_id
    [child] = worker.pool_children()

    os.kill(child, signal.SIGKILL)
    # The worker puts the message back (reject on worker lost) and a new pool process takes
    # it: the same task, which takes the pack back from the attempt that died.
    _building(pack, attempt=2, seen=first_session)
    assert pack.task_id == first_task
    assert child not in worker.pool_children()
    _nothing_half_built_is_visible(browser, pack)

    _completes_whole(browser, pack, lock, attempts=2)
    assert "WorkerLostError" in worker.output()


def test_a_worker_killed_whole_mid_pack_leaves_it_unpublished_until_a_new_worker_completes_it(
    app_on_own_redis, workers, people, audiences_locked
):
    """The machine or container running the worker dies: nothing is left to requeue it."""
    lock = audiences_locked
    first = workers.start("--pool=solo")
    browser = Browser(app_on_own_redis, people.perf)
    pack = _ask_for_a_pack(browser)
    first_session = _building(pack, attempt=1)
    first_task = pack.task_id

    first.kill_all()
    _nothing_half_built_is_visible(browser, pack)
    # Redis hands an unacknowledged message out again once its visibility timeout has passed
    # (by default twice the task time limit). The new worker is told a timeout of one second,
    # standing in for that wait, so it finds the message abandoned as soon as it starts.
    workers.start("--pool=solo", CELERY_VISIBILITY_TIMEOUT="1")
    _building(pack, attempt=2, seen=first_session)
    assert pack.task_id == first_task
    _nothing_half_built_is_visible(browser, pack)

    _completes_whole(browser, pack, lock, attempts=2)
