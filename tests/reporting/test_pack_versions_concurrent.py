"""Regenerations racing each other on PostgreSQL: each gets its own version and file, and the
published pack's bytes never change. Real threads on real connections, so it needs PG; packs
are generated in-process (no `services` marker), so no worker is needed."""

import hashlib
import threading

import pytest
from celery import _state as celery_state
from django.db import connection, connections

from reporting.models import Pack
from reporting.services import pack_publish, pack_request
from tests.conftest import need_services

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 6
SPELLINGS = ["2026/27 Q2", "2026/27Q2", "Q2 2026/27", "q2 2026/2027"]


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        need_services("the concurrency test needs PostgreSQL (DATABASE_URL)")


@pytest.fixture(autouse=True)
def _join_flag_restored():
    """Celery's eager apply sets a process-wide "joining would block" flag around each task and
    restores what it saw; threads interleaving can leave it set, and a later test in this
    process that waits on a real worker's result would then be refused."""
    saved = celery_state.task_join_will_block()
    yield
    celery_state._set_task_join_will_block(saved)


def _race(requests: list[dict]) -> tuple[list[Pack], list[BaseException]]:
    """Run each pack_request in its own thread, all released at once; return packs, errors."""
    start = threading.Barrier(len(requests))
    packs: list[Pack] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(kwargs: dict) -> None:
        try:
            start.wait()
            pack = pack_request(**kwargs)
            with lock:
                packs.append(pack)
        except BaseException as exc:  # reported by the test, not lost in the thread
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(kwargs,)) for kwargs in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return packs, errors


def _sha(pack: Pack) -> str:
    pack.refresh_from_db()
    with pack.file.open("rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def test_concurrent_regenerations_of_a_published_council_pack_each_get_a_version_and_file(
    people,
):
    first = pack_request(report_type="risk_register", period_label="2026/27 Q2")
    first.refresh_from_db()
    assert first.status == "ready"
    pack_publish(pack=first, published_by=people.perf)
    published = _sha(first)

    packs, errors = _race(
        [
            {
                "report_type": "risk_register",
                "period_label": SPELLINGS[n % len(SPELLINGS)],
                "requested_by": people.perf,
            }
            for n in range(RACERS)
        ]
    )
    assert errors == []
    every = list(Pack.objects.filter(report_type="risk_register"))
    assert sorted(p.version for p in every) == list(range(1, RACERS + 2))
    assert {p.period_label for p in every} == {"2026/27 Q2"}
    assert len({p.file.name for p in every}) == len(every)
    for pack in every:
        assert pack.status in ("ready", "published")
        assert _sha(pack) == pack.sha256
    assert _sha(first) == published == first.sha256


def test_concurrent_requests_for_a_scoped_pack_never_raise_and_get_distinct_versions(org, people):
    packs, errors = _race(
        [
            {
                "report_type": "risk_register",
                "period_label": SPELLINGS[n % len(SPELLINGS)],
                "scope_unit": org.housing,
            }
            for n in range(RACERS)
        ]
    )
    assert errors == []
    assert sorted(p.version for p in packs) == list(range(1, RACERS + 1))
    stored = Pack.objects.filter(scope_unit=org.housing)
    assert len({p.file.name for p in stored}) == RACERS
