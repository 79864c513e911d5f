"""Writes on plans that go beyond one form: approval, archiving, yearly copies, edits."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from indicators.periods import fy_label
from plans.choices import PlanKind, PlanStatus
from plans.models import Objective, Plan, financial_year_dates


@transaction.atomic
def plan_approve(*, plan: Plan, approved_by: User) -> Plan:
    """Approve a draft plan, recording who and when; returns the plan."""
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError("Only a draft plan can be approved.")
    plan.status = PlanStatus.APPROVED
    plan.approved_by = approved_by
    plan.approved_at = timezone.now()
    plan.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    return plan


@transaction.atomic
def plan_archive(*, plan: Plan, archived_by: User) -> Plan:
    """Archive a plan (kept for the record, no longer current); returns the plan."""
    if plan.status == PlanStatus.ARCHIVED:
        raise ValidationError("The plan is already archived.")
    plan.status = PlanStatus.ARCHIVED
    plan._history_user = archived_by
    plan.save(update_fields=["status", "updated_at"])
    return plan


@transaction.atomic
def plan_save(*, plan: Plan, saved_by: User) -> Plan:
    """Save an edited plan; returns it.

    A person who changes their own approved individual plan sends it back to draft, so that
    their line manager approves what it now says.
    """
    if _is_own_approved_individual_plan(plan, saved_by):
        _back_to_draft(plan)
    plan._history_user = saved_by
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def objective_save(*, objective: Objective, saved_by: User, indicators=None) -> Objective:
    """Save an objective (and its indicator links when given); returns it.

    Validates that it contributes only to an objective of a plan above its own. Changing an
    approved individual plan's objective sends the plan back to draft (see plan_save).
    """
    if objective.number is None:
        objective.number = next_objective_number(objective.plan)
    objective.full_clean()
    objective._history_user = saved_by
    objective.save()
    if indicators is not None:
        objective.indicators.set(indicators)
    plan = objective.plan
    if _is_own_approved_individual_plan(plan, saved_by):
        _back_to_draft(plan)
        plan.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    return objective


def _is_own_approved_individual_plan(plan: Plan, user: User) -> bool:
    return (
        plan.kind == PlanKind.INDIVIDUAL
        and plan.status == PlanStatus.APPROVED
        and plan.owner_id == user.pk
    )


def _back_to_draft(plan: Plan) -> None:
    plan.status = PlanStatus.DRAFT
    plan.approved_by = None
    plan.approved_at = None


def next_objective_number(plan: Plan) -> int:
    """Return the number the plan's next objective takes (one more than the highest)."""
    highest = plan.objectives.aggregate(highest=Max("number"))["highest"]
    return (highest or 0) + 1


def _shift_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def plan_copy_to_next_year(*, plan: Plan, copied_by: User) -> Plan:
    """Start next year's version of `plan` as a draft copy of it; returns the new plan.

    The copy keeps the links: its objectives keep their numbers, indicators, actions and
    risks; each still contributes to the same objective above, or to that objective's
    next-year version when the plan above has been copied already. Next-year versions of the
    plans below are re-hung under the new plan. A plan that covers one financial year moves
    on a year; a longer plan keeps its period. Raises ValidationError when next year's
    version exists.
    """
    new_year = plan.year + 1
    if plan.next_versions.filter(year=new_year).exists():
        raise ValidationError(f"{plan.title} already has a version for {fy_label(new_year)}.")
    one_year = (plan.period_start, plan.period_end) == financial_year_dates(plan.year)
    parent = plan.parent
    if parent is not None:
        parent = parent.next_versions.filter(year=new_year).first() or parent
    copy = Plan.objects.create(
        kind=plan.kind,
        title=plan.title,
        year=new_year,
        period_start=_shift_year(plan.period_start) if one_year else plan.period_start,
        period_end=_shift_year(plan.period_end) if one_year else plan.period_end,
        owner=plan.owner,
        unit=plan.unit,
        parent=parent,
        summary=plan.summary,
        vision=plan.vision,
        values=plan.values,
        resources=plan.resources,
        status=PlanStatus.DRAFT,
        previous_version=plan,
    )
    ancestors = set(copy.ancestor_ids())
    # Next-year versions of the objectives above, so contributions follow them.
    above_next = {
        objective.previous_version_id: objective
        for objective in Objective.objects.filter(
            plan_id__in=ancestors, previous_version__isnull=False
        )
    }
    old_objectives = list(
        plan.objectives.select_related("contributes_to__plan").prefetch_related("indicators")
    )
    mapping: dict[int, Objective] = {}
    for old in old_objectives:
        target = old.contributes_to
        if target is not None and target.pk in above_next:
            target = above_next[target.pk]
        elif target is not None and target.plan_id not in ancestors:
            target = None  # its plan is no longer above this one: shows as an orphan
        new = Objective.objects.create(
            plan=copy,
            number=old.number,
            title=old.title,
            description=old.description,
            owner=old.owner,
            contributes_to=target,
            previous_version=old,
        )
        new.indicators.set(old.indicators.all())
        for relation in Objective._meta.related_objects:
            if relation.many_to_many:  # other apps' links to objectives: actions, risks...
                name = relation.get_accessor_name()
                getattr(new, name).set(getattr(old, name).all())
        mapping[old.pk] = new
    # Plans below that were copied first now hang under the new version.
    for child in Plan.objects.filter(parent=plan, year=new_year):
        child.parent = copy
        child.save(update_fields=["parent", "updated_at"])
        for objective in child.objectives.filter(contributes_to_id__in=mapping):
            objective.contributes_to = mapping[objective.contributes_to_id]
            objective.save(update_fields=["contributes_to"])
    return copy
