"""The API's endpoints (docs/api.md). Thin: each asks the pages' own access functions and
querysets, and the export's rows, for what its person may see.
"""

import re

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import conditional_page
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from actions.filtersets import ActionFilterSet, RiskFilterSet
from actions.models import Action, Risk
from api import serializers as s
from api.services import KeyReused, figures_deliver, request_hash
from core.tabular import ImportRefused
from dashboards.thread_views import plan_nodes, plan_thread
from indicators.choices import Frequency
from indicators.exports import assessment_row, assessment_rows, export_basis, register_for_export
from indicators.filtersets import IndicatorFilterSet
from indicators.models import Indicator
from indicators.periods import Period
from plans.filtersets import PlanFilterSet
from plans.models import Plan
from reporting.models import Pack
from reporting.views import PackFileView

ERRORS = dict.fromkeys((400, 401, 403, 404, 429), s.ErrorSerializer)
MAX_PERIODS = 60  # the flat register's range: five years of months
HISTORY_SPAN = {Frequency.MONTHLY: 36, Frequency.QUARTERLY: 12, Frequency.ANNUAL: 5}


class ApiView(GenericAPIView):
    """Every endpoint: DRF signs the request in (token or session) instead of the login
    middleware, and a GET answers 304 to a matching If-None-Match (its ETag is the body's)."""

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(conditional_page(super().as_view(**initkwargs)))

    query: list[OpenApiParameter] = []  # the documented query parameters, checked as typed

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        paged = [PAGE, PAGE_SIZE] if self.pagination_class else []
        check_query(request, [*self.query, *paged])

    def page_of(self, rows) -> Response:
        """Return the requested page of `rows`, serialized, with the links to the others."""
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


PAGE = OpenApiParameter("page", OpenApiTypes.INT)
PAGE_SIZE = OpenApiParameter("page_size", OpenApiTypes.INT)
BOOLEANS = ("true", "false")


def check_query(request, parameters: list[OpenApiParameter]) -> None:
    """Refuse (400) a query whose documented parameters are not of their documented type
    or choices, or are given twice: the filters would otherwise quietly ignore them."""
    problems = {}
    for name, values in request.query_params.lists():
        if len(values) > 1:
            problems[name] = ["Give this parameter once."]
    for parameter in parameters:
        value = request.query_params.get(parameter.name)
        if value is None or parameter.name in problems:
            continue
        if parameter.type == OpenApiTypes.INT and not re.fullmatch(r"-?[0-9]{1,18}", value):
            problems[parameter.name] = ["A whole number."]
        elif parameter.type == OpenApiTypes.BOOL and value not in BOOLEANS:
            problems[parameter.name] = ["true or false."]
        elif parameter.enum and value not in parameter.enum:
            problems[parameter.name] = ["One of: " + ", ".join(map(str, parameter.enum))]
    if problems:
        raise ValidationError(problems)


def _filter_parameters(filterset_class, *, skip: tuple[str, ...] = ()) -> list:
    """Return the filterset's filters as documented query parameters."""
    parameters = []
    for name, flt in filterset_class.base_filters.items():
        if name in skip:
            continue
        choices = getattr(flt, "extra", {}).get("choices")
        kind = OpenApiTypes.STR
        if flt.__class__.__name__ in ("ModelChoiceFilter", "PersonFilter", "NumberFilter"):
            kind = OpenApiTypes.INT
        elif flt.__class__.__name__ == "BooleanFilter":
            kind = OpenApiTypes.BOOL
        enum = [value for value, _label in choices] if isinstance(choices, list | tuple) else None
        if name == "ordering":
            enum = [f"{sign}{field}" for field in flt.param_map for sign in ("", "-")]
        parameters.append(
            OpenApiParameter(
                name, kind, required=False, enum=enum, description=str(flt.label or "")
            )
        )
    return parameters


def _filtered(filterset, request):
    """Return the filterset, valid; a 400 naming the filters it refused otherwise."""
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset


def _period(label: str, default: Period, what: str = "period") -> Period:
    if not label.strip():
        return default
    try:
        return Period.parse(label)
    except ValueError as exc:
        raise ValidationError({what: [str(exc)]}) from None


def _basis(request):
    drafts = request.query_params.get("drafts", "") == "true"
    try:
        return export_basis(
            request.user, drafts=drafts, narrower=request.query_params.get("basis", "")
        )
    except ValueError as exc:
        raise ValidationError({"basis": [str(exc)]}) from None


