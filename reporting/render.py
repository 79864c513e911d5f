"""What both the page and the PDF of a report need beyond its stored data: the contents."""


def prepare_for_render(data: dict, *, pages: dict[str, object] | None = None) -> dict:
    """Return the report data with a table of contents (top-level sections) beside it.

    For a pack laid out in parts (reporting.assembly), `pages` gives what to print as the page
    of an anchor (`page`, on the contents' entries and the brief lists' rows): its page in the
    front, a placeholder in a part (reporting.numbering). The data is never changed (it is a
    stored pack's): the copies are shallow, as a 600-row report is costly to copy whole.
    """
    report = dict(data)
    report["contents"] = [
        {"id": s["id"], "title": s["title"], "page": (pages or {}).get(s["id"])}
        for s in data.get("sections", [])
        if s.get("level", 2) == 2
    ]
    if pages:
        report["sections"] = [_with_pages(s, pages) for s in data.get("sections", [])]
    return report


def _with_pages(section: dict, pages: dict[str, object]) -> dict:
    """Return a brief list (pi_refs) with the page of each row it points to, else the section."""
    if section.get("kind") != "pi_refs":
        return section
    groups = [
        {**group, "rows": [{**row, "page": pages.get(row["ref"])} for row in group["rows"]]}
        for group in section.get("groups", [])
    ]
    return {**section, "groups": groups}
