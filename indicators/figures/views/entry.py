"""Pages for entering the monthly round of figures: my indicators, the entry page and the
preview under each figure.

Views are thin: they find what the user may act on, call one service and render. Every
state change is a POST, checked again by the service.
"""

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import TemplateView

from core.access import has, require
from core.parsing import ParseError, parse_int
from indicators.choices import FigureState, PeriodState
from indicators.figures.due import DueItem, due_items, my_indicators, with_full_figures
from indicators.figures.forms import EntryFormSet, FigureEntryForm, assess_forms
from indicators.figures.views.base import item_for, todays_date
from indicators.services import FigureConflict, PeriodClosed, figures_enter

SUBMIT, DRAFT, CHECK = "submit", "draft", "check"


class MyIndicatorsView(TemplateView):
    """The PIs the user owns or deputises, for the current and any overdue periods."""

    template_name = "indicators/entry/my_indicators.html"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "enter_figures")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = due_items(my_indicators(self.request.user), today=todays_date())
        context["items"] = items
        context["action_count"] = sum(1 for item in items if item.needs_action)
        context["returned"] = [i for i in items if i.state == FigureState.RETURNED]
        context["can_amend"] = has(self.request.user, "close_periods")
        return context


# More figures than anyone is given on one page; a forged count cannot ask for more.
MAX_PAGE_FORMS = 2000


def _posted_count(data) -> int:
    try:
        return parse_int(data.get("form-TOTAL_FORMS"), minimum=0) or 0
    except ParseError:
        return 0


class EntryView(View):
    """Enter every due figure on one page (or one figure with ?item=<key>): save drafts,
    check, or submit. All or nothing: any error shows beside its field with what was typed."""

    template_name = "indicators/entry/enter.html"

    def dispatch(self, request, *args, **kwargs):
        require(request.user, "enter_figures")
        self.today = todays_date()
        return super().dispatch(request, *args, **kwargs)

    def get_items(self) -> list[DueItem]:
        key = self.request.GET.get("item")
        if key:
            item = item_for(self.request.user, key, self.today)
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
            if item.needs_action and item.state != PeriodState.NOT_DUE
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
        items = [current.get(key) or item_for(self.request.user, key, self.today) for key in keys]
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
        today = todays_date()
        item = item_for(request.user, request.POST.get("key", ""), today)
        prefix = request.POST.get("prefix", "")
        if not prefix.replace("-", "").isalnum():
            raise Http404
        form = FigureEntryForm(request.POST, prefix=prefix, item=item)
        form.is_valid()
        assess_forms([form], submitting=False, today=today)
        return render(request, "indicators/entry/preview.html", {"form": form})
