"""Who may do what with action plans and risk registers (the roles table in docs/roles.md).

Everyone signed in reads plans and registers. Managers manage their service's actions and
risks; the performance team and administrators manage everything; an officer records progress
on the actions they lead; audit (and whoever manages an item) reads its change history.
"""

from django.contrib.auth.models import AnonymousUser, User

from core.access import has, service_scope_unit

UserLike = User | AnonymousUser


def managed_unit_ids(user: UserLike) -> list[int] | None:
    """Return ids of units whose actions and risks the user manages; None means every unit."""
    if has(user, "manage_register"):
        return None
    if not has(user, "manage_service"):
        return []
    cached = getattr(user, "_managed_unit_ids", None)
    if cached is None:
        scope = service_scope_unit(user)
        cached = list(scope.subtree().values_list("pk", flat=True)) if scope else []
        user._managed_unit_ids = cached
    return cached


def can_manage_unit(user: UserLike, unit_id: int | None) -> bool:
    """Return whether the user manages plans, actions and risks of the unit."""
    ids = managed_unit_ids(user)
    return ids is None or (unit_id is not None and unit_id in ids)


def can_create_anything(user: UserLike) -> bool:
    """Return whether the user manages any unit at all (to show 'new' buttons)."""
    return managed_unit_ids(user) != []


def can_import(user: UserLike) -> bool:
    """Imports load whole plans, so they are for the performance team and administrators."""
    return has(user, "manage_register")


def can_manage_action(user: UserLike, action) -> bool:
    return can_manage_unit(user, action.responsible_unit_id)


def is_lead(user: UserLike, action) -> bool:
    """Return whether the user leads the action (uses prefetched leads when present)."""
    if not user.is_authenticated:
        return False
    return any(lead.pk == user.pk for lead in action.leads.all())


def can_update_action(user: UserLike, action) -> bool:
    """Leads record progress on their actions; managers on their service's actions."""
    return is_lead(user, action) or can_manage_action(user, action)


def can_view_action_history(user: UserLike, action) -> bool:
    return has(user, "view_audit_trail") or can_update_action(user, action)


def can_manage_register(user: UserLike, register) -> bool:
    return can_manage_unit(user, register.unit_id)


def can_review_risk(user: UserLike, risk) -> bool:
    """Reviews are recorded by whoever manages the register's unit, or the risk's owner."""
    return (user.is_authenticated and risk.owner_id == user.pk) or can_manage_register(
        user, risk.register
    )


def can_view_risk_history(user: UserLike, risk) -> bool:
    return has(user, "view_audit_trail") or can_review_risk(user, risk)
