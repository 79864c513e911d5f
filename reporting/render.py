"""What both the page and the PDF of a report need beyond its stored data: the contents."""

import copy


def prepare_for_render(data: dict) -> dict:
    """Return a copy of the report data with a table of contents (top-level sections)."""
    report = copy.deepcopy(data)
    report["contents"] = [
        {"id": s["id"], "title": s["title"]}
        for s in report.get("sections", [])
        if s.get("level", 2) == 2
    ]
    return report
