"""Templates follow one layout: partials (templates included by others, or returned alone as
htmx fragments) live in a `partials/` folder, every included name exists, and every paginated
list uses the one pagination partial."""

import re
from pathlib import Path

from django.template.loader import get_template

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PAGINATION = "partials/pagination.html"
INCLUDE = re.compile(r"""{%\s*include\s+["']([^"']+)["'](?=[\s%])""")  # literal names only


def _templates() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.suffix in {".html", ".txt"})


def test_no_template_is_named_with_a_leading_underscore():
    assert [str(p.relative_to(TEMPLATES)) for p in _templates() if p.name.startswith("_")] == []


def test_every_included_template_exists():
    for path in _templates():
        for name in INCLUDE.findall(path.read_text()):
            get_template(name)  # raises TemplateDoesNotExist


def test_only_the_pagination_partial_draws_page_links():
    drawing = [
        str(p.relative_to(TEMPLATES))
        for p in _templates()
        if re.search(r"\.has_(next|previous)\b", p.read_text())
    ]
    assert drawing == [PAGINATION]
