"""Links up the golden thread from an indicator's page: the objectives an indicator serves and
what those serve in the plans above. Here, not in indicators, because plans sit above
indicators: the indicator page asks for this block by name and knows nothing of plans."""

from django import template

from plans.models import Objective

register = template.Library()
MAX_LEVELS = 8  # deeper than any council's thread; stops a mis-linked loop


def _chains(indicator, user) -> list[list[Objective]]:
    """Return, per objective the user may see that the indicator serves, that objective and
    the ones above it it contributes to (as far as the user may see), lowest first.

    One query per level of the thread, however many objectives."""
    served = list(
        Objective.objects.visible_to(user)
        .filter(indicators=indicator)
        .select_related("plan")
        .order_by("plan__title", "number")
    )
    chains = [[objective] for objective in served]
    for _ in range(MAX_LEVELS):
        wanted = {c[-1].contributes_to_id for c in chains if c[-1].contributes_to_id}
        if not wanted:
            break
        above = {
            o.pk: o
            for o in Objective.objects.visible_to(user).filter(pk__in=wanted).select_related("plan")
        }
        grew = False
        for chain in chains:
            parent = above.get(chain[-1].contributes_to_id)
            if parent is not None and parent not in chain:
                chain.append(parent)
                grew = True
        if not grew:
            break
    return chains


@register.inclusion_tag("plans/partials/served_by.html", takes_context=True)
def objectives_served(context, indicator) -> dict:
    """Render the objectives and plans the indicator serves, each linked, for the signed-in
    person (only plans they may see)."""
    user = context["request"].user
    return {"indicator": indicator, "chains": _chains(indicator, user)}
