"""Requests are limited per token (API_THROTTLE_RATE, e.g. '600/minute'), counted in the
cache; the signed-in browser session is limited like the pages are: not at all."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken


class PerTokenThrottle(SimpleRateThrottle):
    scope = "api_token"

    def get_rate(self) -> str:
        return settings.API_THROTTLE_RATE  # read per request, so a change applies at once

    def get_cache_key(self, request, view) -> str | None:
        token = request.auth
        if not isinstance(token, ApiToken):
            return None
        # The hash, not the id: ids come back in tests' rolled-back databases.
        return self.cache_format % {"scope": self.scope, "ident": token.key_hash[:32]}
