"""Template filters of risks: likelihood and impact scores with their descriptors."""

from django import template

from actions.risk import score_label

register = template.Library()


@register.filter
def likelihood(value: int | None, size: int) -> str:
    """Return '3 – Possible' for a likelihood on the council's matrix of `size`."""
    return score_label("likelihood", value, size)


@register.filter
def impact(value: int | None, size: int) -> str:
    """Return '4 – Major' for an impact on the council's matrix of `size`."""
    return score_label("impact", value, size)
