"""The golden thread's nodes and their roll-up summaries, rendered in Python: the thread page
shows hundreds of nodes, and a template partial per node costs more than the rest of the
page. Text is escaped with `_e` (what format_html does, without its per-call overhead,
which for the thread's 3,000 fragments cost more than the rest of the page)."""

import html

from django import template
from django.template.defaultfilters import urlencode
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _e(value) -> str:
    """Return `value` escaped for HTML, unless it is already safe (conditional_escape)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _bar(counts) -> str:
    """A stacked bar of the RAG counts; decoration only (the text beside it says it all)."""
    if counts.total:
        rects = "".join(
            f'<rect class="seg-{_e(s.key)}" x="{s.offset:.2f}" y="0" width="{s.percent:.2f}" '
            'height="10"></rect>'
            for s in counts.segments()
            if s.count
        )
    else:
        rects = '<rect class="seg-empty" x="0" y="0" width="100" height="10"></rect>'
    return (
        '<svg class="rollup-bar" viewBox="0 0 100 10" preserveAspectRatio="none" width="96" '
        f'height="12" aria-hidden="true" focusable="false">{rects}</svg>'
    )


def _rag_text(counts) -> str:
    if not counts.total:
        return '<span class="rollup-text">No indicators</span>'
    parts = ", ".join(
        f'<span class="count-{_e(s.key)}">{s.count} {_e(s.label)}</span>' for s in counts.segments()
    )
    plural = "" if counts.total == 1 else "s"
    return f'<span class="rollup-text">{counts.total} PI{plural}: {parts}</span>'


def _action_text(counts, overdue: int) -> str:
    if not counts.total:
        return '<span class="rollup-text rollup-actions">· no actions</span>'
    parts = ", ".join(f"{s.count} {s.label.lower()}" for s in counts.segments() if s.count)
    plural = "" if counts.total == 1 else "s"
    late = f"; <strong>{overdue} overdue</strong>" if overdue else ""
    return (
        f'<span class="rollup-text rollup-actions">· {counts.total} action{plural}: '
        f"{_e(parts)}{late}</span>"
    )


@register.simple_tag
def rollup(node) -> SafeString:
    """Return a node's rolled-up status: bar, RAG counts in words and action counts."""
    return mark_safe(  # noqa: S308  # nosec B308: every value is escaped by _e
        f'<span class="rollup">{_bar(node.rag_counts)} {_rag_text(node.rag_counts)} '
        f"{_action_text(node.action_counts, node.overdue_actions)}</span>"
    )


@register.simple_tag
def not_counted(node) -> SafeString:
    """Return the badge saying a thread node counts in nothing above it
    (plans.rollup.counted_objectives), or nothing when it counts."""
    return mark_safe(_not_counted(node))  # noqa: S308  # nosec B308: escaped by _e


def _not_counted(node) -> str:
    if node.is_counted:
        return ""
    plan = node.plan
    kind = "Personal plan" if plan.kind == "individual" else f"{plan.get_status_display()} plan"
    return f'<span class="badge text-bg-warning">{_e(kind)}: not counted above</span>'


@register.simple_tag
def thread_tree(roots, period, figures_query: str = "") -> SafeString:
    """Return the golden thread beneath `roots` as nested list items: a node with children
    opens (disclosure) to show them, a leaf links to everything beneath it. `period` and
    `figures_query` ('&figures=entered' or '') go on the links.

    Built with a stack, not a template per node, and each node once (a loop in bad data is
    shown once).
    """
    query = f"?period={urlencode(period.label)}{figures_query}"
    # One reverse() for all the nodes: each node's link differs only by its objective's id.
    beneath = reverse("plans:beneath", args=[_ANY_PK]).replace(str(_ANY_PK), "{}") + query
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
        parts.append(_node_open(item, beneath.format(item.objective.pk)))
        if item.children:
            stack.append("</ul></details></li>")
            stack.extend(reversed(item.children))
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308: every value is escaped by _e


_ANY_PK = 987654321


def _node_open(node, beneath: str) -> str:
    """Return a node's markup up to its children (a leaf's whole item)."""
    objective, plan = node.objective, node.objective.plan
    title = f"{_e(objective.number)}. {_e(objective.title)}"
    status = f"{_not_counted(node)} {rollup(node)}"
    if not node.children:
        return (
            f'<li class="thread-node depth-{node.depth}"><div class="thread-leaf">'
            f'<span class="node-plan">{_e(node.plan_label)}</span> '
            f'<a class="node-title" href="{_e(beneath)}">{title}</a> {status}</div></li>'
        )
    is_open = " open" if node.depth == 0 else ""
    return (
        f'<li class="thread-node depth-{node.depth}"><details{is_open}><summary>'
        f'<span class="node-plan">{_e(node.plan_label)}</span> '
        f'<span class="node-title">{title}</span> {status}</summary>'
        f'<p class="node-links small mb-1"><a href="{_e(beneath)}">Everything beneath '
        f"“{_e(objective.title)}”</a> · "
        f'<a href="{_e(plan.get_absolute_url())}">{_e(plan.title)}</a></p>'
        '<ul class="thread-children">'
    )
