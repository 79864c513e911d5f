"""Pages for the monthly round of figures: my indicators, entry, upload, verification,
closing periods, chasing, amendments and the audit trail.

Views are thin: they find what the user may act on, call one service and render. Every
state change is a POST, checked again by the service.
"""

from collections import OrderedDict

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from core.access import has, require, scoped_unit_ids
from core.parsing import MAX_ID, ParseError, id_or_none, ids_in, parse_int
from core.redirects import safe_next
from core.tabular import ImportRefused, TableError, table_response
from indicators.assessment import Typed, assess_typed
from indicators.choices import FigureState
from indicators.closing import closing_summary
from indicators.due import (
    DueItem,
    due_items,
    due_working_days,
    is_closed,
    my_indicators,
    with_full_figures,
)
from indicators.forms_entry import (
    EntryFormSet,
    FigureEntryForm,
    PeriodForm,
    ReasonForm,
    UploadForm,
    assess_forms,
)
from indicators.models import Figure, FigureReminder, Indicator, PeriodClosure
from indicators.periods import PERIODS_IN_YEAR, Period, due_date
from indicators.services import (
    ChaseItem,
    FigureConflict,
    PeriodClosed,
    figure_amend_closed,
    figure_reminders_send,
    figure_return,
    figure_verify,
    figures_enter,
    may_verify,
    period_close,
    period_reopen,
)
from indicators.uploads import TEMPLATE_COLUMNS, import_my_figures, template_rows
from indicators.visibility import may_enter_figures_for, sees_drafts_of

SUBMIT, DRAFT, CHECK = "submit", "draft", "check"


def _today():
    return timezone.localdate()


def _council_days(indicator: Indicator) -> int:
    from core.models import CouncilSettings

    return due_working_days(indicator, CouncilSettings.load())


# My indicators ---------------------------------------------------------------------------------


class MyIndicatorsView(TemplateView):
    """The PIs the user owns or deputises, for the current and any overdue periods."""

    template_name = "indicators/entry/my_indicators.html"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "enter_figures")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = due_items(my_indicators(self.request.user), today=_today())
        context["items"] = items
        context["action_count"] = sum(1 for item in items if item.needs_action)
        context["returned"] = [i for i in items if i.state == FigureState.RETURNED]
        context["can_amend"] = has(self.request.user, "close_periods")
        return context


# Entry -----------------------------------------------------------------------------------------


# More figures than anyone is given on one page; a forged count cannot ask for more.
MAX_PAGE_FORMS = 2000


def _posted_count(data) -> int:
    try:
        return parse_int(data.get("form-TOTAL_FORMS"), minimum=0) or 0
    except ParseError:
        return 0


def _item_for(user: User, key: str, today) -> DueItem:
    """Return the due item a key ('<indicator id>:<period label>') names, for entry.

    Raises Http404 for a malformed key or an indicator whose drafts the user may not see,
    PermissionDenied when they may see it but not enter it.
    """
    indicator_id, _, label = (key or "").partition(":")
    indicator_id = id_or_none(indicator_id)
    if indicator_id is None:
        raise Http404
    indicator = get_object_or_404(
        Indicator.objects.select_related("service", "owner", "deputy"), pk=indicator_id
    )
    if not sees_drafts_of(user, indicator):
        raise Http404
    if not may_enter_figures_for(user, indicator):
        raise PermissionDenied
    try:
        period = Period.parse(label)
    except ValueError as exc:
        raise Http404 from exc
    if period.frequency != indicator.frequency or period.end >= today:
        raise Http404
    figure = (
        Figure.objects.filter(indicator=indicator, year=period.year, number=period.number)
        .select_related("entered_by", "submitted_by")
        .first()
    )
    return DueItem(
        indicator=indicator,
        period=period,
        due=due_date(period, _council_days(indicator)),
        figure=figure,
        closed=is_closed(period),
        today=today,
    )


