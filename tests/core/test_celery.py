"""Celery is wired to the project: tasks are found by name, travel through a broker to a worker
and come back, and the beat schedule names only tasks that exist.

A fresh process stands in for a worker starting (`python -m celery -A config worker` imports
the same app and discovers the same tasks), so what other tests imported cannot hide a task
that autodiscovery no longer finds. The real Redis and worker are in the `services` test below.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from core.tasks import ping_task
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

# A worker on an in-memory broker, in its own process: nothing queued here reaches Redis.
WORKER_ROUND_TRIP = """
import json, django
django.setup()
from celery.contrib.testing.worker import start_worker
from config.celery import app
app.conf.task_always_eager = False
app.loader.import_default_modules()
with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
    answer = app.send_task("core.tasks.ping_task", args=["by name"]).get(timeout=30)
print(json.dumps({"answer": answer, "tasks": sorted(app.tasks)}))
"""


def _worker_round_trip() -> dict:
    dropped = {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "CELERY_RESULT_BACKEND"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env |= {"CELERY_BROKER_URL": "memory://", "CELERY_RESULT_BACKEND": "cache+memory://"}
    done = subprocess.run(
        [sys.executable, "-c", WORKER_ROUND_TRIP],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def round_trip() -> dict:
    return _worker_round_trip()


def test_a_task_sent_by_name_runs_on_a_worker_of_the_configured_app(round_trip):
    assert round_trip["answer"] == "pong: by name"


def test_every_beat_job_and_every_task_module_is_registered_on_the_app(round_trip):
    registered = set(round_trip["tasks"])
    scheduled = {job["task"] for job in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled <= registered, scheduled - registered
    ours = {
        "core.tasks.ping_task",
        "indicators.tasks.send_figure_reminders_task",
        "indicators.tasks.send_return_notices_task",
        "reporting.tasks.generate_pack_task",
    }
    assert ours <= registered, ours - registered


def test_tasks_are_acknowledged_late_so_a_lost_worker_means_redelivery():
    from config.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_ping_goes_through_a_real_worker(celery_worker_process):
    assert not settings.CELERY_TASK_ALWAYS_EAGER
    result = ping_task.delay("through redis")
    assert result.get(timeout=30) == "pong: through redis"
