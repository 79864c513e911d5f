"""Pages of the reporting app: packs, live reports, the cycle calendar and its admin."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.views import View
from django.views.generic import CreateView, FormView, ListView, TemplateView, UpdateView

from core.access import has, require
from core.models import OrgUnit
from core.parsing import ParseError, parse_int
from core.tabular import ImportRefused, TableError, table_response
from indicators.periods import Period
from plans.rollup import reporting_period
from reporting.access import pack_for_user, require_live
from reporting.choices import MONTH_NAMES, REPORT_FREQUENCY, ExportFormat, PackStatus, ReportType
from reporting.closing import publish_preview
from reporting.cycle import month_after
from reporting.exports import find_section, section_table
from reporting.forms import CycleImportForm, CycleItemForm, PackPublishForm, ReportRequestForm
from reporting.ical import (
    current_feed_token,
    cycle_ical,
    feed_token_reissue,
    feed_token_revoke,
    items_for,
    user_from_token,
)
from reporting.models import CycleItem, Pack
from reporting.pdf import render_pdf
from reporting.render import prepare_for_render
from reporting.reports import build_report, calendar_grid, due_list
from reporting.services import (
    FileChanged,
    check_stored_file,
    cycle_import,
    pack_export_file,
    pack_publish,
    pack_request,
    pack_retry,
)

EXPORT_CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def default_period(report_type: str, today: date | None = None) -> str:
    """Return the label of the period a report of this type opens on: the latest of its
    frequency ending by the current reporting period (plans.rollup.reporting_period)."""
    today = today or timezone.localdate()
    if report_type == ReportType.CALENDAR:
        return str(today.year)
    return Period.latest_for(REPORT_FREQUENCY[report_type], reporting_period(today)).label


def _pdf_response(pdf: bytes, filename: str, inline: bool = True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text).strip("-")


def _tell_queued(request, pack: Pack, queued: str) -> None:
    """Say `queued`, or, when the task queue did not take the pack, that it waits and why."""
    pack.refresh_from_db(fields=["status", "sent_at"])
    if pack.is_waiting_for_queue:
        messages.warning(
            request,
            f"{pack.title} for {pack.period_label} (version {pack.version}) is saved and "
            "queued, but the service that generates packs is not answering just now. It will "
            "be generated automatically once the service is back; there is no need to ask again.",
        )
    else:
        messages.info(request, queued)


# Packs ------------------------------------------------------------------------------------


class PackListView(ListView):
    template_name = "reporting/pack_list.html"
    context_object_name = "packs"
    paginate_by = 50

    def get_queryset(self):
        return Pack.objects.visible_to(self.request.user).select_related(
            "scope_unit", "requested_by", "published_by"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_generate"] = has(self.request.user, "publish_packs")
        if context["can_generate"]:
            context["form"] = kwargs.get("form") or ReportRequestForm(
                initial={
                    "report_type": ReportType.PI_MONTHLY,
                    "period": default_period(ReportType.PI_MONTHLY),
                }
            )
        context["report_types"] = [
            (value, label, default_period(value)) for value, label in ReportType.choices
        ]
        return context


class PackCreateView(PackListView):
    """POST: queue a new pack (the next version of that report, period and scope)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        require(request.user, "publish_packs")
        form = ReportRequestForm(request.POST)
        if not form.is_valid():
            self.object_list = self.get_queryset()
            context = self.get_context_data(form=form)
            return self.render_to_response(context, status=400)
        pack = pack_request(
            report_type=form.cleaned_data["report_type"],
            period_label=form.cleaned_data["period"].strip(),
            scope_unit=form.cleaned_data["scope"],
            requested_by=request.user,
        )
        _tell_queued(request, pack, f"{pack.title} for {pack.period_label} is being generated.")
        return redirect("reporting:pack_detail", pk=pack.pk)


class PackDetailView(TemplateView):
    template_name = "reporting/pack_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pack = pack_for_user(self.request.user, kwargs["pk"])
        context["pack"] = pack
        context["can_publish"] = has(self.request.user, "publish_packs")
        if pack.data:
            context["report"] = prepare_for_render(pack.data)
            context["export_url"] = reverse("reporting:pack_export", args=[pack.pk]) + "?"
        titles = {s["id"]: s.get("title", s["id"]) for s in (pack.data or {}).get("sections", [])}
        context["exports"] = [
            (titles.get(e.section_id, e.section_id), e) for e in pack.exports.all()
        ]
        context["other_versions"] = (
            Pack.objects.visible_to(self.request.user)
            .filter(
                report_type=pack.report_type,
                period_label=pack.period_label,
                scope_unit=pack.scope_unit,
            )
            .exclude(pk=pack.pk)
            .order_by("-version")
        )
        return context


