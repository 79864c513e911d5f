"""Template helpers of the reports: charts and sparklines from a report's stored series."""

from django import template
from django.utils.safestring import SafeString

from indicators.charts import line_chart_svg, sparkline_svg

register = template.Library()


@register.simple_tag
def report_chart(chart: dict) -> SafeString:
    """Return the SVG line chart (actual vs target) of a chart entry of a report section."""
    return line_chart_svg(
        title=f"{chart['code']} {chart['title']}",
        labels=chart["labels"],
        actual=chart["actual"],
        target=chart.get("target") or (),
        unit=chart.get("unit_symbol", ""),
        decimal_places=chart.get("places", 0),
        width=chart.get("width", 520),
        height=chart.get("height", 220),
    )


@register.simple_tag
def report_sparkline(row: dict) -> SafeString:
    """Return the sparkline of a PI row's recent values, or an empty string without any."""
    values = row.get("spark") or []
    if not any(v is not None for v in values):
        return SafeString("")
    return sparkline_svg(values, label=f"Trend of {row['code']} over the last 13 months")


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None
