"""Template helpers of the PI register: sort links, state labels, filter fields (figures
in their unit: the built-in `figure` filter, indicators/templatetags/formatting.py)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.widgets import QuickSelect
from indicators.choices import PeriodState

register = template.Library()


@register.inclusion_tag("partials/sort_header.html")
def sort_header(label: str, key: str, current: str, query: str) -> dict:
    """Return the context of a sortable column header (a link toggling the order)."""
    ascending = current == key
    descending = current == f"-{key}"
    return {
        "label": label,
        "href": f"?{query}&ordering={'-' + key if ascending else key}"
        if query
        else f"?ordering={'-' + key if ascending else key}",
        "aria_sort": "ascending" if ascending else "descending" if descending else "",
    }


@register.filter
def state_label(state: str | None) -> str:
    """Return the words for a period state value ('overdue' -> 'Overdue')."""
    if not state:
        return "–"
    try:
        return PeriodState(state).label
    except ValueError:
        return str(state)


@register.simple_tag
def quick_field(bound_field) -> SafeString:
    """Return a filter field as a Bootstrap label and select (or text input).

    The register's filter form shows on every list page; QuickSelect renders its options in
    Python rather than through one widget template per option, fast at 100+ services.
    """
    field_id = bound_field.id_for_label
    label = format_html(
        '<label class="form-label" for="{}">{}</label>', field_id, bound_field.label
    )
    value = bound_field.value()
    if hasattr(bound_field.field, "choices"):
        widget = QuickSelect(attrs={"class": "form-select", "id": field_id})
        widget.choices = bound_field.field.choices
        control = widget.render(bound_field.html_name, value)
    else:
        control = format_html(
            '<input class="form-control" type="search" name="{}" id="{}" value="{}">',
            bound_field.html_name,
            field_id,
            value or "",
        )
    return format_html('<div class="mb-3">{}{}</div>', label, control)
