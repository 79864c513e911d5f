"""Reading and writing tables (CSV and Excel) for imports and exports.

Imports are all-or-nothing: `read_table` returns rows with their spreadsheet row numbers, an
importer collects every bad row in `RowErrors`, and saves nothing unless there are none.
Exports neutralise spreadsheet formulas so that text typed by users cannot run in Excel.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpResponse
from openpyxl import Workbook, load_workbook

CSV_TYPES = {".csv"}
EXCEL_TYPES = {".xlsx"}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class TableError(ValueError):
    """The file as a whole cannot be read (wrong type, too large, bad header)."""


@dataclass
class Row:
    number: int  # as the user sees it in a spreadsheet: the header is row 1
    values: dict[str, str]


@dataclass
class RowErrors:
    """Errors found in an import, by row; empty means the import may be saved."""

    errors: list[tuple[int, str]] = field(default_factory=list)

    def add(self, row: int, message: str) -> None:
        self.errors.append((row, message))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __iter__(self):
        return iter(sorted(self.errors))

    def as_lines(self) -> list[str]:
        return [f"Row {row}: {message}" for row, message in self]


class ImportRefused(Exception):
    """Raised by an importer when any row is bad; nothing has been saved."""

    def __init__(self, errors: RowErrors):
        self.errors = errors
        super().__init__("\n".join(errors.as_lines()))


def read_table(
    name: str, content: bytes, required: Sequence[str], optional: Sequence[str] = ()
) -> list[Row]:
    """Return the data rows of a CSV or .xlsx upload as Row objects.

    Raises TableError when the file is too large, of another type, or lacks required columns.
    Header names are matched case-insensitively; blank rows are skipped; cells become strings.
    """
    if len(content) > settings.MAX_UPLOAD_BYTES:
        limit = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
        raise TableError(f"The file is larger than the {limit} MB allowed.")
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in CSV_TYPES:
        raw_rows = _csv_rows(content)
    elif suffix in EXCEL_TYPES:
        raw_rows = _excel_rows(content)
    else:
        raise TableError("Upload a CSV (.csv) or Excel (.xlsx) file.")
    try:
        header = [str(cell or "").strip().lower() for cell in next(raw_rows)]
    except StopIteration as exc:
        raise TableError("The file is empty.") from exc
    missing = [column for column in required if column not in header]
    if missing:
        raise TableError(f"Missing column(s): {', '.join(missing)}.")
    known = set(required) | set(optional)
    unknown = [column for column in header if column and column not in known]
    if unknown:
        raise TableError(f"Unknown column(s): {', '.join(unknown)}.")
    rows = []
    for number, cells in enumerate(raw_rows, start=2):
        values = {
            column: _cell_text(cell) for column, cell in zip(header, cells, strict=False) if column
        }
        if any(values.values()):
            rows.append(Row(number, values))
    return rows


def _csv_rows(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    return iter(csv.reader(io.StringIO(text)))


def _excel_rows(content: bytes):
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise TableError("The file is not a readable Excel (.xlsx) workbook.") from exc
    return iter(workbook.worksheets[0].iter_rows(values_only=True))


def _cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def safe_cell(value):
    """Return `value` made safe for a spreadsheet: text starting like a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """Return an HTTP download of the rows as CSV (UTF-8 with BOM, so Excel reads it)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return response


def xlsx_bytes(sheet_title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """Return an .xlsx workbook with one sheet holding the header and rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """Return an HTTP download of the rows as an Excel workbook."""
    response = HttpResponse(
        xlsx_bytes(filename.rsplit(".", 1)[0], header, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_response(fmt: str, basename: str, header: Sequence[str], rows: Iterable[Sequence]):
    """Return a CSV or Excel download by `fmt` ('csv' or 'xlsx')."""
    if fmt == "xlsx":
        return xlsx_response(f"{basename}.xlsx", header, rows)
    return csv_response(f"{basename}.csv", header, rows)
