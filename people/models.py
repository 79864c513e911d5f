"""The audit of people: every change to a login (simple_history) and each handover of a
leaver's PIs, actions and risks."""

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from simple_history import register
from simple_history.models import HistoricalRecords


class UserHistory(HistoricalRecords):
    """History of a login that leaves out signing in (Django saves last_login each time)."""

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("update_fields") == frozenset({"last_login"}):
            return
        super().post_save(instance, created, using=using, **kwargs)


# Roles are recorded as a change reason on the person's record (people.services), so that the
# history reads "Roles: Officer → Manager" rather than rows of a join table.
register(
    User,
    app="people",
    records_class=UserHistory,
    excluded_fields=["password", "last_login"],
)


class Handover(models.Model):
    """One item (a PI, action, risk, plan) passed from a person to another, and by whom."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="handovers_from"
    )
    to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="handovers_to"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    what = models.CharField(max_length=40, help_text="e.g. 'PI owner', 'Action lead'.")
    item = models.CharField(max_length=400, help_text="The item as it was named then.")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.what} {self.item}: {self.person} → {self.to}"
