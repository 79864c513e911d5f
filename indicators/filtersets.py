"""Filters of the PI register list (all kept in the URL's query string)."""

import django_filters
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.choices import UnitKind
from core.models import OrgUnit
from indicators.choices import Frequency, IndicatorType, Polarity, Rag
from indicators.formatting import person_name
from indicators.models import Indicator
from indicators.querysets import active_on_q

YES_NO = (("yes", "Yes"), ("no", "No"))


class IndicatorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search code or title")
    directorate = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.directorates(), method="filter_directorate", label="Directorate"
    )
    service = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.filter(kind__in=[UnitKind.SERVICE, UnitKind.TEAM]).order_by(
            "name"
        ),
        method="filter_service",
        label="Service or team",
    )
    owner = django_filters.ModelChoiceFilter(
        queryset=User.objects.filter(
            Q(owned_indicators__isnull=False) | Q(deputised_indicators__isnull=False)
        )
        .distinct()
        .order_by("last_name", "first_name"),
        method="filter_owner",
        label="Owner or deputy",
    )
    polarity = django_filters.ChoiceFilter(choices=Polarity.choices)
    frequency = django_filters.ChoiceFilter(choices=Frequency.choices)
    indicator_type = django_filters.ChoiceFilter(choices=IndicatorType.choices, label="Type")
    national = django_filters.ChoiceFilter(
        choices=(("national", "National"), ("local", "Local")),
        method="filter_national",
        label="National or local",
    )
    public = django_filters.ChoiceFilter(choices=YES_NO, method="filter_public", label="Public")
    active = django_filters.ChoiceFilter(choices=YES_NO, method="filter_active", label="Active")
    # RAG for the chosen period is computed by the assessment engine, so the view applies it
    # after assessing; declared here so it shows in the form and stays in the URL.
    rag = django_filters.ChoiceFilter(choices=Rag.choices, method="filter_nothing", label="RAG")
    ordering = django_filters.OrderingFilter(
        fields=(
            ("code", "code"),
            ("title", "title"),
            ("service__name", "service"),
            ("owner__last_name", "owner"),
            ("frequency", "frequency"),
            ("polarity", "polarity"),
        ),
        field_labels={"owner__last_name": "Owner"},
        label="Sort by",
    )

    class Meta:
        model = Indicator
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["owner"].field.label_from_instance = lambda user: person_name(user)

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value))

    def filter_directorate(self, queryset: QuerySet, name: str, value: OrgUnit) -> QuerySet:
        return queryset.filter(service__path__startswith=value.path)

    def filter_service(self, queryset: QuerySet, name: str, value: OrgUnit) -> QuerySet:
        return queryset.filter(service__path__startswith=value.path)

    def filter_owner(self, queryset: QuerySet, name: str, value: User) -> QuerySet:
        return queryset.filter(Q(owner=value) | Q(deputy=value))

    def filter_national(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(is_national=value == "national")

    def filter_public(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(is_public=value == "yes")

    def filter_active(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        active = active_on_q(timezone.localdate())
        return queryset.filter(active) if value == "yes" else queryset.exclude(active)

    def filter_nothing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset
