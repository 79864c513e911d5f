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
from django.views.generic import CreateView, DeleteView, UpdateView
from django_filters.views import FilterView

from core.parsing import id_or_none
from indicators.choices import Frequency
from indicators.formatting import person_name
from indicators.periods import Period
from plans import access, services
from plans.choices import PlanKind, PlanStatus
from plans.filtersets import PlanFilterSet
from plans.forms import ObjectiveForm, PlanForm
from plans.models import Objective, Plan, financial_year_dates
from plans.rollup import FIGURES, default_period


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

    return periods_of_year(Frequency.MONTHLY, year) + periods_of_year(Frequency.QUARTERLY, year)


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
            "title": f"{person_name(user)} – personal development plan",
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
