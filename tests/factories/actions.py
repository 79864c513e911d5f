import datetime

import factory

from actions.choices import ActionStatus, RegisterKind, WhenKind
from actions.models import Action, ActionPlan, ActionUpdate, Risk, RiskRegister, RiskReview, Theme
from tests.factories.core import OrgUnitFactory, UserFactory

__all__ = [
    "ActionPlanFactory",
    "ThemeFactory",
    "ActionFactory",
    "ActionUpdateFactory",
    "RiskRegisterFactory",
    "RiskFactory",
    "RiskReviewFactory",
]


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    title = factory.Sequence(lambda n: f"Action plan {n}")
    unit = factory.SubFactory(OrgUnitFactory)
    start_date = datetime.date(2026, 4, 1)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Theme {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    theme = factory.SubFactory(ThemeFactory)
    number = factory.LazyAttributeSequence(lambda o, n: f"{o.theme.number}.{n + 1}")
    title = factory.Sequence(lambda n: f"Action {n}")
    how = "By doing it"
    when_kind = WhenKind.DATE
    due_date = datetime.date(2027, 3, 31)
    status = ActionStatus.IN_PROGRESS
    percent_complete = 0

    @factory.post_generation
    def leads(self, create, extracted, **kwargs):
        if create and extracted:
            self.leads.set(extracted)


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionUpdate

    action = factory.SubFactory(ActionFactory)
    date = datetime.date(2026, 11, 1)
    author = factory.SubFactory(UserFactory)
    note = "Progress as planned."
    status = ActionStatus.IN_PROGRESS
    percent_complete = 50


class RiskRegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskRegister

    title = factory.Sequence(lambda n: f"Risk register {n}")
    kind = RegisterKind.SERVICE
    unit = factory.SubFactory(OrgUnitFactory)


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    register = factory.SubFactory(RiskRegisterFactory)
    ref = factory.Sequence(lambda n: f"R{n + 1:02d}")
    title = factory.Sequence(lambda n: f"Risk {n}")
    owner = factory.SubFactory(UserFactory)
    inherent_likelihood = 4
    inherent_impact = 4
    residual_likelihood = 3
    residual_impact = 3
    target_likelihood = 2
    target_impact = 2
    review_date = datetime.date(2027, 1, 31)


class RiskReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskReview

    risk = factory.SubFactory(RiskFactory)
    date = datetime.date(2026, 10, 1)
    reviewer = factory.SubFactory(UserFactory)
    likelihood = 3
    impact = 3
    commentary = "Controls working."
