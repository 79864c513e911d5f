"""Filters of the action plan table, "my actions" and risk registers (django-filter)."""

import django_filters
from django import forms
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone

from actions.choices import ActionRag, ActionStatus, Priority, RiskStatus
from actions.models import Action, Risk, Theme
from indicators.pickers import PersonChoiceField

YES_NO = forms.Select(choices=[("", "Any"), ("true", "Yes"), ("false", "No")])


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = PersonChoiceField


class ActionFilterSet(django_filters.FilterSet):
    """Filters over actions already annotated with_suggested_rag (the `rag` annotation)."""

    q = django_filters.CharFilter(method="search", label="Search")
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.none())
    lead = PersonFilter(queryset=User.objects.none(), method="filter_lead", label="Lead")
    priority = django_filters.ChoiceFilter(choices=Priority.choices)
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices)
    rag = django_filters.ChoiceFilter(
        choices=[*ActionRag.choices, ("none", "No RAG (no dates)")],
        method="filter_rag",
        label="RAG",
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue", widget=YES_NO)
    no_update = django_filters.BooleanFilter(
        method="filter_no_update", label="No update this month", widget=YES_NO
    )

    class Meta:
        model = Action
        fields = ["q", "theme", "lead", "priority", "status", "rag", "overdue", "no_update"]

    def __init__(self, *args, plan=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        if plan is not None:
            self.filters["theme"].queryset = plan.themes.all()
            self.filters["lead"].queryset = (
                User.objects.filter(led_actions__theme__plan=plan)
                .distinct()
                .order_by("first_name", "last_name")
            )
        else:
            del self.filters["theme"]
            del self.filters["lead"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(how__icontains=value) | Q(who_text__icontains=value)
        )

    def filter_rag(self, queryset, name, value):
        return queryset.filter(rag="" if value == "none" else value)

    def filter_overdue(self, queryset, name, value):
        overdue = Action.objects.overdue(self.today).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

    def filter_no_update(self, queryset, name, value):
        stale = Action.objects.without_update_this_month(self.today).values("pk")
        return queryset.filter(pk__in=stale) if value else queryset.exclude(pk__in=stale)

    def filter_lead(self, queryset, name, value):
        # Through a subquery, so the join on leads never repeats an action.
        return queryset.filter(
            pk__in=Action.leads.through.objects.filter(user=value).values("action")
        )


class RiskFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    status = django_filters.ChoiceFilter(choices=RiskStatus.choices)
    owner = PersonFilter(queryset=User.objects.none())
    review_overdue = django_filters.BooleanFilter(
        method="filter_review_overdue", label="Review overdue", widget=YES_NO
    )

    class Meta:
        model = Risk
        fields = ["q", "status", "owner", "review_overdue"]

    def __init__(self, *args, register=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        owners = User.objects.order_by("first_name", "last_name")
        if register is not None:
            owners = owners.filter(owned_risks__register=register).distinct()
        self.filters["owner"].queryset = owners

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(ref__icontains=value)
            | Q(title__icontains=value)
            | Q(cause__icontains=value)
            | Q(effect__icontains=value)
        )

    def filter_review_overdue(self, queryset, name, value):
        overdue = Q(review_date__lt=self.today) & ~Q(status=RiskStatus.CLOSED)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)
