"""Template helpers of the reports: charts and sparklines from a report's stored series."""

from functools import lru_cache

from django import template
from django.template.loader import get_template
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
    values = row.get("spark") or []
    if not any(v is not None for v in values):
        return SafeString("")
    draw = sparkline_img if for_print else sparkline_svg
    return draw(values, label=f"Trend of {row['code']} over the last 13 months")


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
