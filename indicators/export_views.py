"""Download of the assessed register (CSV or Excel) for a reporting period."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views import View

from core.tabular import table_response
from indicators.choices import Frequency
from indicators.exports import (
    ASSESSMENT_COLUMNS,
    FORMATS,
    assessment_rows,
    export_basename,
    export_basis,
    register_for_export,
)
from indicators.filtersets import IndicatorFilterSet
from indicators.periods import Period


class AssessmentExportView(View):
    """GET ?period=2025-11&format=csv|xlsx[&drafts=1]: the register as the user may see it.

    The register's filters (IndicatorFilterSet: service, owner, rag...) narrow the rows.

    Every signed-in user may export (everyone sees the register). Figures count by role (see
    assessment.figure_basis_for): verified figures for all; submitted ones where the user may
    see unpublished figures; drafts too when `drafts=1` and the user may see some drafts.
    `basis=verified` or `basis=published` shows what the board or the public would see.
    Without a period, the latest month that has ended.
    """

    def get(self, request: HttpRequest) -> HttpResponse:
        label = request.GET.get("period", "").strip()
        try:
            period = (
                Period.parse(label)
                if label
                else Period.last_ended(Frequency.MONTHLY, timezone.localdate())
            )
        except ValueError as exc:
            return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
        fmt = request.GET.get("format", "csv")
        if fmt not in FORMATS:
            return HttpResponseBadRequest(
                "Choose a format: csv or xlsx.", content_type="text/plain; charset=utf-8"
            )
        drafts = request.GET.get("drafts") in ("1", "yes", "on", "true")
        try:
            basis = export_basis(request.user, drafts=drafts, narrower=request.GET.get("basis", ""))
        except ValueError as exc:
            return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
        # The register page's filters (service, owner, RAG...) apply, so that its export link
        # downloads what the page lists.
        filterset = IndicatorFilterSet(
            request.GET, queryset=register_for_export(period), request=request
        )
        rag = filterset.form.cleaned_data.get("rag", "") if filterset.is_valid() else ""
        rows = assessment_rows(
            filterset.qs,
            period,
            basis=basis,
            rag=rag,
        )
        return table_response(fmt, export_basename(period), ASSESSMENT_COLUMNS, rows)
