from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView, LogoutView
from django.http import Http404, HttpRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from core import health, sso
from core.access import role_names
from core.home import waiting_for


class HomeView(TemplateView):
    """The signed-in start page: what is waiting for this person, and where they can go."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roles"] = sorted(role_names(self.request.user))
        context["sections"] = waiting_for(self.request.user, timezone.localdate())
        return context


@method_decorator([login_not_required, never_cache], name="dispatch")
class HealthView(View):
    """JSON status of the database and the task broker: 200 when both answer, else 503."""

    def get(self, request: HttpRequest) -> JsonResponse:
        status = {"database": health.database_status(), "broker": health.broker_status()}
        return JsonResponse(status, status=200 if health.is_healthy(status) else 503)


class SignInView(LoginView):
    """The sign-in page: single sign-on when configured, passwords unless switched off."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = sso.sso_enabled()
        context["passwords_allowed"] = sso.passwords_allowed()
        context["sso_provider_name"] = settings.OIDC_PROVIDER_NAME
        return context

    def post(self, request, *args, **kwargs):
        if not sso.passwords_allowed():
            # A password typed into an old form or a script: refused, never checked.
            context = self.get_context_data(passwords_refused=True)
            return self.render_to_response(context, status=403)
        return super().post(request, *args, **kwargs)


class SignOutView(LogoutView):
    """Ends the session here, then at the provider when it offers an end-session address."""

    def post(self, request, *args, **kwargs):
        provider_url = sso.provider_logout_url(request)  # before the session (and token) goes
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_url) if provider_url else response


class _SSOOnly:
    """Single sign-on's addresses answer 404 until it is configured."""

    def dispatch(self, request, *args, **kwargs):
        if not sso.sso_enabled():
            raise Http404("Single sign-on is not configured.")
        return super().dispatch(request, *args, **kwargs)


@method_decorator([login_not_required, never_cache], name="dispatch")
class SSOStartView(_SSOOnly, OIDCAuthenticationRequestView):
    """Sends the browser to the provider to sign in (keeping a safe ?next=)."""


@method_decorator([login_not_required, never_cache], name="dispatch")
class SSOCallbackView(_SSOOnly, OIDCAuthenticationCallbackView):
    """The provider's answer: signs a known, active person in, or says why not and whom to ask."""

    def login_failure(self):
        reason = getattr(self.request, "sso_refusal", sso.Refusal.FAILED)
        context = {"reason": str(reason), "contact": settings.OIDC_ACCESS_CONTACT}
        return render(self.request, "registration/sso_refused.html", context, status=403)
