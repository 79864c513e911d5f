"""The roles of docs/roles.md as Django groups, and the domain permissions each holds.

This table is the one place that says what a role may do; migrations call `sync_roles` to
make the groups match it. Scope (own PIs, own service) is applied on top by core.access.
"""

from collections.abc import Iterable


class Role:
    BOARD = "Board member"
    OFFICER = "Officer"
    MANAGER = "Manager"
    PERFORMANCE = "Performance team"
    AUDIT = "Internal audit"
    ADMIN = "Administrator"
    FINANCE = "Finance"
    # Staff of a partner organisation of the Local Strategic Partnership (docs/partners.md).
    PARTNER = "Partner contributor"

    STAFF = (BOARD, OFFICER, MANAGER, PERFORMANCE, AUDIT, ADMIN, FINANCE)  # the council's own
    ALL = (*STAFF, PARTNER)


ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.BOARD: ("view_finance",),
    # Enters its organisation's figures; what it sees is narrowed by core.access.partner_*.
    Role.PARTNER: ("enter_figures",),
    Role.OFFICER: ("enter_figures",),
    Role.MANAGER: (
        "enter_figures",
        "view_service_drafts",
        "verify_figures",
        "manage_service",
        "view_finance",
    ),
    Role.PERFORMANCE: (
        "enter_figures",
        "view_all_drafts",
        "verify_figures",
        "manage_register",
        "manage_service",
        "close_periods",
        "publish_packs",
        "view_audit_trail",
        "view_finance",
        "manage_finance",
    ),
    Role.AUDIT: (
        "view_all_drafts",
        "view_audit_trail",
        "view_all_individual_plans",
        "view_finance",
    ),
    Role.ADMIN: (
        "enter_figures",
        "view_all_drafts",
        "verify_figures",
        "manage_register",
        "manage_service",
        "close_periods",
        "publish_packs",
        "configure_cycle",
        "manage_users",
        "view_audit_trail",
        "view_all_individual_plans",
        "view_finance",
        "manage_finance",
    ),
    # The finance team: budgets and forecasts of every service, nothing of the PIs' workflow.
    Role.FINANCE: ("view_finance", "manage_finance"),
}


def sync_roles(apps=None, roles: Iterable[str] = Role.ALL) -> None:
    """Create the role groups and give each exactly the permissions in ROLE_PERMISSIONS.

    `apps` is the migration's app registry (historical models); None means the live models.
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    from core.models import DomainAccess

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    content_type, _ = content_type_model.objects.get_or_create(
        app_label="core", model="domainaccess"
    )
    permissions = {}
    for codename, name in DomainAccess._meta.permissions:
        permissions[codename], _ = permission_model.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
    for role in roles:
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.set([permissions[c] for c in ROLE_PERMISSIONS[role]])
