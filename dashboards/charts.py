"""A server-rendered SVG bar of RAG counts, readable without colour.

Each segment carries its status in words and a pattern of its own (Red hatched, Amber dotted,
Green plain), and the <title>/<desc> give the counts for screen readers, so the chart works in
greyscale print and PDFs as well as on screen. Text is escaped here; the result is safe.
"""

from collections.abc import Mapping

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from indicators.choices import RAG_COLOURS, Rag

FONT = 'font-family="Arial, Helvetica, sans-serif"'
OTHER_COLOUR = "#545b62"
SEGMENTS = [
    (Rag.RED, "gt-hatch"),
    (Rag.AMBER, "gt-dots"),
    (Rag.GREEN, ""),
]
NO_RAG = [Rag.MISSING, Rag.DATA_ONLY, Rag.NO_TARGET, Rag.NOT_DUE]


def _patterns(uid: str) -> str:
    # White marks over the fill: the segment's colour shows through, the pattern survives grey.
    return (
        f'<defs><pattern id="{uid}-gt-hatch" width="8" height="8" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="{RAG_COLOURS[Rag.RED]}"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="#fff" stroke-width="2.5" '
        f'stroke-opacity="0.55"/></pattern>'
        f'<pattern id="{uid}-gt-dots" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{RAG_COLOURS[Rag.AMBER]}"/>'
        f'<circle cx="4" cy="4" r="1.6" fill="#fff" fill-opacity="0.6"/></pattern></defs>'
    )


def rag_bar_svg(
    counts: Mapping[str, int], *, title: str, uid: str = "rag", width: int = 640
) -> SafeString:
    """Return an SVG stacked bar of the Red/Amber/Green counts, with a legend in words.

    PIs without a traffic light (missing, data only, no target, not yet due) are counted in
    the description and legend but not drawn. `uid` keeps pattern ids unique on a page.
    """
    rated = {rag: int(counts.get(rag, 0)) for rag, _ in SEGMENTS}
    total_rated = sum(rated.values())
    others = {rag: int(counts.get(rag, 0)) for rag in NO_RAG if counts.get(rag, 0)}
    words = [f"{Rag(rag).label} {n}" for rag, n in rated.items()]
    words += [f"{Rag(rag).label} {n}" for rag, n in others.items()]
    desc = "; ".join(words) + "."
    bar_y, bar_h, legend_y = 8, 36, 66
    height = legend_y + 12
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gt-rag-bar" role="img" '
        f'aria-label="{escape(title)}: {escape(desc)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {FONT} '
        f'font-size="13"><title>{escape(title)}</title><desc>{escape(desc)}</desc>',
        _patterns(uid),
    ]
    if not total_rated:
        parts.append(
            f'<rect x="0" y="{bar_y}" width="{width}" height="{bar_h}" fill="#fff" '
            f'stroke="{OTHER_COLOUR}"/><text x="{width / 2:.0f}" y="{bar_y + 23}" '
            f'text-anchor="middle" fill="{OTHER_COLOUR}">No indicator has a RAG status</text>'
        )
    else:
        x = 0.0
        for rag, pattern in SEGMENTS:
            n = rated[rag]
            if not n:
                continue
            w = width * n / total_rated
            fill = f"url(#{uid}-{pattern})" if pattern else RAG_COLOURS[rag]
            label = f"{Rag(rag).label} {n}"
            parts.append(
                f'<rect x="{x:.1f}" y="{bar_y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{fill}" stroke="#fff" stroke-width="1"><title>{escape(label)}</title>'
                f"</rect>"
            )
            # Label inside when it fits; the legend below always names every segment.
            if w >= 7.5 * len(label) + 8:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{bar_y + 23}" text-anchor="middle" '
                    f'fill="#fff" font-weight="bold" paint-order="stroke" stroke="#000" '
                    f'stroke-width="2.5" stroke-opacity="0.35">{escape(label)}</text>'
                )
            x += w
    legend = ", ".join(words)
    parts.append(
        f'<text x="0" y="{legend_y}" fill="#212529">{escape(legend)} '
        f"({sum(rated.values()) + sum(others.values())} indicators)</text></svg>"
    )
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
