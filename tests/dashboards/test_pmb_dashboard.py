"""The Board's dashboard: counts, changes, exceptions, missing data, drill-down links."""

import re

import pytest
from django.urls import reverse

from tests.dashboards.conftest import PERIOD

pytestmark = pytest.mark.django_db

URL = reverse("dashboards:pmb")


def counts(response, key: str) -> dict[str, int]:
    summary = response.context["summary"]
    return dict(getattr(summary, key).now) if key == "overall" else summary


def test_overall_counts_use_verified_figures_only(client, people, scenario):
    client.force_login(people.board)
    response = client.get(URL, {"period": PERIOD})
    assert response.status_code == 200
    now = response.context["summary"].overall.now
    # P2's Red figure is only submitted, so for the Board it is missing.
    assert (now["red"], now["amber"], now["green"], now["missing"]) == (1, 2, 1, 2)
    previous = response.context["summary"].overall.previous
    # P3 was Red (90) in September.
    assert (previous["green"], previous["amber"], previous["red"]) == (5, 0, 1)


def test_unverified_figures_count_for_those_who_may_see_them(client, people, scenario):
    client.force_login(people.perf)
    response = client.get(URL, {"period": PERIOD, "figures": "entered"})
    now = response.context["summary"].overall.now
    assert (now["red"], now["missing"]) == (2, 1)
    assert b"Includes unverified figures" in response.content


def test_a_board_member_asking_for_unverified_figures_still_gets_verified_ones(
    client, people, scenario
):
    client.force_login(people.board)
    response = client.get(URL, {"period": PERIOD, "figures": "entered"})
    assert response.context["summary"].overall.now["red"] == 1


def test_change_since_last_period_and_last_year_is_shown(client, people, scenario):
    client.force_login(people.board)
    response = client.get(URL, {"period": PERIOD})
    cells = {c["rag"]: c for c in response.context["summary"].overall.cells()}
    assert cells["green"]["change_previous"] == 1 - 5
    assert cells["red"]["change_previous"] == 0
    # No figures in October 2025: everything was missing then.
    assert cells["missing"]["change_last_year"] == 2 - 6
    assert "Change since September 2026" in response.content.decode()
    assert "Change since October 2025" in response.content.decode()


def test_breakdown_by_directorate_then_by_service(client, people, scenario, org):
    client.force_login(people.board)
    response = client.get(URL, {"period": PERIOD})
    groups = response.context["summary"].by_unit
    assert [g.label for g in groups] == ["Place"]
    assert groups[0].counts.total == 6
    response = client.get(URL, {"period": PERIOD, "unit": org.place.pk})
    groups = {g.label: g.counts.now for g in response.context["summary"].by_unit}
    assert groups["Housing"]["red"] == 1 and groups["Housing"]["amber"] == 1
    assert groups["Planning"]["missing"] == 2 and groups["Planning"]["amber"] == 1


def test_breakdown_by_council_plan_priority_follows_the_thread(client, people, scenario):
    client.force_login(people.board)
    response = client.get(URL, {"period": PERIOD})
    groups = {g.label: g.counts for g in response.context["summary"].by_priority}
    # H1 and H2 reach "Homes for all" through the housing service plan's objective.
    assert groups["1. Homes for all"].total == 2
    assert groups["1. Homes for all"].now["red"] == 1
    assert groups["2. Growth"].now["missing"] == 1


def test_the_priority_breakdown_shows_only_priorities_the_filters_reach(
    client, people, scenario, org
):
    client.force_login(people.board)
    response = client.get(URL, {"period": PERIOD, "unit": org.housing.pk})
    labels = [g.label for g in response.context["summary"].by_priority]
    assert labels == ["1. Homes for all"]  # Growth is measured by a Planning PI only
    response = client.get(URL, {"period": PERIOD, "priority": scenario.growth.pk})
    assert [g.label for g in response.context["summary"].by_priority] == ["2. Growth"]


