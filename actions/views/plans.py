"""Pages of action plans: the list, a plan's table, creating and editing plans, themes and
actions, and importing a plan from a spreadsheet."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import CreateView, FormView, ListView, UpdateView
from django_filters.views import FilterView

from actions import permissions as perms
from actions.forms import ActionForm, ActionImportForm, ActionPlanForm, ThemeForm
from actions.importer import TEMPLATE_HEADER, action_plan_import_or_create
from actions.models import Action, ActionPlan, Theme
from actions.views.actions import ActionTableMixin
from core.clock import today
from core.tabular import ImportRefused, TableError, table_response


class PlanListView(ListView):
    template_name = "actions/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        return (
            ActionPlan.objects.select_related("unit", "owner")
            .council_first()
            .with_counts(today(self.request))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_create"] = perms.can_create_anything(user)
        context["can_import"] = perms.can_import(user)
        context["my_count"] = Action.objects.led_by(user).open().count()
        return context


class PlanDetailView(ActionTableMixin, FilterView):
    """The plan as a table like the strategy's Appendix 2, with progress and RAG."""

    template_name = "actions/plan_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(
            ActionPlan.objects.select_related("unit", "owner"), pk=kwargs["pk"]
        )
        self.export_basename = f"action-plan-{self.plan.pk}"
        return super().dispatch(request, *args, **kwargs)

    def base_actions(self):
        return Action.objects.filter(theme__plan=self.plan)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["plan"] = self.plan
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = self.plan
        context["can_manage"] = perms.can_manage_unit(self.request.user, self.plan.unit_id)
        context["rag_counts"] = self.object_list.rag_counts(today(self.request))
        context["filtered"] = any(v for k, v in self.request.GET.items() if k != "export")
        return context


class PlanManageMixin:
    """Create or edit a plan: needs to manage its unit (managers: their service)."""

    model = ActionPlan
    form_class = ActionPlanForm
    template_name = "actions/form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs


class PlanCreateView(PlanManageMixin, CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not perms.can_create_anything(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"heading": "New action plan"}


class PlanEditView(PlanManageMixin, UpdateView):
    def get_object(self, queryset=None):
        plan = super().get_object(queryset)
        if not perms.can_manage_unit(self.request.user, plan.unit_id):
            raise PermissionDenied
        return plan

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"heading": f"Edit {self.object}"}


class PlanChildMixin:
    """Pages that add to a plan: only for those who manage the plan's unit."""

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(ActionPlan, pk=kwargs["pk"])
        if not perms.can_manage_unit(request.user, self.plan.unit_id):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"plan": self.plan}

    def get_success_url(self):
        return self.plan.get_absolute_url()


class ThemeCreateView(PlanChildMixin, CreateView):
    model = Theme
    form_class = ThemeForm
    template_name = "actions/form.html"

    def get_initial(self):
        last = self.plan.themes.aggregate(n=Max("number"))["n"] or 0
        return {"number": last + 1}

    def form_valid(self, form):
        form.instance.plan = self.plan
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "heading": f"New theme in {self.plan}",
            "cancel_url": self.plan.get_absolute_url(),
        }


class ActionCreateView(PlanChildMixin, CreateView):
    model = Action
    form_class = ActionForm
    template_name = "actions/form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def get_initial(self):
        return {"theme": self.request.GET.get("theme")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "heading": f"New action in {self.plan}",
            "cancel_url": self.plan.get_absolute_url(),
        }

    def get_success_url(self):
        return self.object.get_absolute_url()


class ActionImportView(FormView):
    template_name = "actions/import.html"
    form_class = ActionImportForm

    def dispatch(self, request, *args, **kwargs):
        if not perms.can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if request.GET.get("template") in {"csv", "xlsx"}:
            example = [
                ["1", "Performance culture", "", "", "", "", "", "", "", "", ""],
                [
                    "1.1",
                    "Excellence statements",
                    "Service business cases",
                    "HoS",
                    "End July 2027",
                    "H",
                    "In progress",
                    "40",
                    "2026-04-01",
                    "",
                    "",
                ],
            ]
            return table_response(
                request.GET["template"], "action-plan-template", TEMPLATE_HEADER, example
            )
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        upload = data["file"]
        try:
            plan, result = action_plan_import_or_create(
                plan=data["plan"],
                title=data["title"],
                kind=data["kind"],
                unit=data["unit"],
                start_date=data["start_date"],
                name=upload.name,
                content=upload.read(upload.size + 1),
            )
        except TableError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        except ImportRefused as exc:
            return self.render_to_response(
                self.get_context_data(form=form, row_errors=exc.errors.as_lines()), status=400
            )
        messages.success(
            self.request,
            f"Imported into {plan}: {result.themes_created} themes and "
            f"{result.actions_created} actions created, {result.actions_updated} updated.",
        )
        return HttpResponseRedirect(plan.get_absolute_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
