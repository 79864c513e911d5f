"""The person pickers of every form: people named as on every page, chosen by ASCII id."""

from typing import Any

from django.contrib.auth.models import User

from core.forms import ModelChoiceField, ModelMultipleChoiceField
from indicators.formatting import person_name


def person_choice_label(user: User, *, show_login: bool = False) -> str:
    """Return a person as a picker lists them: their name, with their login beside it when
    `show_login` (where accounts are assigned, two people of one name must be told apart)."""
    name = person_name(user)
    login = user.get_username()
    return f"{name} ({login})" if show_login and name != login else name


class PersonChoiceField(ModelChoiceField):
    def __init__(self, *args: Any, show_login: bool = False, **kwargs: Any) -> None:
        self.show_login = show_login
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: User) -> str:
        return person_choice_label(obj, show_login=self.show_login)


class PeopleChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return person_choice_label(obj)
