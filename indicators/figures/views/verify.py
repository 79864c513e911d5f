"""Verification pages: the queue of submitted figures, returning one with a reason, and
amending a closed period's (or a verified) figure."""

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from core.access import require, scoped_unit_ids
from core.parsing import ids_in
from core.redirects import safe_next
from indicators.assessment import Typed, assess_typed
from indicators.choices import FigureState
from indicators.figures.due import DueItem
from indicators.figures.forms import FigureEntryForm, ReasonForm, assess_forms
from indicators.figures.views.base import item_for, posted_version, todays_date
from indicators.models import Figure, PeriodClosure
from indicators.periods import Period
from indicators.services import (
    FigureConflict,
    figure_amend_closed,
    figure_return,
    figure_verify,
    may_verify,
)


def _verifiable_figures(user: User):
    """Return the submitted figures the user may verify (their service's, or all)."""
    unit_ids = scoped_unit_ids(user)
    figures = Figure.objects.filter(state=FigureState.SUBMITTED).select_related(
        "indicator", "indicator__service", "indicator__owner", "submitted_by"
    )
    if unit_ids is not None:
        figures = figures.filter(indicator__service_id__in=unit_ids)
    return figures.order_by("indicator__service__name", "indicator__code", "year", "number")


QUEUE_PAGE_SIZE = 100


class VerifyQueueView(TemplateView):
    """Submitted figures waiting for verification: verify (one or many) or return."""

    template_name = "indicators/entry/verify_queue.html"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "verify_figures")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(_verifiable_figures(self.request.user), QUEUE_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        figures = list(page.object_list)
        context["page_obj"] = page
        closed = set(PeriodClosure.objects.values_list("frequency", "year", "number"))
        typed = [
            Typed(
                f.indicator,
                Period(f.indicator.frequency, f.year, f.number),
                f.value,
                f.numerator,
                f.denominator,
            )
            for f in figures
        ]
        rows = []
        for figure, assessment in zip(figures, assess_typed(typed), strict=True):
            period = assessment.period
            rows.append(
                {
                    "figure": figure,
                    "assessment": assessment,
                    "previous_period": period.previous(),
                    "last_year_period": Period(period.frequency, period.year - 1, period.number),
                    "closed": (period.frequency, period.year, period.number) in closed,
                    "own": figure.submitted_by_id == self.request.user.pk,
                }
            )
        context["rows"] = rows
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        """Verify the ticked figures (or the one whose button was pressed)."""
        ids = request.POST.getlist("only") or request.POST.getlist("figure")
        ids = ids_in(ids)
        if not ids:
            messages.warning(request, "Tick the figures to verify first.")
            return redirect("indicators:verify_queue")
        verified, refused = 0, []
        for figure in Figure.objects.filter(pk__in=ids).select_related("indicator"):
            version = request.POST.get(f"version-{figure.pk}")
            if version and posted_version(version) is None:
                refused.append(f"{figure.indicator.code}: reload the list and try again")
                continue
            try:
                figure_verify(
                    figure=figure,
                    user=request.user,
                    expected_version=posted_version(version),
                )
                verified += 1
            except FigureConflict:
                refused.append(f"{figure.indicator.code}: it changed since you opened the list")
            except (PermissionDenied, ValidationError) as exc:
                reason = " ".join(getattr(exc, "messages", [])) or str(exc) or "not allowed"
                refused.append(f"{figure.indicator.code}: {reason}")
        if verified:
            messages.success(request, f"{verified} figure(s) verified.")
        for line in refused:
            messages.error(request, f"Not verified – {line}")
        return redirect("indicators:verify_queue")


class ReturnFigureView(View):
    """Return a submitted figure to its owner with a reason."""

    template_name = "indicators/entry/return.html"

    def get_figure(self, pk: int) -> Figure:
        require(self.request.user, "verify_figures")
        figure = get_object_or_404(
            Figure.objects.select_related("indicator", "indicator__owner", "submitted_by"), pk=pk
        )
        if not may_verify(self.request.user, figure.indicator):
            raise Http404
        return figure

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        figure = self.get_figure(pk)
        return render(request, self.template_name, {"figure": figure, "form": ReasonForm()})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        figure = self.get_figure(pk)
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                figure_return(
                    figure=figure,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    expected_version=posted_version(request.POST.get("version")),
                )
            except FigureConflict:
                form.add_error(None, "The figure changed since you opened it; check it again.")
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(request, f"{figure.indicator.code} returned to its owner.")
                return redirect("indicators:verify_queue")
        return render(request, self.template_name, {"figure": figure, "form": form}, status=400)


class AmendFigureView(View):
    """Amend a closed period's (or a verified) figure, with a reason: a restatement."""

    template_name = "indicators/entry/amend.html"

    def setup_item(self, request: HttpRequest, pk: int) -> DueItem:
        require(request.user, "close_periods")
        figure = get_object_or_404(Figure.objects.select_related("indicator"), pk=pk)
        label = Period(figure.indicator.frequency, figure.year, figure.number).label
        return item_for(request.user, f"{figure.indicator_id}:{label}", todays_date())

    def back_to(self, request: HttpRequest, item: DueItem) -> str:
        """Return where the person came from (a validated ?next=), else the PI's page."""
        return safe_next(request, reverse("indicators:detail", args=[item.indicator.pk]))

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = self.setup_item(request, pk)
        form = FigureEntryForm(item=item)
        assess_forms([form], submitting=False)
        context = {"form": form, "reason_form": ReasonForm(), "next": self.back_to(request, item)}
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = self.setup_item(request, pk)
        form = FigureEntryForm(request.POST, item=item)
        reason_form = ReasonForm(request.POST)
        valid = form.is_valid() & reason_form.is_valid()
        assess_forms([form], submitting=True)
        if valid and form.is_valid():
            try:
                figure_amend_closed(
                    user=request.user,
                    entry=form.to_input(),
                    reason=reason_form.cleaned_data["reason"],
                )
            except FigureConflict as conflict:
                form.conflict = next(iter(conflict.figures.values()))
                form.add_error(None, "Someone else changed this figure; check it and try again.")
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    f"{item.indicator.code} {item.period.label} amended: it now shows as revised, "
                    "with today's date and your reason.",
                )
                return redirect(self.back_to(request, item))
        context = {"form": form, "reason_form": reason_form, "next": self.back_to(request, item)}
        return render(request, self.template_name, context, status=400)
