"""Unit costs: a budget line's spend to date over its linked PI's year-to-date value."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from finance.importer import budgets_import
from finance.models import UnitCostLink
from finance.value import value_for_money_rows
from indicators.choices import Aggregation, Direction
from indicators.periods import Period
from tests.factories import FigureFactory, IndicatorFactory
from tests.finance.conftest import budget_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(org):
    indicator = IndicatorFactory(code="LPI HO 01", service=org.housing, aggregation=Aggregation.SUM)
    for year, value in ((2025, 40), (2026, 50)):
        for month in range(1, 8):  # April to October: 280 last year, 350 this year
            FigureFactory(indicator=indicator, year=year, number=month, value=value)
    budgets_import(
        "b.csv",
        budget_csv(
            "2025/26,housing,Prevention,700000,700000,2025-10,420000,700000,",
            "2026/27,housing,Prevention,800000,800000,2026-10,455000,800000,",
        ),
    )
    return UnitCostLink.objects.create(
        indicator=indicator, unit=org.housing, line_name="Prevention", label="prevention"
    )


def test_the_unit_cost_and_its_change_on_last_year(linked):
    (row,) = value_for_money_rows(Period.parse("2026-10"))
    assert row.now.cost == D("1300.00")  # £455,000 / 350
    assert row.last_year.cost == D("1500.00")  # £420,000 / 280
    assert row.change == D("-200.00")
    assert row.direction == Direction.IMPROVING  # cheaper is better


def test_a_period_without_the_pis_figure_has_no_unit_cost(linked):
    budgets_import(
        "b.csv", budget_csv("2026/27,housing,Prevention,800000,800000,2026-11,520000,800000,")
    )
    (row,) = value_for_money_rows(Period.parse("2026-11"))
    assert row.now.spend == D("520000") and row.now.cost is None


def test_the_table_and_the_pi_page_show_it_to_those_who_see_finance(client, people, linked):
    client.force_login(people.board)
    url = reverse("finance:value_for_money")
    page = client.get(url, {"period": "2026-10"}).content.decode()
    assert "£1,300.00" in page and "£1,500.00" in page and "-£200.00" in page
    detail = reverse("indicators:detail", args=[linked.indicator.pk])
    page = client.get(detail, {"year": "2026"}).content.decode()
    assert "Value for money: cost per prevention" in page and "£1,300.00" in page
    client.force_login(people.officer)
    assert "Value for money" not in client.get(detail, {"year": "2026"}).content.decode()
