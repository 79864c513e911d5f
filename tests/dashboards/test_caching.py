"""Cached assessments: a second reader is served from the cache; any change shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import CouncilSettings
from indicators.choices import FigureState
from indicators.models import Figure, PeriodClosure
from tests.dashboards.conftest import PERIOD

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:pmb")


def red_count(client) -> int:
    return client.get(URL, {"period": PERIOD}).context["summary"].overall.now["red"]


def test_a_second_reader_runs_fewer_queries(client, people, scenario):
    client.force_login(people.board)
    with CaptureQueriesContext(connection) as cold:
        client.get(URL, {"period": PERIOD})
    with CaptureQueriesContext(connection) as warm:
        client.get(URL, {"period": PERIOD})
    assert len(warm) < len(cold)


def test_a_verified_figure_shows_at_once(client, people, scenario):
    client.force_login(people.board)
    assert red_count(client) == 1
    figure = Figure.objects.get(indicator=scenario.p2, year=2026, number=7)
    figure.state = FigureState.VERIFIED
    figure.save()
    assert red_count(client) == 2


def test_a_changed_target_shows_at_once(client, people, scenario):
    client.force_login(people.board)
    assert red_count(client) == 1
    target = scenario.h2.targets.get(year=2026)
    target.annual_target = 120
    target.save()
    assert red_count(client) == 2


def test_a_changed_tolerance_shows_at_once(client, people, scenario):
    client.force_login(people.board)
    assert red_count(client) == 1
    settings = CouncilSettings.load()
    settings.default_tolerance_pct = 1
    settings.save()
    assert red_count(client) == 3  # H2 (97) and P3 (96) fall outside 1%


def test_a_deleted_figure_shows_at_once(client, people, scenario):
    client.force_login(people.board)
    assert red_count(client) == 1
    Figure.objects.filter(indicator=scenario.h1, year=2026, number=7).delete()
    assert red_count(client) == 0


def test_users_with_different_scopes_do_not_share_results(client, people, scenario):
    client.force_login(people.perf)
    perf = client.get(URL, {"period": PERIOD, "figures": "entered"}).context["summary"]
    client.force_login(people.board)
    board = client.get(URL, {"period": PERIOD, "figures": "entered"}).context["summary"]
    assert perf.overall.now["red"] == 2 and board.overall.now["red"] == 1


def test_closing_a_period_changes_the_published_figures(client, scenario):
    assert b"LPI H 01" not in client.get(reverse("dashboards:public")).content
    scenario.h1.is_public = True
    scenario.h1.save()
    PeriodClosure.objects.create(frequency="monthly", year=2026, number=7, closed_at=timezone.now())
    assert b"Indicator LPI H 01" in client.get(reverse("dashboards:public")).content


@pytest.mark.parametrize(
    ("name", "who"), [("dashboards:pmb", "board"), ("dashboards:mine", "officer")]
)
def test_a_dashboard_reads_what_its_assessments_can_see_once(client, people, scenario, name, who):
    # One reading of the versions serves every assessment a page makes (this period, the one
    # before, last year's, the month coming up): each reading is a query of a dozen look-ups.
    client.force_login(getattr(people, who))
    client.get(reverse(name), {"period": PERIOD})
    with CaptureQueriesContext(connection) as warm:
        client.get(reverse(name), {"period": PERIOD})

    def readings(table: str) -> int:
        # The latest audit row of `table`: the first of the look-ups a reading makes.
        return sum(f'MAX(history_id) FROM "{table}"' in q["sql"] for q in warm)

    assert readings("indicators_historicalindicator") == 1
    # And the thread's shape, once for the Council Plan's and the Community Plan's priorities.
    assert readings("plans_historicalplan") == 1
