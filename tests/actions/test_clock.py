"""Each page of actions and risks reads the clock once: every part of it agrees on the day."""

import datetime
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from django.urls import reverse

from core import clock

pytestmark = pytest.mark.django_db

DAY = datetime.date(2031, 1, 15)


@pytest.fixture
def clock_reads(monkeypatch) -> list[datetime.date]:
    """The clock of core.clock, counting its reads; it moves on a day at each read, as if
    every read came after midnight."""
    reads: list[datetime.date] = []

    def localdate() -> datetime.date:
        reads.append(DAY + datetime.timedelta(days=len(reads)))
        return reads[-1]

    monkeypatch.setattr(clock, "timezone", SimpleNamespace(localdate=localdate))
    return reads


def test_a_request_reads_the_clock_once():
    request = RequestFactory().get("/")
    first = clock.today(request)
    assert clock.today(request) is first
    assert clock.today(RequestFactory().get("/")) >= first


@pytest.mark.parametrize(
    "page",
    [
        lambda items: reverse("actions:plan_list"),
        lambda items: reverse("actions:plan_detail", args=[items.housing_plan.pk]),
        lambda items: reverse("actions:plan_detail", args=[items.housing_plan.pk]) + "?export=csv",
        lambda items: reverse("actions:my_actions"),
        lambda items: reverse("actions:action_detail", args=[items.housing_action.pk]),
        lambda items: reverse("actions:register_list"),
        lambda items: reverse("actions:register_detail", args=[items.housing_register.pk]),
        lambda items: reverse("actions:risk_detail", args=[items.housing_risk.pk]),
    ],
)
def test_every_page_reads_the_clock_once_and_shows_that_day(
    client, people, items, clock_reads, page
):
    client.force_login(people.manager)
    response = client.get(page(items))
    assert response.status_code == 200
    assert clock_reads == [DAY]
    if response.context and "today" in response.context:
        assert response.context["today"] == DAY
