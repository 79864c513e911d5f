"""Figure checks have one home (indicators.figures.validation.check_values): the entry page,
the performance team's figures import and officers' spreadsheet uploads accept and refuse
the same numbers, and save through the same service."""

from datetime import date

import pytest

from core.tabular import ImportRefused
from indicators.choices import Aggregation, Unit
from indicators.figures.uploads import import_my_figures
from indicators.figures.validation import check_values
from indicators.importers import FIGURE_COLUMNS, import_figures
from indicators.models import Figure
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def figures_file(*lines: str) -> bytes:
    return ("\n".join([",".join(FIGURE_COLUMNS), *lines]) + "\n").encode()


def test_the_import_takes_a_negative_numerator_where_the_pi_allows_negatives(people, org):
    indicator = IndicatorFactory(
        code="NET", aggregation=Aggregation.RATIO, multiplier=100, allow_negative=True
    )
    assert not check_values(indicator, value=None, numerator="-5", denominator="10").errors
    import_figures("f.csv", figures_file("NET,2026-04,,-5,10,,"), today=TODAY)
    figure = Figure.objects.get(indicator=indicator)
    assert (figure.numerator, figure.denominator, figure.value) == (-5, 10, -50)


CASES = [
    # (indicator options, value, numerator, denominator)
    ({}, "-3", "", ""),
    ({"allow_negative": True}, "-3", "", ""),
    ({"unit": Unit.PERCENTAGE}, "101", "", ""),
    ({"unit": Unit.PERCENTAGE, "allow_over_100": True}, "101", "", ""),
    ({"aggregation": Aggregation.RATIO, "multiplier": 100}, "", "-5", "10"),
    ({"aggregation": Aggregation.RATIO, "multiplier": 100, "allow_negative": True}, "", "-5", "10"),
    ({"aggregation": Aggregation.RATIO, "multiplier": 100}, "", "5", "-10"),
    ({"aggregation": Aggregation.RATIO, "multiplier": 100}, "", "5", "0"),
    ({"aggregation": Aggregation.RATIO, "multiplier": 100}, "60", "1", "2"),
    ({"aggregation": Aggregation.RATIO, "multiplier": 100}, "50", "1", "2"),
    ({"aggregation": Aggregation.RATIO, "multiplier": 100}, "", "1", ""),
    (
        {"aggregation": Aggregation.RATIO, "multiplier": 100, "unit": Unit.PERCENTAGE},
        "",
        "3",
        "2",
    ),
]


def accepted(call) -> bool:
    try:
        call()
    except ImportRefused:
        return False
    return True


@pytest.mark.parametrize(("options", "value", "numerator", "denominator"), CASES)
def test_entry_the_import_and_the_upload_agree(people, org, options, value, numerator, denominator):
    indicator = IndicatorFactory(
        code="PI", owner=people.officer, service=org.housing, frequency="monthly", **options
    )
    entry_accepts = not check_values(
        indicator, value=value, numerator=numerator, denominator=denominator
    ).errors
    row = f"PI,2026-04,{value},{numerator},{denominator},,"
    import_accepts = accepted(lambda: import_figures("f.csv", figures_file(row), today=TODAY))
    Figure.objects.all().delete()
    upload_accepts = accepted(
        lambda: import_my_figures(
            "f.csv", figures_file(row), user=people.officer, submit=False, today=TODAY
        )
    )
    assert import_accepts == upload_accepts == entry_accepts
    if entry_accepts:
        assert Figure.objects.get(indicator=indicator).value is not None
