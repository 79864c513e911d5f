"""What both the page and the PDF of a report need beyond its stored data: the contents."""


def prepare_for_render(
    data: dict, *, pages: dict[str, int] | None = None, lead: int | None = None
) -> dict:
    """Return the report data with a table of contents (top-level sections) beside it.

    For the front of a pack laid out in parts (reporting.assembly), `pages` gives the pages of
    the anchors laid out in the parts (sections' ids, the appendix's rows), which the contents
    and the brief lists then print, and `lead` keeps only the first `lead` sections in the
    body (the contents still list every section). `placeholders` names the anchors the front
    links to without holding them, so that its links are made; the merge points them at the
    parts' pages. The data itself is never changed (it is a stored pack's): what differs is
    copied, the rest shared, as a 600-row report is costly to copy whole.
    """
    pages = pages or {}
    report = dict(data)
    report["contents"] = [
        {"id": s["id"], "title": s["title"], "page": pages.get(s["id"])}
        for s in data.get("sections", [])
        if s.get("level", 2) == 2
    ]
    placeholders = [entry["id"] for entry in report["contents"] if entry["page"]]
    if lead is not None:
        report["sections"] = [_with_pages(s, pages) for s in data["sections"][:lead]]
        for section in report["sections"]:
            for group in section.get("groups", []) if section.get("kind") == "pi_refs" else []:
                for row in group["rows"]:
                    if row["page"] and row["ref"] not in placeholders:
                        placeholders.append(row["ref"])
    report["placeholders"] = placeholders
    return report


def _with_pages(section: dict, pages: dict[str, int]) -> dict:
    """Return a brief list with the page of each row it points to; other sections as they are."""
    if section.get("kind") != "pi_refs":
        return section
    groups = [
        {**group, "rows": [{**row, "page": pages.get(row["ref"])} for row in group["rows"]]}
        for group in section["groups"]
    ]
    return {**section, "groups": groups}
