"""Middleware of our own."""

from collections.abc import Callable

from csp.middleware import CSPMiddleware
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from core.access import partner_may_open
from core.views import HealthView


class HealthCheckMiddleware:
    """Answer /healthz ahead of the host check (before CommonMiddleware in MIDDLEWARE).

    docker-compose probes http://127.0.0.1:8000/healthz inside the container: a host that
    production's ALLOWED_HOSTS refuses, over plain HTTP that SecurityMiddleware redirected
    (SECURE_REDIRECT_EXEMPT now spares it), so the container was never healthy. The answer
    only says whether the database and broker answer and builds nothing from the Host
    header, so any host may have it over either scheme.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.path = reverse("healthz")
        self.view = HealthView.as_view()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Only the probe's GET/HEAD: anything else meets the usual checks (CSRF, hosts).
        if request.path_info == self.path and request.method in ("GET", "HEAD"):
            return self.view(request)
        return self.get_response(request)


class NoStoreWhenSignedInMiddleware:
    """Tell browsers and proxies to keep no copy of what a signed-in person is shown.

    Council PCs are shared: unpublished figures, drafts and downloaded packs must not come
    back from the cache or the back button for the next person. Public pages (nobody signed
    in) and static files (served before this runs) stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, leaving out PDFs: Chromium's built-in viewer draws an inline
    PDF in a page of its own, with inline styles and an embedded plugin, which our policy
    (style-src 'self', object-src 'none') would leave blank. A PDF runs no script of ours."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase):
        if response.get("Content-Type", "").startswith("application/pdf"):
            response._csp_exempt = True  # django-csp's own per-response switch
        return super().process_response(request, response)


class NulInAddressMiddleware:
    """Refuse (400) an address whose query string holds a NUL character.

    No link of ours carries one, PostgreSQL cannot compare text holding one (the query
    raises, a 500), and forms already refuse it in what is posted; so it is stopped here
    once rather than at every view that looks a GET value up.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            raise BadRequest("The address holds a character no page of ours uses (NUL).")
        return self.get_response(request)


class PartnerScopeMiddleware:
    """A partner contributor opens only the pages core.access.PARTNER_PAGES lists (403 else).

    New pages are closed to partners until someone decides otherwise: partner staff must never
    meet the council's internals by a page that forgot to narrow its lists.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        match = request.resolver_match
        if match is not None and not partner_may_open(request.user, match.view_name):
            raise PermissionDenied
