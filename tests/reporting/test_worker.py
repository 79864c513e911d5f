"""Generation through a real Celery worker (CI: PostgreSQL + Redis)."""

import io
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from pypdf import PdfReader

from reporting.models import Pack
from reporting.services import pack_request
from reporting.tasks import daily_cycle_task
from tests.conftest import running_celery_worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _wait_until_finished(pack_id: int, timeout: float = 120) -> Pack:
    deadline = time.monotonic() + timeout
    seen_progress = set()
    while time.monotonic() < deadline:
        pack = Pack.objects.get(pk=pack_id)
        seen_progress.add(pack.progress)
        if not pack.is_running:
            pack.seen_progress = seen_progress
            return pack
        time.sleep(0.2)
    pytest.fail(f"pack {pack_id} still {pack.status} after {timeout} s")


# The worker writes files under its own media root (the environment's, not the test's).
WORKER_MEDIA = Path(os.getenv("MEDIA_ROOT", settings.BASE_DIR / "media"))


def _calendar_pack_from_the_worker(people) -> tuple[Pack, list[str]]:
    """Ask for the calendar pack; return it once ready, and its PDF's text page by page."""
    call_command("import_cycle", verbosity=0)
    pack = pack_request(report_type="calendar", period_label="2026", requested_by=people.perf)
    pack = _wait_until_finished(pack.pk)
    assert pack.status == "ready", pack.error
    assert pack.page_count >= 5
    assert pack.data["meta"]["title"] == "Annual planning & reporting cycle 2026"
    reader = PdfReader(io.BytesIO((WORKER_MEDIA / pack.file.name).read_bytes()))
    assert len(reader.pages) == pack.page_count
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    texts = [page.extract_text() for page in reader.pages]
    assert "Quarterly Fin/ perf report" in "".join(texts)
    return pack, texts


def test_a_pack_is_generated_by_the_worker_and_the_daily_job_runs_there(
    celery_worker_process, people
):
    _calendar_pack_from_the_worker(people)

    # Beat never reads the daily job's result, so it keeps none; this call asks for it.
    result = daily_cycle_task.apply_async(ignore_result=False).get(timeout=300)
    assert set(result) == {"generated", "ready_emails", "published_emails", "reminders"}
    again = daily_cycle_task.apply_async(ignore_result=False).get(timeout=300)
    assert again["generated"] == 0
    assert again["ready_emails"] == 0


@pytest.fixture
def two_worker_processes(django_db_setup, django_db_blocker):
    """A real worker with two pool processes that lays out every pack in parts, and takes
    every task meanwhile (other workers of the session stop taking them until the end)."""
    from config.celery import app

    with running_celery_worker(
        "--pool=prefork",
        "--concurrency=2",
        node="parts",
        log_name="test-worker-parts.log",
        PACK_PARTS_ABOVE="0",
        PACK_PARTS="2",
    ) as process:
        queue = app.conf.task_default_queue
        others = [n for r in app.control.ping(timeout=1) for n in r if not n.startswith("parts@")]
        if others:
            app.control.cancel_consumer(queue, destination=others, reply=True)
        yield process
        if others:
            app.control.add_consumer(queue, destination=others, reply=True)


def test_a_pack_in_parts_is_laid_out_by_two_worker_processes_and_put_together(
    two_worker_processes, people
):
    pack, texts = _calendar_pack_from_the_worker(people)
    assert (pack.sections_done, pack.sections_total) == (14, 14)
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {len(texts)}" in text
    # The parts wait in the worker's storage only until they are put together.
    assert not list((WORKER_MEDIA / "pack-parts").glob(f"p{pack.pk}-*"))
