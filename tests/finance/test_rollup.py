"""Lines roll up to service, directorate and council, each judged by the same rule."""

from decimal import Decimal as D

import pytest

from core.models import CouncilSettings, OrgUnit
from finance.importer import budgets_import
from finance.variance import finance_position
from indicators.choices import Rag
from indicators.periods import Period
from tests.finance.conftest import budget_csv

pytestmark = pytest.mark.django_db
OCTOBER = Period.parse("2026-10")


def test_it_sums_lines_into_services_directorates_and_the_council(org, imported):
    position = finance_position(period=OCTOBER)
    housing, planning = position.row(org.housing), position.row(org.planning)
    assert housing.position.budget == D("1700000")
    assert housing.position.forecast == D("2000000")
    assert housing.position.variance == D("300000")
    assert housing.rag == Rag.RED  # 17.6% over
    assert planning.position.variance == D("-100000")
    assert planning.rag == Rag.GREEN  # an underspend, by default not against
    place = position.row(org.place)
    assert place.position.budget == D("3700000")
    assert place.position.variance == D("200000")
    assert place.rag == Rag.RED  # 5% of £3.7m is £185k: £200k is beyond it
    assert position.root.unit == org.council
    assert position.root.position.variance == D("200000")


def test_the_setting_changes_every_level_alike(org, imported):
    settings = CouncilSettings.load()
    settings.finance_adverse = "underspend"
    settings.save()
    position = finance_position(period=OCTOBER)
    assert position.row(org.housing).rag == Rag.GREEN
    assert position.row(org.planning).rag == Rag.AMBER  # exactly 5% under: Amber (inclusive)
    assert position.root.rag == Rag.GREEN


def test_within_a_unit_only_its_subtree(org, imported):
    position = finance_position(period=OCTOBER, within=org.housing)
    assert position.root.unit == org.housing
    assert set(position.by_unit) == {org.housing.pk}


def test_largest_overspends_come_first(org, imported):
    position = finance_position(period=OCTOBER)
    assert [row.line.name for row in position.largest_overspends()] == ["Homelessness"]


def test_an_earlier_period_uses_the_figures_held_then(org, imported):
    assert finance_position(period=Period.parse("2026-09")).as_at is None
    assert finance_position(period=Period.parse("2026/27 Q3")).as_at == OCTOBER


def test_queries_do_not_grow_with_lines(org, imported, django_assert_max_num_queries):
    CouncilSettings.load()  # created on first use; reading it is one query
    with django_assert_max_num_queries(5):  # the cache's version, then four to work it out
        finance_position(period=OCTOBER)


def test_services_are_listed_by_name_whatever_their_ids(org):
    """Ids 99 and 100 make "/…/100/" sort before "/…/99/" as text: the tree's order must not
    follow that. Housing (99) comes before Planning (100), as it reads."""
    OrgUnit.objects.filter(pk__in=[org.housing_team.pk]).delete()
    for unit, pk in ((org.housing, 99_999), (org.planning, 100_000)):
        OrgUnit.objects.filter(pk=unit.pk).delete()
        OrgUnit(pk=pk, name=unit.name, code=unit.code, kind=unit.kind, parent=org.place).save()
    budgets_import(
        "budgets.csv",
        budget_csv(
            "2026/27,housing,Homelessness,1000000,1200000,2026-10,800000,1500000,",
            "2026/27,planning,Development control,2000000,2000000,2026-10,1100000,1900000,",
        ),
    )
    position = finance_position(period=OCTOBER)
    place = position.row(org.place)
    assert [row.unit.name for row in place.children] == ["Housing", "Planning"]
    assert [row.unit.name for row in position.services()] == ["Housing", "Planning"]
