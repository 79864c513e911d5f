"""Imports of the organisation's structure and its people from CSV or Excel (docs/onboarding.md).

Like the other importers (indicators/importers.py), each reads every row, collects every
problem with its row number (core.tabular.RowErrors) and saves nothing unless the whole file
is good, in one transaction. Both can be loaded again: the structure file renames and moves
units; the people file, an HR export, adds new people, applies changes and deactivates those
marked inactive. The upload pages and the import_* commands call them alike.
"""

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.db.models import ProtectedError

from actions.models import Action, ActionPlan, RiskRegister
from core.choices import UnitKind
from core.models import OrgUnit, Profile
from core.roles import Role
from core.tabular import (
    ImportRefused,
    Row,
    RowErrors,
    check_lengths,
    column_limits,
    read_table,
)
from indicators.formatting import person_name
from indicators.models import Indicator
from indicators.parsing import ParseError, parse_bool
from people.holdings import holding_summary
from people.services import PersonDetails, circle_from, person_save
from plans.models import Plan

UNIT_REQUIRED = ("code", "name", "kind")
UNIT_OPTIONAL = ("parent", "remove")
UNIT_TEMPLATE = ["code", "name", "kind", "parent", "remove"]
UNIT_EXAMPLE = [
    ["council", "Demo District Council", "council", "", ""],
    ["place", "Place", "directorate", "council", ""],
    ["housing", "Housing", "service", "place", ""],
    ["housing-options", "Housing Options", "team", "housing", ""],
    ["police", "District Police", "partner", "", ""],
]
UNIT_LIMITS = column_limits(OrgUnit, code="code", name="name")
KIND_BY_TEXT = {kind.value: kind.value for kind in UnitKind} | {
    kind.label.lower(): kind.value for kind in UnitKind
}

PEOPLE_REQUIRED = ("email", "first_name", "last_name")
PEOPLE_OPTIONAL = ("username", "unit", "job_title", "line_manager", "role", "active")
PEOPLE_TEMPLATE = [
    "username",
    "email",
    "first_name",
    "last_name",
    "unit",
    "job_title",
    "line_manager",
    "role",
    "active",
]
PEOPLE_EXAMPLE = [
    [
        "ajones",
        "alex.jones@example.gov.uk",
        "Alex",
        "Jones",
        "housing",
        "Head of Housing",
        "",
        f"{Role.MANAGER}",
        "yes",
    ],
    [
        "sfarr",
        "sam.farr@example.gov.uk",
        "Sam",
        "Farr",
        "housing-options",
        "Housing Options Officer",
        "ajones",
        f"{Role.OFFICER}",
        "yes",
    ],
]
PEOPLE_LIMITS = column_limits(
    User, username="username", email="email", first_name="first_name", last_name="last_name"
) | column_limits(Profile, job_title="job_title")
NAMED = 3  # items named in a refusal before "and N more"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    deactivated: int = 0

    def __str__(self) -> str:
        parts = [f"{self.created} created", f"{self.updated} updated"]
        if self.deactivated:
            parts.append(f"{self.deactivated} deactivated")
        if self.removed:
            parts.append(f"{self.removed} removed")
        parts.append(f"{self.unchanged} unchanged")
        return ", ".join(parts)


def _named(items: list[str]) -> str:
    shown = ", ".join(items[:NAMED])
    return shown + (f" and {len(items) - NAMED} more" if len(items) > NAMED else "")


def _yes_no(row: Row, column: str, errors: RowErrors, blank: bool) -> bool:
    text = row.values.get(column, "")
    if not text.strip():
        return blank
    try:
        return parse_bool(text, column)
    except ParseError as exc:
        errors.add(row.number, f"{exc}.")
        return blank


# The organisation ---------------------------------------------------------------------------


@dataclass
class _UnitRow:
    row: Row
    code: str
    name: str
    kind: str
    parent: str  # a code, "" for a root
    remove: bool


