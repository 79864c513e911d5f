"""Server-rendered SVG charts: actual vs target over time, and sparklines.

No JavaScript, so the same markup works in pages and in WeasyPrint PDFs. Every chart is
readable without colour: the actual line is solid with filled circles, the target dashed with
hollow squares, there is a legend in words, and a <title>/<desc> with the figures for screen
readers. Every piece of text is escaped here; callers may include the result with |safe
(it is returned as a SafeString).

Print (WeasyPrint) draws the same charts `lean` and as <img> (line_chart_img, sparkline_img):
an inline SVG pays the whole HTML cascade and every SVG character is laid out on its own, so
the PDF's charts carry few labels, no legend and no per-point <title>; the alt text carries
the summary sentence, and the report writes the legend in HTML under the image.
"""

import base64
import math
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from indicators.formatting import grouped, with_suffix

Number = Decimal | float | int | None

ACTUAL_COLOUR = "#1d3557"  # brand navy: 12:1 on white
TARGET_COLOUR = "#545b62"  # grey: 6.9:1 on white
AXIS_COLOUR = "#6c757d"
GRID_COLOUR = "#dee2e6"
FONT = 'font-family="Arial, Helvetica, sans-serif"'


def _to_float(value: Number) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, InvalidOperation):
        return None
    return number if math.isfinite(number) else None


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Return evenly spaced 'round' axis ticks (1, 2, 2.5 or 5 x 10^n) covering low..high."""
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw_step = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    start = math.floor(low / step) * step
    stop = math.ceil(high / step) * step
    ticks = []
    tick = start
    while tick <= stop + step / 1000:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def _tick_places(ticks: list[float]) -> int:
    if len(ticks) < 2:
        return 0
    step = ticks[1] - ticks[0]
    return 0 if step >= 1 else min(4, max(0, -math.floor(math.log10(step))) + 1)


def _segments(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Split a series at gaps (None) into runs of consecutive points."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _polyline(run: list[tuple[float, float]], attrs: str) -> str:
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
    return f'<polyline points="{coords}" fill="none" {attrs}/>'


def line_chart_svg(
    *,
    title: str,
    labels: Sequence[str],
    actual: Sequence[Number],
    target: Sequence[Number] = (),
    unit: str = "",
    decimal_places: int = 0,
    description: str = "",
    width: int = 640,
    height: int = 280,
    lean: bool = False,
) -> SafeString:
    """Return an SVG line chart of actual (solid, circles) vs target (dashed, squares).

    `labels` name the periods; `actual` and `target` hold one value per label, None for a gap.
    `unit` is the display unit ('%', '£', 'days'...). The chart scales to its container
    (viewBox) and keeps `width` x `height` as its natural size. `lean` leaves out the legend,
    the axis title, the accessible name and the per-point titles, and draws at most four
    period labels: for line_chart_img, whose caller gives those in HTML.
    """
    count = len(labels)
    actual_values, target_values = _series(labels, actual, target)
    known = [v for v in actual_values + target_values if v is not None]
    title_text = escape(title)
    if lean:
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" {FONT} font-size="11">'
        ]
    else:
        summary = description or _summary(
            labels, actual_values, target_values, unit, decimal_places
        )
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="gt-chart" role="img" '
            f'aria-label="{title_text}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" {FONT} '
            f'font-size="11">',
            f"<title>{title_text}</title>",
            f"<desc>{escape(summary)}</desc>",
        ]
    if not known or not count:
        parts.append(
            f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" '
            f'fill="{AXIS_COLOUR}">No figures to chart</text>'
        )
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)  # nosec B308 B703

    low, high = min(known), max(known)
    # Start at zero when the data sit well above it, so differences are not exaggerated.
    if low >= 0 and low <= high * 0.5:
        low = 0.0
    ticks = nice_ticks(low, high, count=4 if lean else 5)
    places = max(_tick_places(ticks), 0)
    tick_labels = [with_suffix(grouped(t, places), unit) for t in ticks]
    left = 14 + 6.2 * max(len(text) for text in tick_labels)
    # Lean: the legend above and the axis title below are in the caller's HTML.
    right, top, bottom = (12.0, 10.0, 24.0) if lean else (12.0, 34.0, 46.0)
    plot_w, plot_h = width - left - right, height - top - bottom
    y_min, y_max = ticks[0], ticks[-1]

    def x_at(index: int) -> float:
        return left + (plot_w * (index + 0.5) / count)

    def y_at(value: float) -> float:
        return top + plot_h * (1 - (value - y_min) / (y_max - y_min))

    # Legend, in words and line samples (not colour alone).
    if not lean:
        parts.append(
            f'<g class="legend" transform="translate({left:.1f},14)">'
            f'{_LEGEND_SAMPLES["actual"]}<text x="30" y="4">Actual</text>'
            f'<g transform="translate(90,0)">{_LEGEND_SAMPLES["target"]}</g>'
            f'<text x="120" y="4">Target</text></g>'
        )
    # Y axis: gridlines and labels.
    parts.append('<g class="y-axis">')
    for tick, text in zip(ticks, tick_labels, strict=True):
        y = y_at(tick)
        parts.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{width - right:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID_COLOUR}"/>'
            f'<text x="{left - 6:.1f}" y="{y + 4:.1f}" text-anchor="end">{escape(text)}</text>'
        )
    parts.append("</g>")
    # X axis: as many period labels as fit, always including the last.
    max_label = max(len(str(label)) for label in labels)
    room = plot_w / max(6.2 * max_label + 10, 1)
    room = min(room, 4) if lean else room
    step = max(1, math.ceil(count / max(room, 1)))
    shown = set(range(count - 1, -1, -step))
    parts.append('<g class="x-axis">')
    parts.append(
        f'<line x1="{left:.1f}" y1="{top + plot_h:.1f}" x2="{width - right:.1f}" '
        f'y2="{top + plot_h:.1f}" stroke="{AXIS_COLOUR}"/>'
    )
    for index, label in enumerate(labels):
        if index in shown:
            x = x_at(index)
            parts.append(
                f'<text x="{x:.1f}" y="{top + plot_h + 16:.1f}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    parts.append("</g>")
    if not lean:
        parts.append(
            f'<text class="axis-title" x="{left + plot_w / 2:.1f}" y="{height - 8}" '
            f'text-anchor="middle" fill="{AXIS_COLOUR}">{escape(axis_title(unit))}</text>'
        )
    # Target: dashed line with hollow squares.
    target_points = [
        (x_at(i), y_at(v)) if v is not None else None for i, v in enumerate(target_values)
    ]
    parts.append('<g class="series-target">')
    for run in _segments(target_points):
        if len(run) < 2:  # a lone point is shown by its marker alone
            continue
        parts.append(
            _polyline(run, f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 4"')
        )
    if lean and any(target_points):  # every marker in one path: one element, nothing to hover
        parts.append(
            f'<path d="{_squares(target_points)}" fill="#fff" stroke="{TARGET_COLOUR}" '
            f'stroke-width="1.5"/>'
        )
    for index, point in enumerate([] if lean else target_points):
        if point is not None:
            x, y = point
            value_text = with_suffix(grouped(target_values[index], decimal_places), unit)
            parts.append(
                f'<rect class="target-point" x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" '
                f'height="7" fill="#fff" stroke="{TARGET_COLOUR}" stroke-width="1.5">'
                f"<title>{escape(labels[index])} target: {escape(value_text)}</title></rect>"
            )
    parts.append("</g>")
    # Actual: solid line with filled circles; gaps where a figure is missing.
    actual_points = [
        (x_at(i), y_at(v)) if v is not None else None for i, v in enumerate(actual_values)
    ]
    parts.append('<g class="series-actual">')
    for run in _segments(actual_points):
        if len(run) < 2:
            continue
        parts.append(_polyline(run, f'stroke="{ACTUAL_COLOUR}" stroke-width="2.5"'))
    if lean and any(actual_points):
        parts.append(f'<path d="{_circles(actual_points)}" fill="{ACTUAL_COLOUR}"/>')
    for index, point in enumerate([] if lean else actual_points):
        if point is not None:
            x, y = point
            value_text = with_suffix(grouped(actual_values[index], decimal_places), unit)
            parts.append(
                f'<circle class="actual-point" cx="{x:.1f}" cy="{y:.1f}" r="3.5" '
                f'fill="{ACTUAL_COLOUR}"><title>{escape(labels[index])} actual: '
                f"{escape(value_text)}</title></circle>"
            )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)  # nosec B308 B703


# A series' line and marker as the legend shows them, 24 wide, centred on y=0.
_LEGEND_SAMPLES = {
    "actual": (
        f'<line x1="0" y1="0" x2="24" y2="0" stroke="{ACTUAL_COLOUR}" stroke-width="2.5"/>'
        f'<circle cx="12" cy="0" r="3.5" fill="{ACTUAL_COLOUR}"/>'
    ),
    "target": (
        f'<line x1="0" y1="0" x2="24" y2="0" stroke="{TARGET_COLOUR}" stroke-width="2" '
        f'stroke-dasharray="6 4"/>'
        f'<rect x="9" y="-3.5" width="7" height="7" fill="#fff" stroke="{TARGET_COLOUR}" '
        f'stroke-width="1.5"/>'
    ),
}


def legend_sample_uri(series: str) -> str:
    """Return the legend's line sample of a series ('actual' or 'target') as a data: URI, for a
    legend written in HTML beside lean charts (print CSS draws it as a decorative image)."""
    return _data_uri(
        '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="8" viewBox="0 -4 24 8">'
        f"{_LEGEND_SAMPLES[series]}</svg>"
    )


def axis_title(unit: str) -> str:
    """Return the words under a line chart's x axis, e.g. 'Period; values in %'."""
    return f"Period; values in {unit}" if unit else "Period"


