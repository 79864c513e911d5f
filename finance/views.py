"""Finance pages: the council's position, a unit's lines, import, edit, history, value for
money. Every page reads its period from ?period= (the latest with figures by default)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView, UpdateView

from core.models import OrgUnit
from core.tabular import ImportRefused, TableError, table_response
from finance.access import FinanceAccessMixin, manages_finance, reads_finance_history
from finance.forms import BudgetFigureForm, BudgetImportForm
from finance.history import budget_history
from finance.importer import COLUMNS, TEMPLATE_ROWS, budgets_import
from finance.models import BudgetFigure
from finance.value import value_for_money_rows
from finance.variance import budget_periods, finance_position
from indicators.periods import Period

LARGEST_OVERSPENDS = 10


def chosen_period(request: HttpRequest, periods: list[Period]) -> Period | None:
    """Return the period asked for in ?period=, else the latest with figures; None when
    there are none. A period that cannot be read is said so, and the latest is shown."""
    label = request.GET.get("period", "")
    if label:
        try:
            return Period.parse(label)
        except ValueError as exc:
            messages.error(request, f"{exc} Showing the latest period instead.")
    return periods[0] if periods else None


class PeriodMixin:
    request: HttpRequest

    def period_context(self) -> dict:
        periods = budget_periods()
        period = chosen_period(self.request, periods)
        return {"periods": periods, "period": period}


class FinanceOverviewView(FinanceAccessMixin, PeriodMixin, TemplateView):
    """The council's revenue and capital position by directorate and service."""

    template_name = "finance/overview.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs) | self.period_context()
        period = context["period"]
        if period is not None:
            position = finance_position(period=period)
            context.update(
                position=position,
                capital=finance_position(period=period, capital=True),
                overspends=position.largest_overspends(LARGEST_OVERSPENDS),
            )
        context["may_import"] = manages_finance(self.request.user)
        return context


class UnitFinanceView(FinanceAccessMixin, PeriodMixin, TemplateView):
    """A directorate's or service's budget lines, with their forecasts and commentary."""

    template_name = "finance/unit.html"

    def get_context_data(self, **kwargs) -> dict:
        unit = get_object_or_404(
            OrgUnit.objects.filter(kind__in=["directorate", "service"]), code=kwargs["code"]
        )
        context = super().get_context_data(**kwargs) | self.period_context()
        context.update(
            unit=unit,
            may_edit=manages_finance(self.request.user),
            may_read_history=reads_finance_history(self.request.user),
        )
        if context["period"] is not None:
            position = finance_position(period=context["period"], within=unit)
            context.update(
                position=position,
                row=position.row(unit),
                capital=finance_position(period=context["period"], within=unit, capital=True),
            )
        return context


class BudgetImportView(FinanceAccessMixin, FormView):
    """Upload the finance system's export; all-or-nothing, with row errors shown."""

    rule = staticmethod(manages_finance)
    form_class = BudgetImportForm
    template_name = "finance/import.html"

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            result = budgets_import(upload.name, upload.read(), by=self.request.user)
        except TableError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        except ImportRefused as exc:
            return self.render_to_response(
                self.get_context_data(
                    form=form, row_errors=exc.errors.as_lines(), problem_count=len(exc.errors)
                )
            )
        messages.success(self.request, f"Imported budgets: {result}.")
        return redirect("finance:import")


class BudgetTemplateView(FinanceAccessMixin, View):
    """The import's columns with two example rows, as CSV or Excel."""

    rule = staticmethod(manages_finance)

    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        if fmt not in ("csv", "xlsx"):
            raise Http404
        return table_response(fmt, "budgets-template", COLUMNS, TEMPLATE_ROWS)


class BudgetFigureEditView(FinanceAccessMixin, UpdateView):
    """Correct one period's spend, forecast or commentary (history keeps the old values)."""

    rule = staticmethod(manages_finance)
    model = BudgetFigure
    form_class = BudgetFigureForm
    template_name = "finance/figure_form.html"

    def get_queryset(self):
        return BudgetFigure.objects.select_related("line__unit")

    def form_valid(self, form):
        form.instance._history_user = self.request.user
        form.instance._change_reason = "Edited"
        form.save()
        messages.success(self.request, f"Saved {self.object.line.name}, {self.object.period}.")
        return redirect(self.get_success_url())

    def get_success_url(self) -> str:
        url = reverse("finance:unit", args=[self.object.line.unit.code])
        return f"{url}?period={self.object.period.label}"


class BudgetHistoryView(FinanceAccessMixin, TemplateView):
    """Every change to a unit's budget lines and figures: who, when, what (internal audit)."""

    rule = staticmethod(reads_finance_history)
    template_name = "finance/history.html"
    LIMIT = 500

    def get_context_data(self, **kwargs) -> dict:
        unit = get_object_or_404(
            OrgUnit.objects.filter(kind__in=["directorate", "service"]), code=kwargs["code"]
        )
        context = super().get_context_data(**kwargs)
        return context | {"unit": unit, "entries": budget_history(unit, limit=self.LIMIT)}


class ValueForMoneyView(FinanceAccessMixin, PeriodMixin, TemplateView):
    """Unit costs by service: a linked budget line's spend per unit of its PI."""

    template_name = "finance/value_for_money.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs) | self.period_context()
        if context["period"] is not None:
            context["rows"] = value_for_money_rows(context["period"])
        return context
