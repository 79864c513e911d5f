"""The performance team's pages for the round: closing and reopening periods, and chasing
missing and overdue figures."""

from collections import OrderedDict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from core.access import require
from core.parsing import id_or_none
from indicators.choices import Frequency
from indicators.closing import closing_summary
from indicators.figures.due import chase_items
from indicators.figures.forms import PeriodForm
from indicators.figures.views.base import todays_date
from indicators.models import FigureReminder, PeriodClosure
from indicators.periods import Period
from indicators.services import ChaseItem, figure_reminders_send, period_close, period_reopen


def recent_periods(today) -> list[Period]:
    """Return the periods shown on the periods page: the last 13 months, 5 quarters, 2 years."""
    periods = []
    for frequency, count in (
        (Frequency.MONTHLY, 13),
        (Frequency.QUARTERLY, 5),
        (Frequency.ANNUAL, 2),
    ):
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
        periods = recent_periods(todays_date())
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
        summary = closing_summary(period, today=todays_date())
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
        if confirm != closing_summary(period, today=todays_date()).fingerprint:
            return self._render(request, form, status=409, changed=True)
        try:
            period_close(period=period, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self._render(request, form, status=400)
        messages.success(request, f"{period.long_label} closed.")
        return redirect("indicators:periods")


# Chasing ---------------------------------------------------------------------------------------


class ChaseView(TemplateView):
    """Missing and overdue figures by service and owner, with reminders (performance team)."""

    template_name = "indicators/entry/chase.html"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "close_periods")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = chase_items(todays_date())
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
        items = chase_items(todays_date(), owner_id)
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
