"""Template helpers of the reports: charts and sparklines from a report's stored series."""

from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from finance.charts import budget_bars_svg
from indicators.charts import (
    axis_title,
    legend_sample_uri,
    line_chart_img,
    line_chart_svg,
    sparkline_img,
    sparkline_svg,
)
from reporting.numbering import FOOTER

register = template.Library()


@register.simple_tag
def report_chart(chart: dict, for_print: bool = False) -> SafeString:
    """Return the line chart (actual vs target) of a chart entry of a report section: inline
    SVG on the page, a lean <img> in print (pi_charts.html writes its legend)."""
    draw = line_chart_img if for_print else line_chart_svg
    return draw(
        title=f"{chart['code']} {chart['title']}",
        labels=chart["labels"],
        actual=chart["actual"],
        target=chart.get("target") or (),
        unit=chart.get("unit_symbol", ""),
        decimal_places=chart.get("places", 0),
        width=chart.get("width", 520),
        height=chart.get("height", 220),
    )


@register.filter
def chart_axis_title(chart: dict) -> str:
    """Return the words of a report chart's x axis, e.g. 'Period; values in %'."""
    return axis_title(chart.get("unit_symbol", ""))


@register.simple_tag
def legend_sample(series: str) -> str:
    """Return the data: URI of the legend's line sample of 'actual' or 'target' (print CSS)."""
    return legend_sample_uri(series)


@register.simple_tag
def report_sparkline(row: dict, for_print: bool = False) -> SafeString:
    """Return the sparkline of a PI row's recent values (an <img> in print), or an empty
    string without any."""
    return _sparkline(tuple(row.get("spark") or ()), row["code"], for_print)


@lru_cache(maxsize=4096)
def _sparkline(values: tuple, code: str, for_print: bool) -> SafeString:
    # Drawn once per PI and series in a process: a report page redraws every PI's line.
    if not any(v is not None for v in values):
        return SafeString("")
    draw = sparkline_img if for_print else sparkline_svg
    return draw(values, label=f"Trend of {code} over the last 13 months")


@register.simple_tag
def pi_table_rows(section: dict, for_print: bool = False) -> SafeString:
    """Return the <tbody> of each group of a pi_table section (sections/pi_table.html).

    Written here rather than as a template loop: a council's report has hundreds of rows of
    a dozen cells, and the template engine's look-ups were most of the page's time.
    """
    parts: list[str] = []
    for group in section["groups"]:
        parts.append("<tbody>")
        if group.get("name"):
            parts.append(
                f'<tr class="group-row"><th scope="rowgroup" colspan="12">'
                f"{_e(group['name'])}</th></tr>"
            )
        parts.extend(_pi_row(row, for_print) for row in group["rows"])
        parts.append("</tbody>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308: every value escaped by _e


def _e(value) -> str:
    return str(conditional_escape(value))


def _pi_row(row: dict, for_print: bool) -> str:
    anchor = f' id="{_e(row["anchor"])}"' if row.get("anchor") else ""
    organisation = f"{_e(row['organisation'])} · " if row.get("organisation") else ""
    revised = row.get("revised")
    mark = ' <span class="revised-mark">(revised)</span>' if revised else ""
    ytd_rag = rag_badge(row["ytd_rag"], "YTD") if row.get("ytd_rag") else "–"
    notes = f"<strong>{_e(revised)}</strong><br>" if revised else ""
    notes += _e(row.get("commentary") or "")
    if row.get("corrective_action"):
        notes += f"<br><strong>Action:</strong> {_e(row['corrective_action'])}"
    return (
        f"<tr{anchor}>"
        f'<th scope="row" class="fw-normal text-nowrap">{_e(row["code"])}</th>'
        f"<td>{_e(row['title'])}<br>"
        f'<span class="small text-body-secondary">{organisation}{_e(row["owner"])} · '
        f"{_e(row['period'])}</span></td>"
        f'<td class="num text-end">{_e(row["value"])}{mark}</td>'
        f'<td class="num text-end">{_e(row["target"])}</td>'
        f"<td>{rag_badge(row['rag'])}</td>"
        f'<td class="num text-end">{_e(row["ytd_value"])}</td>'
        f'<td class="num text-end">{_e(row["ytd_target"])}</td>'
        f"<td>{ytd_rag}</td>"
        f"<td>{direction(row['dot_previous'], 'vs last period')}</td>"
        f"<td>{direction(row['dot_last_year'], 'vs same period last year')}</td>"
        f'<td class="spark">{report_sparkline(row, for_print)}</td>'
        f'<td class="wrap small">{notes}</td>'
        "</tr>"
    )


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None


@lru_cache(maxsize=64)
def _partial(name: str, key: str, value: str, extra: str, extra_value: str) -> SafeString:
    return mark_safe(get_template(name).render({key: value, extra: extra_value}))  # noqa: S308


@register.simple_tag
def rag_badge(rag: str, label_prefix: str = "") -> SafeString:
    """Return partials/rag_badge.html for `rag`, rendered once per value (reports have
    hundreds of rows and only seven possible badges)."""
    return _partial("partials/rag_badge.html", "rag", rag or "", "label_prefix", label_prefix)


@register.simple_tag
def direction(value: str, compared: str = "") -> SafeString:
    """Return partials/direction.html for a direction, rendered once per value."""
    return _partial("partials/direction.html", "direction", value or "", "compared", compared)


@register.simple_tag
def budget_chart(section: dict) -> SafeString:
    """Return the SVG bars (forecast outturn against budget) of a Resources chart section."""
    return budget_bars_svg(section["bars"], title=section["title"])


@register.simple_tag
def footer_text(meta: dict) -> str:
    """Return the running footer's words: council, when generated, version."""
    version = meta.get("version") or "draft preview"
    return f"{meta['council']} · {meta['generated_display']} · Version {version}"


def _css_string(text: str) -> str:
    # Quotes, backslashes, angle brackets (no "</style>") and controls as CSS escapes.
    escaped = "".join(
        f"\\{ord(char):x} " if char in '\\"<>' or ord(char) < 32 else char for char in text
    )
    return f'"{escaped}"'


@register.simple_tag
def part_furniture(meta: dict) -> SafeString:
    """Return the CSS giving a part of a pack (reporting.assembly) its running header and
    footer as the whole pack has them, the cover's strings written in and the page number a
    placeholder (reporting.numbering)."""
    boxes = {
        "top-left": meta["title"],
        "top-right": meta["period_long"],
        "bottom-left": footer_text(meta),
        "bottom-right": FOOTER,
    }
    margin = " ".join(f"@{box} {{ content: {_css_string(text)}; }}" for box, text in boxes.items())
    return mark_safe(f"@page {{ {margin} }}")  # noqa: S308  # nosec B308 B703: escaped above
