"""Verifying is informed, and PIs are reachable from where people work: the queue shows each
figure beside its unit, target, last period, same period last year, RAG and a link to the
PI; "My indicators" rows link to their PIs; a PI page links up to the objectives and plans it
serves and its breadcrumb leads back to where the person came from."""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from indicators.choices import FigureState
from plans.choices import PlanStatus
from tests.factories import FigureFactory
from tests.factories.plans import ObjectiveFactory, PlanFactory
from tests.indicators.entry_helpers import OCTOBER, housing_pi
from tests.indicators.test_entry_queries import make_pis, queries

pytestmark = pytest.mark.django_db

QUEUE = reverse("indicators:verify_queue")


def queue_row(html: str, code: str) -> str:
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if code in r)
    return re.sub(r"\s+", " ", row)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def rent(people, org):
    """A percentage PI whose October figure jumps from 72% (September) to 90%."""
    pi = housing_pi(
        people, org, code="LPI HO 09", title="Rent collected", unit="percentage", decimal_places=0
    )
    pi.active_from = OCTOBER.back(13)[0].start
    pi.save()
    pi.targets.update(annual_target=95)
    last_year = OCTOBER.back(13)[0]
    september = OCTOBER.previous()
    for period, value, state in (
        (last_year, 81, FigureState.VERIFIED),
        (september, 72, FigureState.VERIFIED),
        (OCTOBER, 90, FigureState.SUBMITTED),
    ):
        FigureFactory(
            indicator=pi,
            year=period.year,
            number=period.number,
            value=value,
            state=state,
            submitted_by=people.officer,
        )
    return pi


def test_the_queue_shows_a_figure_beside_its_target_last_period_and_last_year(client, people, rent):
    client.force_login(people.manager)
    html = client.get(QUEUE).content.decode()
    header = text_of(re.search(r"<thead>.*?</thead>", html, re.S).group(0))
    for column in ("Value", "Target", "Last period", "Same period last year", "RAG"):
        assert column in header, column
    row = text_of(queue_row(html, "LPI HO 09"))
    assert "90%" in row and "95%" in row and "72%" in row and "81%" in row
    assert "Amber" in row or "Red" in row or "Green" in row


def test_the_queue_links_each_figure_to_its_pi_and_back(client, people, rent):
    client.force_login(people.manager)
    row = queue_row(client.get(QUEUE).content.decode(), "LPI HO 09")
    href = reverse("indicators:detail", args=[rent.pk]) + "?from=" + quote(QUEUE, safe="")
    assert f'href="{href}"' in row


def test_the_queue_costs_the_same_with_every_figures_history_present(client, people, org):
    client.force_login(people.perf)
    make_pis(10, people.officer, org.housing, submitted_by=people.officer)
    small = queries(client, QUEUE)
    pis = make_pis(
        200, people.other_officer, org.planning, submitted_by=people.other_officer, start=1000
    )
    for pi in pis[:50]:
        FigureFactory(indicator=pi, year=OCTOBER.year, number=OCTOBER.previous().number)
    large = queries(client, QUEUE)
    assert large == small, (small, large)


def test_my_indicators_rows_link_to_their_pis(client, people, rent):
    client.force_login(people.officer)
    html = client.get(reverse("indicators:my")).content.decode()
    row = queue_row(html, "LPI HO 09")
    mine = reverse("indicators:my")
    href = reverse("indicators:detail", args=[rent.pk]) + "?from=" + quote(mine, safe="")
    assert f'href="{href}"' in row


def test_the_pi_page_links_up_to_the_objectives_and_plans_it_serves(client, people, rent):
    council = PlanFactory(title="Council Plan 2026-30", kind="council")
    priority = ObjectiveFactory(plan=council, number=2, title="Homes people can afford")
    service = PlanFactory(title="Housing service plan", parent=council)
    objective = ObjectiveFactory(
        plan=service, number=1, title="Prevent homelessness", contributes_to=priority
    )
    objective.indicators.add(rent)
    hidden = ObjectiveFactory(
        plan=PlanFactory(title="Draft restructure plan", status=PlanStatus.DRAFT),
        title="Not yet agreed",
    )
    hidden.indicators.add(rent)
    client.force_login(people.officer)
    html = client.get(reverse("indicators:detail", args=[rent.pk])).content.decode()
    for link in (
        objective.get_absolute_url(),
        service.get_absolute_url(),
        priority.get_absolute_url(),
        council.get_absolute_url(),
    ):
        assert f'href="{link}"' in html, link
    assert "Prevent homelessness" in html and "Homes people can afford" in html
    assert "Not yet agreed" not in html and "Draft restructure plan" not in html


def test_a_pi_serving_no_objective_says_so(client, people, rent):
    client.force_login(people.officer)
    html = client.get(reverse("indicators:detail", args=[rent.pk])).content.decode()
    assert "not linked to any objective" in html


def breadcrumb(html: str) -> str:
    return re.search(r'<nav aria-label="Breadcrumb">.*?</nav>', html, re.S).group(0)


@pytest.mark.parametrize(
    ("origin", "label"),
    [
        ("/indicators/my/", "My indicators"),
        ("/indicators/verify/?page=2", "Verify figures"),
        ("/indicators/?service=3&period=2026-10", "PI register"),
    ],
)
def test_the_breadcrumb_leads_back_to_where_the_person_came_from(
    client, people, rent, origin, label
):
    client.force_login(people.perf)
    url = reverse("indicators:detail", args=[rent.pk])
    crumb = breadcrumb(client.get(url, {"from": origin}).content.decode())
    assert f'href="{origin.replace("&", "&amp;")}">{label}</a>' in crumb
    assert "LPI HO 09" in crumb


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example",
        "javascript:alert(1)",
        "/no-such-page/",
        "/accounts/logout/",
    ],
)
def test_the_breadcrumb_never_leads_off_the_site_or_to_other_pages(client, people, rent, origin):
    client.force_login(people.perf)
    url = reverse("indicators:detail", args=[rent.pk])
    crumb = breadcrumb(client.get(url, {"from": origin}).content.decode())
    assert "evil" not in crumb and "javascript" not in crumb and "logout" not in crumb
    assert f'href="{reverse("indicators:list")}">PI register</a>' in crumb
