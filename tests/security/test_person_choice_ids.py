"""Every person picker refuses an id written in non-ASCII digits: int('𝟓') is 5, so Django's own
choice field would hand a PI, plan, action or risk to user 5 when the form was forged."""

import pytest
from django import forms as django_forms
from django.contrib.auth.models import User

from actions.forms import PersonChoiceField as ActionPersonField
from indicators.forms import PersonChoiceField as IndicatorPersonField
from plans.forms import PersonChoiceField as PlanPersonField
from tests.factories import make_user

pytestmark = pytest.mark.django_db

BOLD_DIGITS = str.maketrans("0123456789", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗")


@pytest.mark.parametrize("field_class", [IndicatorPersonField, PlanPersonField, ActionPersonField])
def test_a_person_is_chosen_by_ascii_digits_only(field_class):
    person = make_user("chosen")
    field = field_class(queryset=User.objects.all())
    assert field.clean(str(person.pk)) == person
    forged = str(person.pk).translate(BOLD_DIGITS)
    assert int(forged) == person.pk  # what Django's own field would have chosen
    with pytest.raises(django_forms.ValidationError):
        field.clean(forged)
