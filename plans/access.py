"""Who may see and change which plan. Views ask these; the rules live here only.

- Every signed-in user sees approved plans; drafts follow the drafts rules of docs/roles.md.
- The performance team (manage_register) keeps every plan except individual ones.
- Managers (manage_service) keep the service business and team plans of their service.
- People keep their own individual plan; their line manager approves it.
- Individual plans are seen only by the person, their line-manager chain, and holders of
  view_all_individual_plans (administrators, internal audit).
"""

from django.contrib.auth.models import AnonymousUser, User

from core.access import has, scoped_unit_ids, service_scope_unit
from core.models import Profile
from plans.choices import SERVICE_KINDS, PlanKind, PlanStatus

AnyUser = User | AnonymousUser


def draft_unit_ids(user: AnyUser) -> list[int] | None:
    """Return ids of units whose draft plans `user` may see, or None for every unit."""
    if has(user, "manage_register") or has(user, "view_all_drafts"):
        return None
    if has(user, "view_service_drafts"):
        # Managers: their service's subtree, the same units they keep plans for.
        return managed_unit_ids(user) or (scoped_unit_ids(user) or [])
    return []


def managed_unit_ids(user: AnyUser) -> list[int]:
    """Return ids of the units whose service and team plans a manager keeps (else [])."""
    if not has(user, "manage_service"):
        return []
    cached = getattr(user, "_plan_managed_unit_ids", None)
    if cached is None:
        unit = service_scope_unit(user)
        cached = [] if unit is None else list(unit.subtree().values_list("pk", flat=True))
        user._plan_managed_unit_ids = cached  # asked several times per page
    return cached


def individual_plan_owner_ids(user: AnyUser) -> set[int] | None:
    """Return ids of the people whose individual plans `user` may see; None means everyone.

    That is the user and everyone who reports to them, directly or down the chain. All
    reporting lines are read in one query and walked in memory.
    """
    if has(user, "view_all_individual_plans"):
        return None
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_plan_report_ids", None)
    if cached is not None:
        return cached
    reports: dict[int, list[int]] = {}
    for person_id, manager_id in Profile.objects.filter(line_manager__isnull=False).values_list(
        "user_id", "line_manager_id"
    ):
        reports.setdefault(manager_id, []).append(person_id)
    seen = {user.pk}
    stack = [user.pk]
    while stack:
        for person_id in reports.get(stack.pop(), []):
            if person_id not in seen:
                seen.add(person_id)
                stack.append(person_id)
    user._plan_report_ids = seen
    return seen


def line_manager_id(person: User) -> int | None:
    """Return the id of `person`'s line manager, or None."""
    profile = getattr(person, "profile", None)
    return profile.line_manager_id if profile else None


def can_create(user: AnyUser, kind: str, unit_id: int | None = None) -> bool:
    """Return whether `user` may create a plan of `kind` (for `unit_id` where it matters)."""
    if not user.is_authenticated:
        return False
    if kind == PlanKind.INDIVIDUAL:
        return True  # their own; the form fixes the owner to the user
    if has(user, "manage_register"):
        return True
    if kind in SERVICE_KINDS and has(user, "manage_service"):
        return unit_id is None or unit_id in managed_unit_ids(user)
    return False


def creatable_kinds(user: AnyUser) -> list[str]:
    """Return the kinds of plan `user` may create."""
    return [kind for kind in PlanKind.values if can_create(user, kind)]


def can_edit(user: AnyUser, plan) -> bool:
    """Return whether `user` may change `plan` and its objectives."""
    if not user.is_authenticated or plan.status == PlanStatus.ARCHIVED:
        return False
    if plan.kind == PlanKind.INDIVIDUAL:
        return plan.owner_id == user.pk
    if has(user, "manage_register"):
        return True
    return plan.kind in SERVICE_KINDS and plan.unit_id in managed_unit_ids(user)


def can_approve(user: AnyUser, plan) -> bool:
    """Return whether `user` may approve `plan` (an individual plan: their line manager)."""
    if not user.is_authenticated or plan.status != PlanStatus.DRAFT:
        return False
    if plan.kind == PlanKind.INDIVIDUAL:
        return plan.owner_id != user.pk and line_manager_id(plan.owner) == user.pk
    return has(user, "manage_register")


def can_archive(user: AnyUser, plan) -> bool:
    """Return whether `user` may archive `plan`: the performance team, or its keeper."""
    if plan.status == PlanStatus.ARCHIVED:
        return False
    if plan.kind == PlanKind.INDIVIDUAL:
        return can_edit(user, plan) or (
            user.is_authenticated and line_manager_id(plan.owner) == user.pk
        )
    return can_edit(user, plan)


def can_delete(user: AnyUser, plan) -> bool:
    """Return whether `user` may delete `plan`: the performance team; a person their draft."""
    if plan.kind == PlanKind.INDIVIDUAL:
        return plan.owner_id == user.pk and plan.status == PlanStatus.DRAFT
    return has(user, "manage_register")


def can_copy(user: AnyUser, plan) -> bool:
    """Return whether `user` may start next year's version of `plan`."""
    if plan.kind == PlanKind.INDIVIDUAL:
        return user.is_authenticated and plan.owner_id == user.pk
    return can_create(user, plan.kind, plan.unit_id)


def can_see_orphans(user: AnyUser) -> bool:
    """The orphans view is the performance team's data-quality check."""
    return has(user, "manage_register")
