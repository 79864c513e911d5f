"""Closing and reopening periods; closed periods are read-only except amendments."""

import pytest
from django.urls import reverse

from indicators.choices import FigureState
from indicators.models import Figure, PeriodClosure
from tests.factories import FigureFactory
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db

PERIODS = reverse("indicators:periods")
ENTER = reverse("indicators:enter")


@pytest.mark.parametrize("role", ["officer", "manager", "board", "audit"])
def test_only_the_performance_team_may_close_periods(client, people, role):
    client.force_login(getattr(people, role))
    assert client.get(PERIODS).status_code == 403
    assert client.post(PERIODS, {"period": OCTOBER.label, "action": "close"}).status_code == 403
    assert not PeriodClosure.objects.exists()


def test_perf_closes_and_reopens_a_period_with_a_reason(client, people):
    client.force_login(people.perf)
    assert client.get(PERIODS).status_code == 200
    response = client.post(PERIODS, {"period": OCTOBER.label, "reason": "Sent to CMT"})
    assert response.status_code == 302
    closure = PeriodClosure.objects.get()
    assert (closure.year, closure.number, closure.closed_by) == (
        OCTOBER.year,
        OCTOBER.number,
        people.perf,
    )
    refused = client.post(PERIODS, {"period": OCTOBER.label, "action": "reopen", "reason": ""})
    assert refused.status_code == 400 and PeriodClosure.objects.exists()
    client.post(PERIODS, {"period": OCTOBER.label, "action": "reopen", "reason": "Late data"})
    assert not PeriodClosure.objects.exists()


def test_a_bad_period_label_is_refused_with_a_message(client, people):
    client.force_login(people.perf)
    response = client.post(PERIODS, {"period": "Octember"})
    assert response.status_code == 400 and "is not a period" in response.content.decode()


def test_a_closed_periods_figures_cannot_be_entered(client, people, org):
    pi = housing_pi(people, org)
    PeriodClosure.objects.create(
        frequency="monthly", year=OCTOBER.year, number=OCTOBER.number, closed_at="2026-11-20T10:00Z"
    )
    client.force_login(people.officer)
    item = f"?item={pi.pk}:{OCTOBER.label}"
    assert client.get(ENTER + item).status_code == 403
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "action": "draft",
        "form-0-version": "0",
        "form-0-value": "5",
    }
    assert client.post(ENTER + item, data).status_code == 403
    assert client.get(ENTER).context["formset"].forms == []
    assert not Figure.objects.exists()


def test_an_amendment_after_closing_is_a_restatement_with_a_reason(client, people, org):
    pi = housing_pi(people, org)
    figure = FigureFactory(
        indicator=pi,
        year=OCTOBER.year,
        number=OCTOBER.number,
        value=90,
        state=FigureState.VERIFIED,
        commentary="ok",
    )
    PeriodClosure.objects.create(
        frequency="monthly", year=OCTOBER.year, number=OCTOBER.number, closed_at="2026-11-20T10:00Z"
    )
    url = reverse("indicators:figure_amend", args=[figure.pk])
    client.force_login(people.officer)
    assert client.get(url).status_code == 403
    client.force_login(people.perf)
    assert client.get(url).status_code == 200
    data = {"version": figure.version, "value": "95", "commentary": "ok"}
    assert client.post(url, data).status_code == 400  # no reason
    assert client.post(url, data | {"reason": "Supplier corrected the count"}).status_code == 302
    figure.refresh_from_db()
    assert figure.value == 95 and figure.is_restatement
    assert "Supplier" in figure.history.first().history_change_reason
