"""The Resources section of the quarterly pack and the finance and performance report, read
back from the PDF: its amounts agree with the import."""

import pytest
from django.core.management import call_command

from reporting.choices import ReportType
from reporting.exports import section_table
from reporting.models import CycleItem
from reporting.pdf import render_pdf
from reporting.reports import build_report, json_ready
from tests.reporting.conftest import pdf_text

pytestmark = pytest.mark.django_db


def _section(report: dict, section_id: str) -> dict:
    return next(s for s in report["sections"] if s["id"] == section_id)


@pytest.mark.parametrize("report_type", [ReportType.QUARTERLY_PACK, ReportType.FINANCE_PERFORMANCE])
def test_the_pdf_shows_the_imported_budgets(org, imported, report_type):
    report = json_ready(build_report(report_type, "2026/27 Q3"))
    table = _section(report, "resources")
    assert [r["unit"] for r in table["rows"]] == ["Place", "Housing", "Planning", "Total: Council"]
    text, pages = pdf_text(render_pdf(report)[0])
    flat = " ".join(text.split())
    assert "Resources" in flat and "Forecast outturn against budget" in flat
    # Place: budget 1.2m + 0.5m + 2.0m, forecast 1.5m + 0.5m + 1.9m, as imported.
    assert "Place £3,700,000" in flat
    assert "£3,900,000 £200,000 over 5.4" in flat
    assert "Housing £1,700,000 £1,090,000 £2,000,000 £300,000 over 17.6" in flat
    assert "Planning £2,000,000 £1,100,000 £1,900,000 £100,000 under -5.0" in flat
    assert "as at October 2026" in flat


def test_the_finance_report_lists_the_largest_overspends_first(org, imported):
    report = json_ready(build_report(ReportType.FINANCE_PERFORMANCE, "2026/27 Q3"))
    ids = [s["id"] for s in report["sections"]]
    assert ids[:4] == ["summary", "resources", "resources-chart", "resources-overspends"]
    text, _ = pdf_text(render_pdf(report)[0])
    flat = " ".join(text.split())
    assert "Homelessness £1,200,000 £1,500,000 £300,000 over" in flat
    assert "Bed and breakfast" in flat
    assert report["meta"]["type_label"] == "Quarterly finance and performance report"


def test_the_resources_table_exports_amounts_in_full(org, imported):
    report = json_ready(build_report(ReportType.QUARTERLY_PACK, "2026/27 Q3"))
    header, rows = section_table(_section(report, "resources"))
    assert header[1] == "Current budget (£)"
    assert rows[1][:5] == ["Housing", "1700000.00", "1090000.00", "2000000.00", "300000.00"]


def test_a_scoped_report_shows_only_its_units(org, imported):
    report = json_ready(
        build_report(ReportType.QUARTERLY_PACK, "2026/27 Q3", scope_unit=org.housing)
    )
    assert [r["unit"] for r in _section(report, "resources")["rows"]] == ["Total: Housing"]


def test_without_budgets_the_section_says_so(org):
    report = build_report(ReportType.QUARTERLY_PACK, "2026/27 Q3")
    assert _section(report, "resources")["empty"] == (
        "No revenue budgets have been imported for 2026/27."
    )


def test_the_cycles_fin_perf_item_produces_the_new_report():
    call_command("import_cycle", verbosity=0)
    item = CycleItem.objects.get(name="Quarterly Fin/ perf report")
    assert item.report_type == ReportType.FINANCE_PERFORMANCE
