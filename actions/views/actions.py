"""Pages of one action (detail, edit, progress, history), the signed-in person's actions, and
the actions table every plan page shares."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, FormView, UpdateView
from django_filters.views import FilterView

from actions import permissions as perms
from actions.choices import ActionStatus
from actions.filtersets import ActionFilterSet
from actions.forms import ActionForm, ActionUpdateForm
from actions.history import history_rows
from actions.models import Action, objectives
from actions.querysets import first_of_month
from actions.services import action_update_record
from actions.views.exports import ACTION_EXPORT_HEADER, action_export_rows
from core.clock import today
from core.models import CouncilSettings
from core.tabular import table_response
from indicators.formatting import person_name


def who_display(action: Action) -> str:
    """Return the Who column: the plan's own words, else the leads' and teams' names."""
    if action.who_text:
        return action.who_text
    names = [person_name(u) for u in action.leads.all()]
    names += [t.name for t in action.teams.all()]
    return ", ".join(names)


def decorate_actions(actions, user, day: datetime.date) -> list[Action]:
    """Give each action (annotated with rag and last_update_date) the flags a table shows."""
    month_start = first_of_month(day)
    rows = list(actions)
    for action in rows:
        action.overdue = action.is_overdue(day)
        action.stale = action.status not in ActionStatus.closed() and (
            action.last_update_date is None or action.last_update_date < month_start
        )
        action.who = who_display(action)
        action.can_update = perms.can_update_action(user, action)
    return rows


class ActionTableMixin:
    """A filtered, exportable table of actions in a fixed number of queries."""

    filterset_class = ActionFilterSet
    export_basename = "actions"

    def base_actions(self):
        raise NotImplementedError

    def get_queryset(self):
        return (
            self.base_actions()
            .for_table()
            .with_suggested_rag(today(self.request))
            .with_last_update()
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["today"] = today(self.request)
        return kwargs

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        fmt = request.GET.get("export")
        if fmt in {"csv", "xlsx"}:
            rows = decorate_actions(self.object_list, request.user, today(request))
            return table_response(
                fmt, self.export_basename, ACTION_EXPORT_HEADER, action_export_rows(rows)
            )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = decorate_actions(
            self.object_list, self.request.user, today(self.request)
        )
        context["today"] = today(self.request)
        query = self.request.GET.copy()
        query.pop("export", None)
        context["query"] = query.urlencode()
        return context


class MyActionsView(ActionTableMixin, FilterView):
    """The actions the signed-in person leads, across every plan."""

    template_name = "actions/my_actions.html"
    export_basename = "my-actions"

    def base_actions(self):
        return Action.objects.led_by(self.request.user)


def action_for_view(pk: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("theme__plan__unit", "service").prefetch_related("leads"),
        pk=pk,
    )


class ActionEditView(UpdateView):
    model = Action
    form_class = ActionForm
    template_name = "actions/form.html"

    def get_object(self, queryset=None):
        action = action_for_view(self.kwargs["pk"])
        if not perms.can_manage_action(self.request.user, action):
            raise PermissionDenied
        return action

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "plan": self.object.theme.plan,
            "user": self.request.user,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "heading": f"Edit action {self.object.number}",
            "cancel_url": self.object.get_absolute_url(),
        }


class ActionDetailView(DetailView):
    template_name = "actions/action_detail.html"
    context_object_name = "action"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Action.objects.select_related("theme__plan__unit", "service")
            .prefetch_related(
                "leads",
                "teams",
                "indicators",
                Prefetch("objectives", queryset=self._objectives(self.request.user)),
                "mitigated_risks__register",
            )
            .with_last_update(),
            pk=self.kwargs["pk"],
        )

    @staticmethod
    def _objectives(user):
        # Only objectives of plans this person may see (individual plans are private).
        return objectives().visible_to(user).select_related("plan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action, user, day = self.object, self.request.user, today(self.request)
        decorate_actions([action], user, day)
        context.update(
            today=day,
            rag=action.get_rag(day),
            suggested=action.suggested_rag(day),
            expected=action.expected_percent(day),
            updates=action.updates.select_related("author"),
            can_manage=perms.can_manage_action(user, action),
            can_history=perms.can_view_action_history(user, action),
        )
        if action.can_update and "form" not in context:
            context["form"] = ActionUpdateForm(
                initial={
                    "date": day,
                    "status": action.status,
                    "percent_complete": action.percent_complete,
                    "rag_override": action.rag_override,
                    "rag_override_reason": action.rag_override_reason,
                }
            )
        return context


class ActionProgressView(FormView):
    """Record a dated progress update (POST); the form sits on the action page."""

    form_class = ActionUpdateForm
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        self.action = action_for_view(kwargs["pk"])
        if not perms.can_update_action(request.user, self.action):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            action_update_record(action=self.action, author=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, f"Progress on action {self.action.number} recorded.")
        return HttpResponseRedirect(self.action.get_absolute_url())

    def form_invalid(self, form):
        view = ActionDetailView(request=self.request, kwargs={"pk": self.action.pk})
        view.object = view.get_object()
        context = view.get_context_data(form=form)
        return view.render_to_response(context, status=400)


class HistoryMixin:
    """The change history (simple_history) of one object, with what changed each time."""

    template_name = "actions/history.html"

    def history_records(self, obj):
        return history_rows(obj, size=CouncilSettings.load().risk_matrix_size)


class ActionHistoryView(HistoryMixin, DetailView):
    def get_object(self, queryset=None):
        action = action_for_view(self.kwargs["pk"])
        if not perms.can_view_action_history(self.request.user, action):
            raise PermissionDenied
        return action

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "heading": f"History of action {self.object.number}",
            "records": self.history_records(self.object),
            "back_url": self.object.get_absolute_url(),
        }
