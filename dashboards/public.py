"""Public performance pages and open data, under /public/ (no login).

Only indicators marked public appear, and only their verified figures of closed periods (the
engine's PUBLISHED basis). Commentary marked internal is never shown, and owners' names only
when the council publishes them. Each page and file is built from `published_data`, so the
HTML, CSV and JSON cannot disagree about what is published.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from core.links import absolute_url
from core.models import CouncilSettings
from core.tabular import csv_response
from indicators import cached
from indicators.assessment import Assessment, Basis, indicator_history
from indicators.charts import line_chart_svg
from indicators.comparators import comparison_panel
from indicators.formatting import person_name, unit_suffix
from indicators.models import Indicator, PeriodClosure
from indicators.periods import Period
from plans.choices import PlanKind, PlanStatus
from plans.models import Objective, Plan
from plans.rollup import indicator_priorities

# How far back an indicator's public history goes.
HISTORY_YEARS = 5


def code_slug(code: str) -> str:
    """Return the stable URL slug of an indicator code, e.g. 'NI 191' -> 'ni-191'."""
    return slugify(code)


def public_indicators() -> QuerySet:
    return Indicator.objects.filter(is_public=True).select_related("service", "owner")


def closed_periods() -> dict[str, list[Period]]:
    """Return {frequency: closed periods, oldest first} (one query)."""
    result: dict[str, list[Period]] = defaultdict(list)
    for frequency, year, number in PeriodClosure.objects.order_by("year", "number").values_list(
        "frequency", "year", "number"
    ):
        result[frequency].append(Period(frequency, year, number))
    return result


def council_priorities() -> list[Objective]:
    """Return the priorities of the latest approved Council Plan (public by nature)."""
    plan = (
        Plan.objects.filter(kind=PlanKind.COUNCIL, status=PlanStatus.APPROVED)
        .filter(year__lte=timezone.localdate().year)
        .order_by("-year", "pk")
        .first()
    )
    return list(plan.objectives.order_by("number")) if plan else []


@dataclass
class PublicIndicator:
    """One public indicator with its latest published assessment (None when none)."""

    indicator: Indicator
    slug: str
    latest: Assessment | None
    show_owner: bool
    priorities: list[str] = field(default_factory=list)

    @property
    def owner_name(self) -> str:
        if not self.show_owner:
            return ""
        owner = self.indicator.owner
        return person_name(owner)

    @property
    def has_figure(self) -> bool:
        return self.latest is not None and self.latest.figure is not None


def published_data(
    indicators: list[Indicator] | None = None,
    *,
    priorities: list[Objective] | None = None,
    council: CouncilSettings | None = None,
) -> list[PublicIndicator]:
    """Return every public indicator (or those given) with its latest published assessment.

    Each frequency is assessed at its latest closed period, on published figures only; a
    fixed number of queries whatever the number of indicators.
    """
    indicators = list(public_indicators()) if indicators is None else indicators
    closed = closed_periods()
    council = council or CouncilSettings.load()
    latest: dict[int, Assessment] = {}
    by_frequency: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        by_frequency[indicator.frequency].append(indicator)
    for frequency, group in by_frequency.items():
        if not closed.get(frequency):
            continue
        for a in cached.assess(
            group, closed[frequency][-1], basis=Basis.PUBLISHED, council=council
        ):
            latest[a.indicator.pk] = a
    priorities = council_priorities() if priorities is None else priorities
    names = {p.pk: f"{p.number}. {p.title}" for p in priorities}
    served = indicator_priorities(priorities)
    return [
        PublicIndicator(
            indicator,
            code_slug(indicator.code),
            latest.get(indicator.pk),
            council.publish_owner_names,
            [names[pk] for pk in sorted(served.get(indicator.pk, ()))],
        )
        for indicator in indicators
    ]


def published_history(indicator: Indicator) -> list[Assessment]:
    """Return the indicator's assessments at its closed periods (last five years), oldest
    first, on published figures only."""
    periods = closed_periods().get(indicator.frequency, [])
    if periods:
        first_year = periods[-1].year - HISTORY_YEARS + 1
        periods = [p for p in periods if p.year >= first_year]
    return indicator_history(indicator, periods, basis=Basis.PUBLISHED)


def public_commentary(a: Assessment) -> str:
    """Return the figure's commentary when it may be published ('' when internal or none)."""
    figure = a.figure
    if figure is None or figure.commentary_is_internal:
        return ""
    return figure.commentary


def _text(value) -> str:
    return "" if value is None else str(value)


def figure_record(a: Assessment) -> dict:
    """Return a published figure as open data (strings for decimals, so nothing is rounded)."""
    return {
        "period": a.period.label,
        "period_start": a.period.start.isoformat(),
        "period_end": a.period.end.isoformat(),
        "value": _text(a.value) or None,
        "target": _text(a.target) or None,
        "rag": a.rag,
        "ytd_value": _text(a.ytd_value) or None,
        "ytd_target": _text(a.ytd_target) or None,
        "ytd_rag": a.ytd_rag,
        "direction_previous": a.dot_previous,
        "direction_last_year": a.dot_last_year,
        "commentary": public_commentary(a),
        **revision_record(a),
    }


def revision_record(a: Assessment) -> dict:
    """Return whether, when and why a published figure was revised, as open data fields."""
    revision = a.revision
    return {
        "revised": revision is not None,
        "revised_on": revision.on.isoformat() if revision else None,
        "revision_reason": revision.reason if revision else "",
    }


