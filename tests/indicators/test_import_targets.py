"""Importing targets: years, profiles of the right length, floors, all-or-nothing."""

from decimal import Decimal

import pytest

from core.tabular import ImportRefused
from indicators.importers import TARGET_COLUMNS, import_targets
from indicators.models import Target
from tests.factories import IndicatorFactory, TargetFactory

pytestmark = pytest.mark.django_db

HEADER = ",".join(TARGET_COLUMNS)


def csv(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()


def blanks(n: int) -> str:
    return "," * n


def test_imports_annual_baseline_floor_and_monthly_profile():
    indicator = IndicatorFactory(code="LPI HO 01", frequency="monthly")
    profile = ",".join(str(n) for n in range(1, 13))
    result = import_targets("t.csv", csv(f"LPI HO 01,2026/27,480,455,,{profile}"))
    assert result.created == 1
    target = Target.objects.get(indicator=indicator, year=2026)
    assert target.annual_target == Decimal("480")
    assert target.baseline == Decimal("455")
    assert target.floor is None
    assert target.profile == [str(n) for n in range(1, 13)]


def test_replaces_an_existing_years_targets():
    indicator = IndicatorFactory(code="NI 1", frequency="quarterly")
    TargetFactory(indicator=indicator, year=2025, annual_target=10, profile=["1", "2", "3", "4"])
    result = import_targets("t.csv", csv(f"ni 1,2025/26,12,,{blanks(12)}"))
    assert (result.created, result.updated) == (0, 1)
    target = Target.objects.get(indicator=indicator, year=2025)
    assert target.annual_target == 12
    assert target.profile == []


def test_quarterly_profile_needs_four_values_and_floor_rules_apply():
    IndicatorFactory(code="Q1", frequency="quarterly")
    IndicatorFactory(code="M1", frequency="monthly")
    IndicatorFactory(code="A1", frequency="annual")
    IndicatorFactory(code="F1", tolerance_kind="floor", polarity="higher")
    lines = [
        "Q1,2026/27,10,,,1,2,3,4" + blanks(8),  # row 2 fine
        "Q1,2025/26,10,,,1,2,3" + blanks(9),  # row 3 three values
        "Q1,2024/25,10,,,1,2,x,4" + blanks(8),  # row 4 not a number
        "A1,2026/27,10,,,5" + blanks(11),  # row 5 annual with profile
        "F1,2026/27,90,,95" + blanks(12),  # row 6 floor above target
        "F1,2025/26,90,," + blanks(12),  # row 7 floor missing
        "ZZ,2026/27,1,," + blanks(12),  # row 8 unknown code
        "M1,2026/28,1,," + blanks(12),  # row 9 bad year
        "M1,2026/27,,," + blanks(12),  # row 10 no target
        "Q1,2026/27,11,,,1,2,3,4" + blanks(8),  # row 11 duplicate of row 2
    ]
    with pytest.raises(ImportRefused) as refused:
        import_targets("t.csv", csv(*lines))
    text = str(refused.value)
    assert "Row 2" not in text
    assert "Row 3: the profile needs 4 quarterly values; 3 given" in text
    assert "Row 4: profile value for period 3 'x' is not a number" in text
    assert "Row 5: an annual indicator has no per-period profile" in text
    assert "Row 6: higher is better, so the floor must not exceed the target" in text
    assert "Row 7: the tolerance is a floor standard, so give the floor" in text
    assert "Row 8: code 'ZZ' is not in the register" in text
    assert "Row 9: '2026/28': a financial year runs from one year into the next." in text
    assert "Row 10: annual_target is blank" in text
    assert "Row 11: Q1 2026/27 also appears in row 2" in text
    assert not Target.objects.exists()


def test_band_columns_are_accepted():
    indicator = IndicatorFactory(code="B1", polarity="band")
    header = HEADER + ",band_low,band_high"
    import_targets("t.csv", csv("B1,2026/27,50,,," + blanks(11) + ",45,55", header=header))
    target = Target.objects.get(indicator=indicator)
    assert (target.band_low, target.band_high) == (45, 55)
