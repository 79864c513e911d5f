"""Filters of the plan list (kept in the URL)."""

import django_filters
from django import forms

from core.models import OrgUnit
from plans.choices import PlanKind, PlanStatus
from plans.models import Plan


class PlanFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search")
    kind = django_filters.ChoiceFilter(choices=PlanKind.choices)
    year = django_filters.NumberFilter(label="Version year (e.g. 2026)")
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices)
    unit = django_filters.ModelChoiceFilter(queryset=OrgUnit.objects.all(), label="Unit")

    class Meta:
        model = Plan
        fields = ["q", "kind", "year", "status", "unit"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    @property
    def form(self) -> forms.Form:
        form = super().form
        for field in form.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm")
        form.fields["q"].widget.attrs["class"] = "form-control form-control-sm"
        form.fields["year"].widget.attrs["class"] = "form-control form-control-sm"
        return form
