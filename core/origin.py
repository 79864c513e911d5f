"""Where a person came from: a page linked with `?from=<local URL>` can lead back there.

The value is a URL, so it is checked like a redirect target (same host, http or https,
no scheme-relative `//evil`); anything else is ignored, never followed.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

# The pages a breadcrumb may lead back to, by URL name; others are not offered.
ORIGIN_LABELS = {
    "core:home": "Home",
    "indicators:list": "PI register",
    "indicators:my": "My indicators",
    "indicators:verify_queue": "Verify figures",
    "indicators:chase": "Chase figures",
    "dashboards:pmb": "Dashboard",
    "dashboards:indicators": "Dashboard indicators",
    "dashboards:mine": "My dashboard",
    "dashboards:unit": "Service dashboard",
    "plans:thread": "Golden thread",
    "plans:detail": "Plan",
    "plans:beneath": "Objective",
}


@dataclass(frozen=True)
class Origin:
    url: str
    label: str


def origin_of(request: HttpRequest, param: str = "from") -> Origin | None:
    """Return the page named by `?from=` when it is one of ours that a breadcrumb may lead
    back to, else None."""
    url = request.GET.get(param, "")
    if not url or not url.startswith("/") or len(url) > 2000:
        return None
    if not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    label = ORIGIN_LABELS.get(match.view_name)
    return Origin(url=url, label=label) if label else None
