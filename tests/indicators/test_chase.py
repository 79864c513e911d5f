"""Chasing missing figures: the list by service and owner, and the reminder e-mails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from indicators.choices import FigureState
from indicators.figures.reminders import deliver_reminders
from indicators.models import FigureReminder
from indicators.services import ChaseItem, figure_reminders_send
from tests.factories import FigureFactory
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db

CHASE = reverse("indicators:chase")


@pytest.fixture
def missing(people, org):
    housing = housing_pi(people, org, code="LPI HO 01", deputy=people.manager)
    planning = housing_pi(
        people, org, code="LPI PL 01", owner=people.other_officer, service=org.planning
    )
    done = housing_pi(people, org, code="LPI HO 09")
    FigureFactory(
        indicator=done, year=OCTOBER.year, number=OCTOBER.number, state=FigureState.SUBMITTED
    )
    return housing, planning


@pytest.mark.parametrize("role", ["officer", "manager", "board", "audit"])
def test_only_the_performance_team_chases(client, people, missing, role):
    client.force_login(getattr(people, role))
    assert client.get(CHASE).status_code == 403
    assert client.post(CHASE).status_code == 403
    assert not FigureReminder.objects.exists()


def test_the_page_lists_missing_figures_by_service_and_owner(client, people, missing):
    client.force_login(people.perf)
    page = client.get(CHASE).content.decode()
    assert "LPI HO 01" in page and "LPI PL 01" in page and "LPI HO 09" not in page
    assert page.index("Housing") < page.index("LPI HO 01")


def test_reminding_one_owner_emails_them_and_their_deputy(
    client, people, missing, django_capture_on_commit_callbacks
):
    client.force_login(people.perf)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHASE, {"owner": people.officer.pk})
    assert response.status_code == 302
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == [people.manager.email, people.officer.email]
    assert "LPI HO 01" in mail.outbox[0].body and "LPI PL 01" not in mail.outbox[0].body
    assert all(r.sent_at for r in FigureReminder.objects.all())
    assert "Never" in client.get(CHASE).content.decode()  # Planning's owner not yet reminded


def test_remind_everyone_sends_one_email_per_person(
    client, people, missing, django_capture_on_commit_callbacks
):
    client.force_login(people.perf)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHASE)
    assert len(mail.outbox) == 3


def test_a_reminder_is_not_sent_twice(people, missing):
    reminder = FigureReminder.objects.create(
        indicator=missing[0],
        year=OCTOBER.year,
        number=OCTOBER.number,
        recipient=people.officer,
        sent_by=people.perf,
    )
    assert deliver_reminders([reminder.pk]) == 1
    assert deliver_reminders([reminder.pk]) == 0
    assert len(mail.outbox) == 1


def test_with_the_task_queue_down_reminders_wait_and_go_later(
    client, people, missing, monkeypatch, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone
    from kombu.exceptions import OperationalError

    from indicators.tasks import send_figure_reminders_task, send_pending_reminders_task

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_figure_reminders_task, "delay", broker_down)
    client.force_login(people.perf)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHASE, {"owner": people.officer.pk})
    assert response.status_code == 302  # the person chasing is not shown an error
    assert FigureReminder.objects.filter(sent_at__isnull=True).count() == 2
    assert not mail.outbox
    # Just asked for: it may still be on its way, so the pending run leaves it.
    assert send_pending_reminders_task() == 0
    FigureReminder.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    assert send_pending_reminders_task() == 2
    assert sorted(m.to[0] for m in mail.outbox) == [people.manager.email, people.officer.email]
    assert not FigureReminder.objects.filter(sent_at__isnull=True).exists()


def test_a_second_click_adds_no_reminder_and_sends_no_second_email(
    client, people, missing, django_capture_on_commit_callbacks
):
    client.force_login(people.perf)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHASE)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHASE, follow=True)
    assert len(mail.outbox) == 3
    assert FigureReminder.objects.count() == 3  # housing: owner and deputy; planning: owner
    assert "no reminder was added" in response.content.decode()


def test_unsent_reminders_are_not_added_again_when_the_queue_never_took_them(people, missing):
    items = [ChaseItem(missing[0], OCTOBER)]
    first = figure_reminders_send(items=items, sent_by=people.perf)
    FigureReminder.objects.update(created_at=timezone.now() - timedelta(days=3))  # still waiting
    assert len(first) == 2
    assert figure_reminders_send(items=items, sent_by=people.perf) == []
    assert FigureReminder.objects.count() == 2


def test_a_figure_reminded_on_an_earlier_day_is_reminded_again(people, missing):
    items = [ChaseItem(missing[0], OCTOBER)]
    figure_reminders_send(items=items, sent_by=people.perf)
    FigureReminder.objects.update(
        created_at=timezone.now() - timedelta(days=2), sent_at=timezone.now() - timedelta(days=2)
    )
    assert len(figure_reminders_send(items=items, sent_by=people.perf)) == 2
    assert FigureReminder.objects.count() == 4


def test_the_database_refuses_a_second_unsent_reminder_for_the_same_person_and_figure(
    people, missing
):
    fields = {
        "indicator": missing[0], "year": OCTOBER.year, "number": OCTOBER.number,
        "recipient": people.officer,
    }  # fmt: skip
    FigureReminder.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        FigureReminder.objects.create(**fields)
    FigureReminder.objects.update(sent_at=timezone.now())
    FigureReminder.objects.create(**fields)  # a new one once the first has gone


def test_tasks_keep_no_result_unless_someone_reads_it():
    from config.celery import app

    app.loader.import_default_modules()
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}
    assert "indicators.tasks.send_figure_reminders_task" in ours
    keeping = {name for name, task in ours.items() if not task.ignore_result}
    # Read by the worker check, and by the chord that counts a pack's parts done.
    assert keeping == {"core.tasks.ping_task", "reporting.tasks.render_pack_part_task"}
