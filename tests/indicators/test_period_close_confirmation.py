"""Closing a period is confirmed on a page naming what it leaves behind; nothing closes without."""

from datetime import timedelta

import pytest
from django.urls import reverse

from core.models import CouncilSettings
from indicators.closing import closing_summary
from indicators.models import PeriodClosure
from indicators.periods import due_date
from tests.factories import FigureFactory
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db

PERIODS = reverse("indicators:periods")
CLOSE = reverse("indicators:period_close")


@pytest.fixture
def october(people, org):
    """Housing: one PI without a figure, one draft, one returned, one submitted, one verified;
    Planning: one submitted."""
    pis = {}
    for code, state in [
        ("LPI HO 01", None),
        ("LPI HO 02", "draft"),
        ("LPI HO 03", "returned"),
        ("LPI HO 04", "submitted"),
        ("LPI HO 05", "verified"),
    ]:
        pis[code] = housing_pi(people, org, code=code)
        if state:
            FigureFactory(
                indicator=pis[code], year=OCTOBER.year, number=OCTOBER.number, state=state
            )
    pis["LPI PL 01"] = housing_pi(
        people, org, code="LPI PL 01", service=org.planning, owner=people.other_officer
    )
    FigureFactory(
        indicator=pis["LPI PL 01"], year=OCTOBER.year, number=OCTOBER.number, state="submitted"
    )
    return pis


def _late(monkeypatch):
    """Make today well after every October figure was due."""
    monkeypatch.setattr(
        "indicators.figures.views.periods.todays_date", lambda: OCTOBER.end + timedelta(days=45)
    )


def test_closing_from_the_periods_page_only_asks_and_closes_nothing(client, people, october):
    client.force_login(people.perf)
    response = client.post(PERIODS, {"period": OCTOBER.label, "reason": "Sent to CMT"})
    assert response.status_code == 302
    assert response["Location"].startswith(CLOSE)
    assert "reason=Sent+to+CMT" in response["Location"]
    assert not PeriodClosure.objects.exists()


def test_a_post_without_the_confirmation_closes_nothing(client, people, october):
    client.force_login(people.perf)
    response = client.post(CLOSE, {"period": OCTOBER.label, "reason": "Sent to CMT"})
    assert response.status_code == 302 and response["Location"].startswith(CLOSE)
    assert not PeriodClosure.objects.exists()


def test_the_confirmation_names_what_closing_leaves_behind_by_service(
    client, people, october, monkeypatch
):
    _late(monkeypatch)
    client.force_login(people.perf)
    response = client.get(CLOSE, {"period": OCTOBER.label, "reason": "Sent to CMT"})
    assert response.status_code == 200
    page = response.content.decode()
    summary = response.context["summary"]
    assert (summary.missing, summary.unfinished, summary.unverified) == (1, 2, 2)
    assert [s.service.name for s in summary.services] == ["Housing", "Planning"]
    for code in ("LPI HO 01", "LPI HO 02", "LPI HO 03", "LPI HO 04", "LPI PL 01"):
        assert code in page
    assert "LPI HO 05" not in page  # verified: nothing left behind
    assert (
        f"Close {OCTOBER.long_label}, leaving 1 figure not in, 2 draft or returned, "
        "2 submitted but not verified" in page
    )
    assert "Sent to CMT" in page  # the reason typed on the periods page is kept
    assert "Closing early" not in page


def test_confirming_closes_the_period_with_the_reason(client, people, october, monkeypatch):
    _late(monkeypatch)
    client.force_login(people.perf)
    fingerprint = client.get(CLOSE, {"period": OCTOBER.label}).context["summary"].fingerprint
    response = client.post(
        CLOSE, {"period": OCTOBER.label, "reason": "Sent to CMT", "confirm": fingerprint}
    )
    assert response.status_code == 302 and response["Location"] == PERIODS
    closure = PeriodClosure.objects.get()
    assert (closure.year, closure.number, closure.reason) == (
        OCTOBER.year,
        OCTOBER.number,
        "Sent to CMT",
    )


def test_a_confirmation_of_a_list_that_changed_since_closes_nothing_and_shows_it_again(
    client, people, october, monkeypatch
):
    _late(monkeypatch)
    client.force_login(people.perf)
    fingerprint = client.get(CLOSE, {"period": OCTOBER.label}).context["summary"].fingerprint
    FigureFactory(
        indicator=october["LPI HO 01"], year=OCTOBER.year, number=OCTOBER.number, state="submitted"
    )
    response = client.post(CLOSE, {"period": OCTOBER.label, "confirm": fingerprint})
    assert response.status_code == 409
    assert "changed since the page was shown" in response.content.decode()
    assert response.context["summary"].missing == 0
    assert not PeriodClosure.objects.exists()


def test_closing_before_the_figures_are_due_says_so(client, people, october, monkeypatch):
    monkeypatch.setattr(
        "indicators.figures.views.periods.todays_date", lambda: OCTOBER.end + timedelta(days=1)
    )
    due = due_date(OCTOBER, CouncilSettings.load().due_working_days)
    client.force_login(people.perf)
    page = client.get(CLOSE, {"period": OCTOBER.label}).content.decode()
    assert "Closing early" in page
    assert f"due by {due:%-d %B %Y}" in page
    days = (due - (OCTOBER.end + timedelta(days=1))).days
    assert f"{days} days from now" in page


@pytest.mark.parametrize("role", ["officer", "manager", "board", "audit"])
def test_only_the_performance_team_may_see_or_confirm_a_closing(client, people, october, role):
    client.force_login(getattr(people, role))
    assert client.get(CLOSE, {"period": OCTOBER.label}).status_code == 403
    assert client.post(CLOSE, {"period": OCTOBER.label, "confirm": ""}).status_code == 403
    assert not PeriodClosure.objects.exists()


def test_a_bad_period_on_the_confirmation_goes_back_with_a_message(client, people):
    client.force_login(people.perf)
    response = client.get(CLOSE, {"period": "Octember"}, follow=True)
    assert response.redirect_chain == [(PERIODS, 302)]
    assert "is not a period" in response.content.decode()


def test_the_summary_counts_only_indicators_of_the_periods_frequency_active_in_it(people, org):
    housing_pi(people, org, code="LPI HO 09", frequency="quarterly")
    housing_pi(people, org, code="LPI HO 10", active_from=OCTOBER.next().start)
    summary = closing_summary(OCTOBER, today=OCTOBER.end + timedelta(days=45))
    assert summary.indicator_count == 0 and summary.left_behind == 0


@pytest.mark.parametrize("odd", ["", "²", "2026-1²", "9" * 400, "2026-10\x00", "<b>2026-10</b>"])
def test_an_odd_period_or_confirmation_never_closes_nor_errs(client, people, odd):
    client.force_login(people.perf)
    # A NUL in an address is refused before any view (400); the rest go back to the list.
    assert client.get(CLOSE, {"period": odd}).status_code in (302, 400)
    response = client.post(CLOSE, {"period": odd, "confirm": odd})
    assert response.status_code in (302, 409)
    response = client.post(CLOSE, {"period": OCTOBER.label, "confirm": odd})
    assert response.status_code == 409
    assert not PeriodClosure.objects.exists()


def test_the_close_page_without_a_period_says_to_choose_one(client, people):
    client.force_login(people.perf)
    response = client.get(CLOSE, follow=True)
    assert response.redirect_chain[-1][0] == PERIODS
    assert "Choose the period to close or reopen." in response.content.decode()
    assert "This field is required." not in response.content.decode()
    assert not PeriodClosure.objects.exists()
