"""WeasyPrint: a report's data -> a print-ready, tagged PDF (bytes and page count)."""

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from reporting.render import prepare_for_render


def render_print_html(data: dict) -> str:
    """Return the print HTML of a report (cover, contents, sections), as WeasyPrint reads it."""
    return render_to_string(
        "reporting/print/document.html", {"report": prepare_for_render(data), "print": True}
    )


def render_pdf(data: dict) -> tuple[bytes, int]:
    """Return the report as PDF bytes and its number of pages.

    Everything the document needs (CSS, SVG charts) is inline, so WeasyPrint fetches nothing
    over the network; `pdf_tags` adds the structure tree screen readers use.
    """
    document = HTML(string=render_print_html(data), base_url=str(settings.BASE_DIR)).render()
    pdf = document.write_pdf(pdf_tags=True)
    return pdf, len(document.pages)
