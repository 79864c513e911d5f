"""The main navigation, by role. Each app adds its entries here.

An entry shows when the user passes its test. Every entry's URL name must exist: a renamed
page fails loudly (tests/core/test_navigation.py), it does not quietly leave the menu.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.module_loading import import_string

from core.access import has, partner_may_open


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    allowed: Callable = lambda user: user.is_authenticated
    # Optional dotted path of a function(user) -> int shown as a count beside the label
    # (e.g. figures needing action); a string so that core does not import the apps.
    count: str | None = None
    # Entries sharing a group show as one menu of that name (consecutive in NAV_ITEMS), so
    # that the performance team's long list of entries still fits one line.
    group: str = ""


def _perm(codename: str) -> Callable:
    return lambda user: has(user, codename)


# Month-end work of the performance team: chasing missing figures and closing periods.
MONTH_END = "Month end"
# Administrators' pages: people, the organisation's units.
ADMINISTRATION = "Admin"

# Home is the brand link ("Golden Thread", templates/base.html): no room to say it twice.
NAV_ITEMS: list[NavItem] = [
    NavItem("Dashboard", "dashboards:pmb"),
    NavItem("Golden thread", "plans:thread"),
    NavItem("Plans", "plans:list"),
    NavItem("Indicators", "indicators:list"),
    NavItem(
        "My indicators",
        "indicators:my",
        _perm("enter_figures"),
        "indicators.figures.due.action_count",
    ),
    NavItem(
        "Verify",
        "indicators:verify_queue",
        _perm("verify_figures"),
        "indicators.figures.due.verify_count",
    ),
    NavItem("Chase figures", "indicators:chase", _perm("close_periods"), group=MONTH_END),
    NavItem("Periods", "indicators:periods", _perm("close_periods"), group=MONTH_END),
    NavItem("Actions", "actions:plan_list"),
    NavItem("Risks", "actions:register_list"),
    NavItem("Finance", "finance:overview", _perm("view_finance")),
    NavItem("Reports", "reporting:pack_list"),
    NavItem("Calendar", "reporting:calendar"),
    NavItem("People", "people:list", _perm("manage_users"), group=ADMINISTRATION),
    NavItem("Units", "people:units", _perm("manage_users"), group=ADMINISTRATION),
]


def nav_for(user) -> list[dict[str, str]]:
    """Return [{'label', 'url', 'name', 'group'}] (plus 'count' where an entry has one) for
    the entries this user may use; 'group' is '' for an entry of its own."""
    items = []
    for item in NAV_ITEMS:
        if not (item.allowed(user) and partner_may_open(user, item.url_name)):
            continue
        url = reverse(item.url_name)
        entry = {"label": item.label, "url": url, "name": item.url_name, "group": item.group}
        if item.count:
            entry["count"] = import_string(item.count)(user)
        items.append(entry)
    return items
