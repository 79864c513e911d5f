"""The PDFs draw charts and sparklines as lean <img> with alt text; pages keep inline SVG."""

import html
import re
from datetime import date

import pytest
from django.template.loader import render_to_string

from reporting.pdf import render_pdf, render_print_html
from reporting.render import prepare_for_render
from reporting.reports import build_report
from tests.reporting.conftest import pdf_text
from tests.reporting.sample import make_pis

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


@pytest.fixture
def pack(org, people):
    make_pis(org, people)
    return build_report("quarterly_pack", "2026/27 Q2", today=TODAY)


def _alts(markup: str, css_class: str) -> list[str]:
    return [
        html.unescape(alt)
        for alt in re.findall(
            rf'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]*)" class="{css_class}"',
            markup,
        )
    ]


def test_print_draws_each_chart_as_an_image_whose_alt_gives_its_figures(pack):
    markup = render_print_html(pack)
    # Every trend chart and sparkline is an image: WeasyPrint draws it without the cascade.
    assert 'class="gt-chart"' in markup and "<svg" not in markup
    charts = _alts(markup, "gt-chart")
    assert len(charts) == 4  # one per PI
    ho1 = next(alt for alt in charts if alt.startswith("LPI HO 01"))
    assert "Latest (2026-09): 84.0% against a target of 90.0%" in ho1
    assert "Trend of LPI HO 01 over the last 13 months" in _alts(markup, "gt-sparkline")


def test_print_writes_each_charts_legend_and_axis_title_in_words(pack):
    text, _ = pdf_text(render_pdf(pack)[0])
    assert text.count("Actual") >= 4 and text.count("Target") >= 4
    assert "Period; values in %" in text


def test_the_page_keeps_the_interactive_svg_and_no_data_images(pack):
    page = render_to_string(
        "reporting/report_body.html", {"report": prepare_for_render(pack), "print": False}
    )
    assert "data:image" not in page  # the pages' CSP allows no data: images
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="gt-chart"') == 4
    assert "2026-09 actual: 84.0%" in page  # per-point titles on hover
