import factory

from indicators.choices import Aggregation, FigureState, Frequency, Polarity
from indicators.models import Figure, Indicator, Target
from tests.factories.core import OrgUnitFactory, UserFactory

__all__ = ["IndicatorFactory", "TargetFactory", "FigureFactory"]


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"LPI {n:03d}")
    title = factory.Sequence(lambda n: f"Indicator {n}")
    polarity = Polarity.HIGHER
    frequency = Frequency.MONTHLY
    aggregation = Aggregation.LATEST
    owner = factory.SubFactory(UserFactory)
    service = factory.SubFactory(OrgUnitFactory)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2026
    annual_target = 100


class FigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Figure

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2026
    number = 1
    value = 100
    state = FigureState.SUBMITTED
