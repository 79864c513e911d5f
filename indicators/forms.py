"""Forms of the PI register: an indicator's definition, a year's targets, and uploads."""

import calendar
from decimal import Decimal

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone

from core.choices import UnitKind
from core.forms import (
    DecimalField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    SpreadsheetField,
    number_fields,
)
from core.models import OrgUnit
from indicators.choices import Frequency, Polarity, ToleranceKind
from indicators.models import Indicator, Target
from indicators.parsing import ParseError, parse_decimal, parse_profile
from indicators.periods import Period, fy_label, fy_of
from indicators.pickers import PersonChoiceField
from indicators.scales import default_multiplier, scale_problem
from indicators.services import target_problems


class IndicatorForm(forms.ModelForm):
    owner = PersonChoiceField(queryset=User.objects.filter(is_active=True), show_login=True)
    deputy = PersonChoiceField(
        queryset=User.objects.filter(is_active=True), required=False, show_login=True
    )
    service = ModelChoiceField(
        queryset=OrgUnit.objects.filter(
            kind__in=[UnitKind.SERVICE, UnitKind.TEAM, UnitKind.PARTNER]
        ).order_by("name"),
        help_text="The service, or the partner organisation, that owns this PI.",
    )
    partners = ModelMultipleChoiceField(
        queryset=OrgUnit.objects.filter(kind=UnitKind.PARTNER).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Shared with partner organisations",
    )

    class Meta:
        model = Indicator
        formfield_callback = number_fields
        fields = [
            "code",
            "title",
            "description",
            "definition",
            "data_source",
            "service",
            "partners",
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
            "multiplier": "Ratio measures: value = numerator / denominator x this. "
            "Blank: 100 for a percentage ratio, otherwise 1.",
            "tolerance_abs": "Used when the tolerance is an absolute amount.",
            "active_from": "Blank: from the start of the period it is created in, so a new "
            "indicator owes no figures for the months before it existed.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.users = self.fields["owner"].queryset.order_by("last_name", "first_name")
        self.fields["owner"].queryset = self.fields["deputy"].queryset = self.users
        self.fields["multiplier"].required = False
        if self.instance.pk is None:
            # Blank, so the unit and aggregation chosen decide it (as the import does).
            self.initial["multiplier"] = None

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

    def clean_multiplier(self) -> Decimal | None:
        multiplier = self.cleaned_data["multiplier"]
        if multiplier is not None and multiplier <= 0:
            raise forms.ValidationError("The multiplier must be above zero (1, or 100 for a %).")
        return multiplier

    def _check_scale(self, data: dict) -> None:
        """Fill a blank multiplier by the shared rule, and refuse one that could never reach
        the percentage scale or a stored target."""
        unit, aggregation = data.get("unit"), data.get("aggregation")
        if unit is None or aggregation is None or "multiplier" in self.errors:
            return
        if data.get("multiplier") is None:
            data["multiplier"] = default_multiplier(unit=unit, aggregation=aggregation)
        targets = []
        if self.instance.pk is not None:
            for target in self.instance.targets.all():
                targets += [target.annual_target, target.band_low, target.band_high]
                targets += [Decimal(value) for value in target.profile]
        problem = scale_problem(
            unit=unit,
            aggregation=aggregation,
            multiplier=data["multiplier"],
            allow_over_100=bool(data.get("allow_over_100")),
            targets=targets,
        )
        if problem:
            self.add_error("multiplier", problem[0].upper() + problem[1:] + ".")

    def clean(self) -> dict:
        data = super().clean()
        owner, deputy = data.get("owner"), data.get("deputy")
        if owner and deputy and owner == deputy:
            self.add_error("deputy", "The deputy must be someone other than the owner.")
        if self.instance.pk is None and data.get("active_from") is None and data.get("frequency"):
            data["active_from"] = Period.containing(timezone.localdate(), data["frequency"]).start
        start, end = data.get("active_from"), data.get("active_to")
        if start and end and end < start:
            self.add_error("active_to", "'Active to' must be on or after 'active from'.")
        self._check_scale(data)
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


# The financial year's months in order, April (month 1) to March.
MONTH_NAMES = tuple(calendar.month_name[(number + 2) % 12 + 1] for number in range(1, 13))
QUARTER_NAMES = ("Q1 (Apr to Jun)", "Q2 (Jul to Sep)", "Q3 (Oct to Dec)", "Q4 (Jan to Mar)")
TARGET_VALUES = ("annual_target", "baseline", "floor", "band_low", "band_high")


def target_field(**kwargs) -> DecimalField:
    # The value shown is posted back beside the typed one, so a save changes only the fields
    # the person changed (Django's show_hidden_initial).
    return DecimalField(
        max_digits=18, decimal_places=4, required=False, show_hidden_initial=True, **kwargs
    )


def stored_text(value: Decimal | None) -> str:
    """Return a stored decimal as people type it: 480, not 480.0000 (blank for None)."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


class TargetForm(forms.Form):
    """One financial year's targets for an indicator, showing what is stored.

    The profile is a grid of labelled months (or quarters). `changes()` returns only what
    the person changed since the page was shown.
    """

    year = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    annual_target = target_field()
    baseline = target_field(help_text="Last year's outturn.")
    floor = target_field(
        label="Floor standard",
        help_text="Worse than this is Red (when the tolerance is a floor standard).",
    )
    band_low = target_field(label="Target band: low")
    band_high = target_field(label="Target band: high")

    def __init__(self, *args, indicator: Indicator, target: Target | None = None, **kwargs):
        initial = dict(kwargs.pop("initial", None) or {})
        if target is not None:
            initial |= {name: stored_text(getattr(target, name)) for name in TARGET_VALUES}
            initial |= {
                f"profile_{number}": stored_text(Decimal(value))
                for number, value in enumerate(target.profile, start=1)
            }
        super().__init__(*args, initial=initial, **kwargs)
        self.indicator = indicator
        self.fields["year"].choices = year_choices()
        names = {Frequency.MONTHLY: MONTH_NAMES, Frequency.QUARTERLY: QUARTER_NAMES}.get(
            indicator.frequency, ()
        )
        self.profile_names = [f"profile_{number}" for number in range(1, len(names) + 1)]
        for name, label in zip(self.profile_names, names, strict=True):
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                show_hidden_initial=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        if indicator.polarity != Polarity.BAND:
            for name in ("band_low", "band_high"):
                self.fields[name].help_text = "Only for on-target-band indicators."

    def profile_fields(self) -> list:
        """Return the bound fields of the profile grid (none for annual indicators)."""
        return [self[name] for name in self.profile_names]

    def other_fields(self) -> list:
        """Return the bound fields shown above the profile grid."""
        return [self[name] for name in TARGET_VALUES]

    def _clean_profile(self) -> list[str] | None:
        """Return the profile as decimal strings ([] when every period is blank), or None
        after adding an error beside each period that is wrong."""
        typed = {
            name: (self.data.get(self.add_prefix(name)) or "").strip()
            for name in self.profile_names
        }
        ok = True
        for name, text in typed.items():
            try:
                parse_decimal(text, "value")
            except ParseError as exc:
                reason = str(exc).removeprefix("value ")
                self.add_error(name, f"{self.fields[name].label}: {reason}.")
                ok = False
        blank = [self.fields[name].label for name, text in typed.items() if not text]
        if ok and blank and len(blank) < len(typed):
            kind = "month" if self.indicator.frequency == Frequency.MONTHLY else "quarter"
            self.add_error(
                None,
                f"Give a target for every {kind}, or leave them all blank "
                f"(blank: {', '.join(blank)}).",
            )
            ok = False
        if not ok:
            return None
        try:
            return parse_profile(list(typed.values()), self.indicator.frequency)
        except ParseError as exc:
            self.add_error(None, str(exc)[0].upper() + str(exc)[1:] + ".")
            return None

    def clean(self) -> dict:
        data = super().clean()
        profile = self._clean_profile()
        if profile is not None:
            data["profile"] = profile
        for field, message in target_problems(
            self.indicator,
            annual_target=data.get("annual_target"),
            floor=data.get("floor"),
            band_low=data.get("band_low"),
            band_high=data.get("band_high"),
        ):
            self.add_error(field, message[0].upper() + message[1:] + ".")
        return data

    def changes(self) -> dict:
        """Return {field: new value} for what the person changed on the page; the profile
        counts as one value, changed when any of its periods changed."""
        changed = set(self.changed_data)
        result = {name: self.cleaned_data[name] for name in TARGET_VALUES if name in changed}
        if changed.intersection(self.profile_names):
            result["profile"] = self.cleaned_data["profile"]
        return result


class ImportForm(forms.Form):
    KINDS = (
        ("indicators", "PI register (indicators)"),
        ("targets", "Targets"),
        ("figures", "Figures"),
    )
    kind = forms.ChoiceField(choices=KINDS, label="What the file holds")
    file = SpreadsheetField(help_text="CSV (.csv) or Excel (.xlsx), in the template's columns.")


class BenchmarkImportForm(forms.Form):
    """Upload of comparator data (docs/benchmarking.md), with how it names this council."""

    file = SpreadsheetField(
        help_text="CSV (.csv) or Excel (.xlsx) with columns code, authority, period, value and "
        "optionally group, numerator, denominator."
    )
    council_name = forms.CharField(
        label="How the file names this council",
        max_length=200,
        required=False,
        help_text="Rows for this name give our comparator groups; their values are never "
        "compared (our own figures are). Saved as the council setting with the import.",
    )
