"""Form widgets shared by the apps."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


class QuickSelect(forms.Select):
    """A <select> rendered in Python rather than one template per option.

    The dashboard's filters offer hundreds of options at a large council (services, owners,
    priorities); Django's per-option templates made the form the slowest part of the page.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}

        def options(choices) -> SafeString:
            return format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (
                        "" if v is None else str(v),
                        mark_safe(" selected") if str("" if v is None else v) in chosen else "",
                        label,
                    )
                    for v, label in choices
                ),
            )

        parts = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                parts.append(
                    format_html('<optgroup label="{}">{}</optgroup>', option_value, options(label))
                )
            else:
                parts.append(options([(option_value, label)]))
        return format_html(
            "<select{}>{}</select>",
            flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name})),
            mark_safe("".join(parts)),  # noqa: S308 (each part built with format_html)
        )
