"""Pages of action plans and risk registers. Thin: rules live in querysets and services."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, F, Max, Prefetch, Q, When
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView
from django_filters.views import FilterView

from actions import permissions as perms
from actions.choices import ActionStatus, PlanKind, RiskBand, RiskStatus, WhenKind
from actions.filtersets import ActionFilterSet, RiskFilterSet
from actions.forms import (
    ActionForm,
    ActionImportForm,
    ActionPlanForm,
    ActionUpdateForm,
    RiskForm,
    RiskRegisterForm,
    RiskReviewForm,
    ThemeForm,
)
from actions.history import history_rows
from actions.importer import TEMPLATE_HEADER, action_plan_import
from actions.models import (
    Action,
    ActionPlan,
    Risk,
    RiskRegister,
    RiskReview,
    Theme,
    objectives,
)
from actions.querysets import first_of_month
from actions.risk import heat_map, register_trend, score_trend
from actions.services import action_update_record, risk_review_record
from core.models import CouncilSettings
from core.tabular import ImportRefused, TableError, table_response
from indicators.charts import sparkline_svg
from indicators.choices import Frequency
from indicators.periods import Period

ACTION_EXPORT_HEADER = [
    "Plan",
    "No",
    "Theme",
    "Action",
    "How",
    "Who",
    "When",
    "Due date",
    "Priority",
    "Status",
    "Percent complete",
    "RAG",
    "RAG set by lead",
    "Overdue",
    "Last update",
]
RISK_EXPORT_HEADER = [
    "Register",
    "Ref",
    "Title",
    "Cause",
    "Effect",
    "Owner",
    "Inherent L",
    "Inherent I",
    "Inherent score",
    "Residual L",
    "Residual I",
    "Residual score",
    "Target score",
    "Controls",
    "Mitigating actions",
    "Next review",
    "Review overdue",
    "Status",
]


def today() -> datetime.date:
    return timezone.localdate()


def who_display(action: Action) -> str:
    """Return the Who column: the plan's own words, else the leads' and teams' names."""
    if action.who_text:
        return action.who_text
    names = [u.get_full_name() or u.username for u in action.leads.all()]
    names += [t.name for t in action.teams.all()]
    return ", ".join(names)


def decorate_actions(actions, user, day: datetime.date) -> list[Action]:
    """Give each action (annotated with rag and last_update_date) the flags a table shows."""
    month_start = first_of_month(day)
    rows = list(actions)
    for action in rows:
        action.overdue = action.is_overdue(day)
        action.stale = action.status not in ActionStatus.closed() and (
            action.last_update_date is None or action.last_update_date < month_start
        )
        action.who = who_display(action)
        action.can_update = perms.can_update_action(user, action)
    return rows


def action_export_rows(actions):
    for a in actions:
        yield [
            a.theme.plan.title,
            a.number,
            str(a.theme),
            a.title,
            a.how,
            a.who,
            a.when_display,
            a.due_date.isoformat() if a.due_date else "",
            a.get_priority_display(),
            a.get_status_display(),
            a.percent_complete,
            a.rag,
            "yes" if a.rag_override else "",
            "yes" if a.overdue else "",
            a.last_update_date.isoformat() if a.last_update_date else "",
        ]


class ActionTableMixin:
    """A filtered, exportable table of actions in a fixed number of queries."""

    filterset_class = ActionFilterSet
    export_basename = "actions"

    def base_actions(self):
        raise NotImplementedError

    def get_queryset(self):
        return self.base_actions().for_table().with_suggested_rag(today()).with_last_update()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["today"] = today()
        return kwargs

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        fmt = request.GET.get("export")
        if fmt in {"csv", "xlsx"}:
            rows = decorate_actions(self.object_list, request.user, today())
            return table_response(
                fmt, self.export_basename, ACTION_EXPORT_HEADER, action_export_rows(rows)
            )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = decorate_actions(self.object_list, self.request.user, today())
        context["today"] = today()
        query = self.request.GET.copy()
        query.pop("export", None)
        context["query"] = query.urlencode()
        return context