class PackStatusView(TemplateView):
    """The progress panel, polled by htmx while the pack is generated."""

    template_name = "reporting/partials/pack_status.html"

    def get(self, request, *args, **kwargs):
        pack = pack_for_user(request.user, kwargs["pk"])
        response = self.render_to_response(
            {"pack": pack, "can_publish": has(request.user, "publish_packs")}
        )
        if request.htmx and not pack.is_running and request.GET.get("was") == "running":
            # Generation has just finished: reload so the report itself shows.
            response["HX-Refresh"] = "true"
        return response


def _file_refused(request, what: str, error: FileChanged) -> HttpResponse:
    """Answer 409 with why a stored file is not sent (it was logged when it was checked)."""
    return render(
        request,
        "reporting/file_refused.html",
        {"what": what, "error": error},
        status=409,
    )


class PackFileView(View):
    def get(self, request, pk: int):
        pack = pack_for_user(request.user, pk)
        if pack.status not in (PackStatus.READY, PackStatus.PUBLISHED) or not pack.file:
            raise Http404("This pack has no file yet.")
        try:
            check_stored_file(pack.file.name, pack.sha256, what=f"{pack} (pack {pack.pk})")
        except FileChanged as exc:
            return _file_refused(request, f"{pack.title}, version {pack.version}", exc)
        filename = _safe_name(f"{pack.title}-{pack.period_label}-v{pack.version}") + ".pdf"
        return FileResponse(pack.file.open("rb"), content_type="application/pdf", filename=filename)


