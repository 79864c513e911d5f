"""Every upload and import reads at most MAX_UPLOAD_ROWS rows and lists at most the first 100
problems with a count of the rest (issue 14 "Bounded work per request"); the figures import
never replaces a figure's texts with blanks (issue 13 item 1)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.importer import action_plan_import
from core.tabular import TableError
from indicators.figures.uploads import import_my_figures
from indicators.formats import FIGURE_COLUMNS, INDICATOR_COLUMNS, TARGET_COLUMNS
from indicators.importers import import_figures, import_indicators, import_targets
from indicators.models import Figure
from reporting.services import cycle_import
from tests.factories import ActionPlanFactory, FigureFactory, IndicatorFactory
from tests.indicators.entry_helpers import OCTOBER

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def over_cap(header, row, cap) -> bytes:
    return (",".join(header) + "\n" + (row + "\n") * (cap + 1)).encode()


@pytest.mark.parametrize(
    "importer",
    [
        lambda c, p: import_indicators("f.csv", over_cap(INDICATOR_COLUMNS, "X,T", 5)),
        lambda c, p: import_targets("f.csv", over_cap(TARGET_COLUMNS, "X,2026/27,1", 5)),
        lambda c, p: import_figures("f.csv", over_cap(FIGURE_COLUMNS, "X,2026-04,1", 5)),
        lambda c, p: import_my_figures(
            "f.csv", over_cap(FIGURE_COLUMNS, "X,2026-04,1", 5), user=p, submit=True, today=TODAY
        ),
        lambda c, p: action_plan_import(
            plan=ActionPlanFactory(), name="f.csv", content=over_cap(["No", "Action"], "1,A", 5)
        ),
        lambda c, p: cycle_import(name="f.csv", content=over_cap(["name", "months"], "A,all", 5)),
    ],
    ids=["register", "targets", "figures", "officers-upload", "actions", "cycle"],
)
def test_every_import_stops_reading_at_the_row_cap(settings, people, importer):
    settings.MAX_UPLOAD_ROWS = 5
    with pytest.raises(TableError, match="more than 5 rows below its header"):
        importer(None, people.officer)


def test_a_cycle_import_of_40000_rows_is_refused_on_its_page(client, people):
    client.force_login(people.admin)
    content = over_cap(["name", "months"], "Item,all", 40_000)
    upload = SimpleUploadedFile("cycle.csv", content, content_type="text/csv")
    response = client.post(reverse("reporting:cycle_import"), {"file": upload})
    assert response.status_code in (200, 400)
    assert "more than 5,000 rows below its header" in response.content.decode()


def test_the_upload_page_lists_the_first_100_problems_and_counts_the_rest(client, people, org):
    client.force_login(people.officer)
    lines = "".join(f"NOPE {n},{OCTOBER.label},1,,,\n" for n in range(250))
    upload = SimpleUploadedFile(
        "mine.csv", f"code,period,value,commentary,corrective_action,explanation\n{lines}".encode()
    )
    page = client.post(reverse("indicators:entry_upload"), {"file": upload}).content.decode()
    assert page.count("is not in the register") == 100
    assert "… and 150 more problems (only the first 100 are listed)." in page


def test_a_figures_import_keeps_saved_commentary_where_its_cells_are_blank(people, org):
    indicator = IndicatorFactory(code="LPI 1", owner=people.officer)
    figure = FigureFactory(
        indicator=indicator,
        year=2026,
        number=1,
        value=1,
        state="returned",
        commentary="Agency staff started late",
        corrective_action="Rota changed",
    )
    header = ",".join(FIGURE_COLUMNS)
    import_figures("f.csv", f"{header}\nLPI 1,2026-04,5,,,,\n".encode(), today=TODAY)
    figure.refresh_from_db()
    assert (figure.value, figure.commentary, figure.corrective_action) == (
        5,
        "Agency staff started late",
        "Rota changed",
    )
    import_figures("f.csv", f"{header}\nLPI 1,2026-04,6,,,New note,\n".encode(), today=TODAY)
    assert Figure.objects.get().commentary == "New note"


def test_a_huge_cell_or_a_late_nul_byte_is_refused_on_the_import_page_by_row_and_column(
    client, people, org
):
    IndicatorFactory(code="LPI 1", owner=people.officer)
    client.force_login(people.perf)
    header = ",".join(FIGURE_COLUMNS)
    padding = "".join(f"LPI 1,2026-04,{n},,,,\n" for n in range(400))  # past the first 4 KB
    for body, message in (
        (f"LPI 1,2026-04,5,,,{'c' * 200_000},\n", "Row 2: commentary is 200,000 characters long"),
        (f"{padding}LPI 1,2026-05,5,,,Late\x00note,\n", "Row 402: commentary contains a NUL"),
    ):
        upload = SimpleUploadedFile("f.csv", f"{header}\n{body}".encode(), content_type="text/csv")
        response = client.post(reverse("indicators:import"), {"kind": "figures", "file": upload})
        assert response.status_code < 500
        assert message in response.content.decode()
    assert not Figure.objects.exists()


def test_the_import_page_counts_every_problem_while_listing_the_first_100(client, people):
    client.force_login(people.perf)
    header = ",".join(FIGURE_COLUMNS)
    rows = "".join(f"NOPE {n},2026-04,1,,,,\n" for n in range(250))
    upload = SimpleUploadedFile("f.csv", f"{header}\n{rows}".encode(), content_type="text/csv")
    page = client.post(reverse("indicators:import"), {"kind": "figures", "file": upload})
    text = page.content.decode()
    assert "Correct these 250 problems" in text
    assert text.count("is not in the register") == 100
