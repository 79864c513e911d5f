"""Security headers on every page of the URL x role sweep, and no inline script or style in
what is served: a Content-Security-Policy without 'unsafe-inline' would block it.

Cache-Control: no-store on whatever a signed-in person gets (shared council PCs), a
Referrer-Policy everywhere, and a CSP of our own origin only.
"""

import re
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse

from tests.security.matrix import client_for
from tests.security.test_url_access import ACCESS, KWARGS
from tests.security.world import ROLES, build_world, url_for

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


def _sweep(org, people):
    """Yield (role, url, response) for every URL as every role (each request rolled back)."""
    world = build_world(org, people)
    for role in ROLES:
        client = client_for(role, people)
        for name in sorted(ACCESS):
            url = url_for(name, KWARGS, world, org)
            with transaction.atomic():
                response = client.get(url)
                transaction.set_rollback(True)
            yield role, url, response


def test_every_page_of_the_sweep_carries_the_headers_and_no_inline_script_or_style(org, people):
    problems = []
    pages = pdfs = 0
    for role, url, response in _sweep(org, people):
        where = f"{role} {url} ({response.status_code})"
        policy = _directives(response.get("Content-Security-Policy", ""))
        if response.get("Content-Type", "").startswith("application/pdf"):
            pdfs += 1
            if policy:  # the browser's PDF viewer needs its own inline styles
                problems.append(f"{where}: a PDF with a CSP")
        elif policy.get("default-src") != ["'self'"]:
            problems.append(f"{where}: CSP {response.get('Content-Security-Policy')!r}")
        for directive in ("script-src", "style-src"):
            if policy and policy.get(directive) != ["'self'"]:
                problems.append(f"{where}: {directive} {policy.get(directive)}")
        if response.get("Referrer-Policy") != "same-origin":
            problems.append(f"{where}: Referrer-Policy {response.get('Referrer-Policy')!r}")
        cache = response.get("Cache-Control", "")
        if role != "anonymous" and "no-store" not in cache:
            problems.append(f"{where}: Cache-Control {cache!r}")
        if response.get("Content-Type", "").startswith("text/html"):
            pages += 1
            found = _inline(response.content.decode())
            if found:
                problems.append(f"{where}: {', '.join(found)}")
    assert pages > 300 and pdfs > 0  # the sweep really rendered pages and PDFs
    assert not problems, "\n".join(problems)


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
