"""Security headers on every page of the URL x role sweep (checked by header_problems on each
answer of test_url_access.py), and no inline script or style in what is served: a
Content-Security-Policy without 'unsafe-inline' would block it.

Cache-Control: no-store on whatever a signed-in person gets (shared council PCs), a
Referrer-Policy everywhere, and a CSP of our own origin only.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Rendered by WeasyPrint into PDFs only, never served to a browser.
PDF_ONLY = TEMPLATES / "reporting" / "print"

INLINE = {
    "a style attribute": re.compile(r"\sstyle\s*=", re.I),
    "a <style> block": re.compile(r"<style[\s>]", re.I),
    "an inline <script>": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I),
    "an inline event handler": re.compile(r"\s(on[a-z]+|hx-on[:-][\w:-]*)\s*=", re.I),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}


def _inline(html: str) -> list[str]:
    # JSON data islands are data, not script, and CSP lets them be.
    html = re.sub(r'<script type="application/json"[^>]*>.*?</script>', "", html, flags=re.S)
    return [what for what, pattern in INLINE.items() if pattern.search(html)]


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def header_problems(role: str, response) -> list[str]:
    """Return what is wrong with the headers and inline content of one answer to `role`.

    Applied to every answer of the URL x role sweep (test_url_access.py makes each request
    once and checks both its outcome and this)."""
    problems = []
    policy = _directives(response.get("Content-Security-Policy", ""))
    if response.get("Content-Type", "").startswith("application/pdf"):
        if policy:  # the browser's PDF viewer needs its own inline styles
            problems.append("a PDF with a CSP")
    elif policy.get("default-src") != ["'self'"]:
        problems.append(f"CSP {response.get('Content-Security-Policy')!r}")
    for directive in ("script-src", "style-src"):
        if policy and policy.get(directive) != ["'self'"]:
            problems.append(f"{directive} {policy.get(directive)}")
    if response.get("Referrer-Policy") != "same-origin":
        problems.append(f"Referrer-Policy {response.get('Referrer-Policy')!r}")
    cache = response.get("Cache-Control", "")
    if role != "anonymous" and "no-store" not in cache:
        problems.append(f"Cache-Control {cache!r}")
    if response.get("Content-Type", "").startswith("text/html"):
        problems += _inline(response.content.decode())
    return problems


def test_the_header_check_finds_each_kind_of_problem(client, people):
    client.force_login(people.board)
    response = client.get(reverse("dashboards:public"))
    assert header_problems("board", response) == []
    del response["Referrer-Policy"]
    response["Cache-Control"] = "max-age=60"
    response["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'unsafe-inline'"
    response.content = b'<p style="color:red" onclick="go()">x</p><script>go()</script>'
    found = header_problems("board", response)
    # script-src unsafe, no style-src, Referrer, Cache-Control, and the three inline kinds
    assert len(found) == 7, found
    assert header_problems("anonymous", response) == [p for p in found if "Cache" not in p]


def test_public_pages_for_visitors_may_be_cached_but_signed_in_ones_not(client, people):
    public = reverse("dashboards:public")
    assert "no-store" not in client.get(public).get("Cache-Control", "")
    client.force_login(people.board)
    assert "no-store" in client.get(public)["Cache-Control"]


def test_downloads_of_a_signed_in_person_are_not_stored(client, people):
    client.force_login(people.perf)
    response = client.get(reverse("indicators:export") + "?format=csv")
    assert response.status_code == 200
    assert not response["Content-Type"].startswith("text/html")
    assert "no-store" in response["Cache-Control"]


def test_the_login_page_and_errors_carry_the_policy(client):
    for response in (client.get(reverse("login")), client.get("/no-such-page/")):
        assert _directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_no_served_template_has_inline_script_or_style():
    """Also the templates the sweep does not reach (fragments, e-mails of HTML, forms errors)."""
    found = {}
    for path in TEMPLATES.rglob("*.html"):
        if PDF_ONLY in path.parents:
            continue
        problems = _inline(path.read_text())
        if problems:
            found[str(path.relative_to(TEMPLATES))] = problems
    assert not found


def test_the_pdf_only_templates_are_rendered_by_weasyprint_alone():
    """The exemption above holds only while nothing serves reporting/print/ as a page."""
    root = TEMPLATES.parent
    apps = [p for p in root.iterdir() if (p / "apps.py").exists() or p.name == "config"]
    users = [
        path for app in apps for path in app.rglob("*.py") if "reporting/print/" in path.read_text()
    ]
    assert [str(p.relative_to(root)) for p in users] == ["reporting/pdf.py"]


def test_htmx_is_told_not_to_inject_its_indicator_styles(client, people):
    client.force_login(people.officer)
    html = client.get(reverse("core:home")).content.decode()
    assert '<meta name="htmx-config"' in html
    assert '"includeIndicatorStyles": false' in html
    css = (TEMPLATES.parent / "static" / "css" / "app.css").read_text()
    assert ".htmx-indicator" in css and ".htmx-request" in css


def test_an_inline_script_or_style_is_caught():
    assert _inline('<p style="color: red">') == ["a style attribute"]
    assert _inline("<style>p {}</style>") == ["a <style> block"]
    assert _inline("<script>alert(1)</script>") == ["an inline <script>"]
    assert _inline('<button hx-on:click="x()">') == ["an inline event handler"]
    assert _inline('<script src="/static/x.js" defer></script>') == []
    assert _inline('<p class="a" data-style="x">') == []
