from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core import health
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