BASIS_PARAMETERS = [
    OpenApiParameter(
        "drafts", OpenApiTypes.BOOL, description="Count the drafts you may see (as the export)."
    ),
    OpenApiParameter("basis", OpenApiTypes.STR, enum=["verified", "published"]),
]
PERIOD = OpenApiParameter(
    "period", OpenApiTypes.STR, description="e.g. 2025-11 or 2025/26 Q2; default: last month ended"
)
RANGE = [
    OpenApiParameter("from", OpenApiTypes.STR, description="First period, e.g. 2025-04"),
    OpenApiParameter("to", OpenApiTypes.STR, description="Last period; default: last month ended"),
]


def _latest_month() -> Period:
    return Period.last_ended(Frequency.MONTHLY, timezone.localdate())


# Indicators -----------------------------------------------------------------------------------


class IndicatorListView(ApiView):
    """The PI register's fields, filtered as the register page is (everyone signed in sees
    the register), by code."""

    serializer_class = s.IndicatorSerializer

    query = _filter_parameters(IndicatorFilterSet, skip=("rag",))

    @extend_schema(
        parameters=query,
        responses={200: s.IndicatorSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        queryset = Indicator.objects.select_related("service", "owner", "deputy").order_by(
            "code", "pk"
        )
        filterset = _filtered(
            IndicatorFilterSet(request.query_params, queryset=queryset, request=request), request
        )
        return self.page_of(filterset.qs)


class IndicatorDetailView(ApiView):
    serializer_class = s.IndicatorSerializer

    @extend_schema(responses={200: s.IndicatorSerializer, **ERRORS})
    def get(self, request, pk: int):
        indicator = get_object_or_404(
            Indicator.objects.select_related("service", "owner", "deputy"), pk=pk
        )
        return Response(self.get_serializer(indicator).data)


class IndicatorHistoryView(ApiView):
    """One PI over a range of its periods, in the export's columns, with the figures its
    page shows the person (figure_basis_for with drafts, as the PI's page)."""

    serializer_class = s.RegisterRowSerializer
    pagination_class = None

    query = RANGE

    @extend_schema(parameters=query, responses={200: s.RegisterRowSerializer(many=True), **ERRORS})
    def get(self, request, pk: int):
        from indicators.assessment import indicator_history
        from indicators.visibility import figure_basis_for

        indicator = get_object_or_404(Indicator, pk=pk)
        latest = Period.last_ended(indicator.frequency, timezone.localdate())
        last = _period(request.query_params.get("to", ""), latest, "to")
        first = _period(
            request.query_params.get("from", ""),
            last.back(HISTORY_SPAN[indicator.frequency])[0],
            "from",
        )
        periods = _periods_between(first, last, frequency=indicator.frequency)
        history = indicator_history(
            indicator, periods, basis=figure_basis_for(request.user, drafts=True)
        )
        return Response([s.register_row(assessment_row(a)) for a in history])


def _periods_between(first: Period, last: Period, *, frequency: str | None = None) -> list[Period]:
    """Return the periods from `first` to `last` inclusive; 400 when they cannot make one."""
    if first.frequency != last.frequency or (frequency and first.frequency != frequency):
        raise ValidationError(
            {"from": [f"from and to must both be {frequency or last.frequency} periods."]}
        )
    if first > last:
        raise ValidationError({"from": ["from comes after to."]})
    periods = [first]
    while periods[-1] < last:
        if len(periods) >= MAX_PERIODS:
            raise ValidationError({"from": [f"At most {MAX_PERIODS} periods at once."]})
        periods.append(periods[-1].next())
    return periods


# The assessed register ------------------------------------------------------------------------


class RegisterView(ApiView):
    """The assessed register at a period: exactly the rows of the CSV export for the same
    person, period and filters (indicators.exports), a page at a time, by code."""

    serializer_class = s.RegisterRowSerializer

    query = [PERIOD, *BASIS_PARAMETERS, *_filter_parameters(IndicatorFilterSet)]

    @extend_schema(
        parameters=query,
        responses={200: s.RegisterRowSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        period = _period(request.query_params.get("period", ""), _latest_month())
        basis = _basis(request)
        filterset = _filtered(
            IndicatorFilterSet(
                request.query_params, queryset=register_for_export(period), request=request
            ),
            request,
        )
        rag = filterset.form.cleaned_data.get("rag", "")
        if rag:  # RAG is worked out, not stored: assess them all, as the export does
            page = self.paginate_queryset(
                assessment_rows(filterset.qs, period, basis=basis, rag=rag)
            )
        else:
            page = assessment_rows(self.paginate_queryset(filterset.qs), period, basis=basis)
        return self.get_paginated_response([s.register_row(row) for row in page])


class FlatRegisterView(ApiView):
    """The assessed register over a range of periods, one row per PI and period (period by
    period, by code within each), OData-style: `value`, `@odata.count`, `@odata.nextLink`.

    A BI model refreshes in one call per page; each period's rows are the CSV export's.
    """

    serializer_class = s.FlatPageSerializer
    pagination_class = None

    query = [
        *RANGE,
        OpenApiParameter("page", OpenApiTypes.INT),
        OpenApiParameter("page_size", OpenApiTypes.INT, description="Rows a page (at most 5,000)"),
        *BASIS_PARAMETERS,
        *_filter_parameters(IndicatorFilterSet),
    ]

    @extend_schema(
        parameters=query,
        responses={200: s.FlatPageSerializer, **ERRORS},
    )
    def get(self, request):
        last = _period(request.query_params.get("to", ""), _latest_month(), "to")
        first = _period(request.query_params.get("from", ""), last.back(12)[0], "from")
        periods = _periods_between(first, last)
        page_number = _positive(request, "page", 1, maximum=10**6)
        size = _positive(request, "page_size", 1000, maximum=5000)
        basis = _basis(request)
        filterset = _filtered(
            IndicatorFilterSet(
                request.query_params, queryset=Indicator.objects.all(), request=request
            ),
            request,
        )
        rag = filterset.form.cleaned_data.get("rag", "")
        start, stop = (page_number - 1) * size, page_number * size
        rows, seen = [], 0
        total = 0
        for period in periods:
            indicators = filterset.filter_queryset(register_for_export(period))
            if rag:
                period_rows = assessment_rows(indicators, period, basis=basis, rag=rag)
                count = len(period_rows)
                rows += period_rows[max(start - seen, 0) : max(stop - seen, 0)]
            else:
                count = indicators.count()
                lo, hi = max(start - seen, 0), min(max(stop - seen, 0), count)
                if lo < hi:
                    rows += assessment_rows(indicators[lo:hi], period, basis=basis)
            seen += count
            total += count
        if page_number > 1 and start >= total:
            raise NotFound("There is no such page.")
        body = {"@odata.count": total, "value": [s.register_row(row) for row in rows]}
        if stop < total:
            following = request.query_params.copy()
            following["page"] = str(page_number + 1)
            body["@odata.nextLink"] = request.build_absolute_uri("?" + following.urlencode())
        return Response(body)


def _positive(request, name: str, default: int, *, maximum: int) -> int:
    text = request.query_params.get(name, "")
    if not text:
        return default
    if not text.isdigit() or not 1 <= int(text) <= maximum:
        raise ValidationError({name: [f"{name} is a whole number from 1 to {maximum}."]})
    return int(text)


# Plans, actions, risks, packs -----------------------------------------------------------------


class PlanListView(ApiView):
    """The plans the person may see (plans.querysets.visible_to), filtered as the list page."""

    serializer_class = s.PlanSerializer

    query = _filter_parameters(PlanFilterSet)

    @extend_schema(
        parameters=query,
        responses={200: s.PlanSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        queryset = (
            Plan.objects.visible_to(request.user)
            .select_related("unit", "owner")
            .order_by("-year", "title", "pk")
        )
        filterset = _filtered(
            PlanFilterSet(request.query_params, queryset=queryset, request=request), request
        )
        return self.page_of(filterset.qs)


class PlanDetailView(ApiView):
    """A plan with each objective rolled up for a period, as its page shows it."""

    serializer_class = s.PlanDetailSerializer

    query = [
        PERIOD,
        OpenApiParameter(
            "figures",
            OpenApiTypes.STR,
            enum=["entered"],
            description="Include the unverified figures you may see",
        ),
    ]

    @extend_schema(
        parameters=query,
        responses={200: s.PlanDetailSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        from plans.rollup import default_period

        plan = get_object_or_404(
            Plan.objects.visible_to(request.user).select_related("unit", "owner"), pk=pk
        )
        period = _period(request.query_params.get("period", ""), default_period(year=plan.year))
        thread = plan_thread(
            request.user, plan, period, request.query_params.get("figures") == "entered"
        )
        nodes = plan_nodes(thread, plan)
        for node in nodes:
            node.indicators = [row.indicator.code for row in node.indicator_rows]
        return Response(
            {
                **s.PlanSerializer(plan).data,
                "period": period.label,
                "objectives": s.RollUpSerializer(nodes, many=True).data,
            }
        )


class ActionListView(ApiView):
    """Actions of every action plan (open to everyone signed in, as the pages), filtered as
    the action tables are, in their plans' order."""

    serializer_class = s.ActionSerializer

    query = _filter_parameters(ActionFilterSet, skip=("theme", "lead"))

    @extend_schema(
        parameters=query,
        responses={200: s.ActionSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        today = timezone.localdate()
        queryset = (
            Action.objects.for_table()
            .with_suggested_rag(today)
            .select_related("theme")
            .prefetch_related("leads")
            .order_by("theme__plan_id", "sequence", "pk")
        )
        filterset = _filtered(
            ActionFilterSet(request.query_params, queryset=queryset, today=today), request
        )
        return self.page_of(filterset.qs)


class RiskListView(ApiView):
    """Risks of every register (open to everyone signed in, as the pages), filtered as a
    register's table is."""

    serializer_class = s.RiskSerializer

    query = _filter_parameters(RiskFilterSet)

    @extend_schema(
        parameters=query,
        responses={200: s.RiskSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        queryset = Risk.objects.select_related("owner").order_by("register_id", "ref", "pk")
        filterset = _filtered(RiskFilterSet(request.query_params, queryset=queryset), request)
        return self.page_of(filterset.qs)


class PackListView(ApiView):
    """Report packs the person may see (reporting.querysets.visible_to), newest first."""

    serializer_class = s.PackSerializer

    @extend_schema(responses={200: s.PackSerializer(many=True), **ERRORS})
    def get(self, request):
        queryset = (
            Pack.objects.visible_to(request.user).select_related("scope_unit").order_by("-pk")
        )
        return self.page_of(queryset)


class PackFileApiView(ApiView):
    """A pack's PDF: the pack page's own download (reporting.views.PackFileView)."""

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, **ERRORS})
    def get(self, request, pk: int):
        return PackFileView.as_view()(request._request, pk=pk)


# Figures --------------------------------------------------------------------------------------


class FiguresView(ApiView):
    """POST a list of figures, as the figures import takes them: all saved, or none, with the
    problems by row. An Idempotency-Key header makes a retried delivery safe."""

    serializer_class = s.FiguresDeliverySerializer

    @extend_schema(
        request=s.FiguresDeliverySerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="Any unique text up to 200 characters",
            )
        ],
        responses={
            201: s.DeliveredSerializer,
            200: s.DeliveredSerializer,
            400: s.RefusedSerializer,
            401: s.ErrorSerializer,
            403: s.ErrorSerializer,
            422: s.ErrorSerializer,
            429: s.ErrorSerializer,
        },
    )
    def post(self, request):
        from core.access import require

        try:
            require(request.user, "enter_figures")
        except PermissionDenied:
            raise PermissionDenied("Your role does not enter figures.") from None
        key = request.headers.get("Idempotency-Key", "").strip()
        if len(key) > 200:
            raise ValidationError({"Idempotency-Key": ["At most 200 characters."]})
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        rows = [
            {name: "" if value is None else str(value) for name, value in row.items()}
            for row in data["figures"]
        ]
        token = request.auth if hasattr(request.auth, "key_hash") else None
        try:
            delivery = figures_deliver(
                person=request.user,
                token=token,
                rows=rows,
                submit=data["submit"],
                key=key,
                content_hash=request_hash({"figures": rows, "submit": data["submit"]}),
            )
        except KeyReused:
            return Response(
                {"detail": "This Idempotency-Key was used for another delivery."}, status=422
            )
        except ImportRefused as exc:
            errors = [{"row": row, "message": message} for row, message in exc.errors.errors]
            return Response(
                {"detail": "Nothing was saved: correct these rows.", "errors": errors},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(delivery.body, status=200 if delivery.replayed else 201)


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema (it describes the API, no data: open to anyone)."""

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(super().as_view(**initkwargs))


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files; its script is a file of its own (?script), so
    the page needs no inline script or style under our Content-Security-Policy."""

    template_name = "api/swagger_ui.html"

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(super().as_view(**initkwargs))


class NotFoundView(ApiView):
    """Any other address under /api/v1/ (an id that is not a number, a typo): a JSON 404,
    not the site's HTML page, so clients always get the API's answer."""

    schema = None  # not an endpoint

    def get(self, request, *args, **kwargs):
        raise NotFound("There is no such endpoint or object.")

    post = put = patch = delete = get
