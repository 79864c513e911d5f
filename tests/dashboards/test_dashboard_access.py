"""Who may open which dashboard page, and what each role's figures include."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.roles import Role
from dashboards import panels
from indicators import assessment
from indicators.choices import FigureState
from tests.dashboards.conftest import PERIOD, make_pi
from tests.factories import ActionFactory, ActionPlanFactory, RiskFactory, RiskRegisterFactory

pytestmark = pytest.mark.django_db

PAGES = ["dashboards:pmb", "dashboards:indicators", "dashboards:mine"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_anonymous_visitors_cannot_open_a_unit_dashboard(client, org):
    response = client.get(reverse("dashboards:unit", args=[org.housing.code]))
    assert response.status_code == 302


# Partner contributors have no dashboards (tests/core/test_partner_scope.py).
@pytest.mark.parametrize("role", Role.STAFF)
@pytest.mark.parametrize("name", PAGES)
def test_every_role_may_read_the_dashboards(client, people, scenario, role, name):
    client.force_login(people.by_role()[role])
    assert client.get(reverse(name), {"period": PERIOD}).status_code == 200


def test_the_dashboard_is_in_the_navigation(client, people):
    client.force_login(people.board)
    assert f'href="{reverse("dashboards:pmb")}"' in client.get("/").content.decode()


def test_a_unit_dashboard_breaks_down_by_service(client, people, scenario, org):
    client.force_login(people.board)
    response = client.get(reverse("dashboards:unit", args=[org.place.code]), {"period": PERIOD})
    assert response.status_code == 200
    assert response.context["summary"].unit_level == "service"
    assert "Performance dashboard: Place" in response.content.decode()
    # The unit is fixed by the address: a forged filter cannot widen it.
    response = client.get(
        reverse("dashboards:unit", args=[org.housing.code]),
        {"period": PERIOD, "unit": org.planning.pk},
    )
    assert response.context["summary"].overall.total == 3


def test_an_unknown_unit_is_not_found(client, people):
    client.force_login(people.board)
    assert client.get(reverse("dashboards:unit", args=["nowhere"])).status_code == 404


def test_a_team_has_no_unit_dashboard(client, people, org):
    client.force_login(people.board)
    response = client.get(reverse("dashboards:unit", args=[org.housing_team.code]))
    assert response.status_code == 404


def test_a_manager_sees_unverified_figures_of_their_service_only(client, people, scenario, org):
    make_pi("LPI H 09", org.housing, people.officer, {7: (10, FigureState.SUBMITTED)})
    client.force_login(people.manager)
    response = client.get(reverse("dashboards:pmb"), {"period": PERIOD, "figures": "entered"})
    red = {a.indicator.code for a in response.context["summary"].assessments if a.rag == "red"}
    # Housing's submitted LPI H 09 counts; Planning's submitted LPI P 02 does not.
    assert "LPI H 09" in red and "LPI P 02" not in red


def test_a_manager_is_offered_their_own_service_and_directorate(client, people, scenario, org):
    client.force_login(people.manager)
    html = client.get(reverse("dashboards:pmb"), {"period": PERIOD}).content.decode()
    assert reverse("dashboards:unit", args=[org.housing.code]) in html
    assert reverse("dashboards:unit", args=[org.place.code]) in html


def test_my_dashboard_shows_my_pis_and_what_is_due(client, people, scenario, org):
    make_pi("LPI H 10", org.housing, people.officer, {7: (50, FigureState.DRAFT)})
    client.force_login(people.officer)
    response = client.get(reverse("dashboards:mine"), {"period": PERIOD})
    codes = {row.indicator.code for row in response.context["rows"]}
    assert codes == {"LPI H 01", "LPI H 02", "LPI H 10"}
    due = [(a.indicator.code, a.period.label) for a in response.context["due"]]
    # October's draft is still owed; November's figures are coming up for every PI.
    assert due[0] == ("LPI H 10", "2026-10")
    assert {code for code, label in due[1:] if label == "2026-11"} == codes
    assert "draft started" in response.content.decode()
    assert "Two staff off sick" in response.content.decode()


def test_my_dashboard_lists_the_actions_i_lead(client, people, org):
    plan = ActionPlanFactory(unit=org.housing)
    ActionFactory(theme__plan=plan, title="Review allocations policy", leads=[people.officer])
    ActionFactory(theme__plan=plan, title="Someone else's action", leads=[people.manager])
    client.force_login(people.officer)
    html = client.get(reverse("dashboards:mine")).content.decode()
    assert "Review allocations policy" in html and "Someone else" not in html


def test_overdue_actions_and_top_risks_show_on_the_dashboard(client, people, org):
    plan = ActionPlanFactory(unit=org.housing)
    ActionFactory(theme__plan=plan, title="Late action", due_date="2026-06-30")
    ActionFactory(theme__plan=plan, title="Future action", due_date="2027-06-30")
    register = RiskRegisterFactory(unit=org.housing)
    RiskFactory(
        register=register, title="Homelessness rises", residual_likelihood=5, residual_impact=5
    )
    client.force_login(people.board)
    response = client.get(reverse("dashboards:pmb"))
    html = response.content.decode()
    assert "Late action" in html.split('id="overdue-heading"')[1].split("</section>")[0]
    assert "Future action" not in html.split('id="overdue-heading"')[1].split("</section>")[0]
    assert "Homelessness rises" in html
    assert response.context["risks"].heat_map.total == 1
    # Planning's dashboard shows neither.
    html = client.get(reverse("dashboards:unit", args=[org.planning.code])).content.decode()
    assert "Late action" not in html and "Homelessness rises" not in html


def add_pis(org, people, count: int, start: int) -> None:
    for n in range(start, start + count):
        make_pi(
            f"LPI Q {n:03d}",
            org.housing if n % 2 else org.planning,
            people.officer,
            {6: (100, FigureState.VERIFIED), 7: (90 + n % 20, FigureState.VERIFIED, "Note")},
        )


@pytest.mark.parametrize("name", ["dashboards:pmb", "dashboards:indicators", "dashboards:mine"])
def test_dashboards_run_a_fixed_number_of_queries(client, people, org, scenario, name):
    plan = ActionPlanFactory(unit=org.housing)
    ActionFactory(theme__plan=plan, due_date="2026-06-30", leads=[people.officer])
    RiskFactory(register=RiskRegisterFactory(unit=org.housing))
    client.force_login(people.officer)
    url = reverse(name)
    params = {"period": PERIOD, "figures": "entered"}

    def count() -> int:
        cache.clear()  # measure the page as its first reader after a change sees it
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured)

    add_pis(org, people, 3, 0)
    count()
    small = count()
    add_pis(org, people, 40, 100)
    ActionFactory(theme__plan=plan, due_date="2026-05-30", leads=[people.officer])
    RiskFactory(register=RiskRegisterFactory(unit=org.planning))
    assert count() == small


def test_a_repeat_visit_to_my_dashboard_assesses_nothing_afresh(
    client, people, scenario, monkeypatch
):
    # Officers reopen their dashboard all through the deadline day: the month shown and the
    # month coming up are both read from the shared assessments, so a repeat visit with
    # nothing changed loads no figures.
    loads = []
    real_load = assessment._load
    monkeypatch.setattr(assessment, "_load", lambda *a, **k: loads.append(1) or real_load(*a, **k))
    client.force_login(people.officer)
    url = reverse("dashboards:mine")
    first = client.get(url, {"period": PERIOD})
    loads.clear()
    again = client.get(url, {"period": PERIOD})
    assert loads == []

    def due(response):
        return [(a.indicator.code, a.period.label, str(a.state)) for a in response.context["due"]]

    assert due(again) == due(first) and {label for _c, label, _s in due(again)} == {"2026-11"}


def test_the_action_panel_counts_all_and_shows_the_first_rows_soonest_due_first(org):
    plan = ActionPlanFactory(unit=org.housing)
    today = datetime.date(2026, 11, 15)
    # 17 overdue, all behind (0% done when due): off track too.
    late = [
        ActionFactory(theme__plan=plan, due_date=datetime.date(2026, 10, 17 - n)) for n in range(17)
    ]
    # Well behind but not yet due: off track, not overdue.
    behind = ActionFactory(theme__plan=plan, due_date=datetime.date(2026, 12, 31))
    # Done when due: neither.
    ActionFactory(theme__plan=plan, due_date=datetime.date(2026, 9, 30), status="complete")
    ActionFactory(theme__plan=plan, due_date=datetime.date(2027, 3, 31), percent_complete=80)
    elsewhere = ActionFactory(due_date=datetime.date(2026, 9, 1))

    panel = panels.action_panel(unit=org.housing, today=today)

    soonest = sorted(late, key=lambda a: a.due_date)
    assert panel.overdue_count == 17
    assert [a.pk for a in panel.overdue] == [a.pk for a in soonest[: panels.ACTION_PANEL_ROWS]]
    assert panel.off_track_count == 18
    assert behind.pk not in {a.pk for a in panel.overdue}
    assert [a.rag for a in panel.off_track] == ["off_track"] * panels.ACTION_PANEL_ROWS
    whole_council = panels.action_panel(unit=None, today=today)
    assert whole_council.overdue_count == 18 and whole_council.overdue[0].pk == elsewhere.pk
