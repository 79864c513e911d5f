"""Real published council data, imported through the documented file formats.

The files under indicators/fixtures/realdata were made by convert.py there from the
published sources (provenance in its README). These tests import them as the performance
team would and check that our RAG, year to date and direction of travel make sense.
"""

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from core.models import OrgUnit
from indicators.assessment import assess_indicators, indicator_history
from indicators.importers import import_figures, import_indicators, import_targets
from indicators.models import Figure, Indicator
from indicators.periods import Period, periods_of_year

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "indicators" / "fixtures" / "realdata"
HART_RAG = {"lg": "green", "la": "amber", "lr": "red", "lu": "data_only", "ld": "data_only"}


def load(org, name: str, *, targets: bool = True) -> None:
    register = (DATA / f"{name}_register.csv").read_bytes()
    with open(DATA / f"{name}_register.csv", encoding="utf-8") as handle:
        services = {row["service"] for row in csv.DictReader(handle)}
    for service in services:
        OrgUnit.objects.get_or_create(
            name=service,
            defaults={
                "code": service.lower().replace(" ", "-").replace(",", "")[:50],
                "kind": "service",
                "parent": org.council,
            },
        )
    import_indicators(f"{name}_register.csv", register)
    if targets:
        import_targets(f"{name}_targets.csv", (DATA / f"{name}_targets.csv").read_bytes())
    import_figures(f"{name}_figures.csv", (DATA / f"{name}_figures.csv").read_bytes())


def hart_statuses() -> dict[tuple[str, str], str]:
    with open(DATA / "hart_status.csv", encoding="utf-8") as handle:
        return {(r["code"], r["period"]): HART_RAG[r["status"]] for r in csv.DictReader(handle)}


# Where we differ from Hart's published status, and why (each checked by hand):
EXPECTED_DISAGREEMENTS = {
    # 42.5% against 60%: 29% short, far beyond any tolerance; Hart still showed Amber.
    ("IT01", "2014/15 Q1"): ("red", "amber"),
    # 80.6% against 90%: 10.4% short, just beyond our 10% tolerance; Hart showed Green
    # although the value is below target (their tile rule is "above target" for Green).
    ("IT03", "2014/15 Q1"): ("red", "green"),
    # 97.0% against 97%: exactly on target is Green for us (docs/rag-rules.md: boundaries are
    # inclusive); Hart showed "close to target".
    ("FI06", "2014/15 Q2"): ("green", "amber"),
}


def test_hart_imports_and_agrees_with_the_councils_own_rag(people, org):
    load(org, "hart")
    assert Indicator.objects.count() == 45
    # Commentary came through with the figures.
    assert "Long term sickness" in Figure.objects.get(indicator__code="HR11", number=1).commentary
    statuses = hart_statuses()
    compared, disagreements = 0, {}
    for period in (Period.quarter(2014, 1), Period.quarter(2014, 2)):
        for a in assess_indicators(Indicator.objects.all(), period, basis="submitted"):
            if a.figure is None:
                continue  # placeholders and carried-forward values were not imported
            compared += 1
            theirs = statuses[(a.indicator.code, period.label)]
            if a.rag != theirs:
                disagreements[(a.indicator.code, period.label)] = (str(a.rag), theirs)
    assert compared >= 75
    assert disagreements == EXPECTED_DISAGREEMENTS  # 75 of 78 agree


def test_hart_direction_of_travel_and_cumulative_profile(people, org):
    load(org, "hart")
    q1 = Period.quarter(2014, 1)
    by_code = {a.indicator.code: a for a in assess_indicators(Indicator.objects.all(), q1)}
    assert by_code["CS01"].dot_previous == "improving"  # 95.3 -> 95.9, higher is better
    assert by_code["HR02"].dot_previous == "declining"  # 99.3 -> 65.3
    assert by_code["RB07"].dot_previous == "declining"  # 19.85 -> 19.94 days, lower is better
    assert by_code["HS01"].dot_previous == "improving"  # 14 -> 11 days
    assert by_code["SNH03"].dot_previous == "up"  # data only: 283 -> 376
    assert by_code["SNH03"].rag == "data_only"
    # HR11's target is cumulative (1.58 at Q1, 3.15 at Q2): the profile gives each quarter's.
    assert by_code["HR11"].target == Decimal("1.58")
    assert by_code["HR11"].rag == "red"  # 2.6 days lost against 1.58


def test_lgbf_ratio_year_to_date_sums_numerators_and_denominators(people, org):
    load(org, "lgbf", targets=False)
    corp10 = Indicator.objects.get(code="CORP 10")
    history = indicator_history(corp10, periods_of_year("quarterly", 2018))
    values = [a.value for a in history]
    assert values == [Decimal("65.5"), Decimal("89.5"), Decimal("88.7"), Decimal("76.7")]
    year_end = history[-1]
    # 900 / 1125 = 80.0%; the mean of the four percentages would be 80.1%.
    assert year_end.ytd_value == Decimal("80.0")
    assert year_end.rag == "no_target"  # the LGBF publishes no targets
    corp09 = Indicator.objects.get(code="CORP 09")
    q2 = indicator_history(corp09, [Period.quarter(2019, 2)])[0]
    assert q2.value == Decimal("94.7")  # 710 / 750
    assert q2.dot_last_year == "improving"  # against 650 / 725 = 89.7%
    assert Figure.objects.filter(indicator__code__startswith="CORP").count() == 42


def test_trafford_monthly_series_direction(people, org):
    load(org, "trafford", targets=False)
    claimants = Indicator.objects.get(code="TRF 01")
    april_2022 = indicator_history(claimants, [Period.parse("2022-04")])[0]
    assert april_2022.value == Decimal("4660")
    assert april_2022.dot_previous == "improving"  # 4,895 -> 4,660, lower is better
    assert april_2022.dot_last_year == "improving"  # 7,600 a year before
    assert april_2022.ytd_value == Decimal("4660")  # a snapshot: YTD is the latest value
    assert Figure.objects.filter(indicator__code__startswith="TRF").count() == 148