def unit_holdings(unit: OrgUnit) -> list[str]:
    """Return what still belongs to the unit, as 'PIs: LPI HO 01, ...' phrases; [] if none.

    A unit holding any of these cannot be removed (a query per kind)."""
    found = []
    for heading, names in (
        ("PIs", [f"{pi.code}" for pi in Indicator.objects.filter(service=unit)]),
        ("plans", [str(plan) for plan in Plan.objects.filter(unit=unit)]),
        ("action plans", [str(plan) for plan in ActionPlan.objects.filter(unit=unit)]),
        ("actions", [action.number for action in Action.objects.filter(teams=unit)]),
        ("risk registers", [str(r) for r in RiskRegister.objects.filter(unit=unit)]),
        ("people", [str(p.user) for p in Profile.objects.filter(unit=unit).select_related("user")]),
    ):
        if names:
            found.append(f"{heading}: {_named(names)}")
    return found


def _read_unit_rows(rows: list[Row], errors: RowErrors) -> list[_UnitRow]:
    parsed, seen = [], {}
    for row in rows:
        v = row.values
        code, name = v.get("code", "").strip(), v.get("name", "").strip()
        if not check_lengths(row, errors, UNIT_LIMITS):
            continue
        if not code:
            errors.add(row.number, "code is empty.")
            continue
        try:
            validate_slug(code)
        except ValidationError:
            errors.add(
                row.number, f"code '{code}' may hold only letters, digits, hyphens and underscores."
            )
            continue
        if code.lower() in seen:
            errors.add(row.number, f"code '{code}' also appears in row {seen[code.lower()]}.")
            continue
        seen[code.lower()] = row.number
        kind = KIND_BY_TEXT.get(v.get("kind", "").strip().lower())
        if kind is None:
            allowed = ", ".join(UnitKind.values)
            errors.add(row.number, f"kind '{v.get('kind', '')}' should be one of: {allowed}.")
            continue
        if not name:
            errors.add(row.number, "name is empty.")
            continue
        remove = _yes_no(row, "remove", errors, blank=False)
        parsed.append(_UnitRow(row, code, name, kind, v.get("parent", "").strip(), remove))
    return parsed


def _check_tree(
    parsed: list[_UnitRow], existing: dict[str, OrgUnit], errors: RowErrors
) -> dict[str, str]:
    """Return {code: parent code} of the tree the file makes (every unit, file and database),
    adding a problem for a parent that is missing or removed, a partner inside the council
    and a unit placed in its own subtree."""
    kinds = {code: unit.kind for code, unit in existing.items()}
    parent_of = {
        code: (unit.parent.code.lower() if unit.parent_id else "")
        for code, unit in existing.items()
    }
    removed = {item.code.lower() for item in parsed if item.remove}
    for item in parsed:
        kinds[item.code.lower()] = item.kind
        parent_of[item.code.lower()] = item.parent.lower()
    for item in parsed:
        if item.remove:
            continue
        parent = item.parent.lower()
        if parent and parent not in parent_of:
            errors.add(
                item.row.number, f"parent '{item.parent}' is no unit of this file or the app."
            )
        elif parent in removed:
            errors.add(item.row.number, f"parent '{item.parent}' is removed in this file.")
        elif item.kind == UnitKind.PARTNER and parent and kinds[parent] != UnitKind.PARTNER:
            errors.add(
                item.row.number,
                f"{item.name} is a partner organisation: it sits beside the council, so its "
                "parent must be empty or another partner.",
            )
        else:
            # Walk up from the unit: meeting it again means it would sit in its own subtree.
            seen, code = {item.code.lower()}, parent
            while code:
                if code in seen:
                    errors.add(
                        item.row.number,
                        f"{item.name} cannot move under '{item.parent}': that is inside its "
                        "own subtree.",
                    )
                    break
                seen.add(code)
                code = parent_of.get(code, "")
    for item in parsed:
        if not item.remove:
            continue
        code = item.code.lower()
        kept_children = [
            child for child, parent in parent_of.items() if parent == code and child not in removed
        ]
        if kept_children:
            errors.add(
                item.row.number,
                f"{item.name} cannot be removed: units are still under it "
                f"({_named(sorted(kept_children))}); move or remove them too.",
            )
        elif code in existing:
            held = unit_holdings(existing[code])
            if held:
                errors.add(
                    item.row.number,
                    f"{item.name} cannot be removed: it still owns {'; '.join(held)}.",
                )
    return parent_of


