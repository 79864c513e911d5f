"""Template filters of actions: an action RAG's badge colour and words, from its choices."""

from django import template

from actions.choices import ACTION_RAG_COLOUR, ActionRag

register = template.Library()


@register.filter
def action_rag_colour(rag: str | None) -> str:
    """Return the badge colour of an action RAG (green, amber, red; none for complete or none)."""
    return ACTION_RAG_COLOUR.get(rag or "", "none")


@register.filter
def action_rag_label(rag: str | None) -> str:
    """Return the words of an action RAG ('at_risk' -> 'At risk'); 'No RAG' for none."""
    try:
        return str(ActionRag(rag or "").label)
    except ValueError:
        return "No RAG"
