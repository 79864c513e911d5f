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


def test_a_pack_is_generated_by_the_worker_and_the_daily_job_runs_there(
    celery_worker_process, people
):
    call_command("import_cycle", verbosity=0)
    pack = pack_request(report_type="calendar", period_label="2026", requested_by=people.perf)
    pack = _wait_until_finished(pack.pk)
    assert pack.status == "ready", pack.error
    assert pack.page_count >= 5
    assert pack.data["meta"]["title"] == "Annual planning & reporting cycle 2026"
    # The worker wrote the file under its own media root (the environment's, not this test's).
    media = Path(os.getenv("MEDIA_ROOT", settings.BASE_DIR / "media"))
    reader = PdfReader(io.BytesIO((media / pack.file.name).read_bytes()))
    assert len(reader.pages) == pack.page_count
    assert "Quarterly Fin/ perf report" in "".join(p.extract_text() for p in reader.pages)

    # Beat never reads the daily job's result, so it keeps none; this call asks for it.
    result = daily_cycle_task.apply_async(ignore_result=False).get(timeout=300)
    assert set(result) == {"generated", "ready_emails", "published_emails", "reminders"}
    again = daily_cycle_task.apply_async(ignore_result=False).get(timeout=300)
    assert again["generated"] == 0
    assert again["ready_emails"] == 0
