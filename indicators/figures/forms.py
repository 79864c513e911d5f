"""Forms for entering figures (one PI or a page of them), verifying and closing periods.

A page of figures is a formset whose forms each belong to one due item (an indicator and a
period). Numbers are checked per form (indicators.figures.validation); what needs the RAG the value
would get (commentary for Red/Amber, corrective action for Red) and the plausibility check are
done for the whole page at once, so the page costs a fixed number of queries.
"""

from decimal import Decimal

from django import forms
from django.forms import BaseFormSet, formset_factory

from core.forms import IntegerField, SpreadsheetField
from indicators.assessment import Assessment, Typed, assess_typed
from indicators.figures.due import DueItem
from indicators.figures.validation import (
    Checked,
    check_explanations,
    check_values,
    is_implausible,
    plausible_range,
)
from indicators.formatting import plain_number
from indicators.models import Figure
from indicators.periods import Period
from indicators.rag import period_value
from indicators.services import FigureInput

TEXTAREA = {"rows": 2, "class": "form-control"}


def _fmt(value: Decimal | None) -> str:
    """Return a stored Decimal as it should appear in an input (no trailing zeros)."""
    if value is None:
        return ""
    return plain_number(value)


class FigureEntryForm(forms.Form):
    """One indicator's figure for one period, as typed."""

    version = IntegerField(widget=forms.HiddenInput, min_value=0)
    # Which figure this form is for, so a page posted after the due list changed (a deputy
    # submitted one meanwhile) still applies each value to the figure it was typed for.
    figure_key = forms.CharField(widget=forms.HiddenInput, max_length=40, required=False)
    value = forms.CharField(required=False, max_length=40)
    numerator = forms.CharField(required=False, max_length=40)
    denominator = forms.CharField(required=False, max_length=40)
    commentary = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs=TEXTAREA)
    )
    commentary_is_internal = forms.BooleanField(
        required=False, label="Commentary is internal (not published)"
    )
    corrective_action = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs=TEXTAREA)
    )
    plausibility_confirmed = forms.BooleanField(
        required=False, label="I confirm this unusual value is right"
    )
    plausibility_explanation = forms.CharField(
        required=False,
        max_length=2000,
        label="Why is it so different?",
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args, item: DueItem, **kwargs):
        self.item = item
        self.checked: Checked | None = None
        self.assessment: Assessment | None = None
        self.history: list[Decimal] = []
        kwargs.setdefault("initial", initial_for(item))
        super().__init__(*args, **kwargs)
        indicator = item.indicator
        unit = indicator.get_unit_display().lower()
        self.fields["value"].label = f"Value ({unit})"
        if indicator.uses_ratio:
            self.fields["value"].widget = forms.HiddenInput()
        else:
            self.fields["numerator"].widget = forms.HiddenInput()
            self.fields["denominator"].widget = forms.HiddenInput()
        for name in ("value", "numerator", "denominator"):
            self.fields[name].widget.attrs.update(
                {"inputmode": "decimal", "autocomplete": "off", "class": "form-control"}
            )
        for name in ("commentary_is_internal", "plausibility_confirmed"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def add_error(self, field, error) -> None:
        """Add the error and mark the fields in error for styling and screen readers."""
        super().add_error(field, error)
        for name in self._errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                if "is-invalid" not in attrs.get("class", ""):
                    attrs["class"] = (attrs.get("class", "") + " is-invalid").strip()
                attrs["aria-describedby"] = f"{self[name].auto_id}_error"

    def clean_figure_key(self) -> str:
        if self.cleaned_data["figure_key"] not in ("", self.item.key):
            raise forms.ValidationError("This form belongs to another figure: reload the page.")
        return self.cleaned_data["figure_key"]

    def clean(self) -> dict:
        data = super().clean()
        self.checked = check_values(
            self.item.indicator,
            value=data.get("value"),
            numerator=data.get("numerator"),
            denominator=data.get("denominator"),
        )
        for name, message in self.checked.errors.items():
            self.add_error(name, message)
        return data

    @property
    def is_blank(self) -> bool:
        """Return whether nothing was typed for this figure (it is then left alone)."""
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return True
        data = self.cleaned_data
        typed = [
            data.get(n)
            for n in (
                "value",
                "numerator",
                "denominator",
                "commentary",
                "corrective_action",
                "plausibility_explanation",
            )
        ]
        return not any(str(t or "").strip() for t in typed)

    @property
    def implausible(self) -> bool:
        return self.checked is not None and is_implausible(self.checked.value, self.history)

    @property
    def usual_range(self) -> tuple[Decimal, Decimal] | None:
        return plausible_range(self.history)

    def to_input(self) -> FigureInput:
        """Return the service input for this form's (cleaned) values."""
        data, checked = self.cleaned_data, self.checked
        return FigureInput(
            indicator=self.item.indicator,
            period=self.item.period,
            value=checked.value,
            numerator=checked.numerator,
            denominator=checked.denominator,
            commentary=data.get("commentary", "").strip(),
            corrective_action=data.get("corrective_action", "").strip(),
            commentary_is_internal=bool(data.get("commentary_is_internal")),
            plausibility_explanation=data.get("plausibility_explanation", "").strip(),
            expected_version=data["version"],
        )


def initial_for(item: DueItem) -> dict:
    """Return the form's starting values: the figure as saved, or blanks."""
    figure = item.figure
    if figure is None:
        return {"version": 0, "figure_key": item.key}
    return {
        "figure_key": item.key,
        "version": figure.version,
        "value": "" if item.indicator.uses_ratio else _fmt(figure.value),
        "numerator": _fmt(figure.numerator),
        "denominator": _fmt(figure.denominator),
        "commentary": figure.commentary,
        "commentary_is_internal": figure.commentary_is_internal,
        "corrective_action": figure.corrective_action,
        "plausibility_confirmed": bool(figure.plausibility_explanation),
        "plausibility_explanation": figure.plausibility_explanation,
    }


class BaseEntryFormSet(BaseFormSet):
    """A page of figures: one form per due item, checked together."""

    def __init__(self, *args, items: list[DueItem], submitting: bool = False, today=None, **kwargs):
        self.items = items
        self.submitting = submitting
        self.today = today
        kwargs.setdefault("initial", [initial_for(item) for item in items])
        super().__init__(*args, **kwargs)

    def total_form_count(self) -> int:
        # The forms are the due items, whatever the management form says: a forged count
        # cannot add or drop figures.
        return len(self.items)

    def initial_form_count(self) -> int:
        return len(self.items)

    def get_form_kwargs(self, index):
        return {"item": self.items[index]}

    def full_clean(self) -> None:
        super().full_clean()
        if self.is_bound:
            assess_forms(list(self.forms), submitting=self.submitting, today=self.today)

    def filled(self) -> list[FigureEntryForm]:
        """Return the forms with something typed (the blank ones are left alone)."""
        return [form for form in self.forms if not form.is_blank]


EntryFormSet = formset_factory(FigureEntryForm, formset=BaseEntryFormSet, extra=0)


def _typed(form: FigureEntryForm) -> Typed:
    """Return what the form holds: the checked typed values, or the saved figure's."""
    item = form.item
    if form.is_bound:
        checked = form.checked if form.checked and not form.checked.errors else Checked()
        return Typed(
            item.indicator, item.period, checked.value, checked.numerator, checked.denominator
        )
    figure = item.figure
    if figure is None:
        return Typed(item.indicator, item.period)
    return Typed(item.indicator, item.period, figure.value, figure.numerator, figure.denominator)


def assess_forms(forms_: list[FigureEntryForm], *, submitting: bool, today=None) -> None:
    """Attach to each form the assessment its value would get and its recent history; when
    submitting, add the errors that depend on them (commentary, corrective action,
    plausibility). A fixed number of queries for any number of forms."""
    attach_history(forms_)
    assessments = assess_typed([_typed(form) for form in forms_], today=today)
    for form, assessment in zip(forms_, assessments, strict=True):
        form.assessment = assessment
        if not form.is_bound:
            form.checked = Checked(value=_typed(form).value)
            continue
        if not submitting or form.checked is None or form.checked.errors:
            continue
        if form.checked.is_blank:
            continue
        data = form.cleaned_data
        errors = check_explanations(
            rag=assessment.rag,
            commentary=data.get("commentary", ""),
            corrective_action=data.get("corrective_action", ""),
            implausible=form.implausible,
            confirmed=bool(data.get("plausibility_confirmed")),
            explanation=data.get("plausibility_explanation", ""),
        )
        for name, message in errors.items():
            form.add_error(name, message)


def attach_history(forms_: list[FigureEntryForm]) -> None:
    """Give each form the values of its indicator's last 12 periods before its own (one
    query for the whole page), for the plausibility check."""
    if not forms_:
        return
    from indicators.figures.due import DONE_STATES

    wanted = {}
    for form in forms_:
        period = form.item.period
        wanted[(form.item.indicator.pk, period)] = period.previous().back(12)
    years = {p.year for periods in wanted.values() for p in periods}
    ids = {key[0] for key in wanted}
    values = {}
    indicators = {form.item.indicator.pk: form.item.indicator for form in forms_}
    for figure in Figure.objects.filter(
        indicator_id__in=ids, year__in=years, state__in=DONE_STATES
    ).only("indicator_id", "year", "number", "value", "numerator", "denominator"):
        multiplier = indicators[figure.indicator_id].multiplier
        values[(figure.indicator_id, figure.year, figure.number)] = period_value(
            figure.value, figure.numerator, figure.denominator, multiplier
        )
    for form in forms_:
        periods = wanted[(form.item.indicator.pk, form.item.period)]
        form.history = [
            values[key]
            for p in periods
            if (key := (form.item.indicator.pk, p.year, p.number)) in values
            and values[key] is not None
        ]


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class PeriodForm(forms.Form):
    """A period named by its label, with the reason for closing or reopening it."""

    period = forms.CharField(
        max_length=20, error_messages={"required": "Choose the period to close or reopen."}
    )
    reason = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_period(self) -> Period:
        try:
            return Period.parse(self.cleaned_data["period"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class UploadForm(forms.Form):
    file = SpreadsheetField(label="Filled spreadsheet (.xlsx or .csv)")
    submit = forms.BooleanField(
        required=False,
        initial=True,
        label="Submit the figures for verification (untick to save drafts)",
    )
