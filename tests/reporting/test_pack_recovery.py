"""No pack is lost: when the task queue is down, or the worker generating it is lost.

The same behaviours through real services (Redis stopped, a worker killed with SIGKILL) are in
tests/faults/.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from reporting.models import Pack
from reporting.services import (
    PACK_MAX_ATTEMPTS,
    WAITING_FOR_QUEUE,
    pack_generate,
    pack_publish,
    pack_recover,
    pack_request,
)
from reporting.tasks import generate_pack_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue_down(monkeypatch):
    """Make every attempt to queue a task fail as kombu does when Redis refuses connections."""

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("celery.app.task.Task.apply_async", refuse)
    return monkeypatch


def _queued_pack(people, django_capture_on_commit_callbacks) -> Pack:
    """Ask for a calendar pack without running its task (as if the queue holds it)."""
    with django_capture_on_commit_callbacks(execute=False):
        return pack_request(report_type="calendar", period_label="2026", requested_by=people.perf)


def _as_if_a_worker_took_it(pack: Pack, *, task_id: str, attempts: int = 1, minutes_ago=0):
    Pack.objects.filter(pk=pack.pk).update(
        status="generating",
        task_id=task_id,
        attempts=attempts,
        progress=30,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def _ask_for_calendar(client, period: str) -> tuple[Pack, str]:
    response = client.post(
        reverse("reporting:pack_create"),
        {"report_type": "calendar", "period": period, "scope": ""},
    )
    assert response.status_code == 302
    return Pack.objects.get(period_label=period), client.get(response["Location"]).content.decode()


# Transactional, so that the pack is committed and handed to the queue (on commit) before the
# view says what happened, as in production.
@pytest.mark.django_db(transaction=True)
def test_asking_for_a_pack_while_the_queue_is_down_saves_it_and_says_it_will_go_later(
    client, people, queue_down
):
    client.force_login(people.perf)
    pack, page = _ask_for_calendar(client, "2026")
    assert (pack.status, pack.sent_at, pack.progress_note) == ("queued", None, WAITING_FOR_QUEUE)
    assert pack.is_waiting_for_queue
    assert "is saved and queued, but the service that generates packs is not answering" in page
    assert "will be generated automatically once the service is back" in page
    assert "no need to ask again" in page
    assert WAITING_FOR_QUEUE in page  # the status panel says so too

    queue_down.undo()
    assert pack_recover() == {"failed": 0, "requeued": 0, "sent": 1}
    pack.refresh_from_db()
    assert pack.status == "ready"
    assert pack.sent_at is not None
    assert pack_recover() == {"failed": 0, "requeued": 0, "sent": 0}

    # With the queue answering, the request simply goes (here, generated in-process).
    second, page = _ask_for_calendar(client, "2027")
    assert second.sent_at is not None
    assert "is being generated" in page
    assert "not answering" not in page


def test_a_pack_the_queue_took_is_not_sent_again_until_the_message_must_be_lost(
    people, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(generate_pack_task, "delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        pack = pack_request(report_type="calendar", period_label="2026", requested_by=people.perf)
    assert sent == [pack.pk]
    assert pack_recover()["sent"] == 0
    # Still queued after the broker's visibility timeout: the message went with Redis's data.
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    later = timezone.now() + timedelta(seconds=timeout + 1)
    assert pack_recover(now=later)["sent"] == 1
    assert sent == [pack.pk, pack.pk]


def test_the_same_task_delivered_again_takes_back_the_pack_its_lost_worker_was_building(
    demo_cycle, people, django_capture_on_commit_callbacks
):
    pack = _queued_pack(people, django_capture_on_commit_callbacks)
    _as_if_a_worker_took_it(pack, task_id="first-delivery")

    # Another task (a duplicate message) leaves an attempt in progress alone.
    assert pack_generate(pack.pk, task_id="someone-else").status == "generating"
    # The queue delivers a message again only when the worker that had it is gone.
    pack = pack_generate(pack.pk, task_id="first-delivery")
    assert pack.status == "ready"
    assert pack.attempts == 2
    assert pack.file


def test_a_pack_whose_worker_is_lost_every_time_fails_with_a_reason_after_its_attempts(
    demo_cycle, people, django_capture_on_commit_callbacks
):
    pack = _queued_pack(people, django_capture_on_commit_callbacks)
    _as_if_a_worker_took_it(pack, task_id="t", attempts=PACK_MAX_ATTEMPTS)
    pack = pack_generate(pack.pk, task_id="t")
    assert pack.status == "failed"
    assert f"stopped {PACK_MAX_ATTEMPTS} times" in pack.error
    assert not pack.file


def test_the_task_names_itself_so_a_redelivery_can_be_recognised(
    demo_cycle, people, django_capture_on_commit_callbacks
):
    pack = _queued_pack(people, django_capture_on_commit_callbacks)
    assert generate_pack_task.apply(args=[pack.pk], task_id="task-42").get() == "ready"
    pack.refresh_from_db()
    assert pack.task_id == "task-42"


def test_recovery_queues_again_packs_left_generating_past_the_time_limit(
    demo_cycle, people, django_capture_on_commit_callbacks
):
    limit_minutes = settings.CELERY_TASK_TIME_LIMIT // 60 + 2
    lost = _queued_pack(people, django_capture_on_commit_callbacks)
    _as_if_a_worker_took_it(lost, task_id="gone", minutes_ago=limit_minutes)
    worn_out = _queued_pack(people, django_capture_on_commit_callbacks)
    _as_if_a_worker_took_it(
        worn_out, task_id="gone-too", attempts=PACK_MAX_ATTEMPTS, minutes_ago=limit_minutes
    )
    running = _queued_pack(people, django_capture_on_commit_callbacks)
    _as_if_a_worker_took_it(running, task_id="busy", minutes_ago=1)

    assert pack_recover() == {"failed": 1, "requeued": 1, "sent": 1}
    lost.refresh_from_db()
    assert lost.status == "ready"  # sent again, and generated (in-process here)
    assert lost.attempts == 2
    worn_out.refresh_from_db()
    assert worn_out.status == "failed"
    assert "tell the system administrator" in worn_out.error
    running.refresh_from_db()
    assert (running.status, running.task_id) == ("generating", "busy")


def test_publishing_while_the_queue_is_down_still_publishes(
    demo_cycle, people, django_capture_on_commit_callbacks, queue_down
):
    pack = pack_generate(_queued_pack(people, django_capture_on_commit_callbacks).pk)
    with django_capture_on_commit_callbacks(execute=True):
        pack_publish(pack=pack, published_by=people.perf)
    # Its audiences are e-mailed by the daily run, which tells those not yet told.
    assert Pack.objects.get(pk=pack.pk).status == "published"


def test_pack_tasks_are_redelivered_if_their_worker_dies_and_never_wait_on_results():
    from config.celery import app

    assert generate_pack_task.acks_late is True
    assert generate_pack_task.reject_on_worker_lost is True
    assert generate_pack_task.ignore_result is True
    schedule = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "reporting.tasks.recover_packs_task" in schedule
    options = app.conf.broker_transport_options
    assert options["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT
    assert options["socket_connect_timeout"] <= 5
