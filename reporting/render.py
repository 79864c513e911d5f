"""What both the page and the PDF of a report need beyond its stored data: the contents."""


def prepare_for_render(data: dict, *, lead: int | None = None) -> dict:
    """Return the report data with a table of contents (top-level sections) beside it.

    For the front of a pack laid out in parts (reporting.assembly), `lead` keeps only the first
    `lead` sections in the body (the contents still list every section). The data itself is
    never changed (it is a stored pack's): the copy is shallow, as a 600-row report is costly
    to copy whole.
    """
    report = dict(data)
    report["contents"] = [
        {"id": s["id"], "title": s["title"]}
        for s in data.get("sections", [])
        if s.get("level", 2) == 2
    ]
    if lead is not None:
        report["sections"] = data["sections"][:lead]
    return report
