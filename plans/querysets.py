"""Rules over many plans and objectives: who may see which, and the golden thread's order."""

from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q

from core.access import partner_unit_ids
from plans.choices import PlanKind, PlanStatus

# The objectives whose indicators, actions and risks count in roll-ups: those of approved
# plans other than individual ones (plans.rollup.counted_objectives says why).
COUNTED = Q(plan__status=PlanStatus.APPROVED) & ~Q(plan__kind=PlanKind.INDIVIDUAL)


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlanQuerySet":
        """Plans `user` may see.

        Approved and archived plans are open to every signed-in user, drafts to those who may
        see drafts (the performance team, audit, administrators; managers in their service)
        and to their owner. Individual plans are private whatever their status: only the
        person, their line-manager chain and holders of view_all_individual_plans see them.
        """
        from plans import access

        if not user.is_authenticated:
            return self.none()
        published = Q(status__in=[PlanStatus.APPROVED, PlanStatus.ARCHIVED])
        if partner_unit_ids(user) is not None:
            # Partner organisations share the partnership's plan, never the council's own.
            return self.filter(published, kind=PlanKind.COMMUNITY)
        own = Q(owner=user)
        drafts_scope = access.draft_unit_ids(user)
        corporate = Q() if drafts_scope is None else published | own | Q(unit_id__in=drafts_scope)
        owners = access.individual_plan_owner_ids(user)
        individual = Q() if owners is None else Q(owner_id__in=owners)
        return self.filter(
            (~Q(kind=PlanKind.INDIVIDUAL) & corporate) | (Q(kind=PlanKind.INDIVIDUAL) & individual)
        )

    def current(self) -> "PlanQuerySet":
        """Plans that are not archived."""
        return self.exclude(status=PlanStatus.ARCHIVED)

    def search(self, text: str) -> "PlanQuerySet":
        """Plans whose title, or one of whose objectives, mentions `text`."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text) | Q(objectives__title__icontains=text)
        ).distinct()


class ObjectiveQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ObjectiveQuerySet":
        """Objectives of the plans `user` may see."""
        from plans.models import Plan

        return self.filter(plan__in=Plan.objects.visible_to(user))

    def linkable_by(self, user) -> "ObjectiveQuerySet":
        """Objectives an action or risk may link to: those `user` sees, of shared plans.

        Individual plans are personal (docs/plans.md), so their objectives are never offered.
        """
        return self.visible_to(user).exclude(plan__kind=PlanKind.INDIVIDUAL)

    def counted(self) -> "ObjectiveQuerySet":
        """Objectives whose indicators count in roll-ups (plans.rollup.counted_objectives)."""
        return self.filter(COUNTED)

    def with_counted(self) -> "ObjectiveQuerySet":
        """Annotate `is_counted`: whether the objective counts in roll-ups (as `counted`)."""
        return self.annotate(is_counted=ExpressionWrapper(COUNTED, output_field=BooleanField()))

    def orphans(self) -> "ObjectiveQuerySet":
        """Objectives that contribute to nothing, in plans that sit below another plan.

        Objectives of top-level plans (the Community Plan, a stand-alone Improvement Plan)
        are the thread's roots, not orphans.
        """
        return self.filter(contributes_to__isnull=True, plan__parent__isnull=False)
