"""Property tests of the spreadsheet reader (issue 14): whatever bytes or cells a file holds,
read_table answers with rows numbered as the spreadsheet numbers them (the header is row 1) or
with its documented refusals, TableError and ImportRefused, never anything else."""

import csv
import io

from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from core.tabular import ImportRefused, TableError, read_table

HEADER = ["code", "value"]
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# Text a cell can hold in both formats: no NUL (refused by rule), no XML control characters
# (openpyxl cannot write them), not a formula (Excel keeps no value for it).
cell_text = st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=30).filter(
    lambda t: not t.startswith("=")
)
rows_of_cells = st.lists(st.lists(cell_text, min_size=2, max_size=2), max_size=25)


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    return buffer.getvalue().encode()


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for cells in rows:
        sheet.append([cell or None for cell in cells])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def expected(rows) -> list[tuple[int, dict[str, str]]]:
    """The rows read_table should return: numbered from 2, stripped, blank ones left out."""
    wanted = []
    for number, cells in enumerate(rows, start=2):
        values = dict(zip(HEADER, (cell.strip() for cell in cells), strict=True))
        if any(values.values()):
            wanted.append((number, values))
    return wanted


@PROPERTY_SETTINGS
@given(content=st.binary(max_size=2000), suffix=st.sampled_from(["csv", "xlsx"]))
def test_any_bytes_are_read_or_refused_with_a_reason(content, suffix):
    try:
        rows = read_table(f"f.{suffix}", content, required=HEADER)
    except (TableError, ImportRefused) as refusal:
        assert str(refusal)
    else:
        numbers = [row.number for row in rows]
        assert numbers == sorted(set(numbers)) and all(n >= 2 for n in numbers)


@PROPERTY_SETTINGS
@given(rows=rows_of_cells)
def test_csv_rows_keep_the_spreadsheets_own_row_numbers(rows):
    read = read_table("f.csv", csv_bytes(rows), required=HEADER)
    assert [(row.number, row.values) for row in read] == expected(rows)


@PROPERTY_SETTINGS
@given(rows=rows_of_cells)
def test_excel_rows_keep_the_spreadsheets_own_row_numbers(rows):
    read = read_table("f.xlsx", xlsx_bytes(rows), required=HEADER)
    assert [(row.number, row.values) for row in read] == expected(rows)


@PROPERTY_SETTINGS
@given(rows=rows_of_cells, cap=st.integers(min_value=0, max_value=30))
def test_more_rows_than_the_cap_are_refused_and_no_more_are_read(rows, cap):
    with override_settings(MAX_UPLOAD_ROWS=cap):
        try:
            read = read_table("f.csv", csv_bytes(rows), required=HEADER)
        except TableError as refusal:
            assert len(rows) > cap and f"more than {cap:,} rows" in str(refusal)
        else:
            assert len(rows) <= cap and len(read) == len(expected(rows))


@PROPERTY_SETTINGS
@given(rows=rows_of_cells, at=st.integers(min_value=0), text=cell_text)
def test_a_nul_in_any_cell_is_refused_on_that_row_and_column(rows, at, text):
    rows = rows or [["a", "b"]]
    index = at % len(rows)
    rows[index][1] = text + "\x00"
    try:
        read_table("f.csv", csv_bytes(rows), required=HEADER)
    except ImportRefused as refused:
        assert refused.errors.as_lines() == [
            f"Row {index + 2}: value contains a NUL character, which a spreadsheet cell cannot "
            "hold."
        ]
    else:
        raise AssertionError("a NUL byte was accepted")
