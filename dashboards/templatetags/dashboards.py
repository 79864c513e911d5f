"""Template helpers for dashboards: drill-down links and signed changes in words."""

from decimal import InvalidOperation
from urllib.parse import urlencode

from django import template
from django.http import QueryDict
from django.urls import reverse

from indicators.choices import PeriodState
from indicators.formatting import format_figure

register = template.Library()


@register.simple_tag(takes_context=True)
def drill_url(context, group=None, url_name: str = "dashboards:indicators", **changes) -> str:
    """Return the URL of the list behind a count: the page's filters with `changes` applied.

    `group` (a summary Group) adds its own filter (a priority or a unit); a change of None or
    '' removes that filter. The page number and export format never carry over.
    """
    # A dashboard has a few hundred counts: read the page's filters and reverse once per page.
    cache = context.render_context.setdefault("drill_url", {})
    if "base" not in cache:
        params: QueryDict = context.get("drill_params") or QueryDict()
        cache["base"] = {
            key: value
            for key, value in params.items()
            if key not in ("page", "format") and value != ""
        }
    if url_name not in cache:
        cache[url_name] = reverse(url_name)
    params = dict(cache["base"])
    if group is not None:
        changes[group.param] = group.value
    for name, value in changes.items():
        if value in (None, ""):
            params.pop(name, None)
        else:
            params[name] = str(value)
    query = urlencode(params)
    return cache[url_name] + (f"?{query}" if query else "")


@register.filter
def signed(number: int) -> str:
    """Return a change as text: '+2', '−1' (a real minus sign) or 'no change'."""
    if not number:
        return "no change"
    return f"+{number}" if number > 0 else f"\u2212{abs(number)}"


@register.simple_tag
def figure(value, indicator) -> str:
    """Return a value as the indicator shows it: its decimal places and unit ('–' for none)."""
    try:
        return format_figure(value, indicator)
    except InvalidOperation:  # not a number (a cached text): shown as it is
        return str(value)


@register.filter
def state_label(state: str) -> str:
    """Return a period state in words ('Overdue', 'Not yet due'...)."""
    try:
        return PeriodState(state).label
    except ValueError:
        return str(state)
