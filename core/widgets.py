"""Form widgets shared by the apps."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class QuickSelect(forms.Select):
    """A <select> rendered in Python rather than one template per option.

    The dashboard's filters offer hundreds of options at a large council (services, owners,
    priorities); Django's per-option templates made the form the slowest part of the page.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}

        def option(v, label) -> str:
            v = "" if v is None else str(v)
            selected = " selected" if v in chosen else ""
            return f'<option value="{_escape(v)}"{selected}>{_escape(label)}</option>'

        parts = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                inner = "".join(option(v, text) for v, text in label)
                parts.append(f'<optgroup label="{_escape(option_value)}">{inner}</optgroup>')
            else:
                parts.append(option(option_value, label))
        return format_html(
            "<select{}>{}</select>",
            flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name})),
            mark_safe("".join(parts)),  # noqa: S308  # nosec B308: each value escaped by _escape
        )


def _escape(value) -> str:
    """Escape as Django's conditional_escape does, without its per-call lazy-string checks
    (thousands of options on a page): markup already safe is kept as it is."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))
