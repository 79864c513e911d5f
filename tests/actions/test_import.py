"""Importing an action plan (the strategy's Appendix 2) from CSV/Excel: all-or-nothing."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from actions.choices import Priority, WhenKind
from actions.importer import action_plan_import, parse_when
from actions.models import Action, ActionPlan, Theme
from core.tabular import ImportRefused
from tests.factories import ActionPlanFactory, UserFactory

pytestmark = pytest.mark.django_db

FIXTURE = (
    Path(__file__).resolve().parents[2]
    / "actions"
    / "fixtures"
    / ("performance_management_strategy_action_plan.csv")
)


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        ("End July 2009", WhenKind.DATE, datetime.date(2009, 7, 31)),
        ("31 March 2009", WhenKind.DATE, datetime.date(2009, 3, 31)),
        ("Jan 09 Mar 09", WhenKind.DATE, datetime.date(2009, 3, 31)),
        ("Nov 08", WhenKind.DATE, datetime.date(2008, 11, 30)),
        ("2011/2012", WhenKind.DATE, datetime.date(2012, 3, 31)),
        ("Sep 09 Mar 09 Jul 09", WhenKind.DATE, datetime.date(2009, 9, 30)),
        ("December 2008 & ongoing", WhenKind.ONGOING, datetime.date(2008, 12, 31)),
        ("On-going", WhenKind.ONGOING, None),
        ("As and When", WhenKind.AS_AND_WHEN, None),
        ("Need to wait and see what impact CAA has", WhenKind.TEXT, None),
    ],
)
def test_when_text_is_read_as_the_plan_writes_it(text, kind, due):
    assert parse_when(text) == (kind, due)


def test_the_strategy_plan_loads_as_in_the_document(org):
    hugh = UserFactory(first_name="Hugh", last_name="Bennett")
    plan = ActionPlanFactory(unit=org.council)
    result = action_plan_import(plan=plan, name=FIXTURE.name, content=FIXTURE.read_bytes())
    assert (result.themes_created, result.actions_created) == (5, 25)
    themes = list(Theme.objects.filter(plan=plan).values_list("number", "title"))
    assert themes[0] == (1, "Performance Culture Inspired by Strong Leadership")
    assert themes[4] == (5, "Support and training")
    numbers = list(Action.objects.filter(theme__plan=plan).values_list("number", flat=True))
    assert numbers[:3] == ["1.1", "1.2", "1.3"] and "3.4" in numbers and numbers[-1] == "5.7"
    action = Action.objects.get(theme__plan=plan, number="3.3")
    assert action.when_text == "Need to wait and see what impact CAA has"
    assert action.when_kind == WhenKind.TEXT
    first = Action.objects.get(theme__plan=plan, number="1.1")
    assert (first.title, first.who_text, first.priority) == (
        "Excellence statements",
        "HoS",
        Priority.HIGH,
    )
    assert first.due_date == datetime.date(2009, 7, 31)
    # People named in "Who" who have a login become leads.
    assert set(hugh.led_actions.values_list("number", flat=True)) >= {"1.3", "2.1", "3.4", "5.7"}


def test_reimport_updates_instead_of_duplicating(org):
    plan = ActionPlanFactory(unit=org.council)
    action_plan_import(plan=plan, name=FIXTURE.name, content=FIXTURE.read_bytes())
    result = action_plan_import(plan=plan, name=FIXTURE.name, content=FIXTURE.read_bytes())
    assert (result.actions_created, result.actions_updated) == (0, 25)
    assert Action.objects.filter(theme__plan=plan).count() == 25


def test_any_bad_row_saves_nothing_and_every_error_is_reported(org):
    plan = ActionPlanFactory(unit=org.council)
    content = (
        b"No,Action,How,Who,When,Priority,Status,Percent complete,Leads\n"
        b"1,Theme one,,,,,,,\n"
        b"1.1,Good action,How,Who,July 2027,H,In progress,40,\n"
        b"1.2,Bad priority,How,Who,July 2027,Urgent,,,\n"
        b"2.1,No theme yet,How,Who,July 2027,M,,,\n"
        b"x.y,Bad number,How,Who,July 2027,M,,,\n"
        b"1.3,Bad percent,How,Who,July 2027,M,,150,\n"
        b"1.4,Unknown lead,How,Who,July 2027,M,,,nobody\n"
        b"1.5,Bad status,How,Who,July 2027,M,Finished-ish,,\n"
    )
    with pytest.raises(ImportRefused) as excinfo:
        action_plan_import(plan=plan, name="plan.csv", content=content)
    lines = excinfo.value.errors.as_lines()
    assert [line.split(":")[0] for line in lines] == [
        "Row 4",
        "Row 5",
        "Row 6",
        "Row 7",
        "Row 8",
        "Row 9",
    ]
    assert "Urgent" in lines[0] and "theme 2" in lines[1] and "nobody" in lines[4]
    assert not Action.objects.exists() and not Theme.objects.exists()


def test_excel_files_import_too(org):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["No", "Action", "How", "Who", "When", "Priority", "Due date"])
    sheet.append([1, "Theme", None, None, None, None, None])
    sheet.append(["1.1", "Action", "How", "Team", "Soon", "L", datetime.datetime(2027, 1, 31)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = ActionPlanFactory(unit=org.council)
    action_plan_import(plan=plan, name="plan.xlsx", content=buffer.getvalue())
    action = Action.objects.get()
    assert (action.due_date, action.when_kind, action.priority) == (
        datetime.date(2027, 1, 31),
        WhenKind.DATE,
        Priority.LOW,
    )


def test_the_command_imports_the_fixture_and_refuses_bad_files(org, tmp_path, capsys):
    call_command("import_actions", str(FIXTURE), "--plan", "Strategy plan", "--unit", "council")
    assert Action.objects.filter(theme__plan__title="Strategy plan").count() == 25
    bad = tmp_path / "bad.csv"
    bad.write_text("No,Action\n1.1,Action before its theme\n")
    with pytest.raises(CommandError, match="Row 2"):
        call_command("import_actions", str(bad), "--plan", "Other", "--unit", "council")
    assert not ActionPlan.objects.filter(title="Other").exists()


def upload(content: bytes, name: str = "plan.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_the_import_page_creates_a_plan(client, people, org):
    client.force_login(people.perf)
    response = client.post(
        reverse("actions:import"),
        {
            "file": upload(FIXTURE.read_bytes()),
            "title": "Strategy plan",
            "kind": "strategy",
            "unit": org.council.pk,
        },
    )
    plan = ActionPlan.objects.get(title="Strategy plan")
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert Action.objects.filter(theme__plan=plan).count() == 25


def test_the_import_page_shows_row_errors_and_keeps_nothing(client, people, org):
    client.force_login(people.perf)
    response = client.post(
        reverse("actions:import"),
        {
            "file": upload(b"No,Action,Priority\n1,Theme,\n1.1,Act,Soonish\n"),
            "title": "Half plan",
            "kind": "service",
            "unit": org.housing.pk,
        },
    )
    assert response.status_code == 400
    assert "Row 3" in response.content.decode()
    assert 'value="Half plan"' in response.content.decode()
    assert not ActionPlan.objects.filter(title="Half plan").exists()


def test_the_import_page_refuses_a_file_of_another_type(client, people, org):
    client.force_login(people.perf)
    response = client.post(
        reverse("actions:import"),
        {"file": upload(b"%PDF-1.4", "plan.pdf"), "title": "X", "unit": org.council.pk},
    )
    assert response.status_code == 400
    assert "Upload a CSV" in response.content.decode()


@pytest.mark.parametrize("who", ["manager", "officer", "board", "audit"])
def test_only_the_performance_team_and_admins_import(client, people, who):
    client.force_login(getattr(people, who))
    assert client.get(reverse("actions:import")).status_code == 403
    assert client.post(reverse("actions:import"), {}).status_code == 403
