import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.tabular import ImportRefused
from reporting.models import CycleItem
from reporting.services import cycle_import, parse_months

pytestmark = pytest.mark.django_db


def test_demo_cycle_is_the_seed_grid(demo_cycle):
    assert len(demo_cycle) == 27
    assert demo_cycle["PI report"].months == list(range(1, 13))
    assert demo_cycle["PI report"].report_type == "pi_monthly"
    assert demo_cycle["Quarterly Fin/ perf report"].months == [2, 5, 8, 11]
    assert demo_cycle["Quarterly Fin/ perf report"].group == "Quarterly Performance reports"
    assert demo_cycle["Annual Report to Full Council"].months == [6]
    assert [a.name for a in demo_cycle["Quarterly Fin/ perf report"].audiences.all()] == [
        "Cabinet",
        "PMB",
    ]
    # Events stay on the calendar without a report type.
    assert demo_cycle["Staff survey results"].report_type == ""
    assert demo_cycle["Staff survey results"].months == [9]
    assert demo_cycle["LSP Board Meeting (with PIs)"].months == [1, 4, 6, 9, 11]


def test_importing_twice_updates_rather_than_duplicates(demo_cycle):
    call_command("import_cycle", verbosity=0)
    assert CycleItem.objects.count() == 27


def test_a_bad_row_refuses_the_whole_file(db):
    content = (
        b"name,months,due_rule,report_type\n"
        b"Good item,Jan Feb,end_of_month,\n"
        b"Bad months,Janvier,end_of_month,\n"
        b"Bad type,Mar,end_of_month,weekly_gossip\n"
        b"Bad rule,Apr,whenever,\n"
    )
    with pytest.raises(ImportRefused) as refused:
        cycle_import(name="cycle.csv", content=content)
    lines = refused.value.errors.as_lines()
    assert lines == [
        "Row 3: Months: 'Janvier' is not a month.",
        "Row 4: Report type 'weekly_gossip' is not known.",
        "Row 5: Due rule 'whenever' is not one of working_days_after_period_end, "
        "weeks_after_period_end, day_of_month, end_of_month.",
    ]
    assert not CycleItem.objects.exists()


def test_the_command_reports_refused_rows(tmp_path, db):
    path = tmp_path / "cycle.csv"
    path.write_bytes(b"name,months\nOdd,Smarch\n")
    with pytest.raises(CommandError, match="Row 2: Months: 'Smarch' is not a month"):
        call_command("import_cycle", str(path))
    assert not CycleItem.objects.exists()


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("all", list(range(1, 13))),
        ("Feb May Aug Nov", [2, 5, 8, 11]),
        ("November, February", [2, 11]),
        ("3 1", [1, 3]),
    ],
)
def test_months_are_read_in_the_ways_people_write_them(text, months):
    assert parse_months(text) == months


@pytest.mark.parametrize("text", ["", "13", "Ja", "Foo"])
def test_unreadable_months_are_refused(text):
    with pytest.raises(ValueError):
        parse_months(text)
