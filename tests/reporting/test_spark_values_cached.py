"""The values a report's sparklines draw come from the shared cache (indicators.cached.derived)
and agree with those read afresh after every kind of change."""

import pytest

from indicators.models import Indicator
from reporting import pi_reports
from tests.indicators.test_cached_assessments import (  # noqa: F401
    CHANGES,
    PERIOD,
    _amend_verified,
    pis,
)

pytestmark = pytest.mark.django_db


def _places(pis):  # noqa: F811
    pis[0].decimal_places = 2
    pis[0].save()


def _agree() -> None:
    indicators = list(Indicator.objects.order_by("code"))
    fresh = pi_reports._spark_values(indicators, PERIOD)
    assert pi_reports.spark_values(indicators, PERIOD) == fresh
    assert any(value for points in fresh.values() for _label, value, _ in points)


@pytest.mark.parametrize("change", [*CHANGES, _places], ids=lambda c: c.__name__.strip("_"))
def test_cached_and_fresh_sparkline_values_agree_after_every_change(pis, change):  # noqa: F811
    _agree()  # fills the cache
    _agree()  # read from it
    change(pis)
    _agree()


def test_values_are_worked_out_once_per_change(pis, monkeypatch):  # noqa: F811
    worked_out = []
    fresh = pi_reports._spark_values

    def counted(indicators, period):
        worked_out.append([i.code for i in indicators])
        return fresh(indicators, period)

    monkeypatch.setattr(pi_reports, "_spark_values", counted)
    indicators = list(Indicator.objects.order_by("code"))
    pi_reports.spark_values(indicators[:2], PERIOD)
    pi_reports.spark_values(indicators, PERIOD)  # only the third is new
    pi_reports.spark_values(indicators, PERIOD)
    assert worked_out == [["C0", "C1"], ["C2"]]
    _amend_verified(pis)
    pi_reports.spark_values(indicators, PERIOD)
    assert worked_out[-1] == ["C0", "C1", "C2"]
