"""Pages of risk registers and risks: the registers, a register's heat map, trend and table,
creating and editing registers and risks, reviews and history."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView
from django_filters.views import FilterView

from actions import permissions as perms
from actions.choices import RiskBand, RiskStatus
from actions.filtersets import RiskFilterSet
from actions.forms import RiskForm, RiskRegisterForm, RiskReviewForm
from actions.models import Action, Risk, RiskRegister, RiskReview
from actions.risk import heat_map, register_trend, score_trend
from actions.services import risk_review_record
from actions.views.actions import HistoryMixin, decorate_actions
from actions.views.exports import RISK_EXPORT_HEADER, risk_export_rows
from core.clock import today
from core.models import CouncilSettings
from core.tabular import table_response
from indicators.charts import sparkline_svg
from indicators.choices import Frequency
from indicators.periods import Period


class RegisterListView(ListView):
    template_name = "actions/register_list.html"
    context_object_name = "registers"

    def get_queryset(self):
        return (
            RiskRegister.objects.select_related("unit", "owner")
            .order_by("kind", "title")
            .with_counts(today(self.request))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = perms.can_create_anything(self.request.user)
        context["top_risks"] = Risk.objects.top(5)
        return context


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
            "today": today(self.request),
        }

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        fmt = request.GET.get("export")
        if fmt in {"csv", "xlsx"}:
            return table_response(
                fmt,
                f"risk-register-{self.register.pk}",
                RISK_EXPORT_HEADER,
                risk_export_rows(self.object_list, today(self.request)),
            )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = today(self.request)
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
        risk, user, day = self.object, self.request.user, today(self.request)
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