class EntryView(View):
    """Enter every due figure on one page (or one figure with ?item=<key>): save drafts,
    check, or submit. All or nothing: any error shows beside its field with what was typed."""

    template_name = "indicators/entry/enter.html"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "enter_figures")
        self.today = _today()
        return super().dispatch(request, *args, **kwargs)

    def get_items(self) -> list[DueItem]:
        key = self.request.GET.get("item")
        if key:
            item = _item_for(self.request.user, key, self.today)
            if item.closed or (item.figure and item.figure.state == FigureState.VERIFIED):
                what = "closed" if item.closed else "verified"
                raise PeriodClosed(
                    f"{item.indicator.code} {item.period.long_label} is {what}: its figure "
                    "can now only be amended by the performance team, with a reason."
                )
            return [item]
        return with_full_figures(self.due_now())

    def due_now(self) -> list[DueItem]:
        """Return the user's figures needing entry now, with light figures."""
        return [
            item
            for item in due_items(my_indicators(self.request.user), today=self.today)
            if item.needs_action and item.state != "not_due"
        ]

    def posted_items(self) -> list[DueItem]:
        """Return the items the posted page was made of, in its order.

        The due list may have changed since the page was loaded (the deputy submitted a
        figure, a manager returned one), so the page's own item keys decide which figure each
        form is for; items no longer due are fetched (with the same permission checks), so
        that saving over someone else's figure is caught as a conflict.
        """
        if self.request.GET.get("item"):
            return self.get_items()
        keys = [
            self.request.POST.get(f"form-{index}-figure_key", "")
            for index in range(min(_posted_count(self.request.POST), MAX_PAGE_FORMS))
        ]
        if not keys:
            return self.get_items()
        if "" in keys or len(set(keys)) != len(keys):
            raise BadRequest("This page is out of date: reload it and type the figures again.")
        current = {item.key: item for item in self.due_now()}
        items = [current.get(key) or _item_for(self.request.user, key, self.today) for key in keys]
        return with_full_figures(items)

    def render_page(self, formset, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {"formset": formset, "single": bool(self.request.GET.get("item"))},
            status=status,
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            items = self.get_items()
        except PeriodClosed as closed:
            messages.warning(request, str(closed))
            return redirect("indicators:my")
        formset = EntryFormSet(items=items, today=self.today)
        assess_forms(list(formset.forms), submitting=False, today=self.today)
        return self.render_page(formset)

    def post(self, request: HttpRequest) -> HttpResponse:
        """Save the page; a figure whose period closed (or that was verified) while the page
        was open sends the officer back to their list with the reason and what they typed."""
        try:
            return self.save(request)
        except PeriodClosed as closed:
            typed = request.POST.get("form-0-value") or request.POST.get("form-0-numerator")
            kept = f" You had typed {typed.strip()[:40]}." if typed else ""
            messages.error(request, f"Nothing was saved: {closed}{kept}")
            return redirect("indicators:my")

    def save(self, request: HttpRequest) -> HttpResponse:
        items = self.posted_items()
        action = request.POST.get("action", DRAFT)
        submitting = action == SUBMIT
        formset = EntryFormSet(request.POST, items=items, submitting=submitting, today=self.today)
        if action == CHECK:
            formset.is_valid()
            return self.render_page(formset)
        if not formset.is_valid():
            messages.error(request, "Nothing was saved: please correct the figures marked below.")
            return self.render_page(formset, status=400)
        filled = formset.filled()
        if not filled:
            messages.warning(request, "Nothing was typed, so nothing was saved.")
            return self.render_page(formset)
        try:
            saved = figures_enter(
                user=request.user,
                entries=[form.to_input() for form in filled],
                submit=submitting,
                today=self.today,
            )
        except FigureConflict as conflict:
            return self.render_conflict(formset, conflict, submitting)
        except ValidationError as exc:
            messages.error(request, "Nothing was saved: " + " ".join(exc.messages))
            return self.render_page(formset, status=400)
        except PeriodClosed as closed:
            if request.GET.get("item"):
                raise
            # Keep the page's typing: the other figures can be saved without this one.
            messages.error(request, f"Nothing was saved: {closed} Clear it and save again.")
            return self.render_page(formset, status=409)
        verb = "submitted for verification" if submitting else "saved as drafts"
        messages.success(request, f"{len(saved)} figure(s) {verb}.")
        return redirect("indicators:my")

    def render_conflict(self, formset, conflict: FigureConflict, submitting: bool):
        """Show the page again with the other person's values beside what was typed.

        The typed values are kept; the forms now carry the current versions, so saving again
        deliberately replaces the other person's figure.
        """
        data = self.request.POST.copy()
        for form in formset.forms:
            key = (form.item.indicator.pk, form.item.period.year, form.item.period.number)
            if key in conflict.figures:
                current = conflict.figures[key]
                data[f"{form.prefix}-version"] = str(current.version if current else 0)
        fresh = EntryFormSet(data, items=formset.items, submitting=submitting, today=self.today)
        fresh.is_valid()
        for form in fresh.forms:
            key = (form.item.indicator.pk, form.item.period.year, form.item.period.number)
            if key in conflict.figures:
                form.conflict = conflict.figures[key]
                form.add_error(
                    None,
                    "Someone else saved this figure while you were typing. Their figure is "
                    "shown below; your typing is kept. Save again to replace theirs.",
                )
        messages.error(self.request, "Nothing was saved: someone else changed a figure.")
        return self.render_page(fresh, status=409)


class EntryPreviewView(View):
    """The htmx fragment under a figure: the RAG the typed value would get, and what it
    will need (commentary, corrective action, confirmation)."""

    def post(self, request: HttpRequest) -> HttpResponse:
        require(request.user, "enter_figures")
        today = _today()
        item = _item_for(request.user, request.POST.get("key", ""), today)
        prefix = request.POST.get("prefix", "")
        if not prefix.replace("-", "").isalnum():
            raise Http404
        form = FigureEntryForm(request.POST, prefix=prefix, item=item)
        form.is_valid()
        assess_forms([form], submitting=False, today=today)
        return render(request, "indicators/entry/preview.html", {"form": form})


# Spreadsheet -----------------------------------------------------------------------------------


class EntryTemplateView(View):
    """The spreadsheet of the user's due figures, pre-filled, to fill in and upload."""

    def get(self, request: HttpRequest) -> HttpResponse:
        require(request.user, "enter_figures")
        items = with_full_figures(
            [
                i
                for i in due_items(my_indicators(request.user), today=_today())
                if i.needs_action and i.state != "not_due"
            ]
        )
        fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
        return table_response(fmt, "my-figures-due", TEMPLATE_COLUMNS, template_rows(items))


class EntryUploadView(View):
    template_name = "indicators/entry/upload.html"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "enter_figures")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": UploadForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        errors: list[str] = []
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                saved = import_my_figures(
                    upload.name,
                    upload.read(),
                    user=request.user,
                    submit=form.cleaned_data["submit"],
                    today=_today(),
                )
            except TableError as exc:
                form.add_error("file", str(exc))
            except ImportRefused as refused:
                errors = refused.errors.as_lines()
            else:
                verb = "submitted" if form.cleaned_data["submit"] else "saved as drafts"
                messages.success(request, f"{saved} figure(s) {verb} from the spreadsheet.")
                return redirect("indicators:my")
        return render(request, self.template_name, {"form": form, "row_errors": errors}, status=400)


