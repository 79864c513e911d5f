import io

import pytest
from openpyxl import Workbook, load_workbook

from core.tabular import TableError, read_table, safe_cell, xlsx_bytes


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
