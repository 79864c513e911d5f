"""The demo council's partnership: two partner organisations, their PIs with figures, shared
council PIs, a partner contributor login, and the LSP Board report over them."""

from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from core.choices import UnitKind
from core.models import OrgUnit
from indicators.models import Figure, Indicator
from reporting.reports import build_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    call_command("seed_demo")
    client = Client()
    assert client.login(username="partner", password=settings.DEMO_PASSWORD)
    return client


def test_two_partner_organisations_sit_beside_the_council(demo):
    partners = OrgUnit.objects.filter(kind=UnitKind.PARTNER)
    assert sorted(partners.values_list("name", flat=True)) == [
        "Valley Health Trust",
        "Valley Police",
    ]
    assert all(unit.parent_id is None for unit in partners)


def test_partner_pis_have_figures_and_council_pis_are_shared(demo):
    for code in ("CSP 01", "HWB 01"):
        assert Figure.objects.filter(indicator__code=code).count() > 12
    assert Indicator.objects.get(code="SNH03").partners.count() == 2


def test_the_partner_login_sees_only_the_polices_pis_and_shared_ones(demo):
    page = demo.get(reverse("indicators:list")).content.decode()
    assert "CSP 01" in page and "LPI CS 04" in page and "SNH03" in page
    assert "HWB 01" not in page  # the health trust's own
    assert "NI 156" not in page  # a council housing PI
    assert demo.get(reverse("actions:plan_list")).status_code == 403


def test_the_lsp_board_report_puts_partner_and_council_pis_side_by_side(demo):
    report = build_report("lsp_board", "2026-10", today=date(2026, 11, 20))
    rows = [row for group in report["sections"][1]["groups"] for row in group["rows"]]
    organisations = {row["organisation"] for row in rows}
    assert {"Valley Police", "Valley Health Trust"} <= organisations
    assert any(row["code"] == "LPI CS 04" for row in rows)  # a council PI beside them


def test_partnership_pis_roll_up_under_the_community_plan_on_the_dashboard(demo, settings):
    staff = Client()
    assert staff.login(username="perf", password=settings.DEMO_PASSWORD)
    page = staff.get(reverse("dashboards:pmb") + "?period=2026-10").content.decode()
    community = page[page.index("By Community Plan priority") :]
    community = community[: community.index("By Council Plan priority")]
    assert "Safer, Healthier Communities" in community


def test_partnership_pis_roll_up_under_the_community_plan_on_the_thread(demo):
    page = demo.get(reverse("plans:thread") + "?period=2026-10").content.decode()
    assert "Safer, Healthier Communities" in page
    assert "Regenerate the town centre" not in page  # a Council Plan objective
