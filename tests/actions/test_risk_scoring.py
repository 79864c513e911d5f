"""Risk bands, the heat map of a register and the risk QuerySet methods."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from actions.choices import RiskBand, RiskStatus
from actions.models import Risk
from actions.risk import heat_map, register_heat_map, risk_band
from core.models import CouncilSettings
from tests.factories import RiskFactory, RiskRegisterFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("score", "size", "band"),
    [
        (25, 5, RiskBand.VERY_HIGH),
        (16, 5, RiskBand.VERY_HIGH),
        (15, 5, RiskBand.HIGH),
        (10, 5, RiskBand.HIGH),
        (9, 5, RiskBand.MEDIUM),
        (5, 5, RiskBand.MEDIUM),
        (4, 5, RiskBand.LOW),
        (16, 4, RiskBand.VERY_HIGH),
        (12, 4, RiskBand.VERY_HIGH),
        (9, 4, RiskBand.HIGH),
        (6, 4, RiskBand.MEDIUM),
        (3, 4, RiskBand.LOW),
    ],
)
def test_bands_by_matrix_size(score, size, band):
    assert risk_band(score, size) == band


def test_heat_map_counts_each_risk_in_its_cell_highest_impact_first():
    register = RiskRegisterFactory()
    RiskFactory(register=register, ref="A", residual_likelihood=5, residual_impact=4)
    RiskFactory(register=register, ref="B", residual_likelihood=5, residual_impact=4)
    RiskFactory(register=register, ref="C", residual_likelihood=1, residual_impact=1)
    RiskFactory(register=register, ref="D", status=RiskStatus.CLOSED)
    grid = register_heat_map(register, size=5)
    assert [row.impact for row in grid.rows] == [5, 4, 3, 2, 1]
    cell = grid.rows[1].cells[4]
    assert (cell.likelihood, cell.impact, cell.score, cell.refs) == (5, 4, 20, ["A", "B"])
    assert cell.band == RiskBand.VERY_HIGH
    assert grid.rows[4].cells[0].refs == ["C"]
    assert grid.total == 3  # the closed risk is not on the map
    assert dict(grid.band_counts()) == {"Very high": 2, "High": 0, "Medium": 0, "Low": 1}


def test_heat_map_uses_the_council_matrix_and_lists_risks_beyond_it():
    settings = CouncilSettings.load()
    settings.risk_matrix_size = 4
    settings.save()
    register = RiskRegisterFactory()
    RiskFactory(register=register, ref="X", residual_likelihood=5, residual_impact=2)
    grid = register_heat_map(register)
    assert grid.size == 4 and len(grid.rows) == 4
    assert grid.outside == ["X"]


def test_inherent_basis_reads_the_inherent_scores():
    risk = RiskFactory(inherent_likelihood=2, inherent_impact=3)
    grid = heat_map([risk], 5, basis="inherent")
    assert grid.rows[2].cells[1].refs == [risk.ref]


def test_scores_are_validated_against_the_matrix_size():
    risk = RiskFactory.build(residual_likelihood=5)
    with pytest.raises(ValidationError) as excinfo:
        risk.validate_scores(4)
    assert "residual_likelihood" in excinfo.value.message_dict
    risk.validate_scores(5)


def test_register_sorted_by_residual_score_and_top_risks():
    low = RiskFactory(residual_likelihood=1, residual_impact=2)
    high = RiskFactory(residual_likelihood=4, residual_impact=5)
    mid = RiskFactory(residual_likelihood=3, residual_impact=3)
    RiskFactory(residual_likelihood=5, residual_impact=5, status=RiskStatus.CLOSED)
    assert list(Risk.objects.by_residual_score().open()) == [high, mid, low]
    top = list(Risk.objects.top(2))
    assert top == [high, mid]
    assert top[0].score_residual == high.residual_score == 20


def test_overdue_reviews_are_flagged():
    today = datetime.date(2026, 11, 23)
    late = RiskFactory(review_date=datetime.date(2026, 11, 1))
    RiskFactory(review_date=datetime.date(2026, 12, 1))
    RiskFactory(review_date=datetime.date(2026, 1, 1), status=RiskStatus.CLOSED)
    assert list(Risk.objects.review_overdue(today)) == [late]
    assert late.is_review_overdue(today)
