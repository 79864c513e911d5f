"""The annual planning & reporting cycle, report packs and the log of e-mails sent."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from reporting.choices import (
    MONTH_NAMES,
    PACK_STATUS_BADGES,
    DueRule,
    ExportFormat,
    PackStatus,
    ReportType,
)
from reporting.querysets import PackQuerySet


class Audience(models.Model):
    """A board or committee that receives reports, e.g. CMT, Cabinet, PMB, Full Council."""

    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="report_audiences"
    )
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def validate_months(value: object) -> None:
    """Refuse anything but a list of distinct calendar month numbers 1..12."""
    if not isinstance(value, list) or not all(isinstance(m, int) for m in value):
        raise ValidationError("Months must be a list of month numbers (1 = January).")
    if any(m < 1 or m > 12 for m in value) or len(set(value)) != len(value):
        raise ValidationError("Each month must be 1 to 12 and appear once.")


class CycleItem(models.Model):
    """A row of the annual planning & reporting cycle: a report or an event, by month."""

    name = models.CharField(max_length=200)
    group = models.CharField(
        max_length=100, blank=True, help_text="Heading the item sits under, e.g. 'VFM'."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the calendar.")
    months = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_months],
        help_text="Calendar months the item falls in (1 = January).",
    )
    audiences = models.ManyToManyField(Audience, blank=True, related_name="cycle_items")
    responsible = models.CharField(max_length=200, blank=True, help_text="Who is responsible.")
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_cycle_items",
    )
    due_rule = models.CharField(
        max_length=40, choices=DueRule.choices, default=DueRule.END_OF_MONTH
    )
    due_value = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(60)],
        help_text="The number the due rule uses (working days, weeks or day of month).",
    )
    report_type = models.CharField(
        max_length=30,
        choices=ReportType.choices,
        blank=True,
        help_text="Leave empty for events the system does not produce (e.g. staff survey).",
    )
    scope_unit = models.ForeignKey(
        "core.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Whole council when empty; or a directorate/service.",
    )
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="one_cycle_item_per_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def month_names(self) -> list[str]:
        return [MONTH_NAMES[m - 1] for m in sorted(self.months)]

    def falls_in(self, month: int) -> bool:
        return month in self.months

    def due_on(self, year: int, month: int) -> date:
        """Return the due date of the occurrence in calendar `month` of `year`."""
        from reporting.cycle import occurrence_due_date

        return occurrence_due_date(self, year, month)


class Pack(models.Model):
    """A generated report: its file, the data as generated, and where it is in its life.

    Once published a pack never changes; regenerating makes a new version.
    """

    report_type = models.CharField(max_length=30, choices=ReportType.choices)
    period_label = models.CharField(max_length=20, help_text="e.g. '2026-10' or '2026/27 Q2'.")
    scope_unit = models.ForeignKey(
        "core.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cycle_item = models.ForeignKey(
        CycleItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="packs"
    )
    occurrence = models.DateField(
        null=True, blank=True, help_text="First day of the cycle month this pack is for."
    )
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=300)
    status = models.CharField(max_length=12, choices=PackStatus.choices, default=PackStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_note = models.CharField(max_length=200, blank=True)
    sections_total = models.PositiveSmallIntegerField(
        default=0, help_text="Sections laid out in parts on the workers (0: laid out in one go)."
    )
    sections_done = models.PositiveSmallIntegerField(
        default=0, help_text="How many of those sections are laid out."
    )
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When generation was last handed to the task queue; empty while it could not be.",
    )
    task_id = models.CharField(
        max_length=64, blank=True, help_text="The queued task generating it (the latest attempt)."
    )
    data = models.JSONField(default=dict, blank=True, help_text="The report's data as generated.")
    file = models.FileField(upload_to="packs/%Y/", blank=True)
    sha256 = models.CharField(
        "SHA-256", max_length=64, blank=True, help_text="Checksum of the PDF as generated."
    )
    page_count = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    audiences = models.ManyToManyField(
        Audience,
        blank=True,
        related_name="packs",
        help_text="Whom publishing e-mailed a link: the cycle item's audiences, or those chosen.",
    )
    history = HistoricalRecords(
        excluded_fields=[
            "data",
            "progress",
            "progress_note",
            "sections_total",
            "sections_done",
            "sent_at",
            "task_id",
        ]
    )

    objects = PackQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report_type", "period_label", "scope_unit", "version"],
                name="one_pack_per_version",
            ),
            # "Whole council" (no scope) is a value too, but SQL treats NULLs as distinct;
            # a partial index says so on PostgreSQL and SQLite alike (nulls_distinct=False
            # is PostgreSQL-only and Django skips the whole constraint elsewhere).
            models.UniqueConstraint(
                fields=["report_type", "period_label", "version"],
                condition=models.Q(scope_unit__isnull=True),
                name="one_council_pack_per_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def save(self, *args, **kwargs) -> None:
        # A published pack is a snapshot put in front of Cabinet: refuse any later change.
        if self.pk and Pack.objects.filter(pk=self.pk, status=PackStatus.PUBLISHED).exists():
            raise ValidationError("A published pack cannot be changed; generate a new version.")
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == PackStatus.PUBLISHED

    @property
    def is_running(self) -> bool:
        return self.status in (PackStatus.QUEUED, PackStatus.GENERATING)

    @property
    def is_waiting_for_queue(self) -> bool:
        """Return whether the pack is queued but the task queue has not yet taken it."""
        return self.status == PackStatus.QUEUED and self.sent_at is None

    @property
    def status_badge(self) -> str:
        return PACK_STATUS_BADGES.get(self.status, "secondary")


class PackExport(models.Model):
    """A table of a pack, stored as the CSV or Excel file people download and may cite.

    Made once, the first time it is asked for, from the pack's data as generated; every later
    download serves the same bytes, checked against the checksum.
    """

    pack = models.ForeignKey(Pack, on_delete=models.PROTECT, related_name="exports")
    section_id = models.CharField(max_length=60)
    file_format = models.CharField(max_length=4, choices=ExportFormat.choices)
    file = models.FileField(upload_to="packs/exports/%Y/")
    sha256 = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pack", "section_id", "file_format"]
        constraints = [
            models.UniqueConstraint(
                fields=["pack", "section_id", "file_format"], name="one_export_per_table_and_format"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pack} {self.section_id}.{self.file_format}"


class SentNotification(models.Model):
    """One e-mail sent by the cycle; the unique key makes re-running the daily job harmless."""

    key = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=30)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(blank=True)
    subject = models.CharField(max_length=300)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.kind} to {self.email}: {self.subject}"


class CalendarFeed(models.Model):
    """A person's calendar feed address: a random token, one per person, looked up as is.

    Calendar apps cannot sign in, so the token is the credential. It names nobody (no user id
    in it), the person or an administrator may revoke or reissue it, and it stops working
    when the person is deactivated. It is kept as issued rather than hashed because the
    calendar page shows the address again whenever the person subscribes another device, and
    the feeds carry only the cycle's dates, which every signed-in person may see.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(auto_now=True)  # a reissue sets it again

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
