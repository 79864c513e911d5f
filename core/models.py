"""The organisation tree, people's profiles, council-wide settings and domain permissions."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from simple_history.models import HistoricalRecords

from core.choices import AdverseVariance, RagScheme, RiskMatrix, UnitKind
from core.querysets import OrgUnitQuerySet


class OrgUnit(models.Model):
    """A node of the council's structure: council -> directorate -> service -> team.

    Partner organisations are roots of their own beside the council (see clean()).
    """

    name = models.CharField(max_length=200)
    code = models.SlugField(
        max_length=50, unique=True, help_text="Short reference, e.g. 'housing'."
    )
    kind = models.CharField(max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Materialised path of ids ("/1/4/9/") so a subtree is one indexed prefix lookup.
    path = models.CharField(max_length=500, editable=False, db_index=True, default="")
    history = HistoricalRecords(excluded_fields=["path"])

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "organisation unit"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            if not self.pk:
                super().save(*args, **kwargs)
                kwargs.pop("force_insert", None)
            old_path = self.path
            prefix = self.parent.path if self.parent_id else "/"
            self.path = f"{prefix}{self.pk}/"
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                # Moving a unit moves its whole subtree.
                for child in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = self.path + child.path[len(old_path) :]
                    super(OrgUnit, child).save(update_fields=["path"])

    def clean(self) -> None:
        if (
            self.kind == UnitKind.PARTNER
            and self.parent_id
            and self.parent.kind != UnitKind.PARTNER
        ):
            raise ValidationError(
                {
                    "parent": "A partner organisation sits beside the council, not inside it: "
                    "leave its parent empty or choose another partner organisation."
                }
            )

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def subtree(self) -> "OrgUnitQuerySet":
        """Return this unit and every unit below it."""
        return OrgUnit.objects.filter(path__startswith=self.path)

    def ancestor_ids(self) -> list[int]:
        """Return the ids from the root down to this unit (inclusive)."""
        return [int(part) for part in self.path.strip("/").split("/") if part]


class Profile(models.Model):
    """What the council knows of a person beyond their login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    job_title = models.CharField(max_length=200, blank=True)
    line_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="direct_reports",
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Profile of {self.user}"


class CouncilSettings(models.Model):
    """Council-wide settings: one row, read with CouncilSettings.load()."""

    council_name = models.CharField(max_length=200, default="Demo District Council")
    default_tolerance_pct = models.DecimalField(
        "default RAG tolerance (% of target)",
        max_digits=6,
        decimal_places=2,
        default=Decimal("5.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    rag_scheme = models.CharField(
        max_length=30, choices=RagScheme.choices, default=RagScheme.TOLERANCE
    )
    due_working_days = models.PositiveSmallIntegerField(
        "figures due (working days after period end)",
        default=10,
        validators=[MaxValueValidator(60)],
    )
    risk_matrix_size = models.PositiveSmallIntegerField(
        choices=RiskMatrix.choices, default=RiskMatrix.FIVE
    )
    publish_owner_names = models.BooleanField(
        "show indicator owners' names on public pages", default=False
    )
    comparator_name = models.CharField(
        "how comparator data names this council",
        max_length=200,
        blank=True,
        help_text="The authority name benchmarking files use for us (e.g. 'Stirling').",
    )
    # The budget variance rule (indicators.rag.variance_rag): Green within the larger of the
    # percentage and the amount, Amber within the wider percentage, Red beyond.
    finance_green_pct = models.DecimalField(
        "budget variance Green within (% of current budget)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    finance_green_amount = models.DecimalField(
        "budget variance Green within (£, if larger than the percentage)",
        max_digits=14,
        decimal_places=2,
        default=Decimal("50000.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    finance_amber_pct = models.DecimalField(
        "budget variance Amber within (% of current budget)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("5.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    finance_adverse = models.CharField(
        "budget variances that count against a service",
        max_length=20,
        choices=AdverseVariance.choices,
        default=AdverseVariance.OVERSPEND,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "council settings"
        verbose_name_plural = "council settings"

    def __str__(self) -> str:
        return f"Settings for {self.council_name}"

    @classmethod
    def load(cls) -> "CouncilSettings":
        """Return the settings row, creating it with defaults on first use."""
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj


class DomainAccess(models.Model):
    """Holds the product's permissions; roles (groups) are granted these, see core/roles.py."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_all_drafts", "View unpublished figures and drafts of every service"),
            ("view_service_drafts", "View unpublished figures of own service"),
            ("enter_figures", "Enter figures for indicators one owns or deputises"),
            ("verify_figures", "Verify or return submitted figures"),
            ("manage_register", "Manage the PI register, targets, plans and action plans"),
            ("manage_service", "Manage own service's plans, actions and risks"),
            ("close_periods", "Close and reopen reporting periods"),
            ("publish_packs", "Generate and publish report packs"),
            ("configure_cycle", "Configure the reporting cycle and council settings"),
            ("manage_users", "Manage users, roles and the organisation structure"),
            ("view_audit_trail", "View the full audit trail"),
            ("view_all_individual_plans", "View every individual plan (HR, audit)"),
            ("view_finance", "View budgets, spend and forecasts (internal)"),
            ("manage_finance", "Import and edit budgets, spend and forecasts"),
        ]

    def __str__(self) -> str:
        return "Domain permissions"