class PackPublishView(View):
    """GET: what publishing will do, and whom to tell; POST (with the confirmation): publish.

    The confirmation is the checksum of the PDF shown on the page: a POST without it
    publishes nothing and goes to the page; one for another file is shown the page again.
    """

    template_name = "reporting/pack_publish.html"

    def setup_pack(self, request, pk: int) -> Pack:
        require(request.user, "publish_packs")
        return pack_for_user(request.user, pk)

    def _render(self, request, pack: Pack, form: PackPublishForm, status: int = 200):
        preview = publish_preview(pack, today=timezone.localdate())
        context = {"pack": pack, "preview": preview, "form": form}
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        pack = self.setup_pack(request, pk)
        if pack.status != PackStatus.READY:
            messages.error(
                request,
                f"This pack is {pack.get_status_display().lower()}: only a "
                "ready pack can be published.",
            )
            return redirect("reporting:pack_detail", pk=pk)
        return self._render(request, pack, PackPublishForm())

    def post(self, request, pk: int):
        pack = self.setup_pack(request, pk)
        confirm = request.POST.get("confirm")
        if confirm is None:
            return redirect("reporting:pack_publish", pk=pk)
        form = PackPublishForm(request.POST)
        if confirm != pack.sha256:
            form.is_valid()
            form.add_error(None, "The pack's file is not the one this page showed; check again.")
            return self._render(request, pack, form, status=409)
        if not form.is_valid():
            return self._render(request, pack, form, status=400)
        try:
            pack = pack_publish(
                pack=pack, published_by=request.user, audiences=form.cleaned_data["audiences"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("reporting:pack_detail", pk=pk)
        told = ", ".join(a.name for a in pack.audiences.all())
        messages.success(
            request,
            f"Published {pack.title} version {pack.version}. "
            + (f"The members of {told} are e-mailed a link." if told else "No one was e-mailed."),
        )
        return redirect("reporting:pack_detail", pk=pk)


class PackRetryView(View):
    def post(self, request, pk: int):
        require(request.user, "publish_packs")
        pack = pack_for_user(request.user, pk)
        try:
            pack_retry(pack=pack)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            _tell_queued(request, pack, "Generation queued again.")
        return redirect("reporting:pack_detail", pk=pk)


class PackRegenerateView(View):
    """POST: generate a new version of the same report, period and scope."""

    def post(self, request, pk: int):
        require(request.user, "publish_packs")
        pack = pack_for_user(request.user, pk)
        new = pack_request(
            report_type=pack.report_type,
            period_label=pack.period_label,
            scope_unit=pack.scope_unit,
            requested_by=request.user,
            cycle_item=pack.cycle_item,
            occurrence=pack.occurrence,
        )
        _tell_queued(request, new, f"Generating version {new.version}.")
        return redirect("reporting:pack_detail", pk=new.pk)


def _export(data: dict, request, basename: str) -> HttpResponse:
    section = find_section(data, request.GET.get("section", ""))
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    header, rows = section_table(section)
    return table_response(fmt, _safe_name(f"{basename}-{section['id']}"), header, rows)


class PackExportView(View):
    """A pack's table as CSV or Excel: the stored file, the same bytes every time."""

    def get(self, request, pk: int):
        pack = pack_for_user(request.user, pk)
        if not pack.data:
            raise Http404("This pack has no data yet.")
        file_format = ExportFormat.XLSX if request.GET.get("format") == "xlsx" else ExportFormat.CSV
        export = pack_export_file(
            pack=pack, section_id=request.GET.get("section", ""), file_format=file_format
        )
        what = f"{pack.title}, version {pack.version}, table '{export.section_id}'"
        try:
            check_stored_file(export.file.name, export.sha256, what=f"{what} (pack {pack.pk})")
        except FileChanged as exc:
            return _file_refused(request, what, exc)
        basename = f"{pack.report_type}-{pack.period_label}-v{pack.version}-{export.section_id}"
        return FileResponse(
            export.file.open("rb"),
            as_attachment=True,
            filename=f"{_safe_name(basename)}.{file_format}",
            content_type=EXPORT_CONTENT_TYPES[file_format],
        )


# Live reports -----------------------------------------------------------------------------


class LiveReportMixin:
    """Reads ?period= and ?scope= for the report type in the URL and checks access."""

    def setup_report(self, request, report_type: str):
        if report_type not in ReportType.values:
            raise Http404("No such report.")
        scope_code = request.GET.get("scope", "")
        scope = get_object_or_404(OrgUnit, code=scope_code) if scope_code else None
        require_live(request.user, scope)
        period = request.GET.get("period", "").strip() or default_period(report_type)
        return scope, period

    def query(self, period: str, scope: OrgUnit | None) -> str:
        params = {"period": period}
        if scope:
            params["scope"] = scope.code
        return urlencode(params)


class ReportView(LiveReportMixin, TemplateView):
    template_name = "reporting/report_live.html"

    def get(self, request, *args, **kwargs):
        report_type = kwargs["report_type"]
        scope, period = self.setup_report(request, report_type)
        form = ReportRequestForm(
            {"report_type": report_type, "period": period, "scope": scope.pk if scope else ""}
        )
        context = {"form": form, "report_type": report_type, "scope": scope, "period": period}
        context["type_label"] = ReportType(report_type).label
        if form.is_valid():
            data = build_report(report_type, period, scope_unit=scope)
            query = self.query(period, scope)
            context["report"] = prepare_for_render(data)
            context["pdf_url"] = reverse("reporting:report_pdf", args=[report_type]) + "?" + query
            context["export_url"] = (
                reverse("reporting:report_export", args=[report_type]) + "?" + query + "&"
            )
            context["can_generate"] = has(request.user, "publish_packs")
        return self.render_to_response(context, status=200 if form.is_valid() else 400)


class ReportPdfView(LiveReportMixin, View):
    def get(self, request, report_type: str):
        scope, period = self.setup_report(request, report_type)
        try:
            data = build_report(report_type, period, scope_unit=scope)
        except ValidationError as exc:
            raise Http404(" ".join(exc.messages)) from exc
        pdf, _pages = render_pdf(data)
        return _pdf_response(pdf, _safe_name(f"{report_type}-{period}") + ".pdf")


class ReportExportView(LiveReportMixin, View):
    def get(self, request, report_type: str):
        scope, period = self.setup_report(request, report_type)
        try:
            data = build_report(report_type, period, scope_unit=scope)
        except ValidationError as exc:
            raise Http404(" ".join(exc.messages)) from exc
        return _export(data, request, f"{report_type}-{period}")


# The calendar -----------------------------------------------------------------------------


def _year_param(request) -> int:
    try:
        year = parse_int(request.GET.get("year"), "year", minimum=2000, maximum=2100)
    except ParseError:
        year = None
    return year or timezone.localdate().year


class CalendarView(TemplateView):
    """The cycle as the seed's report x month grid, with what is due this and next month."""

    template_name = "reporting/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _year_param(self.request)
        today = timezone.localdate()
        next_year, next_month = month_after(today.year, today.month)
        grid = calendar_grid(year)
        context.update(
            year=year,
            section={
                "id": "grid",
                "title": f"Annual planning & reporting cycle {year}",
                "grid": grid,
            },
            due_now=due_list(today.year, today.month),
            due_next=due_list(next_year, next_month),
            this_month=f"{MONTH_NAMES[today.month - 1]} {today.year}",
            next_month=f"{MONTH_NAMES[next_month - 1]} {next_year}",
            can_configure=has(self.request.user, "configure_cycle"),
            feed_token=current_feed_token(self.request.user),
        )
        return context


class CalendarPdfView(View):
    def get(self, request):
        year = _year_param(request)
        pdf, _pages = render_pdf(build_report(ReportType.CALENDAR, str(year)))
        return _pdf_response(pdf, f"reporting-cycle-{year}.pdf")


class CalendarExportView(View):
    def get(self, request):
        year = _year_param(request)
        return _export(build_report(ReportType.CALENDAR, str(year)), request, f"cycle-{year}")


# iCalendar feeds: calendar apps cannot sign in, so each person's feed URL carries a random
# token of theirs (revealing only the cycle's dates, never figures).


class CalendarFeedChangeView(View):
    """GET: ask to confirm; POST: issue new feed addresses or revoke them (the person's own)."""

    template_name = "reporting/calendar_feed_confirm.html"
    revoke = False

    def get(self, request: HttpRequest) -> HttpResponse:
        context = {"revoke": self.revoke, "has_feed": current_feed_token(request.user) is not None}
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest) -> HttpResponse:
        if self.revoke:
            feed_token_revoke(user=request.user)
            messages.success(request, "Your calendar addresses are revoked: they no longer work.")
        else:
            had = current_feed_token(request.user) is not None
            feed_token_reissue(user=request.user)
            messages.success(
                request,
                "New calendar addresses issued; the old ones no longer work."
                if had
                else "Your calendar addresses are ready.",
            )
        return redirect(reverse("reporting:calendar") + "#subscribe")


# Cycle administration ---------------------------------------------------------------------


class ConfigureCycleMixin:
    def dispatch(self, request, *args, **kwargs):
        require(request.user, "configure_cycle")
        return super().dispatch(request, *args, **kwargs)


class CycleItemListView(ConfigureCycleMixin, ListView):
    template_name = "reporting/cycle_list.html"
    context_object_name = "items"

    def get_queryset(self):
        return CycleItem.objects.prefetch_related("audiences").select_related("scope_unit")


class CycleItemCreateView(ConfigureCycleMixin, CreateView):
    model = CycleItem
    form_class = CycleItemForm
    template_name = "reporting/cycle_form.html"

    def get_initial(self) -> dict:
        initial = super().get_initial()
        if getattr(self, "object", None) is None:  # a new item goes after the others
            last = CycleItem.objects.aggregate(last=Max("position"))["last"]
            initial["position"] = 0 if last is None else last + 1
        return initial

    def get_success_url(self) -> str:
        messages.success(self.request, f"Saved '{self.object.name}'.")
        return reverse("reporting:cycle_list")


class CycleItemUpdateView(CycleItemCreateView, UpdateView):
    pass


class CycleImportView(ConfigureCycleMixin, FormView):
    form_class = CycleImportForm
    template_name = "reporting/cycle_import.html"

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            items = cycle_import(
                name=upload.name, content=upload.read(), replace=form.cleaned_data["replace"]
            )
        except TableError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        except ImportRefused as exc:
            form.add_error(None, "Nothing was imported. Correct these rows and upload again.")
            return self.render_to_response(
                self.get_context_data(form=form, row_errors=exc.errors.as_lines()), status=400
            )
        messages.success(self.request, f"Imported {len(items)} cycle items.")
        return redirect("reporting:cycle_list")


def _ical_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(View):
    """GET /reports/calendar/feed/<token>/mine.ics or /all.ics (a calendar app subscribes)."""

    def get(self, request, token: str, which: str):
        user = user_from_token(token)
        if user is None or which not in ("mine", "all"):
            raise Http404("Unknown feed.")
        if which == "mine":
            return _ical_response(
                cycle_ical(items_for(user), name="My reporting cycle"), "my-reporting-cycle.ics"
            )
        return _ical_response(
            cycle_ical(items_for(None), name="Reporting cycle"), "reporting-cycle.ics"
        )
