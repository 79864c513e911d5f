"""Direction of travel by polarity; data-only indicators go up or down."""

from decimal import Decimal as D

import pytest

from indicators.choices import Direction, Polarity
from indicators.rag import direction


@pytest.mark.parametrize(
    ("current", "earlier", "polarity", "expected"),
    [
        ("5", "4", Polarity.HIGHER, Direction.IMPROVING),
        ("4", "5", Polarity.HIGHER, Direction.DECLINING),
        ("5", "5", Polarity.HIGHER, Direction.NO_CHANGE),
        ("4", "5", Polarity.LOWER, Direction.IMPROVING),
        ("5", "4", Polarity.LOWER, Direction.DECLINING),
        ("5.00", "5", Polarity.LOWER, Direction.NO_CHANGE),
        ("5", "4", Polarity.DATA, Direction.UP),
        ("4", "5", Polarity.DATA, Direction.DOWN),
        ("4", "4", Polarity.DATA, Direction.NO_CHANGE),
        ("-3", "-5", Polarity.HIGHER, Direction.IMPROVING),
    ],
)
def test_direction_by_polarity(current, earlier, polarity, expected):
    assert direction(D(current), D(earlier), polarity, D("50")) == expected


@pytest.mark.parametrize(
    ("current", "earlier", "expected"),
    [
        ("52", "56", Direction.IMPROVING),  # closer to 50
        ("48", "45", Direction.IMPROVING),  # closer from below
        ("55", "45", Direction.NO_CHANGE),  # as far on the other side
        ("60", "51", Direction.DECLINING),
        ("44", "50", Direction.DECLINING),  # left the target
    ],
)
def test_band_closer_to_target_is_improving(current, earlier, expected):
    assert direction(D(current), D(earlier), Polarity.BAND, D("50")) == expected


def test_band_with_nothing_to_be_close_to_goes_up_or_down():
    assert direction(D("5"), D("4"), Polarity.BAND, None) == Direction.UP


def test_nothing_to_compare_gives_none():
    assert direction(None, D("4"), Polarity.HIGHER) is None
    assert direction(D("4"), None, Polarity.HIGHER) is None
    assert direction(None, None, Polarity.DATA) is None
