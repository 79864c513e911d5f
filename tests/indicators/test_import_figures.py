"""Importing figures: periods, ratios, limits, workflow state, who may import what."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from core.tabular import ImportRefused
from indicators.importers import FIGURE_COLUMNS, import_figures
from indicators.models import Figure, PeriodClosure
from tests.factories import FigureFactory, IndicatorFactory

pytestmark = pytest.mark.django_db

HEADER = ",".join(FIGURE_COLUMNS)
TODAY = date(2026, 11, 23)


def csv(*lines: str) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode()


def test_imported_figures_are_submitted_by_the_importer(people, org):
    indicator = IndicatorFactory(code="LPI 1", owner=people.officer, service=org.housing)
    result = import_figures(
        "f.csv",
        csv("LPI 1,2026-04,42,,,Good month,", "LPI 1,2026-05,40,,,,"),
        by=people.officer,
        today=TODAY,
    )
    assert result.created == 2
    first = Figure.objects.get(indicator=indicator, year=2026, number=1)
    assert first.value == 42
    assert first.commentary == "Good month"
    assert first.state == "submitted"
    assert first.entered_by == first.submitted_by == people.officer
    assert first.submitted_at is not None


def test_updates_an_unverified_figure_and_bumps_its_version(people, org):
    indicator = IndicatorFactory(code="LPI 1", owner=people.officer)
    figure = FigureFactory(indicator=indicator, year=2026, number=1, value=1, state="returned")
    result = import_figures("f.csv", csv("LPI 1,2026-04,5,,,,"), today=TODAY)
    assert result.updated == 1
    figure.refresh_from_db()
    assert (figure.value, figure.state, figure.version) == (5, "submitted", 2)


def test_ratio_value_is_calculated_from_numerator_and_denominator(people, org):
    indicator = IndicatorFactory(
        code="CORP 09",
        aggregation="ratio",
        unit="percentage",
        multiplier=100,
        frequency="quarterly",
    )
    import_figures("f.csv", csv("CORP 09,2025/26 Q1,,2985,3035,,"), today=TODAY)
    figure = Figure.objects.get(indicator=indicator)
    assert figure.value == Decimal("98.3526")
    assert (figure.numerator, figure.denominator) == (2985, 3035)


def test_every_bad_row_is_reported_and_nothing_saved(people, org):
    IndicatorFactory(code="M", frequency="monthly")
    IndicatorFactory(code="PCT", unit="percentage")
    IndicatorFactory(code="R", aggregation="ratio", multiplier=100)
    verified = IndicatorFactory(code="V")
    FigureFactory(indicator=verified, year=2026, number=1, state="verified")
    IndicatorFactory(code="C")
    PeriodClosure.objects.create(frequency="monthly", year=2026, number=3, closed_at=timezone.now())
    lines = [
        "M,2026-04,1,,,,",  # 2 fine
        "M,2026/27 Q1,1,,,,",  # 3 wrong frequency
        "M,2026-11,1,,,,",  # 4 not ended
        "M,2026-13,1,,,,",  # 5 no such month
        "M,2026-05,abc,,,,",  # 6 not a number
        "M,2026-09,-3,,,,",  # 7 negative
        "PCT,2026-04,101,,,,",  # 8 over 100
        "R,2026-04,,5,0,,",  # 9 denominator zero
        "R,2026-05,50,,,,",  # 10 ratio without numerator/denominator
        "V,2026-04,1,,,,",  # 11 verified
        "C,2026-06,1,,,,",  # 12 closed period
        "M,2026-04,2,,,,",  # 13 duplicate
        "NOPE,2026-04,1,,,,",  # 14 unknown
        "M,2026-07,,,,,",  # 15 blank value
        "R,2026-07,60,1,2,,",  # 16 value does not match
    ]
    with pytest.raises(ImportRefused) as refused:
        import_figures("f.csv", csv(*lines), today=TODAY)
    text = str(refused.value)
    expected = {
        3: "period '2026/27 Q1' is quarterly but M is reported monthly",
        4: "period 2026-11 has not ended yet",
        5: "'2026-13': there is no month 13.",
        6: "value 'abc' is not a number",
        7: "value -3 is negative, which M does not allow",
        8: "value 101 is over 100%, which PCT does not allow",
        9: "denominator is zero",
        10: "R is a ratio measure: give numerator and denominator",
        11: "the 2026-04 figure is already verified",
        12: "period 2026-06 is closed",
        13: "M 2026-04 also appears in row 2",
        14: "code 'NOPE' is not in the register",
        15: "value is blank",
        16: "value 60 does not match numerator / denominator (50.0000)",
    }
    for row, message in expected.items():
        assert f"Row {row}: {message}" in text, text
    assert "Row 2:" not in text
    assert Figure.objects.count() == 1  # only the verified one made above


def test_officer_may_import_only_their_own_pis(people, org):
    IndicatorFactory(code="MINE", owner=people.officer, service=org.housing)
    IndicatorFactory(code="DEP", deputy=people.officer, service=org.planning)
    IndicatorFactory(code="THEIRS", owner=people.other_officer, service=org.planning)
    with pytest.raises(ImportRefused) as refused:
        import_figures(
            "f.csv",
            csv("MINE,2026-04,1,,,,", "DEP,2026-04,1,,,,", "THEIRS,2026-04,1,,,,"),
            by=people.officer,
            today=TODAY,
        )
    assert refused.value.errors.as_lines() == ["Row 4: you may not enter figures for THEIRS"]
    assert not Figure.objects.exists()


def test_manager_may_import_their_services_pis_and_audit_none(people, org):
    IndicatorFactory(code="H", owner=people.officer, service=org.housing_team)
    import_figures("f.csv", csv("H,2026-04,1,,,,"), by=people.manager, today=TODAY)
    with pytest.raises(ImportRefused):
        import_figures("f.csv", csv("H,2026-05,1,,,,"), by=people.audit, today=TODAY)
    with pytest.raises(ImportRefused):
        import_figures("f.csv", csv("H,2026-05,1,,,,"), by=people.board, today=TODAY)
    import_figures("f.csv", csv("H,2026-05,1,,,,"), by=people.perf, today=TODAY)
    assert Figure.objects.count() == 2
