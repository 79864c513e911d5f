"""The forms' renderer writes inputs and text areas exactly as Django's widget templates do."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.renderers import FastInputRenderer

TEMPLATES = DjangoTemplates()
FAST = FastInputRenderer()

WIDGETS = [
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.HiddenInput,
    forms.CheckboxInput,
    forms.DateInput,
    forms.Textarea,
    forms.SearchInput,
    forms.TelInput,
    forms.ColorInput,
    forms.TimeInput,
    forms.DateTimeInput,
]
VALUES = [
    None,
    "",
    "42",
    42,
    Decimal("3.50"),
    True,
    False,
    'a "quoted" <b>bold</b> & more',
    mark_safe("<i>safe</i>"),  # noqa: S308  # nosec B308: a test of how safe text is written
    "line one\nline two",
    "caf\u00e9 \u2013 \u00a3",
    datetime.date(2026, 11, 30),
]
ATTRS = [
    {},
    {"class": "form-control", "id": "id_value", "required": True, "disabled": False},
    {"aria-describedby": "help error", "maxlength": 200, "step": "any", "data-x": '"<&>'},
    {"placeholder": gettext_lazy("Search"), "title": mark_safe("&amp;")},  # noqa: S308  # nosec B308
]


@pytest.mark.parametrize("widget_class", WIDGETS)
@pytest.mark.parametrize("value", VALUES, ids=repr)
@pytest.mark.parametrize("attrs", ATTRS, ids=repr)
def test_each_widget_renders_as_its_template(widget_class, value, attrs):
    widget = widget_class(attrs=attrs)
    expected = widget.render("field", value, renderer=TEMPLATES)
    assert widget.render("field", value, renderer=FAST) == expected


class Everything(forms.Form):
    name = forms.CharField(max_length=20, help_text="Your name")
    amount = forms.DecimalField(localize=True)
    notes = forms.CharField(widget=forms.Textarea)
    agree = forms.BooleanField()
    choice = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    kind = forms.ChoiceField(choices=[("x", "X & Y")])
    day = forms.SplitDateTimeField()


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"name": "<script>", "amount": "1,5", "notes": "a\nb & c", "agree": "on", "choice": "b"},
    ],
)
def test_whole_forms_render_as_with_the_templates(data):
    # Every other widget (radios, selects, multi-widgets) still renders through its template.
    assert str(Everything(data, renderer=FAST)) == str(Everything(data, renderer=TEMPLATES))


def test_the_project_renders_forms_with_it():
    assert isinstance(forms.Form().renderer, FastInputRenderer)


def test_inputs_and_text_areas_skip_the_templates(monkeypatch):
    def no_template(*args, **kwargs):
        raise AssertionError("rendered through a template")

    renderer = FastInputRenderer()
    monkeypatch.setattr(renderer, "get_template", no_template)
    for widget_class in WIDGETS:
        assert (
            widget_class().render("f", "1", renderer=renderer).startswith(("<input", "<textarea"))
        )
