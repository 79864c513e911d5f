"""Personal API tokens and the stored answers of idempotent deliveries (docs/api.md)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from api.querysets import ApiTokenQuerySet


class ApiToken(models.Model):
    """A named token a person uses for the API; it acts as that person, never more.

    Only the SHA-256 of the secret is kept: the secret is shown once, when it is made.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        max_length=12, editable=False, help_text="The secret's first characters, to recognise it."
    )
    can_submit_figures = models.BooleanField(
        "can submit figures",
        default=False,
        help_text="Read-only unless ticked: then it may also submit figures for you.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who made, changed and revoked which token; each use is not worth a history row.
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class IdempotentDelivery(models.Model):
    """The answer given to a delivery of figures sent with an Idempotency-Key, so that the
    same delivery sent again gets the same answer and saves nothing twice."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField()
    token = models.ForeignKey(ApiToken, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="one_delivery_per_key")
        ]

    def __str__(self) -> str:
        return f"Delivery {self.key} by {self.person}"
