"""Who may see and do what: role permissions plus scope (own PIs, own service).

Views and services ask these helpers rather than checking groups themselves, so that the
rules of the roles table (docs/roles.md) live in one place.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied

from core.choices import UnitKind
from core.models import OrgUnit
from core.roles import Role

PERM_PREFIX = "core."


def has(user: User | AnonymousUser, codename: str) -> bool:
    """Return whether the user holds the domain permission `codename` (e.g. 'verify_figures')."""
    return user.is_authenticated and user.has_perm(PERM_PREFIX + codename)


def require(user: User | AnonymousUser, codename: str) -> None:
    """Raise PermissionDenied unless the user holds the domain permission."""
    if not has(user, codename):
        raise PermissionDenied


def role_names(user: User | AnonymousUser) -> set[str]:
    """Return the names of the user's roles (groups); superusers count as Administrator."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached.add(Role.ADMIN)
        user._role_names = cached
    return cached


def user_unit(user: User | AnonymousUser) -> OrgUnit | None:
    """Return the unit the user belongs to, or None when they have none (or are anonymous)."""
    if not user.is_authenticated:
        return None
    profile = getattr(user, "profile", None)
    return profile.unit if profile else None


def service_scope_unit(user: User | AnonymousUser) -> OrgUnit | None:
    """Return the unit whose subtree a manager manages: their service (or directorate).

    A manager placed in a team manages the service above it. Returns None when the user has
    no unit.
    """
    unit = user_unit(user)
    if unit is None:
        return None
    if unit.kind == "team" and unit.parent_id:
        return unit.parent
    return unit


def scoped_unit_ids(user: User | AnonymousUser) -> list[int] | None:
    """Return ids of units whose drafts the user may see, or None meaning 'every unit'.

    Performance team, audit and administrators see everything; managers their service's
    subtree; a partner contributor their partner organisation; everyone else an empty list
    (they see their own PIs only).
    """
    partner_units = partner_unit_ids(user)
    if partner_units is not None:
        return partner_units
    if has(user, "view_all_drafts"):
        return None
    if has(user, "view_service_drafts"):
        scope = service_scope_unit(user)
        if scope is None:
            return []
        return list(scope.subtree().values_list("pk", flat=True))
    return []


def partner_unit_ids(user: User | AnonymousUser) -> list[int] | None:
    """Return [the partner organisation] a partner contributor works for, or None for staff.

    None means the person is not a partner contributor (no partner narrowing applies); an
    empty list, a partner contributor placed outside any partner unit (they see nothing).
    """
    if Role.PARTNER not in role_names(user) or user.is_superuser:
        return None
    unit = user_unit(user)
    return [unit.pk] if unit is not None and unit.kind == UnitKind.PARTNER else []


# The only pages a partner contributor may open; everything else answers 403 (see
# core.middleware.PartnerScopeMiddleware). Each of these narrows what it lists to the
# partner's PIs, the Community Plan and published packs.
PARTNER_PAGES = frozenset(
    {
        "core:home",
        "login",
        "logout",
        "password_change",
        "password_change_done",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "indicators:list",
        "indicators:detail",
        "indicators:history",
        "indicators:my",
        "indicators:enter",
        "indicators:entry_preview",
        "indicators:entry_template",
        "indicators:entry_upload",
        "plans:thread",
        "plans:beneath",
        "plans:detail",
        "reporting:pack_list",
        "reporting:pack_detail",
        "reporting:pack_status",
        "reporting:pack_file",
    }
)


def partner_may_open(user: User | AnonymousUser, view_name: str) -> bool:
    """Return whether the user may open the page named `view_name` as far as partner scope
    goes: always for council staff; for a partner contributor only PARTNER_PAGES and what
    the public may see."""
    if view_name in PARTNER_PAGES or view_name.startswith("dashboards:public"):
        return True  # decided without reading the person's roles (a query)
    return partner_unit_ids(user) is None
