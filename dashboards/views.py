"""Dashboards: the Board's, a directorate's and an officer's own, plus the drill-down lists.

Every view reads the filters from the URL (DashboardFilterSet), asks dashboards.summary for
the figures (which asks the shared assessment), and renders. htmx requests get only the
results fragment; the same URL without htmx gives the whole page, so bookmarks and browsers
without JavaScript work alike.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.generic import TemplateView

from core.access import scoped_unit_ids, service_scope_unit, user_unit
from core.choices import UnitKind
from core.models import OrgUnit
from core.tabular import table_response
from dashboards import panels
from dashboards.filtersets import DashboardFilterSet
from dashboards.summary import Summary, build_summary
from finance.panels import finance_panel
from indicators import cached
from indicators.figures.due import owned_q
from indicators.models import Indicator
from indicators.visibility import figure_basis_for

LIST_PAGE_SIZE = 100
# How many rows each dashboard panel shows before linking to the full list.
PANEL_ROWS = {"exceptions": 25, "missing": 15, "forecast": 15}


def directorate_of(unit: OrgUnit | None) -> OrgUnit | None:
    """Return the directorate a unit sits in (the unit itself when it is one), else None."""
    if unit is None:
        return None
    ids = unit.ancestor_ids()
    if len(ids) < 2:
        return None
    return OrgUnit.objects.filter(pk=ids[1]).first()


class FilteredDashboardMixin:
    """Reads the filters, builds the summary, and answers htmx with the results fragment."""

    request: HttpRequest
    template_name = ""
    results_template = ""
    # A unit the page is fixed to (the directorate view); None lets the filter choose.
    fixed_unit: OrgUnit | None = None

    def base_queryset(self) -> QuerySet:
        return Indicator.objects.all()

    def get_filterset(self) -> DashboardFilterSet:
        data = self.request.GET.copy()
        if self.fixed_unit is not None:
            data["unit"] = str(self.fixed_unit.pk)
        return DashboardFilterSet(data, queryset=self.base_queryset(), request=self.request)

    def get_summary(self, filterset: DashboardFilterSet) -> Summary:
        period = filterset.chosen_period
        within = filterset.form.cleaned_data.get("unit") if filterset.is_valid() else None
        indicators = filterset.qs.active_in(period)
        return build_summary(
            user=self.request.user,
            indicators=indicators,
            period=period,
            include_unverified=filterset.chosen("figures") == "entered",
            today=timezone.localdate(),
            within=within,
            rag=filterset.chosen("rag"),
            concern=filterset.chosen("concern"),
        )

    def get_template_names(self) -> list[str]:
        htmx = getattr(self.request, "htmx", None)
        if htmx and not htmx.history_restore_request and self.results_template:
            return [self.results_template]
        return [self.template_name]

    def render_to_response(self, context, **kwargs) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)  # type: ignore[misc]
        # The same URL answers with a fragment or a page: caches must tell them apart.
        patch_vary_headers(response, ["HX-Request"])
        return response


class PMBDashboardView(FilteredDashboardMixin, TemplateView):
    """The Performance Management Board's dashboard for a period."""

    template_name = "dashboards/pmb.html"
    results_template = "dashboards/partials/pmb_results.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset()
        summary = self.get_summary(filterset)
        today = timezone.localdate()
        unit = filterset.form.cleaned_data.get("unit") if filterset.is_valid() else None
        user = self.request.user
        context.update(
            filter=filterset,
            summary=summary,
            drill_params=filterset.data,
            fixed_unit=self.fixed_unit,
            exception_rows=panels.assessment_rows(
                summary.exceptions[: PANEL_ROWS["exceptions"]], user=user
            ),
            missing_rows=panels.assessment_rows(
                summary.missing[: PANEL_ROWS["missing"]], user=user
            ),
            forecast_rows=panels.assessment_rows(
                summary.forecast_misses[: PANEL_ROWS["forecast"]], user=user
            ),
            heading=self.heading(unit),
            actions=panels.action_panel(unit=unit, today=today),
            risks=panels.risk_panel(unit=unit),
            charts=panels.distribution_charts(summary),
            finance=finance_panel(user=user, period=summary.period, unit=unit),
            my_units=self.quick_units(),
        )
        return context

    def heading(self, unit: OrgUnit | None) -> str:
        return f"Performance dashboard: {unit.name}" if unit else "Performance dashboard"

    def quick_units(self) -> list[OrgUnit]:
        """Return the user's own service and directorate, for one-click directorate views."""
        scope = service_scope_unit(self.request.user)
        units = [u for u in (directorate_of(scope), scope) if u and u.kind != UnitKind.COUNCIL]
        return list({u.pk: u for u in units}.values())


class UnitDashboardView(PMBDashboardView):
    """A directorate's or service's dashboard, for heads of service and portfolio holders."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.fixed_unit = get_object_or_404(
            OrgUnit.objects.filter(kind__in=[UnitKind.DIRECTORATE, UnitKind.SERVICE]),
            code=kwargs["code"],
        )
        return super().dispatch(request, *args, **kwargs)


class IndicatorListView(FilteredDashboardMixin, TemplateView):
    """The list behind a dashboard count (same filters), linking to each indicator's page."""

    template_name = "dashboards/indicator_list.html"
    results_template = "dashboards/partials/indicator_results.html"

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        fmt = request.GET.get("format", "")
        if fmt in ("csv", "xlsx"):
            filterset = self.get_filterset()
            summary = self.get_summary(filterset)
            rows = panels.assessment_rows(summary.selected, user=request.user)
            return table_response(
                fmt,
                f"indicators-{summary.period.label}",
                panels.EXPORT_HEADER,
                [panels.export_row(row) for row in rows],
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset()
        summary = self.get_summary(filterset)
        paginator = Paginator(summary.selected, LIST_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        context.update(
            filter=filterset,
            summary=summary,
            drill_params=filterset.data,
            fixed_unit=self.fixed_unit,
            page=page,
            rows=panels.assessment_rows(page.object_list, user=self.request.user),
            description=panels.describe_selection(filterset, summary),
        )
        return context


class MyDashboardView(TemplateView):
    """An officer's own dashboard: the PIs they own or deputise, their actions, what is due."""

    template_name = "dashboards/mine.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        filterset = DashboardFilterSet(self.request.GET, request=self.request)
        period = filterset.chosen_period
        mine = Indicator.objects.filter(owned_q(user)).active_in(period).distinct()
        known_versions = cached.versions()  # for this month's assessments and the next's
        summary = build_summary(
            user=user,
            indicators=mine,
            period=period,
            include_unverified=True,
            today=today,
            within=user_unit(user),
            known_versions=known_versions,
        )
        context.update(
            filter=filterset,
            summary=summary,
            rows=panels.assessment_rows(summary.assessments, user=user),
            # The month coming up from the shared assessments too: officers reopen this
            # page all through the deadline day.
            due=panels.due_rows(
                summary.assessments
                + cached.assess(
                    [a.indicator for a in summary.assessments],
                    period.next(),
                    today=today,
                    basis=figure_basis_for(user),
                    known_versions=known_versions,
                )
            ),
            next_period=period.next(),
            actions=panels.my_actions(user=user, today=today),
            chart=panels.distribution_charts(summary)["overall"],
            sees_service=scoped_unit_ids(user) not in (None, []),
        )
        return context
