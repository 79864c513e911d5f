"""What both the page and the PDF of a report need beyond its stored data: the contents."""


def prepare_for_render(
    data: dict, *, lead: int | None = None, pages: dict[str, int] | None = None
) -> dict:
    """Return the report data with a table of contents (top-level sections) beside it.

    For the front of a pack laid out in parts (reporting.assembly), `lead` keeps only the first
    `lead` sections in the body (the contents still list every section), and `pages` gives the
    page of each anchor laid out in the parts, which the contents and the brief lists print
    as text (`page`); the anchors in the front are numbered by the layout itself. The data is
    never changed (it is a stored pack's): the copies are shallow, as a 600-row report is
    costly to copy whole.
    """
    pages = pages or {}
    report = dict(data)
    report["contents"] = [
        {"id": s["id"], "title": s["title"], "page": pages.get(s["id"])}
        for s in data.get("sections", [])
        if s.get("level", 2) == 2
    ]
    if lead is not None:
        report["sections"] = [_with_pages(s, pages) for s in data["sections"][:lead]]
    return report


def _with_pages(section: dict, pages: dict[str, int]) -> dict:
    """Return a brief list (pi_refs) with the page of each row it points to, else the section."""
    if section.get("kind") != "pi_refs" or not pages:
        return section
    groups = [
        {**group, "rows": [{**row, "page": pages.get(row["ref"])} for row in group["rows"]]}
        for group in section.get("groups", [])
    ]
    return {**section, "groups": groups}
