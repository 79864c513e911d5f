"""What the figures pages share: today's date, the due item a posted key names (with its
permission checks) and a posted version number."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.models import CouncilSettings
from core.parsing import MAX_ID, ParseError, id_or_none, parse_int
from indicators.figures.due import DueItem, due_date_for, is_closed
from indicators.models import Figure, Indicator
from indicators.periods import Period
from indicators.visibility import may_enter_figures_for, sees_drafts_of


def todays_date():
    return timezone.localdate()


def item_for(user: User, key: str, today) -> DueItem:
    """Return the due item a key ('<indicator id>:<period label>') names, for entry.

    Raises Http404 for a malformed key or an indicator whose drafts the user may not see,
    PermissionDenied when they may see it but not enter it.
    """
    indicator_id, _, label = (key or "").partition(":")
    indicator_id = id_or_none(indicator_id)
    if indicator_id is None:
        raise Http404
    indicator = get_object_or_404(
        Indicator.objects.select_related("service", "owner", "deputy"), pk=indicator_id
    )
    if not sees_drafts_of(user, indicator):
        raise Http404
    if not may_enter_figures_for(user, indicator):
        raise PermissionDenied
    try:
        period = Period.parse(label)
    except ValueError as exc:
        raise Http404 from exc
    if period.frequency != indicator.frequency or period.end >= today:
        raise Http404
    figure = (
        Figure.objects.filter(indicator=indicator, year=period.year, number=period.number)
        .select_related("entered_by", "submitted_by")
        .first()
    )
    return DueItem(
        indicator=indicator,
        period=period,
        due=due_date_for(indicator, period, CouncilSettings.load()),
        figure=figure,
        closed=is_closed(period),
        today=today,
    )


def posted_version(text: str | None) -> int | None:
    """Return the whole number posted (a version), or None when blank or forged."""
    try:
        return parse_int(text, minimum=0, maximum=MAX_ID)
    except ParseError:
        return None
