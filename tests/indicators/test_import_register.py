"""Importing the PI register: every column read, bad rows refused by row, no half-saves."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from core.tabular import ImportRefused, TableError
from indicators.importers import INDICATOR_COLUMNS, import_indicators, template_rows
from indicators.models import Indicator
from tests.factories import FigureFactory, IndicatorFactory

pytestmark = pytest.mark.django_db

HEADER = ",".join(INDICATOR_COLUMNS)


def csv(*lines: str) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode()


GOOD = (
    "NI 191,Residual household waste per household,Kg per household,number,1,lower,quarterly,"
    "sum,outcome,housing,officer,manager,2.5,yes,yes"
)


def test_imports_every_documented_column(people, org):
    result = import_indicators("register.csv", csv(GOOD))
    assert (result.created, result.updated) == (1, 0)
    indicator = Indicator.objects.get(code="NI 191")
    assert indicator.title == "Residual household waste per household"
    assert indicator.description == "Kg per household"
    assert (indicator.unit, indicator.decimal_places) == ("number", 1)
    assert (indicator.polarity, indicator.frequency, indicator.aggregation) == (
        "lower",
        "quarterly",
        "sum",
    )
    assert indicator.indicator_type == "outcome"
    assert indicator.service == org.housing
    assert (indicator.owner, indicator.deputy) == (people.officer, people.manager)
    assert indicator.tolerance_pct == Decimal("2.5")
    assert indicator.is_national and indicator.is_public


def test_matches_owner_by_email_and_service_by_name_and_updates_by_code(people, org):
    import_indicators("register.csv", csv(GOOD))
    people.perf.email = "Perf.Team@Example.invalid"
    people.perf.save()
    changed = GOOD.replace(",housing,officer,manager,", ",Planning,perf.team@example.invalid,,")
    result = import_indicators("register.csv", csv(changed.replace("NI 191", "ni  191")))
    assert (result.created, result.updated) == (0, 1)
    indicator = Indicator.objects.get(code="NI 191")
    assert indicator.service == org.planning
    assert indicator.owner == people.perf
    assert indicator.deputy is None


def test_reads_excel_files(people, org):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(INDICATOR_COLUMNS))
    sheet.append(GOOD.split(","))
    import io

    buffer = io.BytesIO()
    workbook.save(buffer)
    import_indicators("register.xlsx", buffer.getvalue())
    assert Indicator.objects.filter(code="NI 191").exists()


def test_every_bad_row_is_reported_and_nothing_is_saved(people, org):
    bad_lines = [
        GOOD,  # row 2 is fine
        GOOD.replace("NI 191", "LPI 2").replace(",lower,", ",sideways,"),  # row 3
        GOOD.replace("NI 191", "LPI 3").replace(",housing,", ",nowhere,"),  # row 4
        GOOD.replace("NI 191", "LPI 4").replace(",officer,manager,", ",ghost,officer,"),  # row 5
        GOOD.replace("NI 191", "LPI 5").replace(",2.5,", ",lots,"),  # row 6
        GOOD.replace("NI 191", "LPI 6").replace(",yes,yes", ",maybe,yes"),  # row 7
        GOOD,  # row 8: duplicate of row 2
        GOOD.replace("NI 191", "LPI 9").replace(",manager,", ",officer,"),  # row 9
        GOOD.replace("NI 191", "LPI 10").replace(",1,lower", ",7,lower"),  # row 10
        ",No code,,number,0,higher,monthly,sum,output,housing,officer,,,no,no",  # row 11
    ]
    with pytest.raises(ImportRefused) as refused:
        import_indicators("register.csv", csv(*bad_lines))
    lines = refused.value.errors.as_lines()
    assert [line.split(":")[0] for line in lines] == [
        "Row 3",
        "Row 4",
        "Row 5",
        "Row 6",
        "Row 7",
        "Row 8",
        "Row 9",
        "Row 10",
        "Row 11",
    ]
    text = "\n".join(lines)
    assert "polarity 'sideways' should be one of: higher, lower, band, data" in text
    assert "service 'nowhere' is not a service or team" in text
    assert "owner 'ghost' is not an active user" in text
    assert "tolerance_pct 'lots' is not a number" in text
    assert "is_national 'maybe' should be yes or no" in text
    assert "code NI 191 also appears in row 2" in text
    assert "deputy is the same person as the owner" in text
    assert "decimal_places '7' should be a whole number 0 to 4" in text
    assert "code is blank" in text
    assert not Indicator.objects.exists()


def test_frequency_cannot_change_once_figures_exist(people, org):
    indicator = IndicatorFactory(code="NI 191", frequency="monthly", owner=people.officer)
    FigureFactory(indicator=indicator)
    with pytest.raises(ImportRefused) as refused:
        import_indicators("register.csv", csv(GOOD))
    assert "frequency cannot change from monthly to quarterly" in str(refused.value)
    indicator.refresh_from_db()
    assert indicator.frequency == "monthly"


def test_missing_required_column_refuses_the_file(people):
    with pytest.raises(TableError, match="Missing column"):
        import_indicators("register.csv", b"code,title\nNI 1,Something\n")


def test_ratio_percentage_gets_multiplier_100(people, org):
    line = GOOD.replace(",number,1,lower,quarterly,sum,", ",%,1,higher,quarterly,ratio,")
    import_indicators("register.csv", csv(line))
    indicator = Indicator.objects.get(code="NI 191")
    assert indicator.unit == "percentage"
    assert indicator.multiplier == 100


def test_the_template_imports_cleanly(people, org):
    header, rows = template_rows("indicators")
    content = "\n".join(",".join(r) for r in [header, *rows]).encode()
    assert import_indicators("template.csv", content).created == 1
