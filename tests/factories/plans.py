import factory

from plans.choices import PlanKind, PlanStatus
from plans.models import Objective, Plan, financial_year_dates

__all__ = ["PlanFactory", "ObjectiveFactory"]


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    kind = PlanKind.SERVICE
    title = factory.Sequence(lambda n: f"Plan {n}")
    year = 2026
    period_start = factory.LazyAttribute(lambda p: financial_year_dates(p.year)[0])
    period_end = factory.LazyAttribute(lambda p: financial_year_dates(p.year)[1])
    status = PlanStatus.APPROVED


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Objective {n}")
