"""Redis down: "Remind" on the chasing page answers at once, and a retried click never adds the
same reminders again; they wait unsent in the database for the queue to come back.

The app runs in gunicorn on a Redis of the test's own (broker and result store), which the
test stops. The machine's shared Redis is never touched.
"""

import time

import pytest
from django.urls import reverse

from indicators.models import FigureReminder
from tests.faults.conftest import Browser
from tests.indicators.entry_helpers import housing_pi

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

QUICKLY = 5  # seconds: what a click may take while Redis is down (connections are refused)
CHASE = reverse("indicators:chase")


def test_remind_with_redis_down_answers_quickly_and_a_retry_adds_no_second_reminder(
    app_on_own_redis, own_redis, people, org
):
    housing_pi(people, org, code="LPI HO 01", deputy=people.manager)
    housing_pi(people, org, code="LPI PL 01", owner=people.other_officer, service=org.planning)
    browser = Browser(app_on_own_redis, people.perf)
    assert browser.get(CHASE)[0] == 200  # signed in, with a CSRF cookie
    own_redis.stop()

    for click in (1, 2):
        started = time.monotonic()
        status, body, headers = browser.post(CHASE, {})
        took = time.monotonic() - started
        assert status == 302, body[:2000]
        assert took < QUICKLY, f"click {click} took {took:.1f} s"
        assert headers["Location"] == CHASE
    # One reminder per person and figure owed, however often the button was pressed.
    reminders = FigureReminder.objects.all()
    keys = [(r.indicator_id, r.year, r.number, r.recipient_id) for r in reminders]
    assert len(keys) == len(set(keys)) > 0
    assert {r.recipient_id for r in reminders} == {
        people.officer.pk, people.manager.pk, people.other_officer.pk,
    }  # fmt: skip
    assert all(r.sent_at is None for r in reminders)  # waiting for the queue to come back
