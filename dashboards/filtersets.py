"""The dashboard's filters: which period, and which indicators (kept in the URL).

The indicator filters (plan/priority, directorate/service, owner, type, national/local) narrow
the queryset; `period`, `rag`, `concern` and `figures` do not touch it: the view reads them from
`form.cleaned_data` to choose what to assess and which assessed rows to show.
"""

import contextlib
from datetime import date

import django_filters
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.choices import UnitKind
from core.forms import ModelChoiceField
from core.models import OrgUnit
from core.widgets import QuickSelect
from indicators.choices import Frequency, IndicatorType, Rag
from indicators.formatting import person_name
from indicators.models import Indicator
from indicators.periods import Period
from plans.choices import PlanKind
from plans.models import Objective, Plan
from plans.rollup import FIGURES, counted_objectives, reporting_period

YEARS_OF_PERIODS = 5
CORPORATE_KINDS = [PlanKind.COMMUNITY, PlanKind.COUNCIL, PlanKind.IMPROVEMENT]

CONCERNS = [
    ("exceptions", "Exceptions (Red, and Amber getting worse)"),
    ("missing", "Missing data"),
    ("forecast", "Forecast to miss the year-end target"),
    ("bottom_quartile", "Bottom quartile among comparators"),
]


def default_period(today: date | None = None) -> Period:
    """Return the month a dashboard opens on: the current reporting period (plans.rollup)."""
    return reporting_period(today)


def period_choices(today: date | None = None) -> list[tuple[str, str]]:
    """Return (label, long label) of the months one may review, newest first."""
    today = today or timezone.localdate()
    month = Period.containing(today, Frequency.MONTHLY)
    return [(p.label, p.long_label) for p in reversed(month.back(12 * YEARS_OF_PERIODS))]


class QuickChoiceFilter(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, **kwargs)


class UserChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return person_name(obj)


class UserFilter(django_filters.ModelChoiceFilter):
    field_class = UserChoiceField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, **kwargs)


class ObjectiveChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Objective) -> str:
        return f"{obj.plan.title}: {obj.number}. {obj.title}"


class ObjectiveFilter(UserFilter):
    field_class = ObjectiveChoiceField


class UnitChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return ("\u2003" * max(obj.depth - 1, 0)) + obj.name


class UnitFilter(UserFilter):
    field_class = UnitChoiceField


class PlanFilter(UserFilter):
    field_class = ModelChoiceField


def _units(request) -> QuerySet:
    return OrgUnit.objects.filter(kind__in=[UnitKind.DIRECTORATE, UnitKind.SERVICE])


def _owners(request) -> QuerySet:
    return (
        User.objects.filter(Q(owned_indicators__isnull=False))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _plans(request) -> QuerySet:
    user = getattr(request, "user", None)
    plans = Plan.objects.exclude(kind=PlanKind.INDIVIDUAL)
    return plans.visible_to(user).order_by("kind", "-year", "title") if user else plans.none()


def _priorities(request) -> QuerySet:
    # Corporate priorities only: a service plan's objectives are reached through the plan
    # filter, and listing every objective of every plan would swamp the menu.
    return (
        Objective.objects.filter(plan__in=_plans(request), plan__kind__in=CORPORATE_KINDS)
        .select_related("plan")
        .order_by("plan__kind", "-plan__year", "plan__title", "number")
    )


def objective_subtree_ids(root_ids: list[int]) -> set[int]:
    """Return the ids of the objectives given and of every counted objective contributing to
    them (plans.rollup.counted_objectives: a draft plan's PIs count only on its own).

    One query: the whole contribution graph is small (objectives, not indicators).
    """
    children: dict[int, list[int]] = {}
    for pk, parent_id in (
        counted_objectives().exclude(contributes_to=None).values_list("pk", "contributes_to_id")
    ):
        children.setdefault(parent_id, []).append(pk)
    seen: set[int] = set()
    stack = list(root_ids)
    while stack:
        pk = stack.pop()
        if pk in seen:
            continue
        seen.add(pk)
        stack.extend(children.get(pk, []))
    return seen


class DashboardFilterSet(django_filters.FilterSet):
    period = QuickChoiceFilter(
        label="Period", choices=period_choices, method="keep", empty_label=None
    )
    plan = PlanFilter(label="Plan", queryset=_plans, method="filter_plan", empty_label="All plans")
    priority = ObjectiveFilter(
        label="Priority or objective",
        queryset=_priorities,
        method="filter_priority",
        empty_label="All priorities",
    )
    unit = UnitFilter(
        label="Directorate or service",
        queryset=_units,
        method="filter_unit",
        empty_label="Whole council",
    )
    owner = UserFilter(label="Owner", queryset=_owners, empty_label="Anyone")
    indicator_type = QuickChoiceFilter(
        label="Type", choices=IndicatorType.choices, empty_label="Any type"
    )
    scope = QuickChoiceFilter(
        label="National or local",
        choices=[("national", "National"), ("local", "Local")],
        method="filter_scope",
        empty_label="Both",
    )
    rag = QuickChoiceFilter(
        label="RAG", choices=Rag.choices, method="keep", empty_label="Any status"
    )
    concern = QuickChoiceFilter(
        label="Show only", choices=CONCERNS, method="keep", empty_label="Everything"
    )
    figures = QuickChoiceFilter(label="Figures", choices=FIGURES, method="keep", empty_label=None)

    class Meta:
        model = Indicator
        fields: list[str] = []  # every filter is declared above, in the form's order

    def __init__(self, data=None, *args, **kwargs) -> None:
        data = data.copy() if data is not None else None
        if data is not None:
            # Unbound choices fall back to their defaults rather than failing validation.
            data.setdefault("period", default_period().label)
            # A period typed as pages show it ('October 2026') is the choice it names; anything
            # else is left for the choice field to refuse with its message.
            with contextlib.suppress(ValueError):
                data["period"] = Period.parse(data["period"]).label
            data.setdefault("figures", "verified")
        super().__init__(data, *args, **kwargs)

    def keep(self, queryset: QuerySet, name: str, value) -> QuerySet:
        """Leave the queryset alone: the view applies this field to the assessment."""
        return queryset

    def filter_plan(self, queryset: QuerySet, name: str, value: Plan) -> QuerySet:
        roots = list(value.objectives.values_list("pk", flat=True))
        return queryset.filter(objectives__in=objective_subtree_ids(roots)).distinct()

    def filter_priority(self, queryset: QuerySet, name: str, value: Objective) -> QuerySet:
        return queryset.filter(objectives__in=objective_subtree_ids([value.pk])).distinct()

    def filter_unit(self, queryset: QuerySet, name: str, value: OrgUnit) -> QuerySet:
        return queryset.filter(service__path__startswith=value.path)

    def filter_scope(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(is_national=(value == "national"))

    @property
    def chosen_period(self) -> Period:
        """Return the chosen period (the default one when the form is invalid)."""
        label = self.form.cleaned_data.get("period") if self.is_valid() else None
        return Period.parse(label) if label else default_period()

    def chosen(self, name: str) -> str:
        """Return the cleaned value of a 'keep' field, or '' when it is not set or invalid."""
        return (self.form.cleaned_data.get(name) or "") if self.is_valid() else ""
