"""iCalendar feeds of the reporting cycle (RFC 5545), built with the `icalendar` package.

The package does the parts that are easy to get wrong by hand: line folding at 75 octets,
escaping commas and semicolons in text, and CRLF line ends.
"""

import secrets
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from core.links import absolute_url
from reporting.cycle import occurrences
from reporting.models import CalendarFeed, CycleItem


def _new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 random bits, URL-safe


def current_feed_token(user: User) -> str | None:
    """Return the user's feed token, or None when they have none (never issued, or revoked)."""
    return CalendarFeed.objects.filter(user=user).values_list("token", flat=True).first()


def user_feed_token(user: User) -> str:
    """Return the user's feed token, issuing one when they have none."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user, defaults={"token": _new_token()})
    return feed.token


def feed_token_reissue(*, user: User) -> str:
    """Give the user a new feed token and return it; the old addresses stop working."""
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": _new_token()}
    )
    return feed.token


def feed_token_revoke(*, user: User) -> bool:
    """Remove the user's feed token; return whether they had one."""
    deleted, _by_model = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def user_from_token(token: str) -> User | None:
    """Return the active user whose feed token this is, or None (unknown, revoked, inactive)."""
    feed = (
        CalendarFeed.objects.filter(token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    return feed.user if feed else None


def items_for(user: User | None):
    """Return the active cycle items for a user's feed (their audiences or responsibility)."""
    items = CycleItem.objects.filter(is_active=True).prefetch_related("audiences")
    if user is None:
        return items
    return items.filter(Q(audiences__members=user) | Q(responsible_user=user)).distinct()


def cycle_ical(items, *, name: str, today: date | None = None) -> bytes:
    """Return an iCalendar file of the items' occurrences this calendar year and next."""
    today = today or timezone.localdate()
    calendar = Calendar()
    calendar.add("prodid", "-//Golden Thread//Reporting cycle//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    items = list(items)
    calendar_page = absolute_url(reverse("reporting:calendar"))
    for year in (today.year, today.year + 1):
        for occurrence in occurrences(items, year, range(1, 13)):
            item = occurrence.item
            event = Event()
            event.add("uid", f"cycle-{item.pk}-{year}-{occurrence.month:02d}@golden-thread")
            event.add("dtstamp", stamp)
            event.add("dtstart", occurrence.due)
            event.add("dtend", occurrence.due + timedelta(days=1))
            event.add("summary", f"{item.name} due")
            lines = []
            if occurrence.period_label:
                lines.append(f"Covers: {occurrence.period_label}")
            audiences = ", ".join(a.name for a in item.audiences.all())
            if audiences:
                lines.append(f"Audience: {audiences}")
            if item.responsible:
                lines.append(f"Responsible: {item.responsible}")
            lines.append(f"Calendar: {calendar_page}?year={year}")
            event.add("description", "\n".join(lines))
            event.add("url", f"{calendar_page}?year={year}")
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    return calendar.to_ical()
