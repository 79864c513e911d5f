"""Rules over many packs: who may see which."""

from django.db import models
from django.db.models import Q

from core.access import has, scoped_unit_ids
from reporting.choices import PackStatus


class PackQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PackQuerySet":
        """Return the packs `user` may see: published ones, plus drafts their role shows.

        The performance team, audit and administrators see every draft; a manager sees the
        drafts scoped to their service; everyone else sees published packs only.
        """
        if not user.is_authenticated:
            return self.none()
        published = Q(status=PackStatus.PUBLISHED)
        if has(user, "publish_packs"):
            return self
        unit_ids = scoped_unit_ids(user)
        if unit_ids is None:
            return self
        if unit_ids:
            return self.filter(published | Q(scope_unit_id__in=unit_ids))
        return self.filter(published)
