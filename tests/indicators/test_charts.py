"""The SVG charts: valid XML, a point per reported value, gaps, labels, escaping; and the
lean <img> charts of the PDFs."""

import base64
import html
import xml.etree.ElementTree as ET
from decimal import Decimal

from indicators.charts import (
    legend_sample_uri,
    line_chart_img,
    line_chart_svg,
    nice_ticks,
    sparkline_img,
    sparkline_svg,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 (our own output)


def texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG}text")]


def chart(**kwargs) -> ET.Element:
    defaults = {
        "title": "NI 191 Residual household waste",
        "labels": ["2026-04", "2026-05", "2026-06", "2026-07"],
        "actual": [Decimal("10"), None, Decimal("12.5"), Decimal("11")],
        "target": [Decimal("11")] * 4,
        "unit": "%",
        "decimal_places": 1,
    }
    return parse(line_chart_svg(**(defaults | kwargs)))


def test_line_chart_has_accessible_name_title_and_description():
    root = chart()
    assert root.get("role") == "img"
    assert root.get("aria-label") == "NI 191 Residual household waste"
    assert root.find(f"{SVG}title").text == "NI 191 Residual household waste"
    desc = root.find(f"{SVG}desc").text
    assert "Latest (2026-07): 11.0%" in desc
    assert "target of 11.0%" in desc
    assert "1 period(s) without a figure" in desc


def test_line_chart_marks_each_reported_actual_and_target_value():
    root = chart()
    actual_points = root.findall(f".//{SVG}circle[@class='actual-point']")
    target_points = root.findall(f".//{SVG}rect[@class='target-point']")
    assert [p.find(f"{SVG}title").text for p in actual_points] == [
        "2026-04 actual: 10.0%",
        "2026-06 actual: 12.5%",
        "2026-07 actual: 11.0%",
    ]
    assert len(target_points) == 4


def test_missing_actual_leaves_a_gap_in_the_line():
    root = chart()
    actual_group = root.find(f".//{SVG}g[@class='series-actual']")
    lines = actual_group.findall(f"{SVG}polyline")
    # 2026-04 stands alone; 2026-06..07 is one run.
    assert len(lines) == 1
    assert len(lines[0].get("points").split()) == 2


def test_target_is_dashed_and_actual_solid_so_greyscale_tells_them_apart():
    root = chart()
    target_line = root.find(f".//{SVG}g[@class='series-target']/{SVG}polyline")
    actual_line = root.find(f".//{SVG}g[@class='series-actual']/{SVG}polyline")
    assert target_line.get("stroke-dasharray")
    assert actual_line.get("stroke-dasharray") is None
    assert {"Actual", "Target"} <= set(texts(root))


def test_axis_labels_carry_units_and_periods():
    root = chart()
    all_text = texts(root)
    assert "2026-04" in all_text and "2026-07" in all_text
    assert any(t.endswith("%") for t in all_text)
    assert "Period; values in %" in all_text


def test_many_periods_thin_labels_but_keep_the_last():
    labels = [f"2024-{m:02d}" for m in range(1, 13)] * 3
    labels = [f"P{i:02d}-{label}" for i, label in enumerate(labels)]
    root = chart(labels=labels, actual=list(range(36)), target=[20] * 36)
    shown = [t for t in texts(root) if t.startswith("P")]
    assert 2 < len(shown) < 36
    assert labels[-1] in shown


def test_titles_and_labels_are_escaped():
    svg = line_chart_svg(
        title='<script>alert("x")</script> & co',
        labels=["<b>", "a&b"],
        actual=[1, 2],
        unit="<u>",
    )
    assert "<script>" not in svg
    root = parse(svg)  # still well-formed XML
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script> & co'
    assert "<b>" in texts(root)


def test_chart_without_figures_says_so():
    root = chart(actual=[None] * 4, target=[None] * 4)
    assert "No figures to chart" in texts(root)
    assert root.find(f"{SVG}desc").text == "No actual figures in this range."


def test_negative_values_get_an_axis_below_zero():
    root = chart(actual=[-5, -2, 3, 4], target=[], unit="")
    tick_texts = [el.text for el in root.findall(f".//{SVG}g[@class='y-axis']/{SVG}text")]
    assert tick_texts[0].startswith("-")


def test_nice_ticks_cover_the_range_with_round_steps():
    assert nice_ticks(0, 95) == [0, 25, 50, 75, 100]
    ticks = nice_ticks(3.2, 3.9)
    assert ticks[0] <= 3.2 and ticks[-1] >= 3.9
    assert nice_ticks(5, 5)[0] < 5 < nice_ticks(5, 5)[-1]


