"""Forms for plans, actions, progress updates, registers, risks and reviews."""

import datetime

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone

from actions.choices import ActionRag, ActionStatus, RiskStatus
from actions.models import (
    SCORE_FIELDS,
    Action,
    ActionPlan,
    Risk,
    RiskRegister,
    Theme,
    objectives,
)
from actions.permissions import managed_unit_ids
from actions.risk import score_choices, score_kind
from core.choices import UnitKind
from core.forms import (
    IntegerField,
    ModelChoiceField,
    SpreadsheetField,
    number_fields,
)
from core.models import CouncilSettings, OrgUnit
from indicators.pickers import PeopleChoiceField, PersonChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def linkable_objectives(user):
    """Return the objectives an action or risk may link to (the plans' rule)."""
    return objectives().linkable_by(user).select_related("plan")


def people_choices():
    return User.objects.filter(is_active=True).order_by("first_name", "last_name", "username")


class ScopedUnitMixin:
    """Limits unit choices to the units the user manages (managers: their service)."""

    def limit_units(self, user, *field_names: str) -> None:
        ids = managed_unit_ids(user)
        for name in field_names:
            if name in self.fields:
                units = OrgUnit.objects.all()
                self.fields[name].queryset = units if ids is None else units.filter(pk__in=ids)


class ActionPlanForm(ScopedUnitMixin, forms.ModelForm):
    owner = PersonChoiceField(queryset=User.objects.none(), required=False)

    class Meta:
        model = ActionPlan
        fields = ["title", "kind", "unit", "owner", "start_date", "description"]
        widgets = {"start_date": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_choices()
        self.limit_units(user, "unit")


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        formfield_callback = number_fields
        fields = ["number", "title"]

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        clash = Theme.objects.filter(plan=self.plan, number=number).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"This plan already has a theme {number}.")
        return number


class ActionForm(ScopedUnitMixin, forms.ModelForm):
    leads = PeopleChoiceField(queryset=User.objects.none(), required=False)

    class Meta:
        model = Action
        formfield_callback = number_fields
        fields = [
            "theme",
            "number",
            "title",
            "how",
            "leads",
            "teams",
            "who_text",
            "service",
            "when_kind",
            "when_text",
            "start_date",
            "due_date",
            "priority",
            "status",
            "percent_complete",
            "rag_override",
            "rag_override_reason",
            "objectives",
            "indicators",
        ]
        widgets = {
            "start_date": DATE,
            "due_date": DATE,
            "title": forms.Textarea(attrs={"rows": 2}),
            "how": forms.Textarea(attrs={"rows": 2}),
            "rag_override_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, plan: ActionPlan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["theme"].queryset = plan.themes.all()
        self.fields["leads"].queryset = people_choices()
        self.fields["teams"].queryset = OrgUnit.objects.exclude(kind=UnitKind.COUNCIL)
        self.fields["objectives"].queryset = linkable_objectives(user)
        self.limit_units(user, "service")

    def clean_number(self) -> str:
        from actions.models import normalise_action_number

        try:
            return normalise_action_number(self.cleaned_data["number"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self):
        cleaned = super().clean()
        theme, number = cleaned.get("theme"), cleaned.get("number")
        if theme and number:
            if number.split(".")[0] != str(theme.number):
                self.add_error(
                    "number", f"An action of theme {theme.number} is numbered {theme.number}.n."
                )
            clash = Action.objects.filter(theme=theme, number=number).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("number", f"Action {number} already exists in this plan.")
        return cleaned


class ActionUpdateForm(forms.Form):
    date = forms.DateField(widget=DATE)
    note = forms.CharField(label="Progress", widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(choices=ActionStatus.choices)
    percent_complete = IntegerField(min_value=0, max_value=100, label="Percentage complete")
    rag_override = forms.ChoiceField(
        label="Set the RAG yourself",
        choices=[("", "No – use the suggested RAG")]
        + [(c.value, c.label) for c in ActionRag if c != ActionRag.COMPLETE],
        required=False,
    )
    rag_override_reason = forms.CharField(
        label="Reason for setting the RAG", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("An update cannot be dated in the future.")
        return date

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rag_override") and not cleaned.get("rag_override_reason", "").strip():
            self.add_error("rag_override_reason", "Say why the RAG differs from the suggestion.")
        return cleaned


class RiskRegisterForm(ScopedUnitMixin, forms.ModelForm):
    owner = PersonChoiceField(queryset=User.objects.none(), required=False)

    class Meta:
        model = RiskRegister
        fields = ["title", "kind", "unit", "owner"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_choices()
        self.limit_units(user, "unit")


class RiskForm(forms.ModelForm):
    owner = PersonChoiceField(queryset=User.objects.none())

    class Meta:
        model = Risk
        formfield_callback = number_fields
        fields = [
            "ref",
            "title",
            "cause",
            "effect",
            "owner",
            *SCORE_FIELDS,
            "controls",
            "mitigating_actions",
            "objectives",
            "review_date",
            "status",
        ]
        widgets = {
            "review_date": DATE,
            "cause": forms.Textarea(attrs={"rows": 2}),
            "effect": forms.Textarea(attrs={"rows": 2}),
            "controls": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, register: RiskRegister, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.register = register
        self.size = CouncilSettings.load().risk_matrix_size
        self.fields["owner"].queryset = people_choices()
        self.fields["mitigating_actions"].queryset = Action.objects.select_related("theme__plan")
        self.fields["objectives"].queryset = linkable_objectives(user)
        for name in SCORE_FIELDS:
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=score_choices(score_kind(name), self.size),
                coerce=int,
            )

    def clean_ref(self) -> str:
        ref = self.cleaned_data["ref"].strip()
        clash = Risk.objects.filter(register=self.register, ref=ref).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"This register already has a risk {ref}.")
        return ref


class RiskReviewForm(forms.Form):
    date = forms.DateField(label="Review date", widget=DATE)
    likelihood = forms.TypedChoiceField(coerce=int, label="Residual likelihood")
    impact = forms.TypedChoiceField(coerce=int, label="Residual impact")
    commentary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(choices=RiskStatus.choices)
    next_review_date = forms.DateField(widget=DATE)

    def __init__(self, *args, size: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.size = size
        for name in ("likelihood", "impact"):
            self.fields[name].choices = score_choices(name, size)

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("A review cannot be dated in the future.")
        return date

    def clean(self):
        cleaned = super().clean()
        date, next_date = cleaned.get("date"), cleaned.get("next_review_date")
        if date and next_date and next_date <= date and cleaned.get("status") != RiskStatus.CLOSED:
            self.add_error("next_review_date", "The next review must be after this review.")
        return cleaned


class ActionImportForm(forms.Form):
    file = SpreadsheetField(help_text="CSV or Excel (.xlsx), shaped like the template.")
    plan = ModelChoiceField(
        queryset=ActionPlan.objects.all(),
        required=False,
        label="Add to or update this plan",
        help_text="Or leave blank and give a title below to make a new plan.",
    )
    title = forms.CharField(label="New plan title", required=False, max_length=300)
    kind = forms.ChoiceField(choices=ActionPlan._meta.get_field("kind").choices, required=False)
    unit = ModelChoiceField(queryset=OrgUnit.objects.all(), required=False, label="Owning unit")
    start_date = forms.DateField(required=False, widget=DATE)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("plan"):
            if not cleaned.get("title"):
                self.add_error("title", "Choose a plan, or give the title of a new one.")
            if not cleaned.get("unit"):
                self.add_error("unit", "A new plan needs its owning unit.")
        return cleaned
