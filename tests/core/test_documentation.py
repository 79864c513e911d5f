"""The documentation stays where newcomers look and says nothing that is no longer true.

README.md is the short front page; everything else lives in docs/. A link to a page that was
moved or renamed, or a file path that no longer exists, fails here rather than misleading.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").rglob("*.md"))]

LINK = re.compile(r"\]\(([^)\s]+)\)")
# A repository path in backticks: relative, with at least one folder, e.g. `core/access.py`.
PATH = re.compile(r"`((?:[a-z_][\w.-]*/)+[\w.-]*)`")
MADE_BY_RUNS = {"var/"}  # created by `make bench` and CI, not kept in the repository


def test_readme_is_at_most_8_kb():
    assert README.stat().st_size <= 8 * 1024


def test_every_docs_page_is_linked_from_the_readme():
    readme = README.read_text()
    for page in PAGES[1:]:
        assert f"({page.relative_to(ROOT).as_posix()}" in readme, page


def test_every_relative_link_resolves():
    broken = []
    for page in PAGES:
        for target in LINK.findall(page.read_text()):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = target.split("#", 1)[0]
            if not (page.parent / path).exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert broken == []


def test_every_file_path_named_exists():
    missing = []
    for page in PAGES:
        for path in PATH.findall(page.read_text()):
            if path not in MADE_BY_RUNS and not (ROOT / path).exists():
                missing.append(f"{page.relative_to(ROOT)}: {path}")
    assert missing == []