def organisation_import(name: str, content: bytes, by: User | None = None) -> ImportResult:
    """Create, update (rename, change kind, move with its subtree) and remove units from a
    `code,name,kind,parent[,remove]` table; returns the counts.

    A unit absent from the file is left as it is; `remove` = yes removes one. Raises
    TableError or ImportRefused (every row's problems); then nothing is saved.
    """
    rows = read_table(name, content, UNIT_REQUIRED, UNIT_OPTIONAL)
    errors = RowErrors()
    existing = {unit.code.lower(): unit for unit in OrgUnit.objects.select_related("parent")}
    parsed = _read_unit_rows(rows, errors)
    if errors:
        raise ImportRefused(errors)
    parent_of = _check_tree(parsed, existing, errors)
    if errors:
        raise ImportRefused(errors)

    def depth(code: str) -> int:
        steps = 0
        while code := parent_of.get(code, ""):
            steps += 1
        return steps

    result = ImportResult()
    units = dict(existing)
    with transaction.atomic():
        # Parents first, so that each unit's parent exists when it is saved.
        for item in sorted(
            (i for i in parsed if not i.remove), key=lambda i: depth(i.code.lower())
        ):
            unit = units.get(item.code.lower())
            parent = units[item.parent.lower()] if item.parent else None
            if unit is None:
                unit = OrgUnit(code=item.code, name=item.name, kind=item.kind, parent=parent)
                result.created += 1
            elif (unit.name, unit.kind, unit.parent_id) == (
                item.name,
                item.kind,
                parent.pk if parent else None,
            ):
                result.unchanged += 1
                continue
            else:
                # A move of a unit above may have rewritten this one's path since it was read.
                unit.path = OrgUnit.objects.values_list("path", flat=True).get(pk=unit.pk)
                unit.name, unit.kind, unit.parent = item.name, item.kind, parent
                result.updated += 1
            if by is not None:
                unit._history_user = by
            unit._change_reason = "Imported"
            unit.save()
            units[item.code.lower()] = unit
        doomed = [i for i in parsed if i.remove and i.code.lower() in existing]
        for item in sorted(doomed, key=lambda i: -depth(i.code.lower())):
            try:
                existing[item.code.lower()].delete()
            except ProtectedError as exc:
                # Something of another app still points at it (a budget, a partnership...).
                held = _named(sorted({str(obj) for obj in exc.protected_objects}))
                errors.add(item.row.number, f"{item.name} cannot be removed: it still has {held}.")
                transaction.set_rollback(True)
                raise ImportRefused(errors) from exc
            result.removed += 1
    return result


# People -------------------------------------------------------------------------------------


@dataclass
class _PersonRow:
    row: Row
    person: User | None  # None: a new person
    details: PersonDetails
    manager_key: str  # as written in the file, "" for none


def _people_lookups(users: list[User]) -> tuple[dict, dict]:
    """Return ({e-mail: user}, {username: user}), lower-cased; an address shared by two
    people maps to None (it cannot tell them apart)."""
    by_email: dict[str, User | None] = {}
    by_username: dict[str, User] = {}
    for user in users:
        by_username[user.username.lower()] = user
        if user.email:
            email = user.email.lower()
            by_email[email] = None if email in by_email else user
    return by_email, by_username


