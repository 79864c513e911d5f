"""Who may see and do what: role permissions plus scope (own PIs, own service).

Views and services ask these helpers rather than checking groups themselves, so that the
rules of the roles table (docs/roles.md) live in one place.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied

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
    subtree; everyone else an empty list (they see their own PIs only).
    """
    if has(user, "view_all_drafts"):
        return None
    if has(user, "view_service_drafts"):
        scope = service_scope_unit(user)
        if scope is None:
            return []
        return list(scope.subtree().values_list("pk", flat=True))
    return []
