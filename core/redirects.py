"""Where to send a person back to after a form: a validated ?next=, never another site."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, default: str) -> str:
    """Return the `next` URL of the request (POST, else GET) when it is a path on this site,
    else `default`. Refuses other hosts, scheme-relative URLs (//host) and javascript: URLs,
    so a link can never make the site an open redirect."""
    url = (request.POST.get("next") or request.GET.get("next") or "").strip()
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default