def _read_person(
    row: Row,
    errors: RowErrors,
    by_email: dict,
    by_username: dict,
    units: dict,
    roles: dict,
) -> _PersonRow | None:
    v = row.values
    email = v.get("email", "").strip()
    if not check_lengths(row, errors, PEOPLE_LIMITS):
        return None
    try:
        validate_email(email)
    except ValidationError:
        errors.add(row.number, f"email '{email}' is not an e-mail address.")
        return None
    username = v.get("username", "").strip() or email
    try:
        User.username_validator(username)
    except ValidationError:
        errors.add(
            row.number, f"username '{username}' may hold only letters, digits and @ . + - _."
        )
        return None
    if email.lower() in by_email and by_email[email.lower()] is None:
        errors.add(row.number, f"two people in the app share the e-mail {email}.")
        return None
    by_mail, by_name = by_email.get(email.lower()), by_username.get(username.lower())
    if by_mail and by_name and by_mail != by_name:
        errors.add(
            row.number,
            f"the e-mail {email} is {by_mail.username}'s but the username {username} is "
            f"someone else's.",
        )
        return None
    person = by_mail or by_name
    unit = None
    if code := v.get("unit", "").strip():
        unit = units.get(code.lower())
        if unit is None:
            errors.add(row.number, f"unit '{code}' is no unit's code.")
    role_names = None
    if role_text := v.get("role", "").strip():
        role_names = []
        for part in filter(None, (p.strip() for p in role_text.split(";"))):
            role = roles.get(part.lower())
            if role is None:
                errors.add(row.number, f"role '{part}' should be one of: {', '.join(Role.ALL)}.")
            else:
                role_names.append(role)
    active = _yes_no(row, "active", errors, blank=True)
    details = PersonDetails(
        username=username,
        email=email,
        first_name=v.get("first_name", "").strip(),
        last_name=v.get("last_name", "").strip(),
        unit=unit,
        job_title=v.get("job_title", "").strip(),
        roles=role_names,
        is_active=active,
    )
    return _PersonRow(row, person, details, v.get("line_manager", "").strip())


def _line_management(
    parsed: list[_PersonRow], users: list[User], errors: RowErrors
) -> dict[int, object]:
    """Return {row index: manager} (a User, or the index of a row making the person) and add
    problems: a manager who is no one, inactive, the person themselves, or a circle."""
    file_keys: dict[str, int] = {}
    for index, item in enumerate(parsed):
        file_keys[item.details.email.lower()] = index
        file_keys[item.details.username.lower()] = index
    by_email, by_username = _people_lookups(users)
    in_file = {item.person.pk: index for index, item in enumerate(parsed) if item.person}
    managers: dict[int, object] = {}
    for index, item in enumerate(parsed):
        key = item.manager_key.lower()
        if not key:
            continue
        manager: object = file_keys.get(key)
        if manager is None:
            manager = by_email.get(key) or by_username.get(key)
            if isinstance(manager, User) and manager.pk in in_file:
                manager = in_file[manager.pk]  # the file says who they are now
        if manager is None:
            errors.add(
                item.row.number,
                f"line_manager '{item.manager_key}' is no one's username or e-mail.",
            )
        elif manager == index:
            errors.add(item.row.number, "a person cannot be their own line manager.")
        elif isinstance(manager, int) and not parsed[manager].details.is_active:
            errors.add(item.row.number, f"line manager '{item.manager_key}' is marked inactive.")
        elif isinstance(manager, User) and not manager.is_active:
            errors.add(item.row.number, f"line manager '{item.manager_key}' is inactive.")
        else:
            managers[index] = manager
    # Circles: follow each row's managers upwards, through the file's rows and then the
    # app's profiles; a node is ("row", index) or ("user", pk).
    profile_manager = dict(
        Profile.objects.filter(line_manager__isnull=False).values_list("user_id", "line_manager_id")
    )
    usernames = {user.pk: user.username for user in users}

    def node_of(manager: object) -> tuple[str, int] | None:
        if manager is None:
            return None
        if isinstance(manager, int):
            return ("row", manager)
        pk = manager.pk
        return ("row", in_file[pk]) if pk in in_file else ("user", pk)

    def above(node: tuple[str, int]) -> tuple[str, int] | None:
        kind, ident = node
        if kind == "row":
            return node_of(managers.get(ident))
        manager_id = profile_manager.get(ident)
        if manager_id is None:
            return None
        return ("row", in_file[manager_id]) if manager_id in in_file else ("user", manager_id)

    def name(node: tuple[str, int]) -> str:
        kind, ident = node
        return parsed[ident].details.username if kind == "row" else usernames[ident]

    for index, item in enumerate(parsed):
        circle = circle_from(("row", index), above)
        if circle:
            shown = " → ".join(name(n) for n in circle)
            errors.add(item.row.number, f"line management goes round in a circle: {shown}.")
    return managers


