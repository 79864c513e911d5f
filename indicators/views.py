"""Pages of the PI register: the list, an indicator's page, editing, targets and imports."""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, UpdateView
from django_filters.views import FilterView

from core.access import has
from core.models import CouncilSettings
from core.origin import origin_of
from core.parsing import ParseError, parse_int
from core.tabular import ImportRefused, TableError, table_response
from indicators import cached, importers
from indicators.assessment import indicator_history
from indicators.charts import line_chart_svg
from indicators.choices import Frequency
from indicators.comparators import ambition_check, comparison_panel, import_benchmarks
from indicators.filtersets import IndicatorFilterSet
from indicators.formatting import unit_suffix
from indicators.forms import (
    BenchmarkImportForm,
    ImportForm,
    IndicatorForm,
    TargetForm,
    year_choices,
)
from indicators.models import ComparatorValue, Indicator, Target
from indicators.periods import Period, fy_label, fy_of, periods_of_year
from indicators.services import figure_is_locked, target_change
from indicators.visibility import figure_basis_for, sees_drafts_of, visible_indicators

CHART_SPAN = {Frequency.MONTHLY: 36, Frequency.QUARTERLY: 12, Frequency.ANNUAL: 5}
PERIOD_CHOICES_BACK = 36  # months offered in the register's period picker


def default_period(today=None) -> Period:
    """Return the month the register reports by default: the last one that has ended."""
    return Period.last_ended(Frequency.MONTHLY, today or timezone.localdate())


def period_choices(today=None) -> list[tuple[str, str]]:
    """Return (label, long label) for recent months, newest first."""
    latest = default_period(today)
    return [(p.label, p.long_label) for p in reversed(latest.back(PERIOD_CHOICES_BACK))]


class ManageRegisterMixin(UserPassesTestMixin):
    """Only the performance team (and administrators) change the register."""

    def test_func(self) -> bool:
        return has(self.request.user, "manage_register")

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise PermissionDenied
        return super().handle_no_permission()


class IndicatorListView(FilterView):
    """The PI register: filters, search, sorting and each PI's RAG for a chosen month."""

    filterset_class = IndicatorFilterSet
    template_name = "indicators/indicator_list.html"
    paginate_by = 25
    queryset = Indicator.objects.select_related("service", "owner", "deputy").order_by("code")

    def get_queryset(self):
        return visible_indicators(self.request.user, super().get_queryset())

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        label = request.GET.get("period", "")
        self.period = default_period()
        if label:
            try:
                chosen = Period.parse(label)
            except ValueError:
                chosen = None
            if chosen is not None and chosen.frequency == Frequency.MONTHLY:
                self.period = chosen
        self.assessments: dict[int, object] = {}
        return super().get(request, *args, **kwargs)

    def _assess(self, indicators) -> None:
        basis = figure_basis_for(self.request.user)
        for assessment in cached.assess(indicators, self.period, basis=basis):
            self.assessments[assessment.indicator.pk] = assessment

    def paginate_queryset(self, queryset, page_size):
        rag = self.filterset.form.cleaned_data.get("rag") if self.filterset.is_valid() else ""
        if rag:
            # RAG is computed, not stored: assess every matching PI, keep those with this RAG.
            indicators = list(queryset)
            self._assess(indicators)
            queryset = [i for i in indicators if self.assessments[i.pk].rag == rag]
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        if not rag:
            self._assess(list(object_list))
        return paginator, page, object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [(i, self.assessments.get(i.pk)) for i in context["object_list"]]
        context["period"] = self.period
        context["period_choices"] = period_choices()
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("ordering", None)
        context["query_without_ordering"] = query.urlencode()
        context["ordering"] = self.request.GET.get("ordering", "")
        context["can_manage"] = has(self.request.user, "manage_register")
        return context


