"""The bench's floor for a PDF: a plain document of the same page count, through the same
engine with the same options (tagged), so a report's time and memory have a ratio beside them."""

from weasyprint import HTML

_STYLE = """
@page { size: A4; margin: 2cm; }
body { font-family: sans-serif; font-size: 10pt; }
section { break-after: page; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #999; padding: 2pt 4pt; text-align: left; }
"""
_PARAGRAPH = (
    "<p>This paragraph stands for a report's prose: a sentence or two about how a service "
    "did this period, what changed and what is being done about it.</p>"
)
_ROW = "<tr><td>PI {page}.{row}</td><td>Monthly</td><td>{row}0</td><td>{row}5</td></tr>"


def _page(page: int) -> str:
    rows = "".join(_ROW.format(page=page, row=row) for row in range(1, 11))
    return (
        f"<section><h2>Section {page}</h2>{_PARAGRAPH * 3}<table><thead><tr><th>Indicator</th>"
        f"<th>Frequency</th><th>Actual</th><th>Target</th></tr></thead><tbody>{rows}</tbody>"
        f"</table>{_PARAGRAPH * 2}</section>"
    )


def plain_document(pages: int) -> tuple[bytes, int]:
    """Return a tagged PDF of `pages` pages of plain paragraphs and a simple table each, and
    its page count."""
    body = "".join(_page(page) for page in range(1, pages + 1))
    html = f'<!doctype html><html lang="en-GB"><head><title>Floor</title><style>{_STYLE}</style>'
    document = HTML(string=f"{html}</head><body>{body}</body></html>").render()
    return document.write_pdf(pdf_tags=True), len(document.pages)
