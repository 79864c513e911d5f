import io
import re

import pytest
from openpyxl import Workbook, load_workbook

from core.tabular import (
    ImportRefused,
    Row,
    RowErrors,
    TableError,
    check_lengths,
    column_limits,
    read_table,
    safe_cell,
    xlsx_bytes,
)
from tests.core.huge_sheet import huge_xlsx


def test_csv_rows_carry_their_spreadsheet_row_numbers_and_skip_blank_lines():
    content = b"Code,Value\nA,1\n,\nB,2\n"
    rows = read_table("f.csv", content, required=["code", "value"])
    assert [(r.number, r.values) for r in rows] == [
        (2, {"code": "A", "value": "1"}),
        (4, {"code": "B", "value": "2"}),
    ]


def test_excel_rows_are_read_as_text():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code", "value"])
    sheet.append(["NI 191", 12.0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read_table("f.xlsx", buffer.getvalue(), required=["code", "value"])
    assert rows[0].values == {"code": "NI 191", "value": "12"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("f.txt", b"code\n", "Upload a CSV"),
        ("f.csv", b"", "empty"),
        ("f.csv", b"code\nx\n", "Missing column(s): value"),
        ("f.csv", b"code,value,colour\n", "Unknown column(s): colour"),
        ("f.xlsx", b"not a workbook", "not a readable Excel"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(TableError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_table(name, content, required=["code", "value"])


def test_files_over_the_limit_are_refused(settings):
    settings.MAX_UPLOAD_BYTES = 10
    with pytest.raises(TableError, match="larger than"):
        read_table("f.csv", b"code,value\n" + b"x,1\n" * 10, required=["code"])


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx"])
def test_text_that_looks_like_a_formula_is_neutralised(text):
    assert safe_cell(text) == "'" + text


def test_numbers_and_plain_text_are_left_alone():
    assert safe_cell(-5) == -5
    assert safe_cell("Homes delivered") == "Homes delivered"


def test_excel_export_writes_neutralised_cells():
    content = xlsx_bytes("Sheet", ["comment"], [['=HYPERLINK("x")']])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == '\'=HYPERLINK("x")'


def test_a_csv_cell_over_the_csv_modules_128_kb_limit_is_read_for_the_importer_to_judge():
    big = "x" * 200_000
    rows = read_table("f.csv", f"code,value\nA,{big}\n".encode(), required=["code", "value"])
    assert rows[0].values["value"] == big


def test_a_nul_byte_anywhere_in_a_csv_is_refused_by_row_and_column():
    content = b"code,value\n" + b"A,1\n" * 2000 + b"B,2\x003\n"  # past the first 4 KB
    with pytest.raises(ImportRefused) as refused:
        read_table("f.csv", content, required=["code", "value"])
    assert refused.value.errors.as_lines() == [
        "Row 2002: value contains a NUL character, which a spreadsheet cell cannot hold."
    ]


def test_reading_stops_at_the_row_cap_and_says_so(settings):
    settings.MAX_UPLOAD_ROWS = 10
    ok = b"code,value\n" + b"A,1\n" * 10
    assert len(read_table("f.csv", ok, required=["code", "value"])) == 10
    with pytest.raises(TableError, match="more than 10 rows below its header"):
        read_table("f.csv", ok + b"A,1\n", required=["code", "value"])


def test_the_row_cap_counts_blank_rows_since_they_cost_reading_too(settings):
    settings.MAX_UPLOAD_ROWS = 10
    content = b"code,value\n" + b",\n" * 20 + b"A,1\n"
    with pytest.raises(TableError, match="more than 10 rows"):
        read_table("f.csv", content, required=["code", "value"])


def test_the_first_100_problems_are_listed_with_a_count_of_the_rest():
    errors = RowErrors()
    for row in range(250, 1, -1):
        errors.add(row, "bad")
    lines = errors.as_lines()
    assert len(lines) == 101
    assert lines[0] == "Row 2: bad" and lines[99] == "Row 101: bad"
    assert lines[100] == "… and 149 more problems (only the first 100 are listed)."
    assert len(errors.as_lines(limit=None)) == 249


def test_text_longer_than_its_column_is_refused_by_row_and_column():
    from indicators.models import Indicator

    errors = RowErrors()
    row = Row(7, {"code": "X" * 40, "title": "ok"})
    check_lengths(row, errors, column_limits(Indicator, code="code", title="title"))
    assert errors.as_lines() == ["Row 7: code is 40 characters long; at most 30 fit."]


FIGURE_HEADER = ["code", "period", "value"]


def test_a_million_row_workbook_is_refused_within_seconds_in_bounded_memory():
    import time
    import tracemalloc

    content = huge_xlsx(FIGURE_HEADER, ["LPI HO 01", "2026-04", "1"], 1_000_000)
    assert len(content) < 1024 * 1024  # small on the wire, like the officer's 330 KB file
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(TableError, match="more than 5,000 rows below its header"):
        read_table("big.xlsx", content, required=FIGURE_HEADER)
    elapsed = time.perf_counter() - started
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 5 and peak < 50 * 1024 * 1024


def test_a_workbook_over_the_row_cap_is_refused_before_it_is_parsed(settings):
    settings.MAX_UPLOAD_ROWS = 5000
    content = huge_xlsx(FIGURE_HEADER, ["LPI HO 01", "2026-04", "1"], 5001)
    with pytest.raises(TableError, match="more than 5,000 rows below its header"):
        read_table("f.xlsx", content, required=FIGURE_HEADER)
    rows = read_table(
        "f.xlsx", huge_xlsx(FIGURE_HEADER, ["A", "2026-04", "1"], 5000), FIGURE_HEADER
    )
    assert len(rows) == 5000 and rows[-1].number == 5001


def test_a_workbook_of_far_more_cells_than_its_columns_need_is_refused():
    content = huge_xlsx(FIGURE_HEADER, ["A", "2026-04", "1", *([""] * 200)], 1000)
    with pytest.raises(TableError, match="far more cells than its columns need"):
        read_table("f.xlsx", content, required=FIGURE_HEADER)


def test_excel_rows_beyond_a_wrong_dimension_in_the_sheet_are_still_read():
    import zipfile

    workbook = Workbook()
    for row in (["code", "value"], ["A", 1], ["B", 2], ["C", 3]):
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    source, patched = zipfile.ZipFile(buffer), io.BytesIO()
    with zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                # openpyxl writes `<dimension ref="A1:B4" />` or, with lxml, without the space.
                data, replaced = re.subn(
                    rb'<dimension ref="A1:B4"\s*/>', b'<dimension ref="A1:B2"/>', data
                )
                assert replaced == 1
            target.writestr(item, data)
    rows = read_table("f.xlsx", patched.getvalue(), required=["code", "value"])
    assert [(r.number, r.values["code"]) for r in rows] == [(2, "A"), (3, "B"), (4, "C")]


def test_a_workbook_unpacking_far_larger_than_a_spreadsheet_of_figures_is_refused():
    content = huge_xlsx(FIGURE_HEADER, ["A", "2026-04", "y" * (26 * 1024 * 1024)], 1)
    assert len(content) < 1024 * 1024
    with pytest.raises(TableError, match="far larger than a spreadsheet of figures"):
        read_table("f.xlsx", content, required=FIGURE_HEADER)
