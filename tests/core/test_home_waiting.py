"""The home page shows what is waiting for the person: figures to enter, figures returned to
them with the reason, figures waiting for their verification, actions and risks to update."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from indicators.choices import FigureState
from indicators.figures.due import entry_path
from tests.factories import ActionFactory, FigureFactory, RiskFactory
from tests.indicators.entry_helpers import OCTOBER, housing_pi

pytestmark = pytest.mark.django_db

HOME = reverse("core:home")


def figure(indicator, state, **extra):
    return FigureFactory(
        indicator=indicator, year=OCTOBER.year, number=OCTOBER.number, state=state, **extra
    )


def section(html: str, title: str) -> str:
    """Return the HTML of the home page's section headed `title` (up to the next one)."""
    start = html.index(f">{title}")
    end = html.find("<h2", start)
    return html[start : end if end != -1 else None]


def test_an_officer_sees_the_figures_they_owe_with_a_link_to_enter_each(client, people, org):
    owed = housing_pi(people, org, code="LPI HO 01", title="Homeless cases")
    draft = housing_pi(people, org, code="LPI HO 02", title="Rent arrears")
    figure(draft, FigureState.DRAFT)
    done = housing_pi(people, org, code="LPI HO 03", title="Voids")
    figure(done, FigureState.SUBMITTED)
    client.force_login(people.officer)
    html = client.get(HOME).content.decode()
    to_enter = section(html, "Figures to enter")
    assert "LPI HO 01" in to_enter and "LPI HO 02" in to_enter
    assert "LPI HO 03" not in to_enter
    assert f'href="{entry_path(owed.pk, OCTOBER)}"'.replace("&", "&amp;") in to_enter
    assert OCTOBER.long_label in to_enter
    assert "Draft" in to_enter  # the state in words, not colour alone


def test_a_returned_figure_shows_with_its_reason_and_a_link_to_correct_it(client, people, org):
    pi = housing_pi(people, org, code="LPI HO 01", title="Homeless cases")
    figure(pi, FigureState.RETURNED, return_reason="Use the validated extract")
    client.force_login(people.officer)
    html = client.get(HOME).content.decode()
    returned = section(html, "Returned to you")
    assert "LPI HO 01" in returned and "Use the validated extract" in returned
    assert f'href="{entry_path(pi.pk, OCTOBER)}"' in returned
    assert "Figures to enter" not in html  # a returned figure is listed once, with its reason


def test_a_manager_sees_the_figures_waiting_for_their_verification(client, people, org):
    mine = housing_pi(people, org, code="LPI HO 01", title="Homeless cases")
    figure(mine, FigureState.SUBMITTED, submitted_by=people.officer)
    theirs = housing_pi(
        people, org, code="LPI PL 01", owner=people.other_officer, service=org.planning
    )
    figure(theirs, FigureState.SUBMITTED, submitted_by=people.other_officer)
    client.force_login(people.manager)
    html = client.get(HOME).content.decode()
    waiting = section(html, "Waiting for your verification")
    assert "LPI HO 01" in waiting and "LPI PL 01" not in waiting
    assert f"Submitted by {escape(people.officer.get_full_name())}" in waiting  # as written
    assert f'href="{reverse("indicators:detail", args=[mine.pk])}"' in waiting
    assert f'href="{reverse("indicators:verify_queue")}"' in waiting


def test_actions_and_risks_due_for_an_update_are_listed(client, people, org):
    action = ActionFactory(title="Open the new hostel")
    action.leads.add(people.officer)
    late = ActionFactory(title="Retender the repairs contract", due_date=datetime.date(2026, 4, 30))
    late.leads.add(people.officer)
    risk = RiskFactory(
        title="Temporary accommodation costs",
        owner=people.officer,
        review_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    RiskFactory(owner=people.officer, review_date=timezone.localdate() + datetime.timedelta(30))
    client.force_login(people.officer)
    html = client.get(HOME).content.decode()
    actions = section(html, "Actions to update")
    assert "Open the new hostel" in actions
    assert f'href="{reverse("actions:action_progress", args=[action.pk])}"' in actions
    assert "Overdue: was due 30 April 2026" in actions  # in words, not colour alone
    risks = section(html, "Risks to review")
    assert "Temporary accommodation costs" in risks
    assert f'href="{reverse("actions:risk_review", args=[risk.pk])}"' in risks
    assert risks.count("<li") == 1  # the risk reviewed on time is not listed


def test_nothing_waiting_says_so(client, people):
    client.force_login(people.board)
    html = client.get(HOME).content.decode()
    assert "Nothing is waiting for you" in html


def _home_queries(client, user) -> int:
    client.force_login(user)
    client.get(HOME)  # the first request of all creates the council's settings row
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    return len(queries)


def _make_work(people, org, start: int, n: int) -> None:
    """n figures owed, n returned, n waiting for verification, n actions and n risks."""
    for i in range(start, start + n):
        housing_pi(people, org, code=f"LPI HO {i:02d}a")
        figure(
            housing_pi(people, org, code=f"LPI HO {i:02d}r"),
            FigureState.RETURNED,
            return_reason=f"Reason {i}",
        )
        figure(
            housing_pi(people, org, code=f"LPI HO {i:02d}s", owner=people.other_officer),
            FigureState.SUBMITTED,
            submitted_by=people.other_officer,
        )
        ActionFactory().leads.add(people.officer, people.manager)
        RiskFactory(owner=people.officer, review_date=timezone.localdate().replace(day=1))


@pytest.mark.parametrize("who", ["officer", "manager", "perf"])
def test_the_home_page_makes_the_same_number_of_queries_whatever_is_waiting(
    client, people, org, who
):
    user = getattr(people, who)
    _make_work(people, org, 0, 1)
    few = _home_queries(client, user)
    _make_work(people, org, 1, 15)
    many = _home_queries(client, user)
    assert many == few
