"""The LSP Board's report: the Community Plan's priorities with partner and council PIs side
by side, produced by the reporting cycle like any other report."""

from datetime import date

import pytest

from core.choices import UnitKind
from core.models import CouncilSettings
from indicators.choices import FigureState, Frequency
from plans.choices import PlanKind
from reporting.models import Pack
from reporting.notifications import generate_due_items
from reporting.reports import build_report
from tests.factories import (
    FigureFactory,
    IndicatorFactory,
    ObjectiveFactory,
    OrgUnitFactory,
    PlanFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(org, people):
    police = OrgUnitFactory(name="Valley Police", code="valley-police", kind=UnitKind.PARTNER)
    community = PlanFactory(kind=PlanKind.COMMUNITY, unit=org.council, year=2026)
    safer = ObjectiveFactory(plan=community, number=1, title="Safer communities")
    council_plan = PlanFactory(kind=PlanKind.COUNCIL, unit=org.council, year=2026)
    homes = ObjectiveFactory(plan=council_plan, number=1, title="Homes", contributes_to=safer)
    crime = IndicatorFactory(code="CSP 01", title="Recorded crime", service=police)
    housing = IndicatorFactory(code="LPI HO 01", title="Homeless households", service=org.housing)
    unlinked = IndicatorFactory(code="LPI PL 01", title="Planning decisions", service=org.planning)
    safer.indicators.add(crime)
    homes.indicators.add(housing)
    for pi, value in ((crime, 95), (housing, 60), (unlinked, 10)):
        pi.frequency = Frequency.MONTHLY
        pi.save()
        TargetFactory(indicator=pi, year=2026, annual_target=100)
        FigureFactory(indicator=pi, year=2026, number=7, value=value, state=FigureState.VERIFIED)
    return police


def test_partner_and_council_pis_sit_side_by_side_under_community_plan_priorities(
    partnership,
):
    report = build_report("lsp_board", "2026-10", today=date(2026, 11, 10))
    summary, table = report["sections"]
    assert summary["rows"][0]["name"] == "1. Safer communities"
    assert summary["total"] == 2
    [group] = table["groups"]
    assert group["name"] == "1. Safer communities"
    council = CouncilSettings.load().council_name
    assert {(r["code"], r["organisation"]) for r in group["rows"]} == {
        ("CSP 01", "Valley Police"),
        ("LPI HO 01", council),
    }
    assert ["organisation", "Organisation"] in table["columns"]


def test_without_a_community_plan_the_report_says_so(org, people):
    report = build_report("lsp_board", "2026-10", today=date(2026, 11, 10))
    assert "no approved Community Plan" in report["sections"][1]["empty"]


def test_the_cycle_produces_it_for_the_lsp_board_meeting(demo_cycle, partnership):
    assert demo_cycle["LSP Board Meeting (with PIs)"].report_type == "lsp_board"
    generate_due_items(today=date(2026, 11, 20))
    pack = Pack.objects.get(report_type="lsp_board")
    assert pack.period_label == "2026-10"
    assert pack.occurrence == date(2026, 11, 1)