def _cell(value) -> str:
    """Return an open data value as a CSV cell: yes/no for flags, '' for none."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def indicator_record(item: PublicIndicator) -> dict:
    """Return an indicator's description as open data, with links to its own files."""
    indicator = item.indicator
    record = {
        "code": indicator.code,
        "title": indicator.title,
        "description": indicator.description,
        "unit": indicator.unit,
        "decimal_places": indicator.decimal_places,
        "polarity": indicator.polarity,
        "frequency": indicator.frequency,
        "type": indicator.indicator_type,
        "national": indicator.is_national,
        "service": indicator.service.name,
        "priorities": item.priorities,
        "page": absolute_url(reverse("dashboards:public_indicator", args=[item.slug])),
        "json": absolute_url(reverse("dashboards:public_indicator_json", args=[item.slug])),
        "csv": absolute_url(reverse("dashboards:public_indicator_csv", args=[item.slug])),
    }
    if item.show_owner:
        record["owner"] = item.owner_name
    return record


FIGURE_COLUMNS = [
    "period",
    "period_start",
    "period_end",
    "value",
    "target",
    "rag",
    "ytd_value",
    "ytd_target",
    "ytd_rag",
    "direction_previous",
    "direction_last_year",
    "commentary",
    "revised",
    "revised_on",
    "revision_reason",
]


def _find(slug: str) -> PublicIndicator:
    """Return the public indicator with this slug, or raise Http404."""
    for indicator in public_indicators():
        if code_slug(indicator.code) == slug:
            return published_data([indicator])[0]
    raise Http404("No public indicator has this address.")


def chart(indicator: Indicator, history: list[Assessment]) -> SafeString:
    return line_chart_svg(
        title=f"{indicator.code} {indicator.title}: published figures against target",
        labels=[a.period.label for a in history],
        actual=[a.value for a in history],
        target=[a.target for a in history],
        unit=unit_suffix(indicator.unit),
        decimal_places=indicator.decimal_places,
    )


@method_decorator(login_not_required, name="dispatch")
class PublicIndexView(TemplateView):
    """Published performance, grouped by Council Plan priority."""

    template_name = "public/index.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        council = CouncilSettings.load()
        priorities = council_priorities()
        data = published_data(priorities=priorities, council=council)
        items = [item for item in data if item.has_figure]
        groups: dict[str, list[PublicIndicator]] = defaultdict(list)
        for item in items:
            for name in item.priorities or ["Other indicators"]:
                groups[name].append(item)
        order = [f"{p.number}. {p.title}" for p in priorities] + ["Other indicators"]
        context["groups"] = [(name, groups[name]) for name in order if groups.get(name)]
        context["count"] = len(items)
        context["council"] = council
        return context


@method_decorator(login_not_required, name="dispatch")
class PublicIndicatorView(TemplateView):
    """One public indicator: description, chart and table of its published figures."""

    template_name = "public/indicator.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        item = _find(kwargs["slug"])
        published = published_history(item.indicator)
        history = [a for a in published if a.figure is not None]
        context.update(
            item=item,
            # Public comparator data beside our published figures only.
            bench=comparison_panel(item.indicator, published, unit_suffix(item.indicator.unit)),
            indicator=item.indicator,
            history=list(reversed(history)),
            rows=[(a, public_commentary(a)) for a in reversed(history)],
            chart=chart(item.indicator, history),
            council=CouncilSettings.load(),
        )
        return context


@method_decorator(login_not_required, name="dispatch")
class PublicIndicatorDataView(View):
    """One public indicator's published figures as JSON or CSV."""

    fmt = "json"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        item = _find(slug)
        history = [a for a in published_history(item.indicator) if a.figure is not None]
        records = [figure_record(a) for a in history]
        if self.fmt == "csv":
            meta = ["code", "title"] + (["owner"] if item.show_owner else [])
            values = [item.indicator.code, item.indicator.title] + (
                [item.owner_name] if item.show_owner else []
            )
            return csv_response(
                f"{item.slug}.csv",
                meta + FIGURE_COLUMNS,
                [values + [_cell(r[c]) for c in FIGURE_COLUMNS] for r in records],
            )
        return JsonResponse({**indicator_record(item), "figures": records})


@method_decorator(login_not_required, name="dispatch")
class PublicSetView(View):
    """Every public indicator with its latest published figure, as JSON or CSV."""

    fmt = "json"

    def get(self, request: HttpRequest) -> HttpResponse:
        items = published_data()
        if self.fmt == "csv":
            show_owner = CouncilSettings.load().publish_owner_names
            header = ["code", "title", "description", "unit", "frequency", "service"]
            header += (["owner"] if show_owner else []) + ["priorities"] + FIGURE_COLUMNS
            rows = []
            for item in items:
                i = item.indicator
                latest = figure_record(item.latest) if item.has_figure else {}
                rows.append(
                    [i.code, i.title, i.description, i.unit, i.frequency, i.service.name]
                    + ([item.owner_name] if show_owner else [])
                    + ["; ".join(item.priorities)]
                    + [_cell(latest.get(c)) for c in FIGURE_COLUMNS]
                )
            return csv_response("indicators.csv", header, rows)
        council = CouncilSettings.load()
        return JsonResponse(
            {
                "council": council.council_name,
                "licence": "Open Government Licence v3.0",
                "indicators": [
                    {
                        **indicator_record(item),
                        "latest": figure_record(item.latest) if item.has_figure else None,
                    }
                    for item in items
                ],
            }
        )
