"""Template helpers of the finance pages: a variance in words, the PI page's unit costs."""

from decimal import Decimal

from django import template
from django.utils import timezone

from finance.access import sees_finance
from finance.models import UnitCostLink
from finance.value import unit_cost_trend
from indicators.choices import Polarity
from indicators.formatting import format_variance
from indicators.periods import Period, periods_of_year
from indicators.rag import direction

register = template.Library()


@register.filter
def variance(value: Decimal | None, style: str = "") -> str:
    """Return a variance in words ('£300,000 over'); `variance:"short"` in £k."""
    return format_variance(value, short=style == "short")


@register.inclusion_tag("finance/partials/unit_cost.html", takes_context=True)
def unit_cost_block(context, indicator, year: int) -> dict:
    """The PI page's unit cost (spend per unit of the PI) in financial `year` up to its last
    ended period, with last year's beside it, for those who see finance figures; nothing for
    others or for a PI not linked to a budget line."""
    latest = Period.last_ended(indicator.frequency, timezone.localdate())
    period = min(latest, periods_of_year(indicator.frequency, year)[-1])
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not sees_finance(user):
        return {"show": False}
    link = UnitCostLink.objects.filter(indicator=indicator).select_related("unit").first()
    if link is None:
        return {"show": False}
    link.indicator = indicator
    this_year, last_year = unit_cost_trend(link, period)
    rows = list(zip(this_year, last_year, strict=True))
    # The latest period with a unit cost (the PI's figure for the last may not be in yet).
    costed = [pair for pair in rows if pair[0].cost is not None]
    latest, before = costed[-1] if costed else (None, None)
    return {
        "show": True,
        "link": link,
        "rows": rows,
        "latest": latest,
        "before": before,
        "direction": direction(
            latest.cost if latest else None, before.cost if before else None, Polarity.LOWER
        ),
    }
