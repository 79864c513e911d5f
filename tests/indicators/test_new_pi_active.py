"""A new PI owes nothing from before it existed, and one row of a PI page says one thing."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.choices import PeriodState, Rag
from indicators.figures.due import due_items, my_indicators
from indicators.models import Indicator
from indicators.periods import Period
from tests.factories import IndicatorFactory, TargetFactory
from tests.indicators.test_register_editing import valid_data

pytestmark = pytest.mark.django_db


def figure_rows(html: str) -> list[str]:
    """Return the rows of the PI page's figures table, as text."""
    table = re.search(r'<table class="[^"]*figures-table.*?</table>', html, re.S).group(0)
    body = table.split("<tbody>", 1)[1]
    return [re.sub(r"<[^>]+>|\s+", " ", row) for row in re.findall(r"<tr>.*?</tr>", body, re.S)]


def create(client, people, org, **overrides) -> Indicator:
    client.force_login(people.perf)
    response = client.post(reverse("indicators:create"), valid_data(people, org, **overrides))
    assert response.status_code == 302, response.context["form"].errors
    return Indicator.objects.get(code="LPI HO 20")


def test_a_new_pi_with_active_from_blank_is_active_from_the_month_it_was_created_in(
    client, people, org
):
    pi = create(client, people, org)
    assert pi.active_from == timezone.localdate().replace(day=1)


def test_a_new_quarterly_pi_is_active_from_the_quarter_it_was_created_in(client, people, org):
    pi = create(client, people, org, frequency="quarterly")
    assert pi.active_from == Period.containing(timezone.localdate(), "quarterly").start


def test_an_active_from_date_given_is_kept(client, people, org):
    pi = create(client, people, org, active_from="2025-04-01")
    assert pi.active_from == date(2025, 4, 1)


def test_the_form_says_when_a_blank_active_from_starts(client, people):
    client.force_login(people.perf)
    html = client.get(reverse("indicators:create")).content.decode()
    assert "Blank: from the start of the period it is created in" in html


def test_a_new_pi_owes_no_figures_for_months_before_it_existed(client, people, org):
    pi = create(client, people, org)
    TargetFactory(indicator=pi, year=Period.containing(timezone.localdate(), "monthly").year)
    assert due_items(my_indicators(people.officer), today=timezone.localdate()) == []
    rows = figure_rows(client.get(reverse("indicators:detail", args=[pi.pk])).content.decode())
    assert not any("Missing" in row or "Overdue" in row for row in rows), rows


def test_the_pi_page_lists_only_the_periods_the_pi_was_active_in(client, people, org):
    latest = Period.last_ended("monthly", timezone.localdate())
    start = latest.back(2)[0]
    pi = IndicatorFactory(owner=people.officer, service=org.housing, active_from=start.start)
    TargetFactory(indicator=pi, year=latest.year, annual_target=10)
    client.force_login(people.perf)
    html = client.get(reverse("indicators:detail", args=[pi.pk]), {"year": latest.year})
    rows = figure_rows(html.content.decode())
    labels = [row.split()[0] for row in rows]
    expected = [p.label for p in reversed(latest.back(2)) if p.year == latest.year]
    assert labels == expected


def test_a_period_in_its_due_window_is_missing_and_due_never_not_yet_due(client, people, org):
    latest = Period.last_ended("monthly", timezone.localdate())
    # Due 60 working days after the month: the month just ended is always in its window.
    pi = IndicatorFactory(
        owner=people.officer,
        service=org.housing,
        due_working_days=60,
        active_from=latest.start,
    )
    TargetFactory(indicator=pi, year=latest.year, annual_target=10)
    assessment = pi.assess(latest)
    assert (assessment.state, assessment.rag) == (PeriodState.DUE, Rag.MISSING)
    client.force_login(people.perf)
    rows = figure_rows(client.get(reverse("indicators:detail", args=[pi.pk])).content.decode())
    assert len(rows) == 1
    assert "Missing" in rows[0] and "Due" in rows[0]
    assert "Not yet due" not in rows[0]
