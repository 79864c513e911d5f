"""Absolute links for places with no request to take the host from: e-mails, calendar feeds
and open data, which must carry the council's address (settings.SITE_URL)."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """Return the address of `path` (e.g. '/indicators/my/') on this site, from SITE_URL."""
    return settings.SITE_URL.rstrip("/") + path