class PlanListView(ListView):
    template_name = "actions/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        day = today()
        open_q = ~Q(themes__actions__status__in=ActionStatus.closed())
        # Council-wide plans first, then service plans; both by title.
        service_last = Case(When(kind=PlanKind.SERVICE, then=1), default=0)
        plans = ActionPlan.objects.select_related("unit", "owner").order_by(service_last, "title")
        return plans.annotate(
            n_actions=Count("themes__actions"),
            n_complete=Count(
                "themes__actions", filter=Q(themes__actions__status=ActionStatus.COMPLETE)
            ),
            n_overdue=Count(
                "themes__actions",
                filter=open_q
                & Q(themes__actions__when_kind=WhenKind.DATE, themes__actions__due_date__lt=day),
            ),
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
        context["rag_counts"] = self.object_list.rag_counts(today())
        context["filtered"] = any(v for k, v in self.request.GET.items() if k != "export")
        return context


class MyActionsView(ActionTableMixin, FilterView):
    """The actions the signed-in person leads, across every plan."""

    template_name = "actions/my_actions.html"
    export_basename = "my-actions"

    def base_actions(self):
        return Action.objects.led_by(self.request.user)


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


def action_for_view(pk: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("theme__plan__unit", "service").prefetch_related("leads"),
        pk=pk,
    )


class ActionEditView(UpdateView):
    model = Action
    form_class = ActionForm
    template_name = "actions/form.html"

    def get_object(self, queryset=None):
        action = action_for_view(self.kwargs["pk"])
        if not perms.can_manage_action(self.request.user, action):
            raise PermissionDenied
        return action

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "plan": self.object.theme.plan,
            "user": self.request.user,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "heading": f"Edit action {self.object.number}",
            "cancel_url": self.object.get_absolute_url(),
        }