def people_import(name: str, content: bytes, by: User | None = None) -> ImportResult:
    """Add, update and deactivate people from an HR export (columns in PEOPLE_TEMPLATE);
    returns the counts.

    A row matches a person by e-mail, then by username. Someone absent from the file is left
    as they are. A person marked inactive who still holds PIs, actions or risks is refused:
    they are handed over on the person's page first. Raises TableError or ImportRefused
    (every row's problems); then nothing is saved.
    """
    rows = read_table(name, content, PEOPLE_REQUIRED, PEOPLE_OPTIONAL)
    errors = RowErrors()
    users = list(User.objects.all())
    by_email, by_username = _people_lookups(users)
    units = {unit.code.lower(): unit for unit in OrgUnit.objects.all()}
    roles = {role.lower(): role for role in Role.ALL}
    parsed: list[_PersonRow] = []
    seen: dict[str, int] = {}
    for row in rows:
        item = _read_person(row, errors, by_email, by_username, units, roles)
        if item is None:
            continue
        keys = {item.details.email.lower(), item.details.username.lower()}
        if item.person:
            keys.add(f"#{item.person.pk}")
        clash = next((seen[k] for k in keys if k in seen), None)
        if clash:
            errors.add(row.number, f"this person also appears in row {clash}.")
            continue
        seen |= dict.fromkeys(keys, row.number)
        parsed.append(item)
    managers = _line_management(parsed, users, errors)
    for item in parsed:
        leaving = item.person and item.person.is_active and not item.details.is_active
        if leaving and by is not None and item.person.pk == by.pk:
            errors.add(item.row.number, "you cannot deactivate yourself.")
        elif leaving and (held := holding_summary(item.person)):
            errors.add(
                item.row.number,
                f"{person_name(item.person)} is marked inactive but still "
                f"holds {held}: hand these over on their page (Deactivate) first.",
            )
    if errors:
        raise ImportRefused(errors)
    return _save_people(parsed, managers, by)


def _save_people(
    parsed: list[_PersonRow], managers: dict[int, object], by: User | None
) -> ImportResult:
    def depth(index: int) -> int:
        steps, node = 0, managers.get(index)
        while isinstance(node, int):
            steps, node = steps + 1, managers.get(node)
        return steps

    result = ImportResult()
    saved: dict[int, User] = {}
    with transaction.atomic():
        # Managers new in this file are created before the people who report to them.
        for index in sorted(range(len(parsed)), key=depth):
            item = parsed[index]
            manager = managers.get(index)
            item.details.line_manager = saved[manager] if isinstance(manager, int) else manager
            was_active = item.person.is_active if item.person else None
            user, changed = person_save(person=item.person, details=item.details, by=by)
            saved[index] = user
            if item.person is None:
                result.created += 1
            elif was_active and not user.is_active:
                result.deactivated += 1
            elif changed:
                result.updated += 1
            else:
                result.unchanged += 1
    return result
