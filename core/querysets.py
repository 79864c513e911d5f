from django.db import models


class OrgUnitQuerySet(models.QuerySet):
    def subtree_of(self, unit) -> "OrgUnitQuerySet":
        """Units at or below `unit`."""
        return self.filter(path__startswith=unit.path)

    def directorates(self) -> "OrgUnitQuerySet":
        return self.filter(kind="directorate")

    def services(self) -> "OrgUnitQuerySet":
        return self.filter(kind="service")
