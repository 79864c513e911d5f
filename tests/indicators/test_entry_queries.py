"""My indicators, the entry page and the verification queue run a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.choices import FigureState
from indicators.models import Figure, Indicator, Target
from tests.indicators.entry_helpers import OCTOBER, SEPTEMBER
from tests.indicators.test_entry_pages import page_keys

pytestmark = pytest.mark.django_db


def make_pis(count, owner, service, *, submitted_by=None, start=0):
    """Create `count` PIs (bulk) owned by `owner`, each with a target and last month's
    figure; submitted when `submitted_by` is given, else verified for September only."""
    pis = Indicator.objects.bulk_create(
        Indicator(
            code=f"Q {start + n:04d}",
            title=f"PI {n}",
            owner=owner,
            service=service,
            active_from=SEPTEMBER.start,
        )
        for n in range(count)
    )
    Target.objects.bulk_create(
        Target(indicator=pi, year=OCTOBER.year, annual_target=100) for pi in pis
    )
    period, state = (
        (OCTOBER, FigureState.SUBMITTED) if submitted_by else (SEPTEMBER, FigureState.VERIFIED)
    )
    Figure.objects.bulk_create(
        Figure(
            indicator=pi,
            year=period.year,
            number=period.number,
            value=90 + n % 20,
            state=state,
            submitted_by=submitted_by,
        )
        for n, pi in enumerate(pis)
    )
    return pis


def queries(client, url):
    client.get(url)  # warm up: the first request of a session loads the session and settings
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["indicators:my", "indicators:enter"])
def test_the_officers_pages_cost_the_same_for_5_or_40_pis(client, people, org, url_name):
    client.force_login(people.officer)
    make_pis(5, people.officer, org.housing)
    small = queries(client, reverse(url_name))
    make_pis(35, people.officer, org.housing, start=100)
    large = queries(client, reverse(url_name))
    assert large == small, (small, large)
    assert large <= 25


def test_submitting_a_page_of_40_figures_runs_bounded_queries(client, people, org):
    pis = make_pis(40, people.officer, org.housing)
    client.force_login(people.officer)
    data = {"form-TOTAL_FORMS": "40", "form-INITIAL_FORMS": "40", "action": "draft"}
    for index, key in enumerate(page_keys(client)):
        data[f"form-{index}-figure_key"] = key
        data[f"form-{index}-version"] = "0"
        data[f"form-{index}-value"] = "100"
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("indicators:enter"), data)
    assert response.status_code == 302
    # Reading is fixed; each saved figure costs its own insert and history row.
    assert len(captured) <= 30 + 3 * len(pis)


def test_the_verification_queue_costs_the_same_for_10_or_600_figures(client, people, org):
    client.force_login(people.perf)
    make_pis(10, people.officer, org.housing, submitted_by=people.officer)
    small = queries(client, reverse("indicators:verify_queue"))
    make_pis(590, people.other_officer, org.planning, submitted_by=people.other_officer, start=1000)
    large = queries(client, reverse("indicators:verify_queue"))
    assert large == small, (small, large)
    assert large <= 20
