"""The bench's floor page (devtools is not installed in production, so neither is this)."""

from django.views.generic import TemplateView


class BasePageView(TemplateView):
    """A signed-in page of the base layout alone: what any page costs before its own work."""

    template_name = "base.html"
