"""The finance position comes from the shared cache (core.cached) and agrees with the one
worked out afresh after every kind of change to what it is read from."""

from datetime import date
from decimal import Decimal as D

import pytest

from core.models import CouncilSettings, OrgUnit
from finance import variance
from finance.models import BudgetFigure, BudgetLine
from indicators.periods import Period

pytestmark = pytest.mark.django_db
OCTOBER = Period.parse("2026-10")


def _seen(position) -> list:
    """Everything a reader of a position sees: each unit's row, lines, children and RAG."""
    if position.root is None:
        return []
    rows = []
    for pk, row in sorted(position.by_unit.items()):
        lines = [
            (
                line.line.pk,
                line.line.name,
                line.figure and line.figure.pk,
                vars(line.position),
                line.rag,
            )
            for line in row.lines
        ]
        children = [child.unit.pk for child in row.children]
        rows.append(
            (pk, row.unit.name, row.unit.path, vars(row.position), row.rag, lines, children)
        )
    return [position.root.unit.pk, str(position.as_at), position.tolerance, *rows]


def _agree(org) -> None:
    for within in (None, org.place, org.housing):
        for capital in (False, True):
            fresh = variance._finance_position(OCTOBER, within, capital, None)
            kept = variance.finance_position(period=OCTOBER, within=within, capital=capital)
            assert _seen(kept) == _seen(fresh), (within, capital)


def _line():
    return BudgetLine.objects.get(name="Homelessness")


def _budget(org):
    line = _line()
    line.current_budget = D("2000000")
    line.save()


def _new_figure(org):
    BudgetFigure.objects.create(
        line=_line(),
        frequency="monthly",
        number=8,
        period_end=date(2026, 10, 31),
        actual=D("1"),
        forecast=D("9000000"),
    )


def _edit_figure(org):
    figure = BudgetFigure.objects.get(line__name="Housing options")
    figure.forecast = D("10")
    figure.save()


def _delete_figure(org):
    BudgetFigure.objects.filter(line__name="Development control").delete()


def _new_line(org):
    BudgetLine.objects.create(
        year=2026,
        unit=org.planning,
        name="Building control",
        original_budget=D("5"),
        current_budget=D("5"),
    )


def _delete_line(org):
    BudgetLine.objects.filter(name="Housing options").delete()


def _rename_unit(org):
    OrgUnit.objects.filter(pk=org.housing.pk).update(name="Homes")  # as a bulk edit would
    housing = OrgUnit.objects.get(pk=org.housing.pk)
    housing.name = "Homes and housing"
    housing.save()


def _tolerance(org):
    council = CouncilSettings.load()
    council.finance_green_pct = D("50")
    council.save()


CHANGES = [
    _budget,
    _new_figure,
    _edit_figure,
    _delete_figure,
    _new_line,
    _delete_line,
    _rename_unit,
    _tolerance,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__.strip("_"))
def test_cached_and_fresh_positions_agree_after_every_change(org, imported, change):
    _agree(org)  # fills the cache
    _agree(org)  # read from it
    change(org)
    _agree(org)


def test_a_cached_position_is_read_in_one_query(org, imported, django_assert_num_queries):
    CouncilSettings.load()  # created on first use, a change the version sees
    variance.finance_position(period=OCTOBER)
    with django_assert_num_queries(1):  # the version of the tables it is read from
        variance.finance_position(period=OCTOBER)


def test_the_position_is_worked_out_afresh_when_the_cache_is_down(org, imported, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    position = variance.finance_position(period=OCTOBER)
    assert position.row(org.housing).position.variance == D("300000")
