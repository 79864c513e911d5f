"""The quarterly pack draws each PI's full row once, in the appendix: its successes and areas
of concern list the PIs briefly and point to the page of each one's row there, while their
CSV and Excel still give the full rows."""

import io
import re
from datetime import date

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from reporting.exports import find_section, section_table
from reporting.pdf import render_pdf
from reporting.render import prepare_for_render
from reporting.reports import build_report
from tests.reporting.sample import make_pis

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


@pytest.fixture
def pack(org, people):
    pis = make_pis(org, people)
    data = build_report("quarterly_pack", "2026/27 Q2", today=TODAY)
    return data, pis


def test_concerns_are_listed_briefly_with_a_link_to_the_full_row(pack):
    data, pis = pack
    concerns = find_section(data, "concerns")
    assert concerns["kind"] == "pi_refs" and concerns["see"] == "appendix"
    page = render_to_string(
        "reporting/report_body.html", {"report": prepare_for_render(data), "print": False}
    )
    ho1 = pis["LPI HO 01"].pk
    assert page.count(f'href="#pi-{ho1}"') == 1  # concerns; HO 01 is Red, so not a success
    assert page.count(f'id="pi-{ho1}"') == 1  # its appendix row
    concerns_html = page.split('id="concerns"')[1].split("</section>")[0]
    assert "LPI HO 01" in concerns_html and "84.0%" in concerns_html
    assert "Fewer cases prevented" not in concerns_html  # the commentary is in the appendix


def test_the_pdf_says_on_which_page_each_full_row_is(pack):
    data, _ = pack
    reader = PdfReader(io.BytesIO(render_pdf(data)[0]))
    pages = [page.extract_text() for page in reader.pages]
    listing = next(t for t in pages if "Areas of concern" in t and "Appendix, page" in t)
    number = int(re.search(r"LPI HO 01.*?Appendix, page (\d+)", listing, re.S).group(1))
    full_row = pages[number - 1]
    assert "Appendix: all indicators" in full_row and "LPI HO 01" in full_row


def test_the_exports_of_the_brief_lists_still_give_full_rows(pack):
    data, _ = pack
    header, rows = section_table(find_section(data, "concerns"))
    assert "Commentary" in header and "Corrective action" in header
    (ho1,) = [row for row in rows if row[header.index("Code")] == "LPI HO 01"]
    assert ho1[header.index("YTD actual")]
    assert section_table(find_section(data, "successes"))[0] == header


def test_a_pi_serving_two_priorities_has_one_anchor_in_the_appendix(pack, org):
    from tests.factories import ObjectiveFactory, PlanFactory

    _, pis = pack
    council_plan = PlanFactory(kind="council", title="Council Plan 2026-2030")
    for number in (1, 2):
        ObjectiveFactory(plan=council_plan, number=number).indicators.add(pis["LPI HO 01"])
    data = build_report("quarterly_pack", "2026/27 Q2", today=TODAY)
    appendix = find_section(data, "appendix")
    rows = [row for group in appendix["groups"] for row in group["rows"]]
    ho1 = [row for row in rows if row["code"] == "LPI HO 01"]
    assert len(ho1) == 2
    assert [row.get("anchor") for row in ho1] == [f"pi-{pis['LPI HO 01'].pk}", None]
