"""import_benchmarks: all-or-nothing with row errors; a PI's period is replaced on re-import."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.models import CouncilSettings
from core.tabular import ImportRefused, TableError
from indicators.comparators import import_benchmarks
from indicators.models import ComparatorValue
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

HEADER = "code,authority,period,value,group,numerator,denominator\n"


@pytest.fixture
def pis(org):
    return (
        IndicatorFactory(code="LPI 1", frequency="quarterly", unit="percentage", multiplier=100),
        IndicatorFactory(code="LPI 2", frequency="monthly"),
    )


def test_rows_are_saved_with_their_groups_and_computed_values(pis):
    content = (
        HEADER
        + "LPI 1,Anytown,2025/26 Q1,91,Family 3; Nearest neighbours,,\n"
        + "lpi  1,Othertown,2025/26 Q1,,Family 3,45,50\n"
        + "LPI 2,Anytown,2025-04,12,,,\n"
    ).encode()
    result = import_benchmarks("b.csv", content, council_name="Othertown")
    assert (result.rows, result.periods, result.replaced) == (3, 2, 0)
    assert result.council_named
    other = ComparatorValue.objects.get(authority="Othertown")
    assert other.value == 90 and other.groups == ["Family 3"]
    assert ComparatorValue.objects.get(authority="Anytown", indicator=pis[0]).groups == [
        "Family 3",
        "Nearest neighbours",
    ]
    assert CouncilSettings.load().comparator_name == "Othertown"
    assert ComparatorValue.history.count() == 3  # audit trail


def test_any_bad_row_refuses_the_whole_file_and_says_which(pis):
    content = (
        HEADER
        + "LPI 1,Anytown,2025/26 Q1,91,,,\n"
        + "NOPE,Anytown,2025/26 Q1,91,,,\n"
        + "LPI 1,,2025/26 Q1,91,,,\n"
        + "LPI 1,Anytown,2025-04,91,,,\n"
        + "LPI 1,anytown,2025/26 Q1,92,,,\n"
        + "LPI 1,B,2025/26 Q1,abc,,,\n"
        + "LPI 1,C,2025/26 Q1,,,,\n"
        + "LPI 1,D,2025/26 Q1,,,5,\n"
        + "LPI 1,E,2025/26 Q1,-3,,,\n"
        + "LPI 1,F,2025/26 Q1,91,,45,50\n"
    ).encode()
    with pytest.raises(ImportRefused) as refused:
        import_benchmarks("b.csv", content, council_name="Us")
    lines = refused.value.errors.as_lines()
    assert lines == [
        "Row 3: code 'NOPE' is not in the register",
        "Row 4: authority is blank",
        "Row 5: period '2025-04' is monthly but LPI 1 is reported quarterly",
        "Row 6: LPI 1 2025/26 Q1 anytown also appears in row 2",
        "Row 7: value 'abc' is not a number",
        "Row 8: value is blank",
        "Row 9: give both numerator and denominator, or neither",
        "Row 10: value -3 is negative, which LPI 1 does not allow",
        "Row 11: value 91 does not match numerator / denominator (90.0000); "
        "leave value blank to have it calculated",
    ]
    assert ComparatorValue.objects.count() == 0
    assert CouncilSettings.load().comparator_name == ""  # the flag is saved only with the data


def test_reimport_replaces_that_pis_period_only(pis):
    first = HEADER + "LPI 1,A,2025/26 Q1,1,,,\nLPI 1,B,2025/26 Q1,2,,,\nLPI 1,A,2025/26 Q2,3,,,\n"
    import_benchmarks("b.csv", first.encode())
    result = import_benchmarks("b.csv", (HEADER + "LPI 1,C,2025/26 Q1,4,,,\n").encode())
    assert (result.rows, result.replaced) == (1, 1)
    assert sorted(ComparatorValue.objects.values_list("number", "authority")) == [
        (1, "C"),
        (2, "A"),
    ]


def test_unreadable_files_are_refused_whole(pis):
    with pytest.raises(TableError, match="Missing column"):
        import_benchmarks("b.csv", b"code,authority,period\nLPI 1,A,2025/26 Q1\n")
    with pytest.raises(TableError):
        import_benchmarks("b.txt", b"x")


def test_command_sets_the_council_name_and_reports_problems(pis, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "LPI 1,A,2025/26 Q1,1,,,\n")
    out = StringIO()
    call_command("import_benchmarks", str(good), "--council-name", "Stirling", stdout=out)
    assert "1 comparator value for 1 PI period" in out.getvalue()
    assert "No row names this council ('Stirling')" in out.getvalue()
    assert CouncilSettings.load().comparator_name == "Stirling"
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "LPI 9,A,2025/26 Q1,1,,,\n")
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 problem"):
        call_command("import_benchmarks", str(bad), stderr=err)
    assert "Row 2: code 'LPI 9' is not in the register" in err.getvalue()
