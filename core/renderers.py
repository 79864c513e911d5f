"""The forms' renderer (settings.FORM_RENDERER): Django's, with plain inputs and text areas
written in Python.

The entry page holds a dozen fields for every figure due, and rendering each input through
Django's widget templates (an include for the input, another for its attributes) was most of
the page's time. These functions write exactly what those templates write (the tests compare
the two for every widget kind and attribute), and every other template still renders as it
did.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

# The widget templates that are nothing but Django's input.html.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "hidden",
        "input",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"


def _formatted(value: Any) -> str:
    """`{{ value|stringformat:'s' }}` under autoescaping: safe markup is kept as it is."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)  # noqa: UP031
    return text if isinstance(value, SafeData) else str(conditional_escape(text))


def _attrs(attrs: Mapping[str, Any]) -> str:
    """django/forms/widgets/attrs.html: True is a bare attribute, False leaves it out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def render_input(widget: Mapping[str, Any]) -> SafeString:
    value = widget["value"]
    shown = f' value="{_formatted(value)}"' if value is not None else ""
    return mark_safe(  # noqa: S308  # nosec B308: every part escaped above
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def render_textarea(widget: Mapping[str, Any]) -> SafeString:
    value = widget["value"]
    text = conditional_escape(value) if value else ""
    return mark_safe(  # noqa: S308  # nosec B308: every part escaped above
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{text}</textarea>"
    )


class FastInputRenderer(DjangoTemplates):
    """Django's template renderer, but inputs and text areas are written in Python."""

    def render(self, template_name: str, context: dict, request=None) -> str:
        fast = self._fast(template_name, context)
        if fast is not None:
            return fast(context["widget"])
        return super().render(template_name, context, request=request)

    @staticmethod
    def _fast(template_name: str, context: dict) -> Callable[[Any], SafeString] | None:
        widget = context.get("widget")
        # Widget values reach the templates as text (Widget.format_value); anything else
        # goes through the template, which would localise it.
        if not isinstance(widget, Mapping) or not isinstance(widget.get("value"), str | None):
            return None
        if template_name in INPUT_TEMPLATES:
            return render_input
        if template_name == TEXTAREA_TEMPLATE:
            return render_textarea
        return None
