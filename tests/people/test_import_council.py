"""A fresh database takes a whole council from two files (30 services, 500 people), and a
second load of the same files with changes applies them: the monthly HR export."""

import time

import pytest
from django.contrib.auth.models import User

from core.models import OrgUnit
from core.roles import Role, sync_roles
from people.importers import organisation_import, people_import
from tests.people.council_files import (
    PEOPLE,
    PEOPLE_HEADER,
    SERVICES,
    UNIT_HEADER,
    csv_bytes,
    people_rows,
    person,
    unit_rows,
)

pytestmark = pytest.mark.django_db


def _check_everyone(expected: list[dict[str, str]]) -> None:
    users = {
        u.email: u
        for u in User.objects.select_related(
            "profile__unit", "profile__line_manager"
        ).prefetch_related("groups")
    }
    for p in expected:
        user = users[p["email"]]
        assert user.username == p["username"]
        assert (user.first_name, user.last_name) == (p["first_name"], p["last_name"])
        assert user.profile.unit.code == p["unit"]
        assert user.profile.job_title == p["job_title"]
        manager = user.profile.line_manager
        wanted = p["line_manager"].split("@")[0]
        assert (manager.username if manager else "") == wanted, p["username"]
        assert {g.name for g in user.groups.all()} == set(p["role"].split(";"))
        assert user.is_active == (p["active"] == "yes")


def test_a_council_moves_in_from_two_files_and_a_second_load_applies_changes(capsys):
    sync_roles()
    started = time.perf_counter()
    units = organisation_import("structure.csv", csv_bytes(UNIT_HEADER, unit_rows()))
    structure_seconds = time.perf_counter() - started
    assert units.created == 1 + 5 + SERVICES * 3 + 2
    assert OrgUnit.objects.filter(kind="service").count() == SERVICES
    police = OrgUnit.objects.get(code="police")
    assert police.parent is None and police.depth == 0

    people = [person(n) for n in range(PEOPLE)]
    started = time.perf_counter()
    result = people_import("hr.csv", csv_bytes(PEOPLE_HEADER, people_rows(people)))
    first_seconds = time.perf_counter() - started
    assert (result.created, result.updated) == (PEOPLE, 0)
    _check_everyone(people)
    assert User.objects.filter(groups__name=Role.PERFORMANCE).count() == 46

    # A month later: a restructure (service 3 moves to directorate 4 with its teams, service
    # 5 is renamed), and an HR export with changes, a leaver and a new starter.
    changed_units = [
        ["s03", "Service 3", "service", "d4"],
        ["s05", "Service five (renamed)", "service", "d0"],
    ]
    started = time.perf_counter()
    moved = organisation_import("structure.csv", csv_bytes(UNIT_HEADER, changed_units))
    structure_again_seconds = time.perf_counter() - started
    assert (moved.updated, moved.created) == (2, 0)
    team = OrgUnit.objects.get(code="s03-t1")
    assert OrgUnit.objects.get(code="d4") in OrgUnit.objects.filter(pk__in=team.ancestor_ids())
    assert OrgUnit.objects.get(code="s05").name == "Service five (renamed)"

    people[100] |= {"unit": "s07-t1", "job_title": "Senior Officer", "line_manager": "p0013"}
    people[101] |= {"email": "new.address@gen.example", "last_name": "Married"}
    people[102] |= {"role": f"{Role.OFFICER};{Role.MANAGER}"}
    people[103] |= {"active": "no"}
    people.append(person(PEOPLE) | {"username": "starter", "email": "starter@gen.example"})
    started = time.perf_counter()
    again = people_import("hr.csv", csv_bytes(PEOPLE_HEADER, people_rows(people)))
    second_seconds = time.perf_counter() - started
    assert (again.created, again.updated, again.deactivated) == (1, 3, 1)
    assert again.unchanged == PEOPLE - 4
    _check_everyone(people)
    with capsys.disabled():
        print(
            f"\nImport timings: structure {structure_seconds:.2f}s, {PEOPLE} people "
            f"{first_seconds:.2f}s; again: structure {structure_again_seconds:.2f}s, "
            f"people {second_seconds:.2f}s"
        )
