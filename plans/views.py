"""Plan pages, the golden thread, what lies beneath a node, and the orphans view.

Every view finds plans through Plan.objects.visible_to(user), so a plan a user may not see
(another person's individual plan, a draft of another service) is "not found" whatever the
URL, and never appears in lists or search results.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import CreateView, DeleteView, DetailView, TemplateView, UpdateView
from django_filters.views import FilterView

from core.parsing import id_or_none
from core.tabular import table_response
from indicators.models import Indicator
from indicators.periods import Period, fy_label
from plans import access, services
from plans.choices import PlanKind, PlanStatus
from plans.filtersets import PlanFilterSet
from plans.forms import ObjectiveForm, PlanForm
from plans.models import Objective, Plan, financial_year_dates
from plans.rollup import FIGURES, RAG_BUCKETS, build_thread, default_period


def visible_plan(user, pk: int) -> Plan:
    """Return the plan if `user` may see it; raise Http404 otherwise (no hint it exists)."""
    return get_object_or_404(
        Plan.objects.visible_to(user).select_related(
            "unit", "owner", "parent", "approved_by", "previous_version"
        ),
        pk=pk,
    )


def chosen_period(request, year: int | None = None) -> Period:
    """Return the period named in ?period=, or the default one for the plan year."""
    label = request.GET.get("period", "").strip()
    if label:
        try:
            return Period.parse(label)
        except ValueError:
            messages.error(request, f"'{label}' is not a period; showing the latest month.")
    return default_period(year=year)


def includes_unverified(request) -> bool:
    """Return whether the person asked to include the unverified figures they may see
    (?figures=entered, as on the dashboard); verified figures only otherwise."""
    return request.GET.get("figures") == "entered"


def roll_up_context(request) -> dict:
    """Return the context of the period picker's "Figures" choice, and `figures_query` for
    links to other roll-ups, so they keep the person's choice."""
    entered = includes_unverified(request)
    return {
        "figures": FIGURES,
        "figures_chosen": "entered" if entered else "verified",
        "figures_query": "&figures=entered" if entered else "",
    }


def period_choices(year: int) -> list[Period]:
    """Return the months of a plan year and its quarters, for the period picker."""
    from indicators.periods import periods_of_year

    return periods_of_year("monthly", year) + periods_of_year("quarterly", year)


class PlanListView(FilterView):
    """Plans the user may see, filtered; individual plans only where the user may see them."""

    filterset_class = PlanFilterSet
    template_name = "plans/plan_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Plan.objects.visible_to(self.request.user).select_related("unit", "owner", "parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kinds = access.creatable_kinds(self.request.user)
        context["can_create"] = bool(kinds)
        context["only_individual"] = kinds == [PlanKind.INDIVIDUAL]
        return context


class PlanAccessMixin:
    """Finds the plan by `pk` among those visible, and says what the user may do to it."""

    @cached_property
    def plan(self) -> Plan:
        return visible_plan(self.request.user, self.kwargs["pk"])

    def get_object(self, queryset=None) -> Plan:
        return self.plan

    def permissions(self, plan: Plan) -> dict[str, bool]:
        user = self.request.user
        return {
            "can_edit": access.can_edit(user, plan),
            "can_approve": access.can_approve(user, plan),
            "can_archive": access.can_archive(user, plan),
            "can_delete": access.can_delete(user, plan),
            "can_copy": access.can_copy(user, plan),
        }


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