class ActionDetailView(DetailView):
    template_name = "actions/action_detail.html"
    context_object_name = "action"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Action.objects.select_related("theme__plan__unit", "service")
            .prefetch_related(
                "leads",
                "teams",
                "indicators",
                Prefetch("objectives", queryset=self._objectives(self.request.user)),
                "mitigated_risks__register",
            )
            .with_last_update(),
            pk=self.kwargs["pk"],
        )

    @staticmethod
    def _objectives(user):
        # Only objectives of plans this person may see (individual plans are private).
        return objectives().visible_to(user).select_related("plan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action, user, day = self.object, self.request.user, today()
        decorate_actions([action], user, day)
        context.update(
            today=day,
            rag=action.get_rag(day),
            suggested=action.suggested_rag(day),
            expected=action.expected_percent(day),
            updates=action.updates.select_related("author"),
            can_manage=perms.can_manage_action(user, action),
            can_history=perms.can_view_action_history(user, action),
        )
        if action.can_update and "form" not in context:
            context["form"] = ActionUpdateForm(
                initial={
                    "date": day,
                    "status": action.status,
                    "percent_complete": action.percent_complete,
                    "rag_override": action.rag_override,
                    "rag_override_reason": action.rag_override_reason,
                }
            )
        return context


class ActionProgressView(FormView):
    """Record a dated progress update (POST); the form sits on the action page."""

    form_class = ActionUpdateForm
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        self.action = action_for_view(kwargs["pk"])
        if not perms.can_update_action(request.user, self.action):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            action_update_record(action=self.action, author=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, f"Progress on action {self.action.number} recorded.")
        return HttpResponseRedirect(self.action.get_absolute_url())

    def form_invalid(self, form):
        view = ActionDetailView(request=self.request, kwargs={"pk": self.action.pk})
        view.object = view.get_object()
        context = view.get_context_data(form=form)
        return view.render_to_response(context, status=400)


class HistoryMixin:
    """The change history (simple_history) of one object, with what changed each time."""

    template_name = "actions/history.html"

    def history_records(self, obj):
        return history_rows(obj, size=CouncilSettings.load().risk_matrix_size)


class ActionHistoryView(HistoryMixin, DetailView):
    def get_object(self, queryset=None):
        action = action_for_view(self.kwargs["pk"])
        if not perms.can_view_action_history(self.request.user, action):
            raise PermissionDenied
        return action

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "heading": f"History of action {self.object.number}",
            "records": self.history_records(self.object),
            "back_url": self.object.get_absolute_url(),
        }


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
        plan = data["plan"] or ActionPlan(
            title=data["title"],
            kind=data["kind"] or "service",
            unit=data["unit"],
            start_date=data["start_date"],
        )
        try:
            with transaction.atomic():
                result = action_plan_import(
                    plan=plan, name=upload.name, content=upload.read(upload.size + 1)
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


# Risk registers ---------------------------------------------------------------------------


class RegisterListView(ListView):
    template_name = "actions/register_list.html"
    context_object_name = "registers"

    def get_queryset(self):
        open_q = ~Q(risks__status=RiskStatus.CLOSED)
        registers = RiskRegister.objects.select_related("unit", "owner").order_by("kind", "title")
        return registers.annotate(
            n_open=Count("risks", filter=open_q),
            n_review_overdue=Count("risks", filter=open_q & Q(risks__review_date__lt=today())),
            top_score=Max(
                F("risks__residual_likelihood") * F("risks__residual_impact"), filter=open_q
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = perms.can_create_anything(self.request.user)
        context["top_risks"] = Risk.objects.top(5)
        return context


def risk_export_rows(risks, day):
    for r in risks:
        yield [
            r.register.title,
            r.ref,
            r.title,
            r.cause,
            r.effect,
            r.owner.get_full_name() or r.owner.username,
            r.inherent_likelihood,
            r.inherent_impact,
            r.inherent_score,
            r.residual_likelihood,
            r.residual_impact,
            r.residual_score,
            r.target_score,
            r.controls,
            "; ".join(a.number for a in r.mitigating_actions.all()),
            r.review_date.isoformat(),
            "yes" if r.is_review_overdue(day) else "",
            r.get_status_display(),
        ]


class RegisterDetailView(FilterView):
    """A register: heat map, quarterly trend and the risks sorted by residual score."""

    template_name = "actions/register_detail.html"
    filterset_class = RiskFilterSet

    def dispatch(self, request, *args, **kwargs):
        self.register = get_object_or_404(
            RiskRegister.objects.select_related("unit", "owner"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Risk.objects.filter(register=self.register)
            .select_related("owner", "register")
            .prefetch_related(
                Prefetch(
                    "mitigating_actions", queryset=Action.objects.only("pk", "number", "title")
                ),
                Prefetch("reviews", queryset=RiskReview.objects.order_by("date", "pk")),
            )
            .by_residual_score()
        )

    def get_filterset_kwargs(self, filterset_class):
        return super().get_filterset_kwargs(filterset_class) | {
            "register": self.register,
            "today": today(),
        }

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        fmt = request.GET.get("export")
        if fmt in {"csv", "xlsx"}:
            return table_response(
                fmt,
                f"risk-register-{self.register.pk}",
                RISK_EXPORT_HEADER,
                risk_export_rows(self.object_list, today()),
            )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = today()
        size = CouncilSettings.load().risk_matrix_size
        # The heat map and trend cover the whole register, whatever the table's filters.
        all_risks = list(self.get_queryset())
        open_risks = [r for r in all_risks if r.status != RiskStatus.CLOSED]
        risks = list(self.object_list)
        for risk in risks:
            risk.review_overdue = risk.is_review_overdue(day)
            risk.trend = score_trend(risk.reviews.all())[-4:]
            risk.band = risk.residual_band(size) if risk.residual_score else ""
        quarters = Period.last_ended(Frequency.QUARTERLY, day).back(4)
        context.update(
            register=self.register,
            risks=risks,
            size=size,
            heat_map=heat_map(open_risks, size),
            trend=register_trend(all_risks, quarters, size),
            band_labels=[label for label, _ in heat_map([], size).band_counts()],
            can_manage=perms.can_manage_register(self.request.user, self.register),
            today=day,
            query=self._query(),
        )
        return context

    def _query(self) -> str:
        query = self.request.GET.copy()
        query.pop("export", None)
        return query.urlencode()


class RegisterManageMixin:
    model = RiskRegister
    form_class = RiskRegisterForm
    template_name = "actions/form.html"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}


class RegisterCreateView(RegisterManageMixin, CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not perms.can_create_anything(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"heading": "New risk register"}


class RegisterEditView(RegisterManageMixin, UpdateView):
    def get_object(self, queryset=None):
        register = super().get_object(queryset)
        if not perms.can_manage_register(self.request.user, register):
            raise PermissionDenied
        return register

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"heading": f"Edit {self.object}"}


class RiskCreateView(CreateView):
    model = Risk
    form_class = RiskForm
    template_name = "actions/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.register = get_object_or_404(RiskRegister, pk=kwargs["pk"])
        if not perms.can_manage_register(request.user, self.register):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"register": self.register, "user": self.request.user}

    def form_valid(self, form):
        form.instance.register = self.register
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "heading": f"New risk in {self.register}",
            "cancel_url": self.register.get_absolute_url(),
        }


def risk_for_view(pk: int) -> Risk:
    return get_object_or_404(Risk.objects.select_related("register__unit", "owner"), pk=pk)


class RiskEditView(UpdateView):
    model = Risk
    form_class = RiskForm
    template_name = "actions/form.html"

    def get_object(self, queryset=None):
        risk = risk_for_view(self.kwargs["pk"])
        if not perms.can_manage_register(self.request.user, risk.register):
            raise PermissionDenied
        return risk

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "register": self.object.register,
            "user": self.request.user,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "heading": f"Edit risk {self.object.ref}",
            "cancel_url": self.object.get_absolute_url(),
        }


