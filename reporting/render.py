"""What both the page and the PDF of a report need beyond its stored data: the contents."""

import copy


def prepare_for_render(data: dict, *, contents_pages: dict[str, int] | None = None) -> dict:
    """Return a copy of the report data with a table of contents (top-level sections).

    `contents_pages` gives the contents' page numbers (by section id) when they are known
    before the layout, as for a pack laid out in parts; otherwise the layout finds them.
    """
    report = copy.deepcopy(data)
    pages = contents_pages or {}
    report["contents"] = [
        {"id": s["id"], "title": s["title"], "page": pages.get(s["id"])}
        for s in report.get("sections", [])
        if s.get("level", 2) == 2
    ]
    return report
