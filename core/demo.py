"""The demo council's organisation and people (seed_demo). Idempotent: safe to run twice."""

from django.conf import settings
from django.contrib.auth.models import Group, User

from core.choices import UnitKind
from core.models import CouncilSettings, OrgUnit, Profile
from core.roles import Role, sync_roles

# Directorate -> services -> teams of the demo council (a district council's shape).
DEMO_STRUCTURE: dict[str, dict[str, list[str]]] = {
    "Place": {
        "Planning and Regeneration": ["Development Management", "Planning Policy"],
        "Housing": ["Housing Options", "Housing Strategy"],
        "Environmental Services": ["Waste and Recycling", "Street Cleansing"],
        "Leisure and Culture": ["Sports Development"],
    },
    "People": {
        "Community Services": ["Community Safety", "Lifeline"],
        "Environmental Health": ["Food Safety", "Licensing"],
    },
    "Resources": {
        "Revenues and Benefits": ["Benefits", "Council Tax"],
        "Customer Services": ["Customer Service Centre"],
        "Finance": ["Accountancy"],
        "Human Resources": ["HR and Organisational Development"],
        "Policy and Performance": ["Performance Team"],
    },
}

# username: (first, last, role, unit name, job title, line manager username)
DEMO_USERS: dict[str, tuple[str, str, str, str, str, str | None]] = {
    "admin": ("Alex", "Admin", Role.ADMIN, "Policy and Performance", "Systems Administrator", None),
    "perf": ("Priya", "Patel", Role.PERFORMANCE, "Performance Team", "Performance Officer", None),
    "manager": ("Morgan", "Hughes", Role.MANAGER, "Housing", "Head of Housing", None),
    "officer": (
        "Owen",
        "Jones",
        Role.OFFICER,
        "Housing Options",
        "Housing Options Officer",
        "manager",
    ),
    "board": ("Beth", "Carter", Role.BOARD, "Demo District Council", "Portfolio Holder", None),
    "audit": ("Ian", "Reed", Role.AUDIT, "Finance", "Internal Auditor", None),
    "accountant": ("Fiona", "Grant", Role.FINANCE, "Finance", "Principal Accountant", None),
    "partner": (
        "Pat",
        "Morris",
        Role.PARTNER,
        "Valley Police",
        "Neighbourhood Policing Inspector",
        None,
    ),
}

# The Local Strategic Partnership's partner organisations (beside the council's tree), and a
# named (not signing-in) contributor of the health trust: (name, code, contributor).
PARTNER_ORGANISATIONS = [
    ("Valley Police", "valley-police", None),
    ("Valley Health Trust", "valley-health", ("health", "Hana", "Wells", "Public Health Lead")),
]

LARGE_EXTRA_SERVICES = 100  # `--size large`: a county/unitary's 100+ services


def _unit(name: str, kind: str, parent: OrgUnit | None, code: str) -> OrgUnit:
    unit, _ = OrgUnit.objects.get_or_create(
        code=code, defaults={"name": name, "kind": kind, "parent": parent}
    )
    return unit


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")[:50]


def seed_structure(size: str) -> OrgUnit:
    """Create the council tree; `large` adds generated services to each directorate."""
    council = _unit("Demo District Council", "council", None, "council")
    for directorate_name, services in DEMO_STRUCTURE.items():
        directorate = _unit(directorate_name, "directorate", council, _slug(directorate_name))
        for service_name, teams in services.items():
            service = _unit(service_name, "service", directorate, _slug(service_name))
            for team_name in teams:
                _unit(team_name, "team", service, _slug(team_name))
    if size == "large":
        directorates = list(OrgUnit.objects.directorates())
        for number in range(1, LARGE_EXTRA_SERVICES + 1):
            parent = directorates[number % len(directorates)]
            _unit(f"Service {number:03d}", "service", parent, f"service-{number:03d}")
    return council


def demo_person(
    username: str,
    first: str,
    last: str,
    *,
    role: str,
    unit: OrgUnit | None,
    title: str,
    can_sign_in: bool = True,
) -> User:
    """Return the demo person, created with the role, unit and job title when missing.

    People who can sign in get settings.DEMO_PASSWORD; the others are only named in the demo
    (owners of actions, for instance) and have no usable password.
    """
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.invalid"},
    )
    if created:
        if can_sign_in:
            user.set_password(settings.DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=role))
    Profile.objects.update_or_create(user=user, defaults={"unit": unit, "job_title": title})
    return user


def seed_partners() -> list[OrgUnit]:
    """Create the partnership's partner organisations (roots beside the council) and the
    health trust's named contributor."""
    partners = []
    for name, code, contributor in PARTNER_ORGANISATIONS:
        unit = _unit(name, UnitKind.PARTNER, None, code)
        if contributor:
            username, first, last, title = contributor
            demo_person(
                username, first, last, role=Role.PARTNER, unit=unit, title=title, can_sign_in=False
            )
        partners.append(unit)
    return partners


def seed_users() -> dict[str, User]:
    """Create the demo logins, one per role, all with settings.DEMO_PASSWORD."""
    units = {unit.name: unit for unit in OrgUnit.objects.all()}
    users: dict[str, User] = {}
    for username, (first, last, role, unit_name, title, _manager) in DEMO_USERS.items():
        user = demo_person(username, first, last, role=role, unit=units[unit_name], title=title)
        if role == Role.ADMIN and not user.is_superuser:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        users[username] = user
    for username, (*_rest, manager) in DEMO_USERS.items():
        if manager:
            Profile.objects.filter(user=users[username]).update(line_manager=users[manager])
    return users


def seed(*, size: str, stdout) -> None:
    sync_roles()  # the groups exist after migrate; this also repairs a flushed database
    CouncilSettings.load()
    seed_structure(size)
    seed_partners()
    seed_users()
    stdout.write(f"Organisation: {OrgUnit.objects.count()} units, {User.objects.count()} users")
