"""Reading and writing tables (CSV and Excel) for imports and exports.

Imports are all-or-nothing: `read_table` returns rows with their spreadsheet row numbers, an
importer collects every bad row in `RowErrors`, and saves nothing unless there are none.
Exports neutralise spreadsheet formulas so that text typed by users cannot run in Excel.
"""

import csv
import io
import re
import zipfile
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


PROBLEMS_LISTED = 100


@dataclass
class RowErrors:
    """Errors found in an import, by row; empty means the import may be saved."""

    errors: list[tuple[int, str]] = field(default_factory=list)

    def add(self, row: int, message: str) -> None:
        self.errors.append((row, message))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def __iter__(self):
        return iter(sorted(self.errors))

    def as_lines(self, limit: int | None = PROBLEMS_LISTED) -> list[str]:
        """Return the problems in row order: the first `limit` of them and, when there are
        more, a line counting the rest (a page of thousands helps no one)."""
        lines = [f"Row {row}: {message}" for row, message in self]
        if limit is None or len(lines) <= limit:
            return lines
        rest = len(lines) - limit
        return [
            *lines[:limit],
            f"… and {rest:,} more problem{'s' if rest != 1 else ''} "
            f"(only the first {limit} are listed).",
        ]


class ImportRefused(Exception):
    """Raised by an importer when any row is bad; nothing has been saved."""

    def __init__(self, errors: RowErrors):
        self.errors = errors
        super().__init__("\n".join(errors.as_lines()))


def read_table(
    name: str, content: bytes, required: Sequence[str], optional: Sequence[str] = ()
) -> list[Row]:
    """Return the data rows of a CSV or .xlsx upload as Row objects.

    Raises TableError when the file is too large (in bytes, or in rows: reading stops at
    settings.MAX_UPLOAD_ROWS), of another type, or lacks required columns; ImportRefused
    for cells no spreadsheet can hold (a NUL character), by row and column.
    Header names are matched case-insensitively; blank rows are skipped; cells become strings.
    """
    if len(content) > settings.MAX_UPLOAD_BYTES:
        limit = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
        raise TableError(f"The file is larger than the {limit} MB allowed.")
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in CSV_TYPES:
        raw_rows, close = _csv_rows(content), None
    elif suffix in EXCEL_TYPES:
        raw_rows, close = _excel_rows(content, len(required) + len(optional))
    else:
        raise TableError("Upload a CSV (.csv) or Excel (.xlsx) file.")
    try:
        return _rows(raw_rows, required, optional)
    finally:
        if close:
            close()


def _rows(raw_rows, required: Sequence[str], optional: Sequence[str]) -> list[Row]:
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
    columns = [column for column in header if column]
    cap = settings.MAX_UPLOAD_ROWS
    rows, errors = [], RowErrors()
    # Blank rows count towards the cap: reading them costs as much as any other.
    for number, cells in enumerate(raw_rows, start=2):
        if number - 1 > cap:
            raise TableError(_too_many_rows(cap))
        # Every column of the header, "" where the row stops short (a sheet's rows end at
        # their last cell).
        values = dict.fromkeys(columns, "") | {
            column: _cell_text(cell) for column, cell in zip(header, cells, strict=False) if column
        }
        for column, text in values.items():
            if "\x00" in text:
                errors.add(
                    number,
                    f"{column} contains a NUL character, which a spreadsheet cell cannot hold.",
                )
        if any(values.values()):
            rows.append(Row(number, values))
    if errors:
        raise ImportRefused(errors)
    return rows


def _csv_rows(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    # A cell may be as long as the file allows; each importer judges its columns' lengths.
    csv.field_size_limit(max(csv.field_size_limit(), settings.MAX_UPLOAD_BYTES))
    return csv.reader(io.StringIO(text, newline=""))


# An .xlsx is a zip of XML. openpyxl, even read-only, parses every sheet whole when it opens
# the workbook (to size it), so the rows are counted (streamed, without parsing) first and a
# workbook with more than the cap is refused before openpyxl sees it. A part unpacking to more
# than this is no spreadsheet of figures (5,000 rows of 20 columns are about 6 MB of XML).
MAX_UNPACKED_PART_BYTES = 25 * 1024 * 1024
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")


def _excel_rows(content: bytes, width: int):
    """Return (rows, close): the first sheet's rows streamed, and how to let the file go."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        _check_sheet_sizes(archive, width)
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except TableError:
        raise
    except Exception as exc:  # zipfile and openpyxl raise many kinds for a file that is not xlsx
        raise TableError("The file is not a readable Excel (.xlsx) workbook.") from exc
    sheet = workbook.worksheets[0]
    # The sheet's own <dimension> may be stale (files written by other tools): read every row
    # there is rather than silently stop where it says the sheet ends.
    sheet.reset_dimensions()
    return iter(sheet.iter_rows(values_only=True)), workbook.close


def _check_sheet_sizes(archive: zipfile.ZipFile, width: int) -> None:
    """Raise TableError when a part of the workbook unpacks too large, or a sheet has more
    rows than the cap or more cells than rows of the expected columns could need (twice that,
    for formatted empty cells); reads no further than needed to know."""
    cap = settings.MAX_UPLOAD_ROWS
    max_cells = (cap + 1) * max(2 * width, 20)
    too_large = TableError(
        "The workbook is far larger than a spreadsheet of figures: keep only the template's "
        "columns and rows, on the first sheet."
    )
    for info in archive.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            if info.file_size > MAX_UNPACKED_PART_BYTES:
                raise too_large
            continue
        rows = cells = unpacked = 0
        tail = b""
        with archive.open(info) as part:
            while chunk := part.read(1024 * 1024):
                # Tags cut by the chunk boundary are found in tail + chunk; those wholly in
                # the tail were counted with the chunk before, so are taken off again.
                text = tail + chunk
                tail = chunk[-40:]
                rows += len(ROW_TAG.findall(text)) - len(ROW_TAG.findall(tail))
                cells += len(CELL_TAG.findall(text)) - len(CELL_TAG.findall(tail))
                unpacked += len(chunk)
                if rows > cap + 1:  # the header and the cap's rows
                    raise TableError(_too_many_rows(cap))
                if cells > max_cells:
                    raise TableError(
                        "The workbook has far more cells than its columns need: keep only "
                        "the columns of the template, on the first sheet."
                    )
                if unpacked > MAX_UNPACKED_PART_BYTES:
                    raise too_large


def _too_many_rows(cap: int) -> str:
    return (
        f"The file has more than {cap:,} rows below its header; upload at most "
        f"{cap:,} rows at a time (split the file)."
    )


def column_limits(model, **columns: str) -> dict[str, int]:
    """Return {column: max_length} for file columns named after the model's text fields
    (`column="field_name"`), so limits are the columns' own, never retyped."""
    return {
        column: model._meta.get_field(field_name).max_length
        for column, field_name in columns.items()
    }


def check_lengths(row: Row, errors: RowErrors, limits: dict[str, int]) -> bool:
    """Add a problem for each of the row's cells longer than its limit; returns whether all
    fit. Nothing is cut short: a value too long for its column is refused, by name."""
    fits = True
    for column, limit in limits.items():
        length = len(row.values.get(column, ""))
        if limit is not None and length > limit:
            errors.add(
                row.number, f"{column} is {length:,} characters long; at most {limit:,} fit."
            )
            fits = False
    return fits


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