def _series(
    labels: Sequence[str], actual: Sequence[Number], target: Sequence[Number]
) -> tuple[list[float | None], list[float | None]]:
    """Return the actual and target values as floats, one per label (None for a gap)."""
    count = len(labels)
    actual_values = [_to_float(v) for v in list(actual)[:count]] + [None] * (count - len(actual))
    target_values = [_to_float(v) for v in list(target)[:count]] + [None] * max(
        0, count - len(target)
    )
    return actual_values, target_values


def _squares(points: list[tuple[float, float] | None], half: float = 3.5) -> str:
    """Return the path data of a hollow square marker at each point."""
    side = 2 * half
    return "".join(
        f"M{x - half:.1f} {y - half:.1f}h{side}v{side}h-{side}Z" for x, y in filter(None, points)
    )


def _circles(points: list[tuple[float, float] | None], r: float = 3.5) -> str:
    """Return the path data of a filled circle marker at each point (two half arcs each)."""
    return "".join(
        f"M{x - r:.1f} {y:.1f}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 -{2 * r} 0"
        for x, y in filter(None, points)
    )


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def svg_img(svg: str, *, alt: str, css_class: str = "") -> SafeString:
    """Return `svg` as an <img> of a data: URI with `alt` as its text alternative.

    For PDFs only: WeasyPrint draws an SVG image without the HTML cascade, while the pages'
    Content-Security-Policy does not allow data: images (they keep inline SVG).
    """
    css = f' class="{escape(css_class)}"' if css_class else ""
    return mark_safe(f'<img src="{_data_uri(svg)}" alt="{escape(alt)}"{css}>')  # noqa: S308  # nosec B308 B703


