"""Every person picker refuses an id written in non-ASCII digits: int('𝟓') is 5, so Django's own
choice field would hand a PI, plan, action or risk to user 5 when the form was forged."""

import pytest
from django import forms as django_forms
from django.contrib.auth.models import User

from actions.forms import ActionPlanForm
from indicators.forms import IndicatorForm
from indicators.pickers import PeopleChoiceField, PersonChoiceField, person_choice_label
from people.forms import PersonForm
from plans.forms import PlanForm
from tests.factories import make_user

pytestmark = pytest.mark.django_db

BOLD_DIGITS = str.maketrans("0123456789", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗")


@pytest.mark.parametrize("form_class", [IndicatorForm, PlanForm, ActionPlanForm, PersonForm])
def test_every_form_picks_people_with_the_one_picker(form_class):
    pickers = [f for f in form_class.base_fields.values() if isinstance(f, PersonChoiceField)]
    assert pickers, f"{form_class.__name__} has no person picker"


def test_a_picker_names_people_as_pages_do_and_shows_the_login_where_asked():
    named = User.objects.create_user("jsmith", first_name="Jo", last_name="Smith")
    unnamed = User.objects.create_user("nobody", first_name="", last_name="")
    assert person_choice_label(named) == "Jo Smith"
    assert person_choice_label(named, show_login=True) == "Jo Smith (jsmith)"
    assert person_choice_label(unnamed, show_login=True) == "nobody"


@pytest.mark.parametrize("field_class", [PersonChoiceField, PeopleChoiceField])
def test_a_person_is_chosen_by_ascii_digits_only(field_class):
    person = make_user("chosen")
    field = field_class(queryset=User.objects.all())
    if field_class is PeopleChoiceField:
        assert list(field.clean([str(person.pk)])) == [person]
        with pytest.raises(django_forms.ValidationError):
            field.clean([str(person.pk).translate(BOLD_DIGITS)])
        return
    assert field.clean(str(person.pk)) == person
    forged = str(person.pk).translate(BOLD_DIGITS)
    assert int(forged) == person.pk  # what Django's own field would have chosen
    with pytest.raises(django_forms.ValidationError):
        field.clean(forged)
