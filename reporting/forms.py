"""Forms: requesting a report, configuring cycle items, uploading a cycle."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from core.choices import UnitKind
from core.forms import ModelChoiceField, ModelMultipleChoiceField, SpreadsheetField, number_fields
from core.models import OrgUnit
from reporting.choices import MONTH_NAMES, ReportType
from reporting.models import Audience, CycleItem
from reporting.reports import resolve_period


class ReportRequestForm(forms.Form):
    """Which report, for which period and scope; used to generate a pack or view one live."""

    report_type = forms.ChoiceField(label="Report", choices=ReportType.choices)
    period = forms.CharField(
        label="Period",
        max_length=20,
        help_text="A month (October 2026 or 2026-10), a quarter (2026/27 Q2), a year (2025/26); "
        "the calendar takes a calendar year (2026).",
    )
    scope = ModelChoiceField(
        label="Scope",
        queryset=OrgUnit.objects.exclude(kind=UnitKind.TEAM),
        required=False,
        empty_label="Whole council",
    )

    def clean(self):
        cleaned = super().clean()
        report_type, period = cleaned.get("report_type"), cleaned.get("period")
        if report_type and period:
            try:
                resolve_period(report_type, period.strip())
            except ValidationError as exc:
                self.add_error("period", exc)
        return cleaned


class AudienceChoiceField(ModelMultipleChoiceField):
    """Ticked audiences by id; a value that is not an id (forged: '²', 40 digits) is refused
    as an invalid choice before it reaches the database (core.forms)."""


class PackPublishForm(forms.Form):
    """Whom to tell about a hand-made pack; a cycle pack tells its item's audiences."""

    audiences = AudienceChoiceField(
        label="Whom to tell",
        queryset=Audience.objects.annotate(member_count=models.Count("members")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each member of a ticked audience is e-mailed a link. Tick none and no one "
        "is e-mailed.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audiences"].label_from_instance = _audience_label


def _audience_label(audience: Audience) -> str:
    count = getattr(audience, "member_count", None)
    if count is None:
        return audience.name
    return f"{audience.name} ({count} member{'' if count == 1 else 's'})"


class CycleItemForm(forms.ModelForm):
    months = forms.TypedMultipleChoiceField(
        label="Months it falls in",
        choices=[(n, name) for n, name in enumerate(MONTH_NAMES, start=1)],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CycleItem
        formfield_callback = number_fields
        fields = [
            "name",
            "group",
            "position",
            "months",
            "audiences",
            "responsible",
            "responsible_user",
            "due_rule",
            "due_value",
            "report_type",
            "scope_unit",
            "is_active",
        ]
        widgets = {"audiences": forms.CheckboxSelectMultiple}

    def clean_months(self) -> list[int]:
        months = sorted(set(self.cleaned_data.get("months") or []))
        if not months:
            raise ValidationError("Tick at least one month.")
        return months

    def clean_due_value(self) -> int:
        value = self.cleaned_data["due_value"]
        rule = self.cleaned_data.get("due_rule")
        if rule == "day_of_month" and not 1 <= value <= 31:
            raise ValidationError("A day of the month is 1 to 31.")
        return value


class CycleImportForm(forms.Form):
    file = SpreadsheetField(
        label="Cycle spreadsheet (CSV or Excel)",
        help_text="Columns: name, months, and optionally group, audiences (separated by ;), "
        "responsible, due_rule, due_value, report_type, scope.",
    )
    replace = forms.BooleanField(label="Deactivate items that are not in the file", required=False)
