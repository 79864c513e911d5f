"""Import values longer than their columns are refused by row and column, never cut short or
left to the database (issue 14); limits are the model's (or the entry form's) own."""

from datetime import date

import pytest

from actions.importer import action_plan_import
from actions.models import Action, Theme
from core.tabular import ImportRefused
from indicators.formats import FIGURE_COLUMNS
from indicators.importers import INDICATOR_COLUMNS, import_figures, import_indicators
from indicators.models import Figure, Indicator
from reporting.models import CycleItem
from reporting.services import cycle_import
from tests.factories import ActionPlanFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def refused_lines(call) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        call()
    return refused.value.errors.as_lines()


def test_a_register_code_longer_than_its_column_is_refused(people, org):
    row = f"{'X' * 40},{'T' * 301},,number,0,higher,monthly,sum,outcome,housing,officer,,,no,no"
    content = f"{','.join(INDICATOR_COLUMNS)}\n{row}\n".encode()
    lines = refused_lines(lambda: import_indicators("register.csv", content))
    assert "Row 2: code is 40 characters long; at most 30 fit." in lines
    assert "Row 2: title is 301 characters long; at most 300 fit." in lines
    assert not Indicator.objects.exists()


def test_imported_commentary_is_held_to_the_entry_forms_limit(people, org):
    IndicatorFactory(code="LPI HO 01", owner=people.officer, service=org.housing)
    header = ",".join(FIGURE_COLUMNS)
    content = f"{header}\nLPI HO 01,2026-04,5,,,{'c' * 5001},\n".encode()
    lines = refused_lines(lambda: import_figures("f.csv", content, today=date(2026, 11, 23)))
    assert lines == ["Row 2: commentary is 5,001 characters long; at most 5,000 fit."]
    assert not Figure.objects.exists()


ACTIONS_HEADER = "No,Action,How,Who,When,Priority\n"


def test_action_plan_values_too_long_or_large_are_refused_not_cut(people):
    plan = ActionPlanFactory()
    content = (
        ACTIONS_HEADER
        + f"1,{'T' * 400},,,,\n"
        + "99999,A theme numbered beyond its column,,,,\n"
        + f"1.1,An action,,{'W' * 301},{'May 2027 ' * 25},High\n"
    ).encode()
    lines = refused_lines(lambda: action_plan_import(plan=plan, name="plan.csv", content=content))
    assert "Row 2: action is 400 characters long; at most 300 fit." in lines
    assert "Row 3: No '99999' is too large (the most is 32767)." in lines
    assert "Row 4: who is 301 characters long; at most 300 fit." in lines
    assert "Row 4: when is 224 characters long; at most 200 fit." in lines
    assert not Theme.objects.exists() and not Action.objects.exists()


def test_cycle_values_longer_than_their_columns_are_refused():
    content = f"name,months,group,audiences\n{'N' * 300},all,{'G' * 101},Cabinet;{'A' * 101}\n"
    lines = refused_lines(lambda: cycle_import(name="cycle.csv", content=content.encode()))
    assert lines == [
        f"Row 2: audience '{'A' * 40}…' is 101 characters long; at most 100 fit.",
        "Row 2: group is 101 characters long; at most 100 fit.",
        "Row 2: name is 300 characters long; at most 200 fit.",
    ]
    assert not CycleItem.objects.exists()


def test_unicode_digits_in_whole_number_columns_are_refused_not_a_server_error(people):
    plan = ActionPlanFactory()
    content = (
        "No,Action,Percent complete\n1,A theme,\n1.1,An action,²\n1.2,Another,１０\n"
    ).encode()
    lines = refused_lines(lambda: action_plan_import(plan=plan, name="plan.csv", content=content))
    assert lines == [
        "Row 3: Percent complete '²' is not a whole number 0-100.",
        "Row 4: Percent complete '１０' is not a whole number 0-100.",
    ]
    content = "name,months,due_value\nPI report,all,²\n".encode()
    lines = refused_lines(lambda: cycle_import(name="cycle.csv", content=content))
    assert lines == ["Row 2: Due value must be a whole number from 0 to 60."]
