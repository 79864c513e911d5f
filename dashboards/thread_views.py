"""The pages built on the golden thread (dashboards.thread): the thread itself, a plan's page,
print view and export, everything beneath an objective, and the orphans view.

They keep their `plans:` URL names (config/urls.py serves them with the plans' own pages);
they live here because the thread reads actions and risks as well as plans.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import DetailView, TemplateView

from actions.models import Action
from core.tabular import table_response
from dashboards.thread import RAG_BUCKETS, build_thread
from indicators.choices import Rag
from indicators.formatting import person_name
from indicators.models import Indicator
from indicators.periods import Period, fy_label
from plans import access
from plans.choices import PlanStatus
from plans.models import Objective, Plan
from plans.rollup import default_period
from plans.views import (
    PlanAccessMixin,
    chosen_period,
    includes_unverified,
    period_choices,
    roll_up_context,
)


class PlanDetailView(PlanAccessMixin, DetailView):
    """A plan with its objectives and what hangs off each, rolled up for a period."""

    template_name = "plans/plan_detail.html"
    context_object_name = "plan"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.plan
        period = chosen_period(self.request, plan.year)
        thread = plan_thread(self.request.user, plan, period, includes_unverified(self.request))
        context.update(roll_up_context(self.request))
        context.update(
            self.permissions(plan),
            thread=thread,
            nodes=plan_nodes(thread, plan),
            period=period,
            periods=period_choices(plan.year),
            children=Plan.objects.visible_to(self.request.user)
            .filter(parent=plan)
            .select_related("unit", "owner"),
            next_version=plan.next_versions.visible_to(self.request.user).first(),
            next_year_label=fy_label(plan.year + 1),
        )
        return context


def plan_thread(user, plan: Plan, period: Period, include_unverified: bool = False):
    """Return the thread rolled up beneath `plan`'s objectives only."""
    focus = plan.objectives.values_list("pk", flat=True)
    return build_thread(
        user,
        plan.year,
        period,
        focus=list(focus),
        also_plan=plan.pk,
        include_unverified=include_unverified,
    )


def plan_nodes(thread, plan: Plan) -> list:
    """Return the thread nodes of `plan`'s objectives, by number, with what hangs off each."""
    nodes = sorted(
        (node for node in thread.nodes.values() if node.objective.plan_id == plan.pk),
        key=lambda node: node.objective.number,
    )
    for node in nodes:
        node.indicator_rows = thread.indicator_rows(node.indicator_ids)
        node.actions = thread.action_list(node.action_ids)
        node.risks = thread.risk_list(node.risk_ids)
    return nodes


class PlanPrintView(PlanDetailView):
    """The plan laid out for printing (or saving as PDF from the browser)."""

    template_name = "plans/plan_print.html"


class PlanExportView(PlanAccessMixin, View):
    """The plan's objectives with their links and statuses as CSV or Excel (?format=xlsx)."""

    HEADER = [
        "Plan",
        "Year",
        "Objective",
        "Title",
        "Lead",
        "Contributes to",
        "Indicator",
        "Indicator title",
        "Period",
        "RAG",
    ]

    def get(self, request, pk: int):
        plan = self.plan
        period = chosen_period(request, plan.year)
        thread = plan_thread(request.user, plan, period, includes_unverified(request))
        rows = []
        for node in plan_nodes(thread, plan):
            objective = node.objective
            target = node.parent.objective if node.parent else None
            base = [
                plan.title,
                plan.year_label,
                objective.number,
                objective.title,
                person_name(objective.owner),
                f"{target.plan.title}: {target.number}. {target.title}" if target else "",
            ]
            if not node.indicator_rows:
                rows.append([*base, "", "", period.label, ""])
            for row in node.indicator_rows:
                rows.append(
                    [
                        *base,
                        row.indicator.code,
                        row.indicator.title,
                        row.assessment.period.label if row.assessment else period.label,
                        _rag_text(row.rag),
                    ]
                )
        basename = f"plan-{plan.pk}-{plan.year}"
        return table_response(request.GET.get("format", "csv"), basename, self.HEADER, rows)


def _rag_text(rag: str | None) -> str:
    return Rag(rag).label if rag in Rag.values else "No data"


class ThreadView(TemplateView):
    """The golden thread: objectives from the Community Plan down, with rolled-up status."""

    template_name = "plans/thread.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = chosen_period(self.request)
        year = period.year
        thread = build_thread(
            self.request.user, year, period, include_unverified=includes_unverified(self.request)
        )
        years = sorted(
            set(Plan.objects.visible_to(self.request.user).values_list("year", flat=True)),
            reverse=True,
        )
        context.update(
            **roll_up_context(self.request),
            thread=thread,
            period=period,
            periods=period_choices(year),
            years=[(y, fy_label(y), default_period(year=y).label) for y in years],
            rag_buckets=RAG_BUCKETS,
        )
        return context


class BeneathView(TemplateView):
    """Everything beneath one objective: objectives, indicators, actions and risks."""

    template_name = "plans/beneath.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objective = get_object_or_404(
            Objective.objects.visible_to(self.request.user).select_related("plan"),
            pk=self.kwargs["pk"],
        )
        period = chosen_period(self.request, objective.plan.year)
        if period.year != objective.plan.year:
            period = default_period(year=objective.plan.year)
        thread = build_thread(
            self.request.user,
            objective.plan.year,
            period,
            focus=[objective.pk],
            also_plan=objective.plan_id,
            include_unverified=includes_unverified(self.request),
        )
        node = thread.nodes[objective.pk]
        beneath = list(node.walk())[1:]
        for item in beneath:
            item.indent = item.depth - node.depth - 1
        ancestors, above = [], node.parent
        while above is not None and above not in ancestors:
            ancestors.insert(0, above)
            above = above.parent
        context.update(
            **roll_up_context(self.request),
            objective=objective,
            node=node,
            thread=thread,
            period=period,
            periods=period_choices(objective.plan.year),
            beneath=beneath,
            ancestors=ancestors,
            indicator_rows=thread.indicator_rows(node.all_indicator_ids),
            actions=thread.action_list(node.all_action_ids),
            risks=thread.risk_list(node.all_risk_ids),
        )
        return context


class OrphansView(TemplateView):
    """Data quality: objectives that serve nothing, indicators and actions linked to none."""

    template_name = "plans/orphans.html"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_see_orphans(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objectives = (
            Objective.objects.visible_to(self.request.user)
            .orphans()
            .exclude(plan__status=PlanStatus.ARCHIVED)
            .select_related("plan", "plan__unit", "plan__parent")
            .order_by("-plan__year", "plan__kind", "plan__title", "number")
        )
        context.update(
            objectives=objectives,
            indicators=Indicator.objects.filter(objectives__isnull=True)
            .select_related("service", "owner")
            .order_by("code"),
            actions=_unlinked_actions(),
        )
        return context


def _unlinked_actions() -> list[Action]:
    """Return the actions linked to no objective (the first 500)."""
    return list(Action.objects.filter(objectives__isnull=True).order_by("pk")[:500])