# Verification ----------------------------------------------------------------------------------


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
            if version and _int(version) is None:
                refused.append(f"{figure.indicator.code}: reload the list and try again")
                continue
            try:
                figure_verify(
                    figure=figure,
                    user=request.user,
                    expected_version=_int(version),
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
                    expected_version=_int(request.POST.get("version")),
                )
            except FigureConflict:
                form.add_error(None, "The figure changed since you opened it; check it again.")
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(request, f"{figure.indicator.code} returned to its owner.")
                return redirect("indicators:verify_queue")
        return render(request, self.template_name, {"figure": figure, "form": form}, status=400)


def _int(text: str | None) -> int | None:
    """Return the whole number posted (a version), or None when blank or forged."""
    try:
        return parse_int(text, minimum=0, maximum=MAX_ID)
    except ParseError:
        return None


# Periods ---------------------------------------------------------------------------------------


def recent_periods(today) -> list[Period]:
    """Return the periods shown on the periods page: the last 13 months, 5 quarters, 2 years."""
    periods = []
    for frequency, count in (("monthly", 13), ("quarterly", 5), ("annual", 2)):
        periods.extend(reversed(Period.last_ended(frequency, today).back(count)))
    return periods


class PeriodsView(TemplateView):
    """Close and reopen reporting periods (performance team)."""

    template_name = "indicators/entry/periods.html"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "close_periods")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        periods = recent_periods(_today())
        closures = {
            (c.frequency, c.year, c.number): c
            for c in PeriodClosure.objects.filter(
                year__in={p.year for p in periods}
            ).select_related("closed_by")
        }
        context["rows"] = [
            {"period": p, "closure": closures.get((p.frequency, p.year, p.number))} for p in periods
        ]
        context.setdefault("form", PeriodForm())
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PeriodForm(request.POST)
        reopen = request.POST.get("action") == "reopen"
        if form.is_valid():
            period = form.cleaned_data["period"]
            reason = form.cleaned_data["reason"]
            if not reopen:
                # Closing is asked first, on its own page, with what it leaves behind.
                return redirect(_close_confirm_url(period, reason))
            try:
                period_reopen(period=period, user=request.user, reason=reason)
                messages.success(request, f"{period.long_label} reopened.")
                return redirect("indicators:periods")
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
        for message in [e for errors in form.errors.values() for e in errors]:
            messages.error(request, message)
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _close_confirm_url(period: Period, reason: str = "") -> str:
    query = {"period": period.label}
    if reason:
        query["reason"] = reason
    return reverse("indicators:period_close") + "?" + urlencode(query)


