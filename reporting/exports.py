"""Report tables as rows for CSV/Excel downloads (the 'supporting spreadsheets')."""

from django.http import Http404

from reporting.choices import MONTH_NAMES

DUE_COLUMNS = [
    ("due", "Due"),
    ("name", "Item"),
    ("period_label", "Period covered"),
    ("audiences", "Audience"),
    ("responsible", "Responsible"),
]


def section_table(section: dict) -> tuple[list[str], list[list]]:
    """Return (header, rows) of a report section's table.

    Sections with `columns` ([key, header] pairs) give `rows`, or `groups` of rows (each
    with a name, exported as the first column). Raises Http404 for a section without a table.
    """
    kind = section.get("kind")
    if kind == "calendar":
        header = ["Group", "Report", *MONTH_NAMES, "Audience", "Responsible"]
        return header, _calendar_rows(section)
    if kind == "due_list":
        return [h for _, h in DUE_COLUMNS], [
            [row.get(key, "") for key, _ in DUE_COLUMNS] for row in section.get("rows", [])
        ]
    columns = section.get("columns")
    if not columns:
        raise Http404("This section has no table.")
    keys = [key for key, _ in columns]
    header = [h for _, h in columns]
    if "groups" in section:
        group_label = section.get("group_label", "Group")
        return [group_label, *header], [
            [group["name"], *[_cell(row.get(k)) for k in keys]]
            for group in section["groups"]
            for row in group["rows"]
        ]
    return header, [[_cell(row.get(k)) for k in keys] for row in section.get("rows", [])]


def _calendar_rows(section: dict) -> list[list]:
    rows, group = [], ""
    for row in section["grid"]["rows"]:
        if row.get("heading"):
            group = row["heading"]
            continue
        if not row.get("grouped"):
            group = ""
        rows.append(
            [
                group,
                row["name"],
                *["yes" if tick else "" for tick in row["ticks"]],
                row["audiences"],
                row["responsible"],
            ]
        )
    return rows


def _cell(value):
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else value


def find_section(data: dict, section_id: str) -> dict:
    """Return the section of a report with this id; Http404 when there is none."""
    for section in data.get("sections", []):
        if section.get("id") == section_id:
            return section
    raise Http404("No such section in this report.")
