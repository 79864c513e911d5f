"""Forms of the people and units administration pages."""

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from core.forms import ModelChoiceField, SpreadsheetField
from core.models import OrgUnit, Profile
from core.roles import Role
from indicators.pickers import PersonChoiceField
from people.holdings import Holding
from people.services import PersonDetails, handover_problems, line_manager_problem


def active_people(exclude: User | None = None):
    people = User.objects.filter(is_active=True).order_by("first_name", "last_name", "username")
    return people.exclude(pk=exclude.pk) if exclude is not None and exclude.pk else people


class PersonForm(forms.Form):
    """A person's login, profile and roles: one form over User, Profile and the role groups."""

    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(label="E-mail", max_length=254)
    username = forms.CharField(
        max_length=150,
        validators=[User.username_validator],
        help_text="Letters, digits and @ . + - _ only.",
    )
    unit = ModelChoiceField(queryset=OrgUnit.objects.all(), required=False)
    job_title = forms.CharField(max_length=200, required=False)
    line_manager = PersonChoiceField(queryset=User.objects.none(), required=False, show_login=True)
    roles = forms.MultipleChoiceField(
        choices=[(role, role) for role in Role.ALL],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, person: User | None = None, **kwargs) -> None:
        self.person = person
        if person is not None and "initial" not in kwargs:
            profile = Profile.objects.filter(user=person).first()
            kwargs["initial"] = {
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": person.email,
                "username": person.username,
                "unit": profile.unit if profile else None,
                "job_title": profile.job_title if profile else "",
                "line_manager": profile.line_manager if profile else None,
                "roles": list(person.groups.values_list("name", flat=True)),
            }
        super().__init__(*args, **kwargs)
        self.fields["line_manager"].queryset = active_people(exclude=person)
        self.fields["unit"].queryset = OrgUnit.objects.all()

    def _unique(self, field: str, lookup: str):
        value = self.cleaned_data[field]
        others = User.objects.filter(**{lookup: value})
        if self.person is not None:
            others = others.exclude(pk=self.person.pk)
        if others.exists():
            raise ValidationError(
                f"Someone else already has this {self.fields[field].label.lower()}."
            )
        return value

    def clean_email(self):
        return self._unique("email", "email__iexact")

    def clean_username(self):
        return self._unique("username", "username__iexact")

    def clean_line_manager(self):
        manager = self.cleaned_data["line_manager"]
        problem = line_manager_problem(self.person, manager)
        if problem:
            raise ValidationError(problem)
        return manager

    def details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            username=data["username"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            unit=data["unit"],
            job_title=data["job_title"],
            line_manager=data["line_manager"],
            roles=data["roles"],
            is_active=self.person.is_active if self.person else True,
        )


class HandoverForm(forms.Form):
    """To whom each thing a leaver holds goes: one person for everything, or item by item
    (an item's own choice wins)."""

    everything_to = PersonChoiceField(
        queryset=User.objects.none(),
        show_login=True,
        required=False,
        label="Hand everything over to",
        help_text="Or choose a person for each item below.",
    )

    def __init__(self, *args, person: User, holdings: list[Holding], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.person, self.holdings = person, holdings
        people = active_people(exclude=person)
        self.fields["everything_to"].queryset = people
        for holding in holdings:
            self.fields[holding.key] = PersonChoiceField(
                queryset=people,
                show_login=True,
                required=False,
                label=f"{holding.kind.label}: {holding.name}",
                empty_label="(as chosen above)",
            )

    def item_fields(self):
        return [self[holding.key] for holding in self.holdings]

    def clean(self):
        cleaned = super().clean()
        everyone = cleaned.get("everything_to")
        self.assignments = {h.key: cleaned.get(h.key) or everyone for h in self.holdings}
        for problem in handover_problems(self.person, self.holdings, self.assignments):
            self.add_error(None, problem)
        return cleaned


class UnitForm(forms.ModelForm):
    parent = ModelChoiceField(queryset=OrgUnit.objects.all(), required=False)

    class Meta:
        model = OrgUnit
        fields = ["name", "code", "kind", "parent"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = OrgUnit.objects.all()
        self.fields["parent"].help_text = "Empty for the council itself or a partner organisation."

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        unit = self.instance
        if parent is not None and unit.pk and parent.path.startswith(unit.path):
            raise ValidationError(
                f"{unit.name} cannot move under {parent.name}: that is inside its own subtree."
            )
        return parent


class TableUploadForm(forms.Form):
    file = SpreadsheetField(help_text="CSV or Excel (.xlsx), in the template's columns.")
