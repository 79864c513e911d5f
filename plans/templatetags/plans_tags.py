"""The golden thread's nodes and their roll-up summaries, rendered in Python: the thread page
shows hundreds of nodes, and a template partial per node costs more than the rest of the
page."""

from django import template
from django.template.defaultfilters import urlencode
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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


@register.simple_tag
def not_counted(node) -> SafeString:
    """Return the badge saying a thread node counts in nothing above it
    (plans.rollup.counted_objectives), or nothing when it counts."""
    if node.is_counted:
        return mark_safe("")  # noqa: S308  # nosec B308: empty
    plan = node.plan
    kind = "Personal plan" if plan.kind == "individual" else f"{plan.get_status_display()} plan"
    return format_html('<span class="badge text-bg-warning">{}: not counted above</span>', kind)


@register.simple_tag
def thread_tree(roots, period, figures_query: str = "") -> SafeString:
    """Return the golden thread beneath `roots` as nested list items: a node with children
    opens (disclosure) to show them, a leaf links to everything beneath it. `period` and
    `figures_query` ('&figures=entered' or '') go on the links.

    Built with a stack, not a template per node, and each node once (a loop in bad data is
    shown once).
    """
    query = f"?period={urlencode(period.label)}{figures_query}"
    parts: list[str] = []
    seen: set[int] = set()
    # Items: a node to open, or the markup closing a node whose children come before it.
    stack: list = list(reversed(roots))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if id(item) in seen:
            continue
        seen.add(id(item))
        parts.append(_node_open(item, query))
        if item.children:
            stack.append("</ul></details></li>")
            stack.extend(reversed(item.children))
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308: every part is format_html


def _node_open(node, query: str) -> SafeString:
    """Return a node's markup up to its children (a leaf's whole item)."""
    objective, plan = node.objective, node.objective.plan
    beneath = reverse("plans:beneath", args=[objective.pk]) + query
    if not node.children:
        return format_html(
            '<li class="thread-node depth-{}"><div class="thread-leaf">'
            '<span class="node-plan">{}</span> '
            '<a class="node-title" href="{}">{}. {}</a> {} {}</div></li>',
            node.depth,
            node.plan_label,
            beneath,
            objective.number,
            objective.title,
            not_counted(node),
            rollup(node),
        )
    return format_html(
        '<li class="thread-node depth-{}"><details{}><summary>'
        '<span class="node-plan">{}</span> <span class="node-title">{}. {}</span> {} {}'
        '</summary><p class="node-links small mb-1"><a href="{}">Everything beneath “{}”</a>'
        ' · <a href="{}">{}</a></p><ul class="thread-children">',
        node.depth,
        mark_safe(" open") if node.depth == 0 else "",  # noqa: S308  # nosec B308: constant
        node.plan_label,
        objective.number,
        objective.title,
        not_counted(node),
        rollup(node),
        beneath,
        objective.title,
        plan.get_absolute_url(),
        plan.title,
    )
