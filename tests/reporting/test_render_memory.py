"""A layout frees what it made as it ends, and leaves the garbage collector as it found it
(reporting.pdf): a worker that lays out one part of a pack after another must not hold them
all."""

import gc
import weakref

import pytest
import weasyprint

from reporting.pdf import render_html

HTML = "<!doctype html><html lang='en-GB'><body>" + "<p>A paragraph.</p>" * 200 + "</body></html>"


def test_the_laid_out_document_is_freed_when_the_pdf_is_written(monkeypatch):
    laid_out = []
    real_render = weasyprint.HTML.render

    def render(self, *args, **kwargs):
        document = real_render(self, *args, **kwargs)
        laid_out.append(weakref.ref(document))
        return document

    monkeypatch.setattr(weasyprint.HTML, "render", render)
    pdf, pages = render_html(HTML)
    assert pdf.startswith(b"%PDF") and pages >= 1
    assert laid_out and laid_out[0]() is None


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        render_html(HTML)
        assert gc.isenabled() is enabled
        assert gc.get_freeze_count() == 0  # nothing left frozen (it would never be freed)
    finally:
        (gc.enable if was else gc.disable)()