def line_chart_img(**chart: Any) -> SafeString:
    """Return the lean line chart as an <img> whose alt is its title and summary sentence
    (what the rich chart's <title> and <desc> say). `chart` holds line_chart_svg's arguments;
    the caller writes the legend."""
    labels = chart["labels"]
    actual, target = _series(labels, chart["actual"], chart.get("target", ()))
    unit, places = chart.get("unit", ""), chart.get("decimal_places", 0)
    summary = _summary(labels, actual, target, unit, places)
    svg = line_chart_svg(**chart, lean=True)
    return svg_img(svg, alt=f"{chart['title']}. {summary}", css_class="gt-chart")


def _summary(
    labels: Sequence[str],
    actual: list[float | None],
    target: list[float | None],
    unit: str,
    places: int,
) -> str:
    """Return a sentence describing the chart's latest figures, for screen readers."""
    shown = [i for i, value in enumerate(actual) if value is not None]
    if not shown:
        return "No actual figures in this range."
    first, last = shown[0], shown[-1]
    text = (
        f"Actual from {labels[first]} to {labels[last]}: "
        f"{len(shown)} of {len(labels)} periods reported. "
        f"Latest ({labels[last]}): {with_suffix(grouped(actual[last], places), unit)}"
    )
    if target[last] is not None:
        text += f" against a target of {with_suffix(grouped(target[last], places), unit)}"
    missing = len(labels) - len(shown)
    if missing:
        text += f". {missing} period(s) without a figure"
    return text + "."


