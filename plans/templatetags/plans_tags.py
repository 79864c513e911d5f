"""The roll-up summary of a thread node, rendered in Python: the golden-thread page shows
hundreds of nodes, and a template partial per node costs more than the rest of the page."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


def _bar(counts) -> SafeString:
    """A stacked bar of the RAG counts; decoration only (the text beside it says it all)."""
    if counts.total:
        rects = format_html_join(
            "",
            '<rect class="seg-{}" x="{}" y="0" width="{}" height="10"></rect>',
            ((s.key, f"{s.offset:.2f}", f"{s.percent:.2f}") for s in counts.segments() if s.count),
        )
    else:
        rects = format_html(
            '<rect class="seg-empty" x="0" y="0" width="{}" height="10"></rect>', 100
        )
    return format_html(
        '<svg class="rollup-bar" viewBox="0 0 100 10" preserveAspectRatio="none" width="96" '
        'height="12" aria-hidden="true" focusable="false">{}</svg>',
        rects,
    )


def _rag_text(counts) -> SafeString:
    if not counts.total:
        return format_html('<span class="rollup-text">{}</span>', "No indicators")
    parts = format_html_join(
        ", ",
        '<span class="count-{}">{} {}</span>',
        ((s.key, s.count, s.label) for s in counts.segments()),
    )
    plural = "" if counts.total == 1 else "s"
    return format_html('<span class="rollup-text">{} PI{}: {}</span>', counts.total, plural, parts)


def _action_text(counts, overdue: int) -> SafeString:
    if not counts.total:
        return format_html('<span class="rollup-text rollup-actions">· {}</span>', "no actions")
    parts = ", ".join(f"{s.count} {s.label.lower()}" for s in counts.segments() if s.count)
    plural = "" if counts.total == 1 else "s"
    late = format_html("; <strong>{} overdue</strong>", overdue) if overdue else ""
    return format_html(
        '<span class="rollup-text rollup-actions">· {} action{}: {}{}</span>',
        counts.total,
        plural,
        parts,
        late,
    )


@register.simple_tag
def rollup(node) -> SafeString:
    """Return a node's rolled-up status: bar, RAG counts in words and action counts."""
    return format_html(
        '<span class="rollup">{} {} {}</span>',
        _bar(node.rag_counts),
        _rag_text(node.rag_counts),
        _action_text(node.action_counts, node.overdue_actions),
    )
