"""Writes about people: saving a person with their profile and roles, deactivating a leaver
with the handover of what they hold, reactivating. Each change is in the audit trail: the
person's history (simple_history on the login and the profile) and, for a handover, each
item's own history plus a Handover row."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import OrgUnit, Profile
from indicators.formatting import person_name
from people.holdings import Holding, holdings_of
from people.models import Handover


@dataclass
class PersonDetails:
    """What the council records about a person, as a form or an import row gives it."""

    username: str
    email: str
    first_name: str
    last_name: str
    unit: OrgUnit | None = None
    job_title: str = ""
    line_manager: User | None = None
    roles: list[str] | None = None  # None: leave the person's roles as they are
    is_active: bool = True


def _stamp(obj, by: User | None, reason: str | None = None) -> None:
    """Record who made the change (and why) on the history record the next save writes."""
    if by is not None:
        obj._history_user = by
    if reason:
        obj._change_reason = reason


def person_save(
    *, person: User | None, details: PersonDetails, by: User | None
) -> tuple[User, bool]:
    """Create (person None) or update a person, their profile and roles; returns the person
    and whether anything changed.

    Saves only what changed, so the history shows real changes. A new person gets no usable
    password: they sign in with single sign-on or set one by the password reset e-mail.
    """
    with transaction.atomic():
        user = person or User(username=details.username)
        login_fields = {
            "username": details.username,
            "email": details.email,
            "first_name": details.first_name,
            "last_name": details.last_name,
            "is_active": details.is_active,
        }
        changed = [name for name, value in login_fields.items() if getattr(user, name) != value]
        anything = bool(changed)
        if user.pk is None:
            user.set_unusable_password()
        is_new = user.pk is None
        if changed or is_new:
            for name in changed:
                setattr(user, name, login_fields[name])
            reason = None
            if "is_active" in changed:
                reason = "Reactivated" if details.is_active else "Deactivated"
            _stamp(user, by, reason)
            user.save()
        profile = (None if is_new else Profile.objects.filter(user=user).first()) or Profile(
            user=user
        )
        profile_fields = {
            "unit_id": details.unit.pk if details.unit else None,
            "job_title": details.job_title,
            "line_manager_id": details.line_manager.pk if details.line_manager else None,
        }
        if profile.pk is None or any(
            getattr(profile, name) != value for name, value in profile_fields.items()
        ):
            for name, value in profile_fields.items():
                setattr(profile, name, value)
            _stamp(profile, by)
            profile.save()
            anything = True
        if details.roles is not None:
            current = set() if is_new else None
            anything = (
                person_set_roles(person=user, roles=details.roles, by=by, current=current)
                or anything
            )
    return user, anything


def person_set_roles(
    *, person: User, roles: list[str], by: User | None, current: set[str] | None = None
) -> bool:
    """Give the person exactly these roles (group names), recording the change in their
    history as 'Roles: old → new'; returns False (recording nothing) when they are unchanged."""
    if current is None:
        current = set(person.groups.values_list("name", flat=True))
    if current == set(roles):
        return False
    person.groups.set(Group.objects.filter(name__in=roles))
    person.__dict__.pop("_role_names", None)
    shown = ", ".join(sorted(current)) or "none"
    _stamp(person, by, f"Roles: {shown} → {', '.join(sorted(roles)) or 'none'}")
    person.save(update_fields=["username"])  # a history record carrying the reason
    return True


def circle_from(start: object, above: Callable[[object], object | None]) -> list | None:
    """Return the circle [start, ..., start] met by following `above` (a person's line
    manager) up from `start`, or None when the chain ends. The one home of the rule that line
    management never goes round in a circle: the person's form and the import both ask it."""
    chain, seen, node = [start], {start}, above(start)
    while node is not None and node not in seen:
        chain.append(node)
        seen.add(node)
        node = above(node)
    return [*chain, start] if node == start else None


def line_manager_problem(person: User | None, manager: User | None) -> str | None:
    """Return why `manager` cannot be the person's line manager (themselves, inactive, or a
    circle through the app's profiles); None when they can."""
    if manager is None:
        return None
    if person is not None and manager.pk == person.pk:
        return "A person cannot be their own line manager."
    if not manager.is_active:
        return f"{person_name(manager)} is inactive."
    if person is None or person.pk is None:
        return None
    managers = dict(
        Profile.objects.filter(line_manager__isnull=False).values_list("user_id", "line_manager_id")
    )
    managers[person.pk] = manager.pk
    circle = circle_from(person.pk, managers.get)
    if circle:
        names = dict(User.objects.filter(pk__in=circle).values_list("pk", "username"))
        return "Line management would go round in a circle: " + " → ".join(
            names[pk] for pk in circle
        )
    return None


def handover_problems(person: User, holdings: list[Holding], assignments: dict) -> list[str]:
    """Return what is wrong with a handover: items given to no one, to the leaver, or to
    someone inactive; [] when every item has someone to go to."""
    problems = []
    for holding in holdings:
        to = assignments.get(holding.key)
        if to is None:
            problems.append(f"{holding.kind.label}: {holding.name} needs someone to go to.")
        elif to.pk == person.pk:
            problems.append(f"{holding.kind.label}: {holding.name} cannot go to the leaver.")
        elif not to.is_active:
            problems.append(f"{holding.kind.label}: {holding.name} cannot go to {to}, inactive.")
    return problems


def person_deactivate(*, person: User, assignments: dict[str, User], by: User | None) -> int:
    """Hand each thing the person holds to the person `assignments` names for it (by
    Holding.key), then deactivate them; returns how many items were handed over.

    Raises ValidationError (nothing saved) when an item has no one to go to, or when someone
    would deactivate themselves.
    """
    if by is not None and by.pk == person.pk:
        raise ValidationError("You cannot deactivate yourself.")
    with transaction.atomic():
        holdings = holdings_of(person)
        problems = handover_problems(person, holdings, assignments)
        if problems:
            raise ValidationError(problems)
        for holding in holdings:
            to = assignments[holding.key]
            holding.kind.hand_over(holding.obj, person, to)
            name = person_name(person)
            _stamp(holding.obj, by, f"Handed over from {name} (leaving) to {person_name(to)}")
            holding.obj.save()
            Handover.objects.create(
                person=person, to=to, by=by, what=holding.kind.label, item=holding.name[:400]
            )
        person_set_active(person=person, active=False, by=by)
    return len(holdings)


def person_set_active(*, person: User, active: bool, by: User | None) -> None:
    """Activate or deactivate a login, recorded in the person's history. Deactivating does
    not hand anything over: person_deactivate does, and the import refuses a leaver who still
    holds something."""
    if person.is_active == active:
        return
    person.is_active = active
    _stamp(person, by, "Reactivated" if active else "Deactivated")
    person.save(update_fields=["is_active"])
