"""Imports read numbers with the one decimal parser: nothing reaches a column it overflows,
and periods are read as pages show them."""

from datetime import date

import pytest

from core.tabular import ImportRefused
from indicators.choices import Aggregation
from indicators.importers import (
    FIGURE_COLUMNS,
    INDICATOR_COLUMNS,
    TARGET_COLUMNS,
    import_figures,
    import_indicators,
    import_targets,
)
from indicators.models import Figure, Indicator, Target
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)
REGISTER_ROW = (
    "NI 191,Residual household waste per household,Kg per household,number,1,lower,quarterly,"
    "ratio,outcome,housing,officer,manager,2.5,yes,yes"
)


def table(columns, *lines: str) -> bytes:
    return ("\n".join([",".join(columns), *lines]) + "\n").encode()


def refusal(call) -> str:
    with pytest.raises(ImportRefused) as caught:
        call()
    return str(caught.value) + " ".join(str(e) for e in getattr(caught.value, "errors", []))


def test_a_figure_rounding_past_its_column_is_refused_by_row(people, org):
    IndicatorFactory(code="LPI 1", owner=people.officer, service=org.housing)
    rows = table(FIGURE_COLUMNS, "LPI 1,2026-04,99999999999999.99999,,,,")
    text = refusal(lambda: import_figures("f.csv", rows, today=TODAY))
    assert "too large" in text
    assert not Figure.objects.exists()


def test_a_ratio_too_large_to_store_is_refused(people, org):
    IndicatorFactory(
        code="LPI 2", aggregation=Aggregation.RATIO, multiplier=1000, allow_over_100=True
    )
    rows = table(FIGURE_COLUMNS, "LPI 2,2026-04,,99999999999999,0.0001,,")
    text = refusal(lambda: import_figures("f.csv", rows, today=TODAY))
    assert "too large to store" in text
    assert not Figure.objects.exists()


def test_a_target_rounding_past_its_column_is_refused(people, org):
    IndicatorFactory(code="LPI 3", frequency="annual")
    rows = table(TARGET_COLUMNS, "LPI 3,2026/27,99999999999999.99999,,," + "," * 11)
    text = refusal(lambda: import_targets("t.csv", rows))
    assert "too large" in text
    assert not Target.objects.exists()


def test_a_multiplier_beyond_its_column_is_refused(people, org):
    header = [*INDICATOR_COLUMNS, "multiplier"]
    rows = table(header, REGISTER_ROW + ",1e10")
    text = refusal(lambda: import_indicators("register.csv", rows))
    assert "multiplier '1e10' is too large" in text
    assert not Indicator.objects.exists()


@pytest.mark.parametrize("places", ["\u00b2", "\u0662", "-1", "5"])
def test_decimal_places_must_be_an_ascii_whole_number_0_to_4(people, org, places):
    header = [*INDICATOR_COLUMNS]
    row = REGISTER_ROW.split(",")
    row[header.index("decimal_places")] = places
    text = refusal(lambda: import_indicators("register.csv", table(header, ",".join(row))))
    assert "decimal_places" in text and "whole number 0 to 4" in text


def test_commas_that_do_not_group_thousands_are_refused(people, org):
    IndicatorFactory(code="LPI 1", owner=people.officer, service=org.housing)
    rows = table(FIGURE_COLUMNS, 'LPI 1,2026-04,"1,2,3",,,,')
    text = refusal(lambda: import_figures("f.csv", rows, today=TODAY))
    assert "commas may only separate thousands" in text
    assert not Figure.objects.exists()


def test_the_period_column_is_read_as_pages_show_it(people, org):
    indicator = IndicatorFactory(code="LPI 1", owner=people.officer, service=org.housing)
    rows = table(FIGURE_COLUMNS, 'LPI 1,October 2026,"1,234",,,,', "LPI 1,Sept 2026,12,,,,")
    import_figures("f.csv", rows, today=TODAY)
    stored = dict(Figure.objects.filter(indicator=indicator).values_list("number", "value"))
    assert stored == {7: 1234, 6: 12}
