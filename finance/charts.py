"""A server-rendered SVG bar chart of forecast outturn against budget, by unit.

Readable without colour: each unit has two labelled bars, the budget as a grey outline and
the forecast solid navy, with the amounts written beside them, a legend in words and a
<title>/<desc> carrying every figure for screen readers. The same markup serves pages and
WeasyPrint PDFs. Text is escaped here; the result is safe.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from indicators.charts import ACTUAL_COLOUR, AXIS_COLOUR, FONT, TARGET_COLOUR
from indicators.formatting import format_money


def budget_bars_svg(
    bars: Sequence[dict], *, title: str, width: int = 640, label_width: int = 170
) -> SafeString:
    """Return the chart of `bars` ({label, budget, forecast, variance_text}; amounts as
    Decimals or strings). An empty list draws a note saying there is nothing to show."""
    row_h, bar_h, top, legend_h = 46, 15, 8, 26
    height = top + max(len(bars), 1) * row_h + legend_h
    amounts = [Decimal(str(b[k])) for b in bars for k in ("budget", "forecast")]
    largest = max([abs(a) for a in amounts] + [Decimal(1)])
    plot = width - label_width - 90
    words = [
        f"{b['label']}: budget {format_money(b['budget'])}, forecast {format_money(b['forecast'])}"
        f" ({b['variance_text']})"
        for b in bars
    ]
    desc = "; ".join(words) + "." if words else "No budgets to show."
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gt-budget-bars" role="img" '
        f'aria-label="{escape(title)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {FONT} font-size="12">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"
    ]
    if not bars:
        parts.append(
            f'<text x="{width / 2:.0f}" y="{top + 24}" text-anchor="middle" '
            f'fill="{AXIS_COLOUR}">No budgets to show</text>'
        )
    for index, bar in enumerate(bars):
        y = top + index * row_h
        parts.append(
            f'<text x="0" y="{y + bar_h + 4}" fill="#212529">{escape(bar["label"][:26])}</text>'
        )
        for offset, key, style in (
            (0, "budget", f'fill="#fff" stroke="{TARGET_COLOUR}" stroke-width="1.5"'),
            (bar_h + 3, "forecast", f'fill="{ACTUAL_COLOUR}"'),
        ):
            amount = Decimal(str(bar[key]))
            w = max(float(abs(amount) / largest) * plot, 1.0)
            parts.append(
                f'<rect x="{label_width}" y="{y + offset}" width="{w:.1f}" height="{bar_h}" '
                f"{style}/>"
                f'<text x="{label_width + w + 5:.1f}" y="{y + offset + 12}" fill="#212529">'
                f"{escape(format_money(amount, short=True))}</text>"
            )
    legend_y = height - 8
    parts.append(
        f'<rect x="{label_width}" y="{legend_y - 10}" width="14" height="10" fill="#fff" '
        f'stroke="{TARGET_COLOUR}" stroke-width="1.5"/>'
        f'<text x="{label_width + 19}" y="{legend_y}" fill="#212529">Current budget</text>'
        f'<rect x="{label_width + 130}" y="{legend_y - 10}" width="14" height="10" '
        f'fill="{ACTUAL_COLOUR}"/>'
        f'<text x="{label_width + 149}" y="{legend_y}" fill="#212529">Forecast outturn</text>'
        "</svg>"
    )
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above
