import factory

from reporting.models import Audience, CycleItem, Pack

__all__ = ["AudienceFactory", "CycleItemFactory", "PackFactory"]


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Board {n}")


class CycleItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CycleItem

    name = factory.Sequence(lambda n: f"Cycle item {n}")
    months = factory.LazyFunction(lambda: list(range(1, 13)))
    due_rule = "end_of_month"
    report_type = ""


class PackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pack

    report_type = "calendar"
    period_label = "2026"
    title = "Annual planning & reporting cycle 2026"
    status = "ready"
    version = factory.Sequence(lambda n: n + 1)
