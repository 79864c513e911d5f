"""The quarterly pack's and the annual outturn's "Benchmarking" section, bottom quartile first,
read back from the PDF with pdftotext."""

import subprocess
from datetime import date

import pytest

from indicators.models import ComparatorValue
from reporting.pdf import render_pdf
from reporting.reports import build_report
from tests.reporting.sample import make_pis

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


@pytest.fixture
def pis(org, people):
    pis = make_pis(org, people)
    # September 2026 (the pack's last month): HO 01 is 84% (higher is better), HO 02 19 days
    # (lower is better).
    for code, values in {"LPI HO 01": (95, 90, 70), "LPI HO 02": (10, 12, 15)}.items():
        for n, value in enumerate(values):
            ComparatorValue.objects.create(
                indicator=pis[code], year=2026, number=6, authority=f"Council {n}", value=value
            )
    # The year end (March 2026) for the annual outturn: HO 01 was 85% among 80 and 90.
    for n, value in enumerate((80, 90)):
        ComparatorValue.objects.create(
            indicator=pis["LPI HO 01"], year=2025, number=12, authority=f"Council {n}", value=value
        )
    return pis


def pdftotext(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_quarterly_pack_ranks_bottom_quartile_first(pis):
    data = build_report("quarterly_pack", "2026/27 Q2", today=TODAY)
    section = next(s for s in data["sections"] if s["id"] == "benchmarking")
    rows = [(r["code"], r["bench_rank"], r["bench_quartile_label"]) for r in section["rows"]]
    assert rows == [
        ("LPI HO 02", "4 of 4", "Bottom quartile"),
        ("LPI HO 01", "3 of 4", "Quartile 3"),
    ]
    text = pdftotext(render_pdf(data)[0])
    # The section itself (the contents list names it first), up to the appendix after it.
    part = text[: text.rindex("Appendix: all indicators")]
    part = part[part.rindex("Benchmarking") :]
    assert "Bottom quartile" in part and "Quartile 3" in part
    assert part.index("LPI HO 02") < part.index("LPI HO 01")
    ho02 = next(line for line in part.splitlines() if "LPI HO 02" in line)
    assert "4 of 4" in ho02 and "Bottom quartile" in ho02


def test_annual_outturn_has_the_section_too(pis):
    data = build_report("annual_outturn", "2025/26", today=TODAY)
    section = data["sections"][-1]
    assert section["title"] == "Benchmarking"
    # March 2026: HO 01's 87% (7th value + 1 in the sample) against 80 and 90.
    assert [(r["code"], r["bench_rank"]) for r in section["rows"]] == [("LPI HO 01", "2 of 3")]
    assert "Benchmarking" in pdftotext(render_pdf(data)[0])


def test_without_comparator_data_the_section_says_so(org, people):
    make_pis(org, people)
    data = build_report("quarterly_pack", "2026/27 Q2", today=TODAY)
    section = next(s for s in data["sections"] if s["id"] == "benchmarking")
    assert section["empty"] == "No indicator in this report has comparator data."