def test_exceptions_are_red_and_amber_getting_worse_with_commentary(client, people, scenario):
    client.force_login(people.board)
    response = client.get(URL, {"period": PERIOD})
    summary = response.context["summary"]
    assert [a.indicator.code for a in summary.exceptions] == ["LPI H 01", "LPI H 02"]
    html = response.content.decode()
    assert "Two staff off sick" in html and "Agency cover from November" in html
    # P3 is Amber but improving: not an exception.
    assert "LPI P 03" not in {a.indicator.code for a in summary.exceptions}


def test_missing_data_lists_the_pis_without_a_counted_figure(client, people, scenario):
    client.force_login(people.board)
    response = client.get(URL, {"period": PERIOD})
    missing = {a.indicator.code for a in response.context["summary"].missing}
    assert missing == {"LPI P 01", "LPI P 02"}


def test_internal_commentary_is_hidden_from_the_board(client, people, scenario):
    client.force_login(people.board)
    response = client.get(reverse("dashboards:indicators"), {"period": PERIOD})
    assert "Internal only note" not in response.content.decode()
    client.force_login(people.perf)
    response = client.get(reverse("dashboards:indicators"), {"period": PERIOD})
    assert "Internal only note" in response.content.decode()


def test_every_count_links_to_its_list(client, people, scenario, org):
    client.force_login(people.board)
    html = client.get(URL, {"period": PERIOD, "unit": org.place.pk}).content.decode()
    links = set(re.findall(r'href="(/dashboard/indicators/\?[^"]+)"', html))
    red_link = next(
        link for link in links if "rag=red" in link and f"unit={org.housing.pk}" in link
    )
    listed = client.get(red_link.replace("&amp;", "&"))
    assert [row.indicator.code for row in listed.context["rows"]] == ["LPI H 01"]
    assert any("concern=exceptions" in link for link in links)
    homes = next(
        link for link in links if f"priority={scenario.homes.pk}" in link and "rag=" not in link
    )
    listed = client.get(homes.replace("&amp;", "&"))
    assert [row.indicator.code for row in listed.context["rows"]] == ["LPI H 01", "LPI H 02"]


def test_filters_stay_in_the_url_and_htmx_gets_only_the_results(client, people, scenario, org):
    client.force_login(people.board)
    full = client.get(URL, {"period": PERIOD, "unit": org.housing.pk})
    assert "<html" in full.content.decode()
    assert 'hx-push-url="true"' in full.content.decode()
    fragment = client.get(URL, {"period": PERIOD, "unit": org.housing.pk}, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert "<html" not in body and "RAG status overall" in body
    assert fragment.context["summary"].overall.total == 3
    assert "HX-Request" in fragment["Vary"]


def test_a_history_restore_gets_the_whole_page(client, people, scenario):
    client.force_login(people.board)
    response = client.get(
        URL, {"period": PERIOD}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_the_rag_filter_narrows_counts_to_those_pis(client, people, scenario):
    client.force_login(people.board)
    response = client.get(URL, {"period": PERIOD, "rag": "amber"})
    summary = response.context["summary"]
    assert summary.overall.total == 2
    # Today's Amber PIs stood elsewhere last period: H2 Green, P3 Red.
    assert (summary.overall.previous["green"], summary.overall.previous["red"]) == (1, 1)


def test_bad_filter_values_are_ignored_with_a_message(client, people, scenario):
    client.force_login(people.board)
    response = client.get(URL, {"period": "not-a-period", "unit": "999999"})
    assert response.status_code == 200
    assert "Some filters were not understood" in response.content.decode()


def test_forecast_to_miss_lists_pis_whose_outturn_misses_the_target(client, people, scenario):
    client.force_login(people.board)
    summary = client.get(URL, {"period": PERIOD}).context["summary"]
    codes = {a.indicator.code for a in summary.forecast_misses}
    assert all(a.forecast_rag in ("amber", "red") for a in summary.forecast_misses)
    assert "LPI H 03" not in codes
