"""import_budgets: a good file, bad rows (nothing saved), and re-import replacing a period."""

from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command

from core.tabular import ImportRefused, TableError
from finance.importer import budgets_import
from finance.models import BudgetFigure, BudgetLine
from tests.finance.conftest import budget_csv

pytestmark = pytest.mark.django_db


def test_a_good_file_creates_lines_and_figures(org, imported):
    assert imported.lines_created == 3 and imported.figures == 3
    line = BudgetLine.objects.get(unit=org.housing, name="Homelessness")
    assert (line.year, line.original_budget, line.current_budget) == (
        2026,
        D("1000000"),
        D("1200000"),
    )
    figure = line.figures.get()
    assert (figure.frequency, figure.number) == ("monthly", 7)  # October is month 7
    assert (figure.actual, figure.forecast) == (D("800000"), D("1500000"))
    assert figure.commentary == "Bed and breakfast"
    assert figure.history.get().history_change_reason == "Imported"


def test_quarters_thousands_separators_and_capital(org):
    budgets_import(
        "b.csv",
        (
            "year,unit,line,budget,current_budget,period,actual,forecast,capital\n"
            '2026/27,place,Depot roof,"£250,000.00",250000,2026/27 Q2,"120,000",260000,yes\n'
        ).encode(),
    )
    line = BudgetLine.objects.get()
    assert line.is_capital and line.unit == org.place
    assert line.original_budget == D("250000")
    assert line.figures.get().period.label == "2026/27 Q2"


def test_bad_rows_are_all_reported_and_nothing_is_saved(org):
    content = budget_csv(
        "2026/27,housing,Homelessness,1000000,1200000,2026-10,800000,1500000,",
        "2026/27,nowhere,Homelessness,1,1,2026-10,1,1,",
        "2026/27,housing,,1,1,2026-10,1,1,",
        "2026/27,housing,Lettings,1,1,2025-10,1,1,",
        "2026/27,housing,Lettings,lots,1,2026-10,1,,",
        "2026/27,housing,Homelessness,1000000,1200000,2026-10,800000,1500000,",
        "2026/27,housing,Homelessness,999,1200000,2026-11,800000,1500000,",
        "26/27,housing,Garages,1,1,2026/27,1,1,",
    )
    with pytest.raises(ImportRefused) as refused:
        budgets_import("b.csv", content)
    lines = refused.value.errors.as_lines()
    assert "Row 3: unit 'nowhere' is not the code of a directorate or service" in lines
    assert "Row 4: line is empty" in lines
    assert "Row 5: period 2025-10 is not in the year 2026/27" in lines
    assert "Row 6: budget 'lots' is not a number" in lines
    assert "Row 6: forecast is empty" in lines
    assert "Row 7: Homelessness 2026-10 also appears in row 2" in lines
    assert any(line.startswith("Row 8: Homelessness's budget differs from row 2") for line in lines)
    assert any(line.startswith("Row 9: '26/27' is not a financial year") for line in lines)
    assert any(line.startswith("Row 9: period '2026/27' should be a month") for line in lines)
    assert not BudgetLine.objects.exists() and not BudgetFigure.objects.exists()


def test_a_file_without_the_columns_is_refused(org):
    with pytest.raises(TableError, match="Missing column"):
        budgets_import("b.csv", b"year,unit\n2026/27,housing\n")


def test_reimport_replaces_that_unit_year_and_period_only(org, imported):
    budgets_import(
        "b.csv",
        budget_csv("2026/27,housing,Homelessness,1000000,1300000,2026-10,810000,1350000,Revised"),
    )
    homelessness = BudgetLine.objects.get(name="Homelessness")
    assert homelessness.current_budget == D("1300000")
    assert homelessness.figures.get().forecast == D("1350000")
    # Housing's other line lost its October figure (replaced); Planning kept its own.
    assert not BudgetFigure.objects.filter(line__name="Housing options").exists()
    assert BudgetFigure.objects.filter(line__unit=org.planning).count() == 1
    # A later month adds to the year rather than replacing October.
    budgets_import(
        "b.csv",
        budget_csv("2026/27,housing,Homelessness,1000000,1300000,2026-11,900000,1360000,"),
    )
    assert homelessness.figures.count() == 2
    # Replacing is recorded: the deleted figure is in the history.
    assert BudgetFigure.history.filter(history_type="-").count() == 2


def test_the_command_imports_and_reports_refusals(org, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(budget_csv("2026/27,housing,Homelessness,1,2,2026-10,1,2,"))
    call_command("import_budgets", str(good))
    assert "Imported budgets: 1 figures imported" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(budget_csv("2026/27,nowhere,Homelessness,1,2,2026-10,1,2,"))
    with pytest.raises(CommandError, match="Nothing imported: 1 problem"):
        call_command("import_budgets", str(bad))
