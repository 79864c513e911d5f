"""An indicator's audit trail: every change to its definition, targets and figures."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import View

from core.access import has
from indicators.models import Indicator
from indicators.visibility import sees_drafts_of


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