class RiskDetailView(DetailView):
    template_name = "actions/risk_detail.html"
    context_object_name = "risk"

    def get_object(self, queryset=None):
        return risk_for_view(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        risk, user, day = self.object, self.request.user, today()
        size = CouncilSettings.load().risk_matrix_size
        reviews = list(risk.reviews.select_related("reviewer").order_by("date", "pk"))
        scores = [r.score for r in reviews]
        mitigating = decorate_actions(
            risk.mitigating_actions.for_table().with_suggested_rag(day).with_last_update(),
            user,
            day,
        )
        context.update(
            today=day,
            size=size,
            reviews=list(reversed(reviews)),
            sparkline=sparkline_svg(
                scores,
                label=(
                    f"Residual score at each review: {', '.join(map(str, scores))}"
                    if scores
                    else "No reviews yet"
                ),
            ),
            heat_map=heat_map([risk], size),
            mitigating=mitigating,
            objectives=risk.objectives.visible_to(user).select_related("plan"),
            band_label=RiskBand(risk.residual_band(size)).label,
            can_manage=perms.can_manage_register(user, risk.register),
            can_review=perms.can_review_risk(user, risk),
            can_history=perms.can_view_risk_history(user, risk),
        )
        if context["can_review"] and "form" not in context:
            context["form"] = RiskReviewForm(
                size=size,
                initial={
                    "date": day,
                    "likelihood": risk.residual_likelihood,
                    "impact": risk.residual_impact,
                    "status": risk.status,
                    "next_review_date": day + datetime.timedelta(days=91),
                },
            )
        return context


class RiskReviewView(FormView):
    """Record a review of a risk (POST); the form sits on the risk page."""

    form_class = RiskReviewForm
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        self.risk = risk_for_view(kwargs["pk"])
        if not perms.can_review_risk(request.user, self.risk):
            raise PermissionDenied
        self.size = CouncilSettings.load().risk_matrix_size
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"size": self.size}

    def form_valid(self, form):
        try:
            risk_review_record(
                risk=self.risk,
                reviewer=self.request.user,
                matrix_size=self.size,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, f"Review of risk {self.risk.ref} recorded.")
        return HttpResponseRedirect(self.risk.get_absolute_url())

    def form_invalid(self, form):
        view = RiskDetailView(request=self.request, kwargs={"pk": self.risk.pk})
        view.object = self.risk
        return view.render_to_response(view.get_context_data(form=form), status=400)


class RiskHistoryView(HistoryMixin, DetailView):
    def get_object(self, queryset=None):
        risk = risk_for_view(self.kwargs["pk"])
        if not perms.can_view_risk_history(self.request.user, risk):
            raise PermissionDenied
        return risk

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "heading": f"History of risk {self.object.ref}",
            "records": self.history_records(self.object),
            "back_url": self.object.get_absolute_url(),
        }