def test_sparkline_has_gaps_and_marks_the_last_point():
    values = [1, 2, None, 4, 5, 6, 7, 8, 9, 10, None, 12, 13]
    root = parse(sparkline_svg(values, label="NI 191 last 13 months"))
    assert root.get("aria-label") == "NI 191 last 13 months"
    assert root.get("role") == "img"
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 3  # 1-2, 4-10, 12-13
    last = root.find(f"{SVG}circle[@class='last-point']")
    assert float(last.get("cx")) == float(root.get("width")) - 4


def test_sparkline_last_point_is_the_last_reported_value_when_the_latest_is_missing():
    root = parse(sparkline_svg([1, 2, 3, None]))
    last = root.find(f"{SVG}circle[@class='last-point']")
    assert float(last.get("cx")) < float(root.get("width")) - 10
    assert root.get("aria-label") == "Trend: 1 to 3"


def test_sparkline_with_no_values_is_still_an_image():
    root = parse(sparkline_svg([None] * 13))
    assert root.get("aria-label") == "Trend: no figures"
    assert root.find(f"{SVG}polyline") is None


def test_sparkline_escapes_its_label():
    svg = sparkline_svg([1, 2], label='"><script>')
    assert "<script>" not in svg
    assert parse(svg).get("aria-label") == '"><script>'


def lean_chart(**kwargs) -> ET.Element:
    defaults = {
        "title": "NI 191 Residual household waste",
        "labels": [f"2025-{m:02d}" for m in range(1, 13)] + ["2026-01"],
        "actual": [Decimal(10 + m) for m in range(13)],
        "target": [Decimal("15")] * 13,
        "unit": "%",
        "decimal_places": 1,
        "lean": True,
    }
    return parse(line_chart_svg(**(defaults | kwargs)))


def test_lean_chart_leaves_legend_axis_title_and_point_titles_to_the_caller():
    root = lean_chart()
    all_text = texts(root)
    assert not {"Actual", "Target", "Period; values in %"} & set(all_text)
    assert root.find(f".//{SVG}title") is None and root.find(f".//{SVG}desc") is None
    assert root.find(f".//{SVG}circle") is None  # markers are one path per series


def test_lean_chart_keeps_the_lines_markers_and_a_few_labels():
    root = lean_chart()
    target_line = root.find(f".//{SVG}g[@class='series-target']/{SVG}polyline")
    assert target_line.get("stroke-dasharray")  # dashed target, solid actual, as before
    markers = root.findall(f".//{SVG}path")
    assert len(markers) == 2
    assert markers[0].get("d").count("Z") == 13  # a hollow square per target value
    assert markers[1].get("d").count("a") == 26  # a circle (two arcs) per actual value
    periods = texts(root.find(f".//{SVG}g[@class='x-axis']"))
    assert 2 <= len(periods) <= 4 and "2026-01" in periods
    assert any(t.endswith("%") for t in texts(root))  # the y axis still says the unit


def _decoded(img: str) -> str:
    uri = img.split('src="', 1)[1].split('"', 1)[0]
    assert uri.startswith("data:image/svg+xml;base64,")
    return base64.b64decode(uri.split(",", 1)[1]).decode()


def test_chart_image_says_in_its_alt_what_the_rich_chart_describes():
    kwargs = {
        "title": "NI 191 <Residual> waste",
        "labels": ["2026-04", "2026-05"],
        "actual": [Decimal("10"), Decimal("11")],
        "target": [Decimal("11")] * 2,
        "unit": "%",
        "decimal_places": 1,
    }
    img = str(line_chart_img(**kwargs))
    desc = parse(line_chart_svg(**kwargs)).find(f"{SVG}desc").text
    alt = html.unescape(img.split('alt="', 1)[1].split('"', 1)[0])
    assert alt == f"NI 191 <Residual> waste. {desc}"
    assert "<Residual>" not in img  # escaped in the attribute and inside the image
    assert len(parse(_decoded(img)).findall(f".//{SVG}path")) == 2


def test_sparkline_image_names_its_trend_in_the_alt():
    img = str(sparkline_img([1, 2, None, 4]))
    assert 'alt="Trend: 1 to 4"' in img
    assert parse(_decoded(img)).find(f"{SVG}polyline") is not None
    assert 'alt="PI &quot;x&quot;"' in str(sparkline_img([1, 2], label='PI "x"'))


def test_legend_samples_draw_the_series_lines_as_the_rich_legend_does():
    actual, target = (legend_sample_uri(series) for series in ("actual", "target"))
    assert actual != target
    decoded = parse(_decoded(f'src="{target}"'))
    assert decoded.find(f".//{SVG}line").get("stroke-dasharray")
    assert decoded.find(f".//{SVG}rect") is not None  # the hollow square
