"""The day a request runs on: the clock is read once per request, so every part of a page (a
table, its filters, its export, the flags beside each row) agrees on the date, even when the
request straddles midnight."""

import datetime

from django.http import HttpRequest
from django.utils import timezone


def today(request: HttpRequest) -> datetime.date:
    """Return the local date of `request`, read from the clock on first use."""
    day: datetime.date | None = getattr(request, "today", None)
    if day is None:
        day = request.today = timezone.localdate()  # type: ignore[attr-defined]
    return day