class PeriodCloseView(View):
    """GET: what closing the period leaves behind, and the confirmation; POST: close it.

    The POST acts only with the confirmation the page carries (what was shown as left
    behind); without it nothing closes and the page is shown; when what is left behind
    changed since, the page is shown again with the new list.
    """

    template_name = "indicators/entry/period_close.html"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "close_periods")
        return super().dispatch(request, *args, **kwargs)

    def _render(self, request, form: PeriodForm, status: int = 200, changed: bool = False):
        period = form.cleaned_data["period"]
        summary = closing_summary(period, today=_today())
        context = {"form": form, "summary": summary, "period": period, "changed": changed}
        return render(request, self.template_name, context, status=status)

    def _refused(self, request, form: PeriodForm) -> HttpResponse:
        for message in [e for errors in form.errors.values() for e in errors]:
            messages.error(request, message)
        return redirect("indicators:periods")

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PeriodForm(request.GET)
        if not form.is_valid():
            return self._refused(request, form)
        return self._render(request, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PeriodForm(request.POST)
        if not form.is_valid():
            return self._refused(request, form)
        period = form.cleaned_data["period"]
        confirm = request.POST.get("confirm")
        if confirm is None:
            return redirect(_close_confirm_url(period, form.cleaned_data["reason"]))
        if confirm != closing_summary(period, today=_today()).fingerprint:
            return self._render(request, form, status=409, changed=True)
        try:
            period_close(period=period, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self._render(request, form, status=400)
        messages.success(request, f"{period.long_label} closed.")
        return redirect("indicators:periods")


class AmendFigureView(View):
    """Amend a closed period's (or a verified) figure, with a reason: a restatement."""

    template_name = "indicators/entry/amend.html"

    def setup_item(self, request: HttpRequest, pk: int) -> DueItem:
        require(request.user, "close_periods")
        figure = get_object_or_404(Figure.objects.select_related("indicator"), pk=pk)
        label = Period(figure.indicator.frequency, figure.year, figure.number).label
        return _item_for(request.user, f"{figure.indicator_id}:{label}", _today())

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


# Chasing ---------------------------------------------------------------------------------------


def _chase_items(today, owner_id: int | None = None) -> list[DueItem]:
    indicators = Indicator.objects.select_related("service", "owner", "deputy").filter(
        Q(active_to__isnull=True) | Q(active_to__gte=today)
    )
    if owner_id is not None:
        indicators = indicators.filter(owner_id=owner_id)
    return [
        item
        for item in due_items(indicators, today=today, include_done=False)
        if item.state in ("due", "overdue", "draft", "returned") and item.period.end < today
    ]


class ChaseView(TemplateView):
    """Missing and overdue figures by service and owner, with reminders (performance team)."""

    template_name = "indicators/entry/chase.html"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "close_periods")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = _chase_items(_today())
        last = {}
        for reminder in FigureReminder.objects.filter(
            indicator_id__in={i.indicator.pk for i in items}
        ).order_by("created_at"):
            last[(reminder.indicator_id, reminder.year, reminder.number)] = reminder.created_at
        groups: OrderedDict = OrderedDict()
        for item in sorted(
            items, key=lambda i: (i.indicator.service.name, i.indicator.owner.username, i.due)
        ):
            service = groups.setdefault(item.indicator.service, OrderedDict())
            service.setdefault(item.indicator.owner, []).append(
                {
                    "item": item,
                    "reminded": last.get((item.indicator.pk, item.period.year, item.period.number)),
                }
            )
        context["groups"] = groups
        context["total"] = len(items)
        context["overdue"] = sum(1 for i in items if i.is_overdue)
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        owner = request.POST.get("owner")
        owner_id = id_or_none(owner)
        if owner and owner_id is None:
            raise Http404
        items = _chase_items(_today(), owner_id)
        reminders = figure_reminders_send(
            items=[ChaseItem(i.indicator, i.period) for i in items], sent_by=request.user
        )
        if reminders:
            people = len({r.recipient_id for r in reminders})
            figures = len({(r.indicator_id, r.year, r.number) for r in reminders})
            messages.success(
                request, f"Reminders about {figures} figure(s) are being sent to {people} people."
            )
        else:
            messages.info(
                request,
                "Everyone owing these figures was already reminded today or has a reminder "
                "waiting to go; no reminder was added.",
            )
        return redirect("indicators:chase")


# Audit trail -----------------------------------------------------------------------------------


class HistoryView(View):
    """Every change to an indicator's definition, targets and figures: who, when, old, new.

    Shown to those who may see the indicator's drafts (owner and deputy, its service's
    manager, the performance team, audit, administrators). With htmx, only the partial.
    """

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        from indicators.history import history_entries

        indicator = get_object_or_404(Indicator, pk=pk)
        if not (has(request.user, "view_audit_trail") or sees_drafts_of(request.user, indicator)):
            raise PermissionDenied
        context = {"indicator": indicator, "entries": history_entries(indicator)}
        template = (
            "indicators/partials/history.html"
            if request.htmx
            else "indicators/entry/history_page.html"
        )
        return render(request, template, context)


def entry_url(item: DueItem) -> str:
    return reverse("indicators:enter") + "?item=" + item.key


__all__ = ["PERIODS_IN_YEAR"]
