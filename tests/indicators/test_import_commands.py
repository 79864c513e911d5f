"""The import_* management commands: success, and refusal with row errors and non-zero exit."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.importers import FIGURE_COLUMNS, INDICATOR_COLUMNS
from indicators.models import Figure, Indicator
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_import_indicators_command(people, org, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text(
        ",".join(INDICATOR_COLUMNS)
        + "\nNI 1,Getting on well,,percentage,1,higher,annual,latest,perception,housing,"
        "perf,,,yes,yes\n"
    )
    call_command("import_indicators", str(path))
    assert "Imported indicators: 1 created, 0 updated." in capsys.readouterr().out
    assert Indicator.objects.filter(code="NI 1", frequency="annual").exists()


def test_refused_import_prints_row_errors_and_fails(people, org, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text(
        ",".join(INDICATOR_COLUMNS) + "\nNI 1,Title,,number,0,upward,annual,latest,output,"
        "housing,perf,,,no,no\n"
    )
    with pytest.raises(CommandError, match="Nothing imported: 1 problem"):
        call_command("import_indicators", str(path))
    assert "Row 2: polarity 'upward' should be one of" in capsys.readouterr().err
    assert not Indicator.objects.exists()


def test_import_figures_records_the_named_importer(people, org, tmp_path):
    IndicatorFactory(code="LPI 1", owner=people.officer)
    path = tmp_path / "figures.csv"
    path.write_text(",".join(FIGURE_COLUMNS) + "\nLPI 1,2025-04,12,,,,\n")
    call_command("import_figures", str(path), "--as", "officer")
    figure = Figure.objects.get()
    assert figure.entered_by == people.officer
    assert figure.state == "submitted"


def test_missing_file_and_unknown_user_are_errors(people, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_targets", str(tmp_path / "none.csv"))
    path = tmp_path / "figures.csv"
    path.write_text(",".join(FIGURE_COLUMNS) + "\n")
    with pytest.raises(CommandError, match="No user called nobody"):
        call_command("import_figures", str(path), "--as", "nobody")
