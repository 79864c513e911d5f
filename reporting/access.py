"""Who may see live (unpublished) reports and which packs: one place for the reporting app."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from core.access import has, scoped_unit_ids
from core.models import OrgUnit
from reporting.models import Pack


def may_view_live(user: User | AnonymousUser, scope: OrgUnit | None) -> bool:
    """Return whether the user may see a report built from current (draft) figures.

    Live reports show unverified figures, so only roles that see drafts may: everything for
    the performance team, audit and administrators; a manager only for their own service.
    """
    if has(user, "publish_packs"):
        return True
    unit_ids = scoped_unit_ids(user)
    if unit_ids is None:
        return True
    return bool(unit_ids) and scope is not None and scope.pk in unit_ids


def require_live(user: User | AnonymousUser, scope: OrgUnit | None) -> None:
    if not may_view_live(user, scope):
        raise PermissionDenied


def pack_for_user(user: User | AnonymousUser, pk: int) -> Pack:
    """Return the pack if the user may see it; 404 otherwise (drafts are not revealed)."""
    return get_object_or_404(Pack.objects.visible_to(user).select_related("scope_unit"), pk=pk)