class IndicatorDetailView(DetailView):
    """An indicator's page: definition, owners, targets, chart and figures with RAG."""

    model = Indicator
    template_name = "indicators/indicator_detail.html"
    queryset = Indicator.objects.select_related("service", "owner", "deputy")

    def get_queryset(self):
        return visible_indicators(self.request.user, super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.object
        user = self.request.user
        latest = Period.last_ended(indicator.frequency, timezone.localdate())
        year = self._chosen_year(latest)
        basis = figure_basis_for(user, drafts=True)
        # Only the periods it was active in: a PI created in December owes nothing for April.
        year_periods = [
            p
            for p in periods_of_year(indicator.frequency, year)
            if p <= latest and indicator.is_active_in(p)
        ]
        chart_end = min(latest, periods_of_year(indicator.frequency, year)[-1])
        chart_periods = chart_end.back(CHART_SPAN[indicator.frequency])
        periods = sorted(set(chart_periods) | set(year_periods))
        by_period = {a.period: a for a in indicator_history(indicator, periods, basis=basis)}
        unit = unit_suffix(indicator.unit)
        chart_rows = [by_period[p] for p in chart_periods]
        context["bench"] = comparison_panel(indicator, chart_rows, unit)
        # Start the chart where the indicator's history starts.
        while len(chart_rows) > 1 and chart_rows[0].value is None and chart_rows[0].target is None:
            chart_rows.pop(0)
            chart_periods = chart_periods[1:]
        context["chart"] = line_chart_svg(
            title=f"{indicator.code} {indicator.title}: actual and target",
            labels=[p.label for p in chart_periods],
            actual=[a.value for a in chart_rows],
            target=[a.target for a in chart_rows],
            unit=unit,
            decimal_places=indicator.decimal_places,
        )
        show_internal = sees_drafts_of(user, indicator)
        can_amend = has(user, "close_periods")
        context["rows"] = [
            {
                "assessment": by_period[p],
                "commentary_visible": by_period[p].figure is not None
                and (show_internal or not by_period[p].figure.commentary_is_internal),
                "amend_url": self._amend_url(by_period[p]) if can_amend else "",
            }
            for p in reversed(year_periods)
        ]
        context["year"] = year
        context["year_label"] = fy_label(year)
        context["years"] = [(y, fy_label(y)) for y in range(latest.year, latest.year - 5, -1)]
        context["targets"] = [(t, fy_label(t.year)) for t in indicator.targets.order_by("-year")]
        context["unit"] = unit
        context["sees_drafts"] = show_internal
        context["can_manage"] = has(user, "manage_register")
        context["origin"] = origin_of(self.request)
        return context

    def _amend_url(self, assessment) -> str:
        """Return the link amending the period's figure, back to this page afterwards, when
        the figure changes only by an amendment (closed or verified); '' otherwise."""
        figure = assessment.figure
        if figure is None or not figure_is_locked(figure, closed=assessment.closed):
            return ""
        back = urlencode({"next": self.request.get_full_path()})
        return f"{reverse('indicators:figure_amend', args=[figure.pk])}?{back}"

    def _chosen_year(self, latest: Period) -> int:
        try:
            year = parse_int(self.request.GET.get("year"), "year")
        except ParseError:
            return latest.year
        return year if year is not None and latest.year - 10 <= year <= latest.year else latest.year


class IndicatorCreateView(ManageRegisterMixin, CreateView):
    model = Indicator
    form_class = IndicatorForm
    template_name = "indicators/indicator_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"{self.object.code} added to the register.")
        return response

    def get_success_url(self) -> str:
        return reverse("indicators:detail", args=[self.object.pk])


class IndicatorUpdateView(ManageRegisterMixin, UpdateView):
    model = Indicator
    form_class = IndicatorForm
    template_name = "indicators/indicator_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"{self.object.code} saved.")
        return response

    def get_success_url(self) -> str:
        return reverse("indicators:detail", args=[self.object.pk])


class TargetsView(ManageRegisterMixin, FormView):
    """An indicator's targets by year: the chosen year's stored targets, ready to change.

    The year is chosen with a GET picker (default: this financial year) and carried by the
    form; a save changes only what was changed and comes back to the same year.
    """

    form_class = TargetForm
    template_name = "indicators/targets.html"

    def dispatch(self, request, *args, **kwargs):
        self.indicator = get_object_or_404(Indicator, pk=kwargs["pk"])
        self.year = self._chosen_year(request.POST if request.method == "POST" else request.GET)
        return super().dispatch(request, *args, **kwargs)

    def _chosen_year(self, data) -> int:
        offered = dict(year_choices())
        try:
            year = parse_int(data.get("year"), "year")
        except ParseError:
            year = None
        return year if year in offered else fy_of(timezone.localdate())

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["indicator"] = self.indicator
        kwargs["target"] = Target.objects.filter(indicator=self.indicator, year=self.year).first()
        return kwargs

    def get_initial(self) -> dict:
        return {"year": self.year}

    def form_valid(self, form):
        year = form.cleaned_data["year"]
        changes = form.changes()
        target_change(indicator=self.indicator, year=year, changes=changes)
        label = f"{self.indicator.code} {fy_label(year)}"
        if changes:
            messages.success(self.request, f"Targets for {label} saved.")
        else:
            messages.info(self.request, f"Nothing was changed in the targets for {label}.")
        return redirect(f"{reverse('indicators:targets', args=[self.indicator.pk])}?year={year}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["indicator"] = self.indicator
        context["year"] = self.year
        context["year_label"] = fy_label(self.year)
        context["year_choices"] = year_choices()
        context["targets"] = [
            (target, fy_label(target.year)) for target in self.indicator.targets.order_by("-year")
        ]
        context["ambition"] = ambition_check(self.indicator, self.year)
        return context


class RefusedImportMixin:
    """Shows why an upload was refused, on the upload page with the form as it was sent: a
    file that cannot be read on the file field, row errors listed above the form."""

    def refused(self, form, exc: TableError | ImportRefused):
        if isinstance(exc, TableError):
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(
                form=form, row_errors=exc.errors.as_lines(), problem_count=len(exc.errors)
            )
        )


class ImportView(ManageRegisterMixin, RefusedImportMixin, FormView):
    """Upload a register, targets or figures file; all-or-nothing, with row errors shown."""

    form_class = ImportForm
    template_name = "indicators/import.html"
    IMPORTERS = {
        "indicators": importers.import_indicators,
        "targets": importers.import_targets,
        "figures": importers.import_figures,
    }

    def form_valid(self, form):
        kind = form.cleaned_data["kind"]
        upload = form.cleaned_data["file"]
        try:
            result = self.IMPORTERS[kind](upload.name, upload.read(), by=self.request.user)
        except (TableError, ImportRefused) as exc:
            return self.refused(form, exc)
        messages.success(self.request, f"Imported {kind}: {result}.")
        return redirect("indicators:import")


class ImportTemplateView(ManageRegisterMixin, View):
    """Download an empty template (with one example row) for an import."""

    def get(self, request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
        if kind not in ImportView.IMPORTERS or fmt not in ("csv", "xlsx"):
            raise Http404
        header, rows = importers.template_rows(kind)
        return table_response(fmt, f"{kind}-template", header, rows)


class BenchmarkImportView(ManageRegisterMixin, RefusedImportMixin, FormView):
    """Upload comparator data (indicators.comparators.import_benchmarks); all-or-nothing."""

    form_class = BenchmarkImportForm
    template_name = "indicators/benchmark_import.html"

    def get_initial(self) -> dict:
        return {"council_name": CouncilSettings.load().comparator_name}

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            result = import_benchmarks(
                upload.name,
                upload.read(),
                by=self.request.user,
                council_name=form.cleaned_data["council_name"],
            )
        except (TableError, ImportRefused) as exc:
            return self.refused(form, exc)
        messages.success(self.request, f"Imported {result}.")
        for note in result.notes:
            messages.warning(self.request, note)
        return redirect("indicators:benchmark_import")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["held"] = ComparatorValue.objects.count()
        return context
