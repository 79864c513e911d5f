"""WeasyPrint: a report's data -> a print-ready, tagged PDF (bytes and page count).

`render_pdf` lays a report out in one go. A large pack is laid out in parts on several workers
instead and put together by `reporting.assembly`, which renders its pieces with `render_html`.
"""

import ctypes
import ctypes.util
import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from reporting.render import prepare_for_render

DOCUMENT_TEMPLATE = "reporting/print/document.html"


def render_print_html(data: dict, *, pages: dict[str, object] | None = None, **context) -> str:
    """Return the print HTML of a report (cover, contents, sections), as WeasyPrint reads it.

    `context` chooses a piece of it (see the template), to lay a pack out in parts
    (reporting.assembly): `piece="front"` (cover and contents, printing `pages`, the page of
    each section) or `"part"` (sections only, printing `pages`, the placeholders of the brief
    lists' rows); `link_base` goes before the links that lead from one piece to another.
    """
    report = prepare_for_render(data, pages=pages)
    return render_to_string(DOCUMENT_TEMPLATE, {"report": report, "print": True, **context})


@contextmanager
def _collector_paused() -> Iterator[None]:
    # A layout makes millions of small objects that all live until it ends, so each automatic
    # collection walks them all again for nothing (about a fifth of the render time) and frees
    # none; one collection afterwards frees the cycles in one pass. What lived before is frozen
    # meanwhile, so that collection walks only what the layout made (the assembly of a pack
    # holds its data and the parts' PDFs: walking them cost it 1.8 s a pack).
    enabled = gc.isenabled()
    gc.disable()
    gc.freeze()
    try:
        yield
    finally:
        gc.collect()
        gc.unfreeze()
        if enabled:
            gc.enable()
        _malloc_trim()()


@functools.cache
def _malloc_trim() -> Callable[[], object]:
    # What a layout freed stays with the C allocator for reuse, so a worker process that laid
    # out one part of a pack would lay out the next on top of it: glibc's malloc_trim gives it
    # back to the system. Elsewhere (no glibc) nothing is done.
    name = ctypes.util.find_library("c")
    trim = getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    return (lambda: trim(0)) if trim else (lambda: None)


def render_html(html: str) -> tuple[bytes, int]:
    """Lay `html` out (inline CSS and SVG only); return the tagged PDF and its page count."""
    pdf, pages = _render(html, length=None)
    return pdf or b"", pages


def render_html_if(html: str, *, length: int) -> tuple[bytes | None, int]:
    """Lay `html` out; return the tagged PDF if it has `length` pages (else None, not
    written) and its page count."""
    return _render(html, length=length)


def _render(html: str, *, length: int | None) -> tuple[bytes | None, int]:
    # The laid-out document is dropped before the collection that ends the layout, so its
    # cycles are freed at once rather than lingering into the worker's next layout.
    with _collector_paused():
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
        pages = len(document.pages)
        pdf = document.write_pdf(pdf_tags=True) if length in (None, pages) else None
        del document
    return pdf, pages


def render_pdf(data: dict) -> tuple[bytes, int]:
    """Return the report as PDF bytes and its number of pages, laid out in one go.

    Everything the document needs (CSS, SVG charts) is inline, so WeasyPrint fetches nothing
    over the network; `pdf_tags` adds the structure tree screen readers use.
    """
    return render_html(render_print_html(data))
