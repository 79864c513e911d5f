"""Template filters of indicators.formatting, built into every template (settings TEMPLATES
builtins): pages, e-mails and PDFs write figures, people and labels the same way."""

from decimal import Decimal

from django import template
from django.contrib.auth.models import User

from indicators.choices import Direction, Rag
from indicators.formatting import format_figure, format_money, person_name, unit_suffix
from indicators.models import Indicator

register = template.Library()


@register.filter
def figure(value: Decimal | None, indicator: Indicator) -> str:
    """Return `value` with the indicator's decimal places and unit ('–' when there is none)."""
    return format_figure(value, indicator)


@register.filter
def money(value: Decimal | str | None, style: str = "") -> str:
    """Return pounds with thousands separators; `money:"short"` gives '£1,234k' and
    `money:"pence"` '£2,172.18'."""
    return format_money(value, short=style == "short", places=2 if style == "pence" else 0)


@register.filter
def person(user: User | None) -> str:
    """Return a person's full name, else their username ('' for no one)."""
    return person_name(user)


@register.filter
def suffix(unit: str) -> str:
    """Return the sign a unit is shown with ('%', '£', 'days')."""
    return unit_suffix(unit)


@register.filter
def rag_label(rag: str | None) -> str:
    """Return the words of a RAG value ('not_due' -> 'Not yet due'); '–' for none."""
    return _label(Rag, rag)


@register.filter
def direction_label(direction: str | None) -> str:
    """Return the words of a direction of travel ('improving' -> 'Improving')."""
    return _label(Direction, direction)


def _label(choices: type[Rag] | type[Direction], value: str | None) -> str:
    if not value:
        return "–"
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)
