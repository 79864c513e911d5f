"""Closing and reopening periods; closed periods are read-only except amendments."""

import pytest
from django.urls import reverse

from indicators.choices import FigureState
from indicators.models import Figure, PeriodClosure
from tests.factories import FigureFactory
from tests.indicators.entry_helpers import OCTOBER, SEPTEMBER, housing_pi

pytestmark = pytest.mark.django_db

PERIODS = reverse("indicators:periods")
CLOSE = reverse("indicators:period_close")
ENTER = reverse("indicators:enter")


def close(client, period, reason: str):
    """Close the period as the periods page does: ask, then confirm what was shown."""
    asked = client.post(PERIODS, {"period": period.label, "reason": reason}, follow=True)
    summary = asked.context["summary"]
    data = {"period": period.label, "reason": reason, "confirm": summary.fingerprint}
    return client.post(CLOSE, data)


@pytest.mark.parametrize("role", ["officer", "manager", "board", "audit"])
def test_only_the_performance_team_may_close_periods(client, people, role):
    client.force_login(getattr(people, role))
    assert client.get(PERIODS).status_code == 403
    assert client.post(PERIODS, {"period": OCTOBER.label, "action": "close"}).status_code == 403
    assert not PeriodClosure.objects.exists()


def test_perf_closes_and_reopens_a_period_with_a_reason(client, people):
    client.force_login(people.perf)
    assert client.get(PERIODS).status_code == 200
    response = close(client, OCTOBER, "Sent to CMT")
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
    # The officer is sent back to their list and told why, not shown an error page.
    response = client.get(ENTER + item, follow=True)
    assert response.redirect_chain == [(reverse("indicators:my"), 302)]
    closed = f"{pi.code} {OCTOBER.long_label} is closed: its figure can now only be amended"
    assert closed in response.content.decode()
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "action": "draft",
        "form-0-version": "0",
        "form-0-value": "5",
    }
    response = client.post(ENTER + item, data, follow=True)
    assert response.redirect_chain == [(reverse("indicators:my"), 302)]
    page = response.content.decode()
    assert f"Nothing was saved: {closed}" in page and "You had typed 5." in page
    assert client.get(ENTER).context["formset"].forms == []
    assert not Figure.objects.exists()


def test_a_period_closed_while_the_entry_page_was_open_saves_nothing(client, people, org):
    pi = housing_pi(people, org)
    client.force_login(people.officer)
    item = f"?item={pi.pk}:{OCTOBER.label}"
    assert client.get(ENTER + item).status_code == 200
    client.force_login(people.perf)
    close(client, OCTOBER, "Reported to Cabinet")
    client.force_login(people.officer)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "action": "submit",
        "form-0-figure_key": f"{pi.pk}:{OCTOBER.label}",
        "form-0-version": "0",
        "form-0-value": "97",
    }
    response = client.post(ENTER + item, data, follow=True)
    assert "Nothing was saved" in response.content.decode()
    assert not Figure.objects.exists()


def test_a_page_with_a_figure_closed_meanwhile_keeps_the_other_typing(client, people, org):
    late = housing_pi(people, org, code="LPI HO 01", active_from=SEPTEMBER.start)
    FigureFactory(
        indicator=late, year=OCTOBER.year, number=OCTOBER.number, value=3, state="verified"
    )
    current = housing_pi(people, org, code="LPI HO 02")
    client.force_login(people.officer)
    keys = [f"{late.pk}:{SEPTEMBER.label}", f"{current.pk}:{OCTOBER.label}"]
    assert [i.key for i in client.get(ENTER).context["formset"].items] == keys
    client.force_login(people.perf)
    close(client, SEPTEMBER, "Reported to CMT")
    client.force_login(people.officer)
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "action": "draft"}
    for index, (key, value) in enumerate(zip(keys, ("90", "95"), strict=True)):
        data |= {
            f"form-{index}-figure_key": key,
            f"form-{index}-version": "0",
            f"form-{index}-value": value,
        }
    response = client.post(ENTER, data)
    assert response.status_code == 409
    assert f"Nothing was saved: LPI HO 01 {SEPTEMBER.label} is closed" in response.content.decode()
    assert [f["value"].value() for f in response.context["formset"].forms] == ["90", "95"]
    assert not Figure.objects.filter(value__in=(90, 95)).exists()


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
