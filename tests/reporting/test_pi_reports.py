from datetime import date

import pytest

from reporting.pdf import render_pdf
from reporting.reports import build_report
from tests.reporting.conftest import pdf_text
from tests.reporting.sample import make_pis

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


@pytest.fixture
def pis(org, people):
    return make_pis(org, people)


def _rows(data, section_id):
    section = next(s for s in data["sections"] if s["id"] == section_id)
    return {row["code"]: row for group in section["groups"] for row in group["rows"]}


def test_monthly_pi_report_content(pis):
    data = build_report("pi_monthly", "2026-10", today=TODAY)
    summary = data["sections"][0]
    assert summary["counts"] == {"red": 1, "amber": 0, "green": 2, "none": 1}
    exceptions = _rows(data, "exceptions")
    assert list(exceptions) == ["LPI HO 01"]
    rows = _rows(data, "all-indicators")
    ho1 = rows["LPI HO 01"]
    assert (ho1["value"], ho1["target"], ho1["rag"]) == ("80.0%", "90.0%", "red")
    assert ho1["dot_previous"] == "declining"
    assert ho1["commentary"] == "Fewer cases prevented as demand rose."
    assert ho1["corrective_action"] == "Extra prevention officers from December."
    assert ho1["directorate"] == "Place"
    assert len(ho1["spark"]) == 13
    assert rows["LPI HO 02"]["rag"] == "green"
    assert rows["LPI PL 01"]["ytd_value"] == "70"
    assert rows["LPI PL 02"]["rag"] == "data_only"


@pytest.mark.pdf
def test_monthly_pi_report_pdf_reads_well(pis):
    pdf, pages = render_pdf(build_report("pi_monthly", "2026-10", today=TODAY))
    text, counted = pdf_text(pdf)
    assert pages == counted
    assert 4 <= pages <= 8
    for title in (
        "Contents",
        "Summary",
        "Exceptions: indicators off target (Red)",
        "All indicators by directorate",
    ):
        assert title in text
    assert "LPI HO 01" in text and "80.0%" in text and "90.0%" in text
    assert "✗ Red" in text or "Red" in text
    assert "Declining" in text
    assert f"Page 2 of {pages}" in text
    assert "Monthly traffic-lighted PI report" in text
    assert "October 2026" in text


@pytest.mark.pdf
@pytest.mark.parametrize(
    ("report_type", "period", "titles"),
    [
        (
            "quarterly_pack",
            "2026/27 Q2",
            [
                "Executive summary",
                "Successes",
                "Areas of concern",
                "Place",
                "Key action progress",
                "Top 10 risks",
                "Risk heat map",
                "Improvement Plan progress",
                "Appendix: all indicators",
            ],
        ),
        ("annual_outturn", "2025/26", ["Summary of the year", "Year-end outturn against target"]),
        ("exception", "2026-10", ["Indicators off target (Red)", "Actions overdue or off track"]),
        ("directorate_monthly", "2026-10", ["Summary", "Action plan progress", "Top 5 risks"]),
        ("action_plan", "2026-10", ["Action plan progress"]),
        ("risk_register", "2026/27 Q2", ["Risk register", "Risk heat map"]),
    ],
)
def test_every_report_type_renders_with_its_sections(pis, org, report_type, period, titles):
    scope = org.place if report_type == "directorate_monthly" else None
    data = build_report(report_type, period, scope_unit=scope, today=TODAY)
    assert [s["title"] for s in data["sections"] if s["title"] in titles] == titles
    pdf, pages = render_pdf(data)
    text, _ = pdf_text(pdf)
    for title in titles:
        assert title in text
    assert pages >= 3


def test_sections_without_data_say_so(pis):
    data = build_report("quarterly_pack", "2026/27 Q2", today=TODAY)
    empty = {s["id"]: s["empty"] for s in data["sections"] if s["empty"]}
    assert empty["key-actions"] == "There are no high-priority actions in this report's scope."
    assert empty["risks"] == "There are no open risks in this report's scope."


@pytest.mark.pdf
def test_indicators_are_grouped_by_council_plan_priority_when_linked(pis, org):
    from tests.factories import ObjectiveFactory, PlanFactory

    council_plan = PlanFactory(kind="council", title="Council Plan 2026-2030")
    homes = ObjectiveFactory(plan=council_plan, number=2, title="Homes for everyone")
    housing_plan = PlanFactory(kind="service", unit=org.housing, parent=council_plan)
    prevent = ObjectiveFactory(plan=housing_plan, number=1, contributes_to=homes)
    prevent.indicators.add(pis["LPI HO 01"])  # via the service plan, up the golden thread
    homes.indicators.add(pis["LPI PL 01"])  # directly

    data = build_report("quarterly_pack", "2026/27 Q2", today=TODAY)
    summary = data["sections"][0]
    assert summary["group_label"] == "Priority"
    assert {g["name"]: g["total"] for g in summary["by_group"]} == {
        "2. Homes for everyone": 2,
        "Not linked to a Council Plan priority": 2,
    }
    titles = [s["title"] for s in data["sections"]]
    assert "2. Homes for everyone" in titles
    text, _ = pdf_text(render_pdf(data)[0])
    assert "RAG by priority" in text
    assert "2. Homes for everyone" in text


def test_sparkline_values_agree_with_the_engines_history(pis, org, people):
    from indicators.models import Figure
    from indicators.periods import Period
    from reporting.pi_reports import history, spark_values

    # A ratio PI and an unsubmitted draft: both must agree with the engine.
    ratio = pis["LPI PL 02"]
    ratio.aggregation, ratio.multiplier = "ratio", 100
    ratio.save()
    Figure.objects.filter(indicator=ratio, year=2026, number=7).update(
        value=None, numerator=3, denominator=12
    )
    Figure.objects.filter(indicator=pis["LPI HO 02"], year=2026, number=6).update(state="draft")
    indicators = list(pis.values())
    period = Period.parse("2026-10")
    engine = {
        pk: [(label, value) for label, value, _ in points]
        for pk, points in history(indicators, period, TODAY).items()
    }
    fast = {
        pk: [(label, value) for label, value, _ in points]
        for pk, points in spark_values(indicators, period).items()
    }
    assert fast == engine
    assert fast[ratio.pk][-1] == ("2026-10", engine[ratio.pk][-1][1])
    assert fast[pis["LPI HO 02"].pk][-2] == ("2026-09", None)
