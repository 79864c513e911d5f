"""Forms for plans and objectives, narrowed to what the user may choose."""

from django import forms
from django.contrib.auth.models import User

from core.access import has, user_unit
from core.forms import ModelMultipleChoiceField, number_fields
from core.models import OrgUnit
from indicators.models import Indicator
from indicators.pickers import PersonChoiceField
from plans import access
from plans.choices import PlanKind, PlanStatus
from plans.models import Objective, Plan
from plans.services import next_objective_number


class IndicatorChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.code} {obj.title}"


class PlanForm(forms.ModelForm):
    owner = PersonChoiceField(
        queryset=User.objects.filter(is_active=True).order_by("first_name", "last_name"),
        required=False,
    )

    class Meta:
        model = Plan
        formfield_callback = number_fields
        fields = [
            "kind",
            "title",
            "year",
            "period_start",
            "period_end",
            "owner",
            "unit",
            "parent",
            "summary",
            "vision",
            "values",
            "resources",
        ]
        widgets = {
            # Browsers' date pickers read and write ISO dates only.
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "vision": forms.Textarea(attrs={"rows": 2}),
            "values": forms.Textarea(attrs={"rows": 2}),
            "resources": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        kinds = access.creatable_kinds(user)
        if self.instance.pk and self.instance.kind not in kinds:
            kinds.append(self.instance.kind)
        self.fields["kind"].choices = [(k, PlanKind(k).label) for k in kinds]
        self.fields["parent"].queryset = (
            Plan.objects.visible_to(user)
            .exclude(kind=PlanKind.INDIVIDUAL)
            .exclude(status=PlanStatus.ARCHIVED)
            .exclude(pk=self.instance.pk)
            .order_by("-year", "kind", "title")
        )
        units = OrgUnit.objects.all()
        if not has(user, "manage_register"):
            managed = access.managed_unit_ids(user)
            own = user_unit(user)
            units = units.filter(pk__in=managed + ([own.pk] if own else []))
        self.fields["unit"].queryset = units
        if kinds == [PlanKind.INDIVIDUAL]:
            # People who may keep only their own plan: its kind and owner go without saying.
            self.fields["kind"].widget = forms.HiddenInput()
            self.initial["kind"] = PlanKind.INDIVIDUAL
            for name in ("owner", "vision", "values", "resources"):
                del self.fields[name]
        else:
            self.fields["owner"].help_text = "An individual plan is always its author's own."

    def clean_kind(self) -> str:
        kind = self.cleaned_data["kind"]
        if kind not in access.creatable_kinds(self.user) and kind != self.instance.kind:
            raise forms.ValidationError("You cannot keep a plan of this kind.")
        return kind

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        unit = cleaned.get("unit")
        if kind == PlanKind.INDIVIDUAL:
            # An individual plan is always its author's own.
            owner = self.instance.owner if self.instance.pk else self.user
            cleaned["owner"] = self.instance.owner = owner
        elif kind and not access.can_create(self.user, kind, unit.pk if unit else None):
            self.add_error("unit", "You can only keep plans of your own service.")
        if kind in (PlanKind.SERVICE, PlanKind.TEAM) and unit is None:
            self.add_error("unit", "Choose the service or team this plan is for.")
        return cleaned


class ObjectiveForm(forms.ModelForm):
    owner = PersonChoiceField(
        queryset=User.objects.filter(is_active=True).order_by("first_name", "last_name"),
        required=False,
        label="Lead",
    )
    indicators = IndicatorChoiceField(
        queryset=Indicator.objects.order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text="Hold Ctrl (or Cmd) to choose several.",
    )

    class Meta:
        model = Objective
        formfield_callback = number_fields
        fields = ["number", "title", "description", "owner", "contributes_to", "indicators"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan: Plan, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["number"].required = False
        self.fields["number"].help_text = "Blank: the next number."
        # Only objectives of the plans above this one, that the user may see.
        self.fields["contributes_to"].queryset = (
            Objective.objects.visible_to(user)
            .filter(plan_id__in=plan.ancestor_ids())
            .select_related("plan")
            .order_by("plan__kind", "plan__title", "number")
        )
        self.fields["contributes_to"].label_from_instance = lambda obj: (
            f"{obj.plan.title}: {obj.number}. {obj.title}"
        )
        if plan.kind == PlanKind.INDIVIDUAL:
            del self.fields["owner"]

    def clean_number(self) -> int:
        number = self.cleaned_data.get("number")
        plan = self.instance.plan
        if number and plan.objectives.exclude(pk=self.instance.pk).filter(number=number).exists():
            raise forms.ValidationError(f"This plan already has an objective {number}.")
        return number or next_objective_number(plan)