def sparkline_svg(
    values: Sequence[Number], *, label: str = "", width: int = 120, height: int = 28
) -> SafeString:
    """Return a small SVG trend line of `values` (oldest first; None leaves a gap).

    The last reported point is marked with a circle. `label` names it for screen readers;
    without one a summary of the first and last values is used.
    """
    numbers = [_to_float(v) for v in values]
    known = [v for v in numbers if v is not None]
    label = label or _sparkline_label(known)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gt-sparkline" role="img" '
        f'aria-label="{escape(label)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(label)}</title>'
    )
    if not known:
        return mark_safe(  # noqa: S308 (label escaped)  # nosec B308 B703
            head + f'<line x1="2" y1="{height / 2}" x2="{width - 2}" y2="{height / 2}" '
            f'stroke="{GRID_COLOUR}" stroke-dasharray="2 3"/></svg>'
        )
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    pad = 4.0
    count = len(numbers)

    def x_at(index: int) -> float:
        return pad if count == 1 else pad + (width - 2 * pad) * index / (count - 1)

    def y_at(value: float) -> float:
        if high == low:
            return height / 2
        return pad + (height - 2 * pad) * (1 - (value - low) / span)

    points = [(x_at(i), y_at(v)) if v is not None else None for i, v in enumerate(numbers)]
    parts = [head]
    for run in _segments(points):
        if len(run) == 1:
            x, y = run[0]
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.5" fill="{ACTUAL_COLOUR}"/>')
        else:
            parts.append(_polyline(run, f'stroke="{ACTUAL_COLOUR}" stroke-width="1.5"'))
    last_x, last_y = next(p for p in reversed(points) if p is not None)
    parts.append(
        f'<circle class="last-point" cx="{last_x:.1f}" cy="{last_y:.1f}" r="3" '
        f'fill="#fff" stroke="{ACTUAL_COLOUR}" stroke-width="1.5"/></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)  # nosec B308 B703


def _sparkline_label(known: list[float]) -> str:
    """Return a sparkline's default name: its first and last values."""
    if not known:
        return "Trend: no figures"
    first, last = (grouped(v, 2).rstrip("0").rstrip(".") for v in (known[0], known[-1]))
    return f"Trend: {first} to {last}"


def sparkline_img(values: Sequence[Number], *, label: str = "") -> SafeString:
    """Return the sparkline as an <img> (for PDFs), `label` or its summary as the alt text."""
    label = label or _sparkline_label([v for v in map(_to_float, values) if v is not None])
    return svg_img(sparkline_svg(values, label=label), alt=label, css_class="gt-sparkline")


OTHERS_COLOUR = "#6c757d"
MEDIAN_COLOUR = "#8a5a00"  # amber: 5.6:1 on white


def dot_plot_svg(
    *,
    title: str,
    entries: Sequence[tuple[str, Number, bool]],
    median: Number = None,
    unit: str = "",
    decimal_places: int = 0,
    our_label: str = "Us",
    width: int = 480,
    height: int = 170,
) -> SafeString:
    """Return an SVG dot plot of every authority's value on one axis, ours marked.

    `entries` are (authority, value, is_us). Ours is a larger diamond with its value written
    above it ("Us: 91%"), so it is found without colour; equal values stack upwards; the
    median is a dashed line labelled in words. <desc> lists every authority's value.
    """
    points = [(name, _to_float(v), us) for name, v, us in entries if _to_float(v) is not None]
    middle = _to_float(median)
    title_text = escape(title)
    listed = "; ".join(
        f"{'Our figure' if us else name}: {with_suffix(grouped(v, decimal_places), unit)}"
        for name, v, us in points
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gt-chart gt-dot-plot" role="img" '
        f'aria-label="{title_text}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {FONT} font-size="15">',
        f"<title>{title_text}</title>",
        f"<desc>{escape(listed or 'No values to plot.')}</desc>",
    ]
    if not points:
        parts.append(
            f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" '
            f'fill="{AXIS_COLOUR}">No values to plot</text></svg>'
        )
        return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)  # nosec B308 B703
    values = [v for _, v, _ in points]
    ticks = nice_ticks(min(values), max(values))
    places = _tick_places(ticks)
    left, right, axis_y = 28.0, 28.0, height - 44.0
    x_min, x_max = ticks[0], ticks[-1]

    def x_at(value: float) -> float:
        return left + (width - left - right) * (value - x_min) / (x_max - x_min)

    parts.append(
        f'<line x1="{left:.1f}" y1="{axis_y:.1f}" x2="{width - right:.1f}" y2="{axis_y:.1f}" '
        f'stroke="{AXIS_COLOUR}"/>'
    )
    for tick in ticks:
        x = x_at(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{axis_y:.1f}" x2="{x:.1f}" y2="{axis_y + 4:.1f}" '
            f'stroke="{AXIS_COLOUR}"/><text x="{x:.1f}" y="{axis_y + 20:.1f}" '
            f'text-anchor="middle">{escape(with_suffix(grouped(tick, places), unit))}</text>'
        )
    if middle is not None:
        x = x_at(middle)
        median_text = with_suffix(grouped(middle, decimal_places), unit)
        parts.append(
            f'<line class="median" x1="{x:.1f}" y1="26" x2="{x:.1f}" y2="{axis_y:.1f}" '
            f'stroke="{MEDIAN_COLOUR}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<text x="{x:.1f}" y="{height - 4:.1f}" text-anchor="middle" '
            f'fill="{MEDIAN_COLOUR}">Median {escape(median_text)}</text>'
        )
    stacked: dict[int, int] = {}
    ours = None
    for name, value, us in sorted(points, key=lambda p: p[2]):  # ours drawn last, on top
        x = x_at(value)
        column = round(x / 9)
        level = stacked.get(column, 0)
        stacked[column] = level + 1
        y = axis_y - 9 - 10 * min(level, 8)
        text = (
            f"{'Our figure' if us else name}: {with_suffix(grouped(value, decimal_places), unit)}"
        )
        if us:
            ours = (x, y, text, f"{our_label}: {with_suffix(grouped(value, decimal_places), unit)}")
            continue
        parts.append(
            f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{OTHERS_COLOUR}" '
            f'fill-opacity="0.75"><title>{escape(text)}</title></circle>'
        )
    if ours is not None:
        x, y, text, label = ours
        anchor = "start" if x < width * 0.25 else ("end" if x > width * 0.75 else "middle")
        parts.append(
            f'<path class="dot-us" d="M{x:.1f} {y - 7:.1f} L{x + 7:.1f} {y:.1f} L{x:.1f} '
            f'{y + 7:.1f} L{x - 7:.1f} {y:.1f} Z" fill="{ACTUAL_COLOUR}" stroke="#fff" '
            f'stroke-width="1.5"><title>{escape(text)}</title></path>'
            f'<line x1="{x:.1f}" y1="{y - 8:.1f}" x2="{x:.1f}" y2="22" stroke="{ACTUAL_COLOUR}"/>'
            f'<text class="us-label" x="{x:.1f}" y="16" text-anchor="{anchor}" '
            f'font-weight="bold" fill="{ACTUAL_COLOUR}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)  # nosec B308 B703
