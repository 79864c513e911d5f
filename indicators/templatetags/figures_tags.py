"""Template tags of the monthly figures: the audit trail block for the indicator page."""

from django import template

from indicators.models import Indicator
from indicators.visibility import sees_drafts_of

register = template.Library()


@register.inclusion_tag("indicators/partials/history_lazy.html", takes_context=True)
def indicator_history_block(context, indicator: Indicator) -> dict:
    """Render the indicator's history of changes (loaded by htmx when scrolled to, a link
    without JS) for those who may see it; nothing for others."""
    request = context.get("request")
    user = getattr(request, "user", None)
    allowed = user is not None and sees_drafts_of(user, indicator)
    return {"indicator": indicator, "allowed": allowed}