class PlanCreateView(CreateView):
    model = Plan
    form_class = PlanForm
    template_name = "plans/plan_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not access.creatable_kinds(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        year = default_period().year
        start, end = financial_year_dates(year)
        initial = {"year": year, "period_start": start, "period_end": end}
        kind = self.request.GET.get("kind")
        if kind in PlanKind.values:
            initial["kind"] = kind
        parent = id_or_none(self.request.GET.get("parent"))
        if parent is not None:
            initial["parent"] = parent
        if self.only_individual or kind == PlanKind.INDIVIDUAL:
            initial.update(self.individual_initial(year))
        return initial

    @cached_property
    def only_individual(self) -> bool:
        return access.creatable_kinds(self.request.user) == [PlanKind.INDIVIDUAL]

    def individual_initial(self, year: int) -> dict:
        """Defaults for a person's own plan: their name, unit, and their team's plan above."""
        user = self.request.user
        profile = getattr(user, "profile", None)
        unit_id = profile.unit_id if profile else None
        parent = (
            Plan.objects.visible_to(user)
            .filter(year=year, unit_id=unit_id, kind__in=[PlanKind.TEAM, PlanKind.SERVICE])
            .order_by("-kind")
            .first()
        )
        return {
            "kind": PlanKind.INDIVIDUAL,
            "title": f"{user.get_full_name() or user.username} – personal development plan",
            "unit": unit_id,
            "parent": parent.pk if parent else None,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(only_individual=self.only_individual, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            self.object = services.plan_save(plan=form.instance, saved_by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.object.title} created as a draft.")
        return HttpResponseRedirect(self.object.get_absolute_url())


class PlanUpdateView(PlanAccessMixin, UpdateView):
    form_class = PlanForm
    template_name = "plans/plan_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_edit(request.user, self.plan):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        was_approved = self.plan.status == PlanStatus.APPROVED
        try:
            self.object = services.plan_save(plan=form.instance, saved_by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if was_approved and self.object.status == PlanStatus.DRAFT:
            messages.info(self.request, "Plan saved; it is a draft again until re-approved.")
        else:
            messages.success(self.request, "Plan saved.")
        return HttpResponseRedirect(self.object.get_absolute_url())


class PlanDeleteView(PlanAccessMixin, DeleteView):
    template_name = "plans/plan_confirm_delete.html"
    context_object_name = "plan"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_delete(request.user, self.plan):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self) -> str:
        messages.success(self.request, f"{self.plan.title} deleted.")
        return reverse("plans:list")


class PlanActionView(PlanAccessMixin, View):
    """Base of the POST-only state changes: check, call one service, redirect."""

    http_method_names = ["post"]

    def allowed(self, plan: Plan) -> bool:
        raise NotImplementedError

    def perform(self, plan: Plan) -> tuple[Plan, str]:
        raise NotImplementedError

    def post(self, request, pk: int):
        plan = self.plan
        if not self.allowed(plan):
            raise PermissionDenied
        try:
            target, message = self.perform(plan)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(plan.get_absolute_url())
        messages.success(request, message)
        return HttpResponseRedirect(target.get_absolute_url())


class PlanApproveView(PlanActionView):
    def allowed(self, plan: Plan) -> bool:
        return access.can_approve(self.request.user, plan)

    def perform(self, plan: Plan) -> tuple[Plan, str]:
        services.plan_approve(plan=plan, approved_by=self.request.user)
        return plan, f"{plan.title} approved."


class PlanArchiveView(PlanActionView):
    def allowed(self, plan: Plan) -> bool:
        return access.can_archive(self.request.user, plan)

    def perform(self, plan: Plan) -> tuple[Plan, str]:
        services.plan_archive(plan=plan, archived_by=self.request.user)
        return plan, f"{plan.title} archived."


class PlanCopyView(PlanActionView):
    def allowed(self, plan: Plan) -> bool:
        return self.permissions(plan)["can_copy"]

    def perform(self, plan: Plan) -> tuple[Plan, str]:
        copy = services.plan_copy_to_next_year(plan=plan, copied_by=self.request.user)
        return copy, f"{copy.title} {copy.year_label} started as a draft copy of last year's."


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
                _person(objective.owner) if objective.owner_id else "",
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


def _person(user) -> str:
    return user.get_full_name() or user.username


def _rag_text(rag: str | None) -> str:
    from indicators.choices import Rag

    return Rag(rag).label if rag in Rag.values else "No data"


class ObjectiveFormMixin(PlanAccessMixin):
    form_class = ObjectiveForm
    template_name = "plans/objective_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not access.can_edit(request.user, self.plan):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.plan, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, **kwargs)

    def form_valid(self, form):
        try:
            services.objective_save(
                objective=form.instance,
                saved_by=self.request.user,
                indicators=form.cleaned_data["indicators"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Objective {form.instance.number} saved.")
        return HttpResponseRedirect(self.plan.get_absolute_url())


class ObjectiveCreateView(ObjectiveFormMixin, CreateView):
    model = Objective

    def get_object(self, queryset=None):
        return None


class ObjectiveUpdateView(ObjectiveFormMixin, UpdateView):
    def get_object(self, queryset=None) -> Objective:
        return get_object_or_404(self.plan.objectives, pk=self.kwargs["objective_pk"])


class ObjectiveDeleteView(ObjectiveFormMixin, DeleteView):
    """Confirm, then remove an objective (what contributed to it becomes an orphan)."""

    template_name = "plans/objective_confirm_delete.html"
    context_object_name = "objective"

    def get_object(self, queryset=None) -> Objective:
        return get_object_or_404(self.plan.objectives, pk=self.kwargs["objective_pk"])

    def get_form_kwargs(self):
        return {"data": self.request.POST} if self.request.method == "POST" else {}

    def get_form_class(self):
        return Form

    def form_valid(self, form):
        objective = self.get_object()
        objective.delete()
        messages.success(self.request, f"Objective {objective.number} removed.")
        return HttpResponseRedirect(self.plan.get_absolute_url())


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


def _unlinked_actions() -> list | None:
    """Return the actions linked to no objective; None before actions link to objectives."""
    if not hasattr(Objective, "actions"):
        return None
    from actions.models import Action

    return list(Action.objects.filter(objectives__isnull=True).order_by("pk")[:500])
