"""Forms of the PI register: an indicator's definition, a year's targets, and uploads."""

from decimal import Decimal

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone

from core.forms import SpreadsheetField
from core.models import OrgUnit
from indicators.choices import Frequency, Polarity, ToleranceKind
from indicators.models import Indicator
from indicators.parsing import ParseError, parse_profile, split_profile
from indicators.periods import fy_label, fy_of
from indicators.services import target_problems


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class IndicatorForm(forms.ModelForm):
    owner = PersonChoiceField(queryset=User.objects.filter(is_active=True))
    deputy = PersonChoiceField(queryset=User.objects.filter(is_active=True), required=False)
    service = forms.ModelChoiceField(
        queryset=OrgUnit.objects.filter(kind__in=["service", "team"]).order_by("name")
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "title",
            "description",
            "definition",
            "data_source",
            "service",
            "owner",
            "deputy",
            "unit",
            "decimal_places",
            "polarity",
            "frequency",
            "aggregation",
            "multiplier",
            "indicator_type",
            "data_quality_risk",
            "tolerance_kind",
            "tolerance_pct",
            "tolerance_abs",
            "allow_negative",
            "allow_over_100",
            "due_working_days",
            "is_national",
            "is_public",
            "active_from",
            "active_to",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "definition": forms.Textarea(attrs={"rows": 6}),
            "active_from": forms.DateInput(attrs={"type": "date"}),
            "active_to": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "multiplier": "Ratio measures: value = numerator / denominator x this "
            "(100 for a percentage).",
            "tolerance_abs": "Used when the tolerance is an absolute amount.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.users = self.fields["owner"].queryset.order_by("last_name", "first_name")
        self.fields["owner"].queryset = self.fields["deputy"].queryset = self.users

    def clean_code(self) -> str:
        # "NI  191" and "ni 191" are the same code as "NI 191".
        code = " ".join(self.cleaned_data["code"].split())
        clash = Indicator.objects.filter(code__iexact=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"{clash.first().code} is already in the register.")
        return code

    def clean_frequency(self) -> str:
        frequency = self.cleaned_data["frequency"]
        instance = self.instance
        if (
            instance.pk
            and frequency != instance.frequency
            and instance.figures.exists()  # one query, only when the frequency changes
        ):
            raise forms.ValidationError(
                f"This indicator already has {instance.get_frequency_display().lower()} "
                "figures, so its frequency cannot change. Create a new indicator instead."
            )
        return frequency

    def clean_multiplier(self) -> Decimal:
        multiplier = self.cleaned_data["multiplier"]
        if multiplier is None or multiplier <= 0:
            raise forms.ValidationError("The multiplier must be above zero (1, or 100 for a %).")
        return multiplier

    def clean(self) -> dict:
        data = super().clean()
        owner, deputy = data.get("owner"), data.get("deputy")
        if owner and deputy and owner == deputy:
            self.add_error("deputy", "The deputy must be someone other than the owner.")
        start, end = data.get("active_from"), data.get("active_to")
        if start and end and end < start:
            self.add_error("active_to", "'Active to' must be on or after 'active from'.")
        if (
            data.get("tolerance_kind") == ToleranceKind.ABSOLUTE
            and data.get("tolerance_abs") is None
        ):
            self.add_error(
                "tolerance_abs", "Give the absolute tolerance, or choose another tolerance kind."
            )
        return data


def year_choices(around: int | None = None) -> list[tuple[int, str]]:
    """Return financial years from five before to two after `around` (default: this year)."""
    if around is None:
        around = fy_of(timezone.localdate())
    return [(year, fy_label(year)) for year in range(around - 5, around + 3)]


class TargetForm(forms.Form):
    """One financial year's targets for an indicator; the profile is typed as one line."""

    year = forms.TypedChoiceField(coerce=int, label="Financial year")
    annual_target = forms.DecimalField(max_digits=18, decimal_places=4, required=False)
    baseline = forms.DecimalField(
        max_digits=18, decimal_places=4, required=False, help_text="Last year's outturn."
    )
    floor = forms.DecimalField(
        max_digits=18,
        decimal_places=4,
        required=False,
        label="Floor standard",
        help_text="Worse than this is Red (when the tolerance is a floor standard).",
    )
    band_low = forms.DecimalField(
        max_digits=18, decimal_places=4, required=False, label="Target band: low"
    )
    band_high = forms.DecimalField(
        max_digits=18, decimal_places=4, required=False, label="Target band: high"
    )
    profile = forms.CharField(
        required=False,
        label="Profile (a target per period)",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, indicator: Indicator, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["year"].choices = year_choices()
        if indicator.frequency == Frequency.MONTHLY:
            self.fields["profile"].help_text = (
                "Optional: 12 values, April to March, separated by spaces or commas. "
                "Blank: every month's target is the annual target."
            )
        elif indicator.frequency == Frequency.QUARTERLY:
            self.fields[
                "profile"
            ].help_text = "Optional: 4 values, Q1 to Q4, separated by spaces or commas."
        else:
            self.fields["profile"].disabled = True
            self.fields["profile"].help_text = "Annual indicators have no per-period profile."
        if indicator.polarity != Polarity.BAND:
            for name in ("band_low", "band_high"):
                self.fields[name].help_text = "Only for on-target-band indicators."

    def clean_profile(self) -> list[str]:
        text = self.cleaned_data.get("profile") or ""
        try:
            return parse_profile(split_profile(text), self.indicator.frequency)
        except ParseError as exc:
            raise forms.ValidationError(str(exc)[0].upper() + str(exc)[1:] + ".") from exc

    def clean(self) -> dict:
        data = super().clean()
        for field, message in target_problems(
            self.indicator,
            annual_target=data.get("annual_target"),
            floor=data.get("floor"),
            band_low=data.get("band_low"),
            band_high=data.get("band_high"),
        ):
            self.add_error(field, message[0].upper() + message[1:] + ".")
        return data


class ImportForm(forms.Form):
    KINDS = (
        ("indicators", "PI register (indicators)"),
        ("targets", "Targets"),
        ("figures", "Figures"),
    )
    kind = forms.ChoiceField(choices=KINDS, label="What the file holds")
    file = SpreadsheetField(help_text="CSV (.csv) or Excel (.xlsx), in the template's columns.")
