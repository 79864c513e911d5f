"""The golden-thread page, 'everything beneath', plan pages, export and print."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.models import CouncilSettings
from plans.choices import PlanKind
from tests.factories import (
    ActionFactory,
    FigureFactory,
    IndicatorFactory,
    ObjectiveFactory,
    PlanFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db

PERIOD = "?period=2026-10"


def _red_indicator(code: str, title: str = "Homeless households"):
    indicator = IndicatorFactory(code=code, title=title)
    TargetFactory(indicator=indicator, annual_target=Decimal("100"))
    FigureFactory(indicator=indicator, number=7, value=Decimal("50"), state="verified")
    return indicator


def test_the_thread_shows_counts_in_words_beside_the_bar(client, people, plans):
    plans.housing_objective.indicators.set([_red_indicator("LPI H1")])
    client.force_login(people.board)
    page = client.get(reverse("plans:thread") + PERIOD).content.decode()
    assert "1. Affordable Housing" in page
    assert '1 PI: <span class="count-green">0 Green</span>' in page
    assert '<span class="count-red">1 Red</span>' in page or "1 Red" in page
    assert 'aria-hidden="true"' in page  # the bar is decoration; the words carry it
    assert "<details open>" in page and "<summary>" in page


def test_the_thread_renders_in_a_fixed_number_of_queries(
    client, people, plans, django_assert_max_num_queries
):
    CouncilSettings.load()
    plans.housing_objective.indicators.set([_red_indicator("LPI H1")])
    client.force_login(people.perf)
    url = reverse("plans:thread") + PERIOD
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    for number in range(8):
        service = PlanFactory(kind=PlanKind.SERVICE, parent=plans.council)
        for i in range(4):
            objective = ObjectiveFactory(
                plan=service, number=i + 1, contributes_to=plans.housing_objective.contributes_to
            )
            objective.indicators.set([_red_indicator(f"X{number}-{i}")])
            ActionFactory().objectives.set([objective])
    limit = len(small.captured_queries)  # read before the next request clears the log
    client.get(url)  # the change is assessed once, then read from the shared cache
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_everything_beneath_lists_objectives_indicators_and_actions(client, people, plans):
    indicator = _red_indicator("LPI H1", "Households in temporary accommodation")
    team_objective = plans.housing_team.objectives.get()
    team_objective.indicators.set([indicator])
    action = ActionFactory(title="Open a new hostel")
    action.objectives.set([team_objective])
    client.force_login(people.board)
    council_objective = plans.council.objectives.get()
    page = client.get(reverse("plans:beneath", args=[council_objective.pk]) + PERIOD)
    text = page.content.decode()
    assert "Prevent homelessness" in text and "Early advice" in text
    assert "Households in temporary accommodation" in text and "Open a new hostel" in text
    assert "Red" in text


def test_plan_page_shows_objectives_links_and_status(client, people, plans):
    plans.housing_objective.indicators.set([_red_indicator("LPI H1")])
    client.force_login(people.board)
    page = client.get(reverse("plans:detail", args=[plans.housing.pk]) + PERIOD).content.decode()
    assert "1. Prevent homelessness" in page
    assert "Contributes to" in page and "More homes" in page
    assert "LPI H1" in page and "Red" in page
    assert "Housing Options team plan" in page  # the plan beneath


def test_export_as_csv_and_excel(client, people, plans):
    plans.housing_objective.indicators.set([_red_indicator("LPI H1", "=cmd|' /C calc'!A0")])
    client.force_login(people.board)
    url = reverse("plans:export", args=[plans.housing.pk])
    response = client.get(url + PERIOD + "&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Plan", "Year", "Objective", "Title"]
    assert rows[1][:4] == ["Housing SBP", "2026/27", "1", "Prevent homelessness"]
    assert rows[1][6] == "LPI H1" and rows[1][7].startswith("'=")  # formula neutralised
    assert rows[1][-1] == "Red"
    response = client.get(url + PERIOD + "&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]][:3] == ["Housing SBP", "2026/27", 1]


def test_print_view_has_the_objectives_without_buttons(client, people, plans):
    client.force_login(people.perf)
    page = client.get(reverse("plans:print", args=[plans.housing.pk])).content.decode()
    assert "1. Prevent homelessness" in page
    assert "Edit plan" not in page and "Remove" not in page


def test_orphans_lists_what_is_not_on_the_thread(client, people, plans):
    orphan = ObjectiveFactory(plan=plans.housing, number=5, title="Serves nothing")
    loose = IndicatorFactory(code="LPI LOOSE")
    linked = _red_indicator("LPI LINKED")
    plans.housing_objective.indicators.set([linked])
    loose_action = ActionFactory(title="Action on no objective")
    client.force_login(people.perf)
    page = client.get(reverse("plans:orphans")).content.decode()
    assert orphan.title in page
    assert "Affordable Housing" not in page  # a Community Plan priority is a root, not an orphan
    assert loose.code in page and linked.code not in page
    assert loose_action.title in page
    assert "Confidential goal" not in page  # an individual plan stays private


def test_a_bad_period_is_refused_with_a_message(client, people, plans):
    client.force_login(people.perf)
    response = client.get(reverse("plans:thread") + "?period=nonsense")
    assert response.status_code == 200
    assert "is not a period" in response.content.decode()


def test_the_plan_list_filters_by_kind_and_year(client, people, plans):
    PlanFactory(kind=PlanKind.SERVICE, title="Old plan", year=2025)
    client.force_login(people.perf)
    page = client.get(reverse("plans:list") + "?kind=service&year=2025").content.decode()
    assert "Old plan" in page and "Housing SBP" not in page


def test_the_plan_page_renders_in_a_fixed_number_of_queries(
    client, people, plans, django_assert_max_num_queries
):
    CouncilSettings.load()
    plans.housing_objective.indicators.set([_red_indicator("LPI H1")])
    plans.housing_objective.owner = people.manager
    plans.housing_objective.save()
    client.force_login(people.manager)
    url = reverse("plans:detail", args=[plans.housing.pk]) + PERIOD
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    for number in range(2, 12):
        objective = ObjectiveFactory(
            plan=plans.housing, number=number, owner=people.officer, contributes_to=None
        )
        objective.indicators.set([_red_indicator(f"X{number}")])
        ActionFactory().objectives.set([objective])
        PlanFactory(kind=PlanKind.TEAM, parent=plans.housing)
    limit = len(small.captured_queries)  # read before the next request clears the log
    client.get(url)  # the change is assessed once, then read from the shared cache
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_an_archived_plan_still_shows_its_objectives(client, people, plans):
    client.force_login(people.perf)
    client.post(reverse("plans:archive", args=[plans.housing.pk]))
    page = client.get(reverse("plans:detail", args=[plans.housing.pk])).content.decode()
    assert "1. Prevent homelessness" in page
    beneath = client.get(reverse("plans:beneath", args=[plans.housing_objective.pk]))
    assert beneath.status_code == 200
    thread = client.get(reverse("plans:thread") + PERIOD).content.decode()
    assert "Prevent homelessness" not in thread  # no longer on the current thread


def test_everything_beneath_renders_in_a_fixed_number_of_queries(
    client, people, plans, django_assert_max_num_queries
):
    CouncilSettings.load()
    plans.housing_objective.indicators.set([_red_indicator("LPI H1")])
    client.force_login(people.board)
    priority = plans.community.objectives.get()
    url = reverse("plans:beneath", args=[priority.pk]) + PERIOD
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    for number in range(2, 10):
        objective = ObjectiveFactory(
            plan=plans.housing, number=number, contributes_to=plans.council.objectives.get()
        )
        objective.indicators.set([_red_indicator(f"X{number}")])
        ActionFactory().objectives.set([objective])
    limit = len(small.captured_queries)  # read before the next request clears the log
    client.get(url)  # the change is assessed once, then read from the shared cache
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
