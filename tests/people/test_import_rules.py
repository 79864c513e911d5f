"""The imports' refusals: all-or-nothing with every bad row named, and the rules of the tree
and of line management."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from core.models import OrgUnit
from core.roles import Role
from core.tabular import ImportRefused
from people.importers import organisation_import, people_import
from tests.factories import IndicatorFactory
from tests.people.council_files import PEOPLE_HEADER, UNIT_HEADER, csv_bytes

pytestmark = pytest.mark.django_db


def units(*rows, header=UNIT_HEADER):
    return organisation_import("units.csv", csv_bytes(header, list(rows)))


def people_file(*rows):
    full = [
        dict(zip(PEOPLE_HEADER, ["", "", "", "", "", "", "", "", ""], strict=True)) | r
        for r in rows
    ]
    return csv_bytes(PEOPLE_HEADER, [[r[c] for c in PEOPLE_HEADER] for r in full])


def person(username, **more):
    return {
        "username": username,
        "email": f"{username}@x.example",
        "first_name": username.title(),
        "last_name": "Test",
    } | more


def refusal(call) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        call()
    return refused.value.errors.as_lines()


def test_bad_rows_are_all_named_and_nothing_is_saved(org):
    lines = refusal(
        lambda: units(
            ["new-dir", "New", "directorate", "council"],
            ["bad code!", "Bad", "service", "council"],
            ["x", "X", "department", "council"],
            ["y", "Y", "service", "nowhere"],
        )
    )
    assert any("Row 3: code 'bad code!'" in line for line in lines)
    assert any("Row 4: kind 'department'" in line for line in lines)
    assert not OrgUnit.objects.filter(code="new-dir").exists()
    lines = refusal(lambda: units(["y", "Y", "service", "nowhere"]))
    assert lines == ["Row 2: parent 'nowhere' is no unit of this file or the app."]


def test_a_unit_cannot_move_into_its_own_subtree(org):
    lines = refusal(lambda: units(["place", "Place", "directorate", "housing"]))
    assert "inside its own subtree" in lines[0]


def test_a_partner_sits_beside_the_council(org):
    lines = refusal(lambda: units(["police", "Police", "partner", "council"]))
    assert "beside the council" in lines[0]
    units(["police", "Police", "partner", ""], ["police-east", "East", "partner", "police"])
    assert OrgUnit.objects.get(code="police-east").parent.code == "police"


def test_removing_a_unit_that_owns_pis_is_refused_by_name(org, people):
    IndicatorFactory(code="LPI HO 01", service=org.housing_team, owner=people.officer)
    header = [*UNIT_HEADER, "remove"]
    lines = refusal(
        lambda: units(
            ["housing-options", "Housing Options", "team", "housing", "yes"], header=header
        )
    )
    assert "Housing Options cannot be removed" in lines[0] and "LPI HO 01" in lines[0]
    assert "people: officer" in lines[0]
    lines = refusal(lambda: units(["housing", "Housing", "service", "place", "yes"], header=header))
    assert "units are still under it (housing-options)" in lines[0]
    OrgUnit.objects.create(code="old", name="Old", kind="team", parent=org.planning)
    result = units(["old", "Old", "team", "planning", "yes"], header=header)
    assert result.removed == 1 and not OrgUnit.objects.filter(code="old").exists()


def test_people_are_matched_by_email_then_username(org, people):
    people.officer.email = "officer@x.example"
    people.officer.save()
    file = people_file(
        person("renamed", email="officer@x.example", unit="housing"), person("manager")
    )
    result = people_import("hr.csv", file)
    people.officer.refresh_from_db()
    people.manager.refresh_from_db()
    assert people.officer.username == "renamed" and people.officer.profile.unit == org.housing
    assert people.manager.email == "manager@x.example"
    assert (result.created, result.updated) == (0, 2)


def test_a_blank_role_leaves_roles_and_a_filled_one_sets_them(org, people):
    people_import("hr.csv", people_file(person("officer", email="o@x.example")))
    assert set(people.officer.groups.values_list("name", flat=True)) == {Role.OFFICER}
    people_import(
        "hr.csv",
        people_file(person("officer", email="o@x.example", role=f"{Role.MANAGER}; {Role.BOARD}")),
    )
    assert set(people.officer.groups.values_list("name", flat=True)) == {Role.MANAGER, Role.BOARD}
    lines = refusal(lambda: people_import("hr.csv", people_file(person("officer", role="Wizard"))))
    assert "role 'Wizard' should be one of" in lines[0]


def test_circles_in_line_management_are_refused(org, people):
    # manager -> officer already (officer's manager is manager); making manager report to
    # officer closes the circle through the app's data.
    lines = refusal(
        lambda: people_import("hr.csv", people_file(person("manager", line_manager="officer")))
    )
    assert "circle: manager → officer → manager" in lines[0]
    lines = refusal(
        lambda: people_import(
            "hr.csv",
            people_file(person("a1", line_manager="a2"), person("a2", line_manager="a1@x.example")),
        )
    )
    assert len(lines) == 2 and "circle" in lines[0]
    lines = refusal(lambda: people_import("hr.csv", people_file(person("a1", line_manager="a1"))))
    assert "their own line manager" in lines[0]


def test_a_leaver_who_still_holds_pis_is_refused_until_handed_over(org, people):
    IndicatorFactory(code="LPI HO 01", service=org.housing, owner=people.officer)
    lines = refusal(lambda: people_import("hr.csv", people_file(person("officer", active="no"))))
    assert "still holds PIs owned: 1" in lines[0]
    result = people_import("hr.csv", people_file(person("planner", active="no")))
    assert result.deactivated == 1
    assert not User.objects.get(username="planner").is_active


def test_a_person_twice_in_the_file_is_refused(org):
    lines = refusal(
        lambda: people_import(
            "hr.csv", people_file(person("a1"), person("a1", email="other@x.example"))
        )
    )
    assert lines == ["Row 3: this person also appears in row 2."]


def test_the_commands_import_and_report_refusals(org, tmp_path, capsys):
    structure = tmp_path / "units.csv"
    structure.write_bytes(csv_bytes(UNIT_HEADER, [["parks", "Parks", "service", "place"]]))
    call_command("import_organisation", str(structure))
    assert "1 created" in capsys.readouterr().out
    hr = tmp_path / "hr.csv"
    hr.write_bytes(people_file(person("newbie", unit="parks", role=Role.OFFICER)))
    call_command("import_people", str(hr))
    newbie = User.objects.get(username="newbie")
    assert newbie.profile.unit.code == "parks" and not newbie.has_usable_password()
    hr.write_bytes(people_file(person("newbie", unit="nowhere")))
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_people", str(hr))


def test_an_importer_cannot_deactivate_themselves(org, people):
    lines = refusal(
        lambda: people_import("hr.csv", people_file(person("admin", active="no")), by=people.admin)
    )
    assert lines == ["Row 2: you cannot deactivate yourself."]
