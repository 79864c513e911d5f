"""Rules over many tokens: which still work, and whose a person may manage."""

from django.db import models

from core.access import has


class ApiTokenQuerySet(models.QuerySet):
    def working(self) -> "ApiTokenQuerySet":
        """Tokens that still authenticate: not revoked, and their person still active."""
        return self.filter(revoked_at__isnull=True, person__is_active=True)

    def manageable_by(self, user) -> "ApiTokenQuerySet":
        """Tokens `user` may revoke: their own; everyone's for those who manage users."""
        if not user.is_authenticated:
            return self.none()
        if has(user, "manage_users"):
            return self
        return self.filter(person=user)
