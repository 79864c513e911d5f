"""A large pack laid out in parts (one task each, on however many workers) and put together as
one tagged PDF: page furniture, contents, links, bookmarks and structure right across the parts;
progress counted in sections; a part lost with its worker laid out again alone.

The PDFs are read back with poppler (pdfinfo, pdftotext) and pikepdf.
"""

import io
import re
import subprocess

import pikepdf
import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.urls import reverse

from reporting import assembly, services
from reporting.assembly import (
    LINK_BASE,
    assemble,
    heaviest_first,
    layout_sections,
    plan_parts,
    render_part,
)
from reporting.models import Pack
from reporting.pdf import render_pdf
from reporting.reports import build_report
from reporting.services import pack_assemble, pack_generate, pack_render_part, pack_request
from reporting.tasks import assemble_pack_task, render_pack_part_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_parts(settings):
    """Lay out every pack in parts (at most 3), however small."""
    settings.PACK_PARTS_ABOVE = 0
    settings.PACK_PARTS = 3


@pytest.fixture
def parts_held(in_parts, monkeypatch):
    """Keep the parts' tasks instead of running them, as if they wait on the queue."""
    sent: list[tuple[int, int, int]] = []
    monkeypatch.setattr(services, "_send_parts", lambda *args: sent.append(args))
    return sent


def _pages_text(pdf: bytes) -> list[str]:
    """Return each page's text (pdftotext), with runs of white space as one space."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [" ".join(page.split()) for page in text.split("\f")][:-1]


def _pdfinfo(pdf: bytes) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.decode().splitlines() if ":" in line)


def _structure_pages(pdf: pikepdf.Pdf) -> set[int]:
    """Return the numbers (from 1) of the pages that the structure tree's elements mark."""
    numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    found, todo = set(), [pdf.Root.StructTreeRoot.K[0]]
    while todo:
        element = todo.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue
        if "/Pg" in element:
            found.add(numbers[element.Pg.objgen])
        kids = element.get("/K")
        todo.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    return found


def _words(content: bytes, number: int, height: float) -> list[tuple[float, float, str]]:
    """Return the words of a page with their centres, in PDF points from the bottom left."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(number), "-l", str(number), "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out
    )
    return [
        ((float(a) + float(c)) / 2, height - (float(b) + float(d)) / 2, text.strip(","))
        for a, b, c, d, text in found
    ]


def _brief_links_say_their_rows_pages(content: bytes, data: dict, pages: list[str]) -> None:
    pdf = pikepdf.open(io.BytesIO(content))
    numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    dests = pdf.Root.Names.Dests.Names
    dest_page = {str(dests[i]): numbers[dests[i + 1][0].objgen] for i in range(0, len(dests), 2)}
    codes = {
        row["ref"]: row["code"]
        for section in data["sections"]
        if section["kind"] == "pi_refs"
        for group in section["groups"]
        for row in group["rows"]
    }
    checked = set()
    for number, page in enumerate(pdf.pages, start=1):
        links = [a for a in page.obj.get("/Annots", []) if str(a.get("/Dest", "")) in codes]
        if not links:
            continue
        words = _words(content, number, float(page.mediabox[3]))
        for link in links:
            xs, ys = (
                sorted(float(v) for v in link.Rect[::2]),
                sorted(float(v) for v in link.Rect[1::2]),
            )
            inside = [w for x, y, w in words if xs[0] <= x <= xs[1] and ys[0] <= y <= ys[1]]
            ref = str(link.Dest)
            said = [b for a, b in zip(inside, inside[1:], strict=False) if a == "page"]
            if not said:
                continue  # one of the link's other pieces ("Appendix")
            page_said = int(said[0])
            assert page_said == dest_page[ref] > number, (ref, inside)
            assert codes[ref].replace(" ", "") in pages[page_said - 1].replace(" ", "")
            checked.add(ref)
    assert checked == set(codes)


def _generated(user, django_capture_on_commit_callbacks, report_type, period) -> Pack:
    with django_capture_on_commit_callbacks(execute=True):
        pack = pack_request(report_type=report_type, period_label=period, requested_by=user)
    pack.refresh_from_db()
    return pack


def test_parts_are_runs_of_whole_sections_of_about_the_same_weight():
    sections = [
        {"id": "a", "kind": "note", "intro": "x" * 1000},
        {"id": "a1", "level": 3, "kind": "note", "intro": "x" * 1000},
        {"id": "b", "kind": "note", "intro": "x" * 1000},
        {"id": "empty", "kind": "note", "empty": "Nothing"},
        {"id": "c", "kind": "note", "intro": "x" * 3000},
    ]
    # A sub-section, and an empty section (it follows on the page before), go with theirs.
    assert plan_parts(sections, 2) == [[0, 1, 2, 3], [4]]
    assert plan_parts(sections, 3) == [[0, 1], [2, 3], [4]]
    assert plan_parts(sections, 9) == [[0, 1], [2, 3], [4]]
    assert plan_parts(sections, 1) == [[0, 1, 2, 3, 4]]


def test_parts_are_queued_heaviest_first():
    # The shortest start last, so that the workers finish about together.
    sections = [
        {"id": "a", "kind": "note", "intro": "x" * 1000},
        {"id": "b", "kind": "note", "intro": "x" * 5000},
        {"id": "c", "kind": "note", "intro": "x" * 3000},
    ]
    assert heaviest_first(sections, [[0], [1], [2]]) == [1, 2, 0]
    # A brief list costs half its size, charts three times theirs.
    brief = {"id": "r", "kind": "pi_refs", "intro": "x" * 5000}
    charts = {"id": "c", "kind": "pi_charts", "intro": "x" * 2000}
    assert heaviest_first([brief, charts, sections[2]], [[0], [1], [2]]) == [1, 2, 0]


def test_a_long_table_is_laid_out_in_pieces_between_its_groups(monkeypatch):
    monkeypatch.setattr(assembly, "PIECE_WEIGHT", 2500)
    rows = [{"id": n, "code": f"PI {n}", "note": "x" * 100} for n in range(60)]
    groups = [{"name": f"Directorate {g}", "rows": rows[g * 15 : g * 15 + 15]} for g in range(4)]
    table = {"id": "appendix", "title": "Appendix", "kind": "pi_table", "intro": "All of them"}
    sections = [{"id": "a", "kind": "note", "intro": "x" * 3000}, {**table, "groups": groups}]

    laid = layout_sections(sections)
    assert [s["id"] for s in laid] == ["a", "appendix", "appendix-2", "appendix-3", "appendix-4"]
    assert [g["name"] for s in laid[1:] for g in s["groups"]] == [g["name"] for g in groups]
    assert laid[1].get("level", 2) == 2 and laid[1]["intro"] == "All of them"
    for continued in laid[2:]:
        assert (continued["level"], continued["title"], continued["intro"]) == (
            3,
            "Appendix (continued)",
            "",
        )
    # Each piece may start a part of its own, and the parts' indices are the pieces'.
    assert plan_parts(sections, 5) == [[0], [1], [2], [3], [4]]
    assert sum(len(run) for run in plan_parts(sections, 2)) == 5
    # A table within the weight, or of one group, is laid out whole.
    monkeypatch.setattr(assembly, "PIECE_WEIGHT", 10**9)
    assert layout_sections(sections) == sections


@pytest.mark.pdf
def test_a_pack_laid_out_in_parts_is_one_tagged_pdf_numbered_right_through(
    seeded_demo, in_parts, django_capture_on_commit_callbacks, monkeypatch, settings
):
    # The appendix too is laid out in pieces, as a 600-PI council's is, several to a part.
    monkeypatch.setattr(assembly, "PIECE_WEIGHT", 20_000)
    settings.PACK_PARTS = 2
    perf = User.objects.get(username="perf")
    pack = _generated(perf, django_capture_on_commit_callbacks, "quarterly_pack", "2026/27 Q2")
    assert pack.status == "ready", pack.error
    # The parts count their sections: all of them, the brief lists too.
    laid = layout_sections(pack.data["sections"])
    assert any(s.get("continued") for s in laid)
    assert (pack.sections_done, pack.sections_total) == (len(laid), len(laid))
    content = default_storage.open(pack.file.name).read()
    info = _pdfinfo(content)
    assert info["Tagged"].strip() == "yes"
    assert info["Title"].strip() == f"{pack.data['meta']['title']} – Q2 2026/27 (July-September)"
    assert int(info["Pages"]) == pack.page_count

    pages = _pages_text(content)
    total = len(pages)
    assert "Page" not in pages[0]  # the cover has no furniture
    for number, text in enumerate(pages[1:], start=2):
        assert text.endswith(f"Page {number} of {total}"), (number, text[-60:])
        assert text.startswith(pack.data["meta"]["title"])
        assert text.count(" of ") >= 1 and text.count(f"Page {number} of") == 1

    # The contents' numbers are the pages where each section's heading is.
    contents = pages[1]
    top_level = [s for s in pack.data["sections"] if s.get("level", 2) == 2]
    for section in top_level:
        match = re.search(re.escape(section["title"]) + r" \.+ ?(\d+)", contents)
        assert match, section["title"]
        heading_page = int(match.group(1))
        assert section["title"] in pages[heading_page - 1]
        if not section.get("empty"):  # a section with content starts its page
            header = f"{pack.data['meta']['title']} {pack.data['meta']['period_long']} "
            assert pages[heading_page - 1].startswith(header + section["title"])

    # Each piece of the long appendix starts a page of its own, heading first.
    header = f"{pack.data['meta']['title']} {pack.data['meta']['period_long']} "
    for piece in (s for s in laid if s.get("continued")):
        starts = [text for text in pages if text.startswith(header + piece["title"])]
        assert starts, piece["title"]

    # Each brief list's "Appendix, page N" is a link to the page where the indicator's full
    # row is, and says that page, though the list and the appendix are laid out in different
    # parts, neither knowing its pages.
    _brief_links_say_their_rows_pages(content, pack.data, pages)

    pdf = pikepdf.open(io.BytesIO(content))
    assert str(pdf.Root.Lang) == "en-GB"
    assert bool(pdf.Root.MarkInfo.Marked) and bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
    with pdf.open_metadata() as metadata:
        assert metadata["dc:title"] == info["Title"].strip()
    tree = pdf.Root.StructTreeRoot
    assert [str(element.S) for element in tree.K] == ["/Document"]
    # Every page's content is in the one tree, and each page's key leads to its elements.
    assert _structure_pages(pdf) == set(range(1, total + 1))
    nums = tree.ParentTree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert keys == sorted(set(keys)) and int(tree.ParentTreeNextKey) == keys[-1] + 1
    assert {int(page.obj.StructParents) for page in pdf.pages} <= set(keys)
    # The contents' links and the bookmarks go to the sections' pages.
    numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    dests = pdf.Root.Names.Dests.Names
    dest_page = {str(dests[i]): numbers[dests[i + 1][0].objgen] for i in range(0, len(dests), 2)}
    links = {str(a.Dest) for a in pdf.pages[1].obj.Annots if "/Dest" in a}
    assert links == {s["id"] for s in top_level}
    # No link is left leading to the address the pieces' links were laid out with.
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            assert LINK_BASE not in str(annotation.get("/A", {}).get("/URI", ""))
    for section in top_level:
        assert section["title"] in pages[dest_page[section["id"]] - 1]
    with pdf.open_outline() as outline:
        marks = {item.title: numbers[item.destination[0].objgen] for item in outline.root}
    for section in top_level:
        assert section["title"] in pages[marks[section["title"]] - 1]


@pytest.mark.pdf
def test_two_sections_laid_out_as_parts_read_as_the_same_document_laid_out_in_one_go(
    demo_cycle,
):
    data = build_report("calendar", "2026")
    assert [s.get("level", 2) for s in data["sections"]].count(2) == 2
    whole, pages = render_pdf(data)
    parts = plan_parts(data["sections"], 2)
    assert len(parts) == 2
    merged, merged_pages = assemble(data, [render_part(data, part) for part in parts])
    assert merged_pages == pages
    assert _pages_text(merged) == _pages_text(whole)


@pytest.mark.pdf
def test_a_parts_running_header_and_footer_print_the_councils_words_as_typed(demo_cycle):
    # A part's header and footer are written into its CSS: quotes, ampersands and angle
    # brackets must come out as typed, and never end the style sheet.
    data = build_report("calendar", "2026")
    data["meta"] = {**data["meta"], "council": 'Barking & "Dagenham" </style> \\ Council'}
    whole, _pages = render_pdf(data)
    parts = [render_part(data, part) for part in plan_parts(data["sections"], 2)]
    merged_pages = _pages_text(assemble(data, parts)[0])
    assert merged_pages == _pages_text(whole)
    for text in merged_pages[2:]:
        assert 'Barking & "Dagenham" </style> \\ Council' in text


@pytest.mark.pdf
@pytest.mark.parametrize("guess", [1, 9])
def test_a_front_whose_length_was_guessed_wrong_is_laid_out_again_and_numbered_right(
    demo_cycle, monkeypatch, guess
):
    # The front prints the parts' pages as text, so it is laid out knowing its own length:
    # guessed (here wrongly, short and long), then known from that layout, then remembered.
    data = build_report("calendar", "2026")
    whole, _pages = render_pdf(data)
    parts = [render_part(data, part) for part in plan_parts(data["sections"], 2)]
    monkeypatch.setattr(assembly, "_front_guess", lambda *args: guess)
    layouts = []
    real_render = assembly.render_html_if

    def render_html_if(html, **kwargs):
        layouts.append(1)
        return real_render(html, **kwargs)

    monkeypatch.setattr(assembly, "render_html_if", render_html_if)
    merged, _merged_pages = assemble(data, parts)
    assert _pages_text(merged) == _pages_text(whole)
    assert len(layouts) == 2  # the front twice
    # Laid out again, the front's length is remembered: one layout of it.
    monkeypatch.undo()
    layouts.clear()
    monkeypatch.setattr(assembly, "render_html_if", render_html_if)
    assert _pages_text(assemble(data, parts)[0]) == _pages_text(whole)
    assert len(layouts) == 1


@pytest.mark.pdf
def test_the_assembly_holds_one_part_open_at_a_time(demo_cycle, monkeypatch):
    # Each part is numbered and copied in, then closed before the next is opened: the pack's
    # parts held open all at once beside their copies would double the assembly's memory.
    data = build_report("calendar", "2026")
    parts = [render_part(data, part) for part in plan_parts(data["sections"], 2)]
    whole = _pages_text(assemble(data, parts)[0])
    held: list[object] = []
    most_held_while_numbering = []
    real_open, real_close, real_number = pikepdf.Pdf.open, pikepdf.Pdf.close, assembly.number_part

    def opened(*args, **kwargs):
        pdf = real_open(*args, **kwargs)
        held.append(pdf)
        return pdf

    def closed(self):
        held[:] = [pdf for pdf in held if pdf is not self]
        real_close(self)

    def number_part(part, **kwargs):
        most_held_while_numbering.append(len(held))
        real_number(part, **kwargs)

    monkeypatch.setattr(pikepdf.Pdf, "open", staticmethod(opened))
    monkeypatch.setattr(pikepdf.Pdf, "close", closed)
    monkeypatch.setattr(assembly, "number_part", number_part)
    assert _pages_text(assemble(data, parts)[0]) == whole
    assert most_held_while_numbering == [2, 2]  # the front, and the part being numbered


def _part_files() -> list[str]:
    folder = services.PARTS_FOLDER
    return sorted(default_storage.listdir(folder)[1]) if default_storage.exists(folder) else []


def test_progress_counts_sections_and_a_part_delivered_again_is_laid_out_alone(
    client, demo_cycle, people, parts_held, django_capture_on_commit_callbacks
):
    pack = _generated(people.perf, django_capture_on_commit_callbacks, "calendar", "2026")
    [(pack_id, attempt, order)] = parts_held
    assert (pack_id, attempt, sorted(order)) == (pack.pk, 1, [0, 1])
    assert (pack.status, pack.sections_done, pack.sections_total) == ("generating", 0, 14)
    client.force_login(people.perf)
    page = reverse("reporting:pack_status", args=[pack.pk])
    assert "Laying out: 0 of 14 sections" in client.get(page).content.decode()

    assert pack_render_part(pack.pk, attempt=1, part=1) is True  # parts finish in any order
    assert "Laying out: 13 of 14 sections" in client.get(page).content.decode()
    # Its worker lost after it finished: delivered again, it is neither laid out nor counted twice.
    stored = _part_files()
    assert pack_render_part(pack.pk, attempt=1, part=1) is True
    assert _part_files() == stored
    pack.refresh_from_db()
    assert pack.sections_done == 13

    # The chord fired early (a part counted twice): nothing is assembled, nothing visible.
    assert pack_assemble(pack.pk, attempt=1) is None
    pack.refresh_from_db()
    assert (pack.status, pack.file.name) == ("generating", "")
    assert client.get(reverse("reporting:pack_file", args=[pack.pk])).status_code == 404

    assert render_pack_part_task.apply(args=[pack.pk, 1, 0]).get() is True
    assert "Laying out: 14 of 14 sections" in client.get(page).content.decode()
    assert assemble_pack_task.apply(args=[pack.pk, 1]).get() == "ready"
    pack.refresh_from_db()
    assert (pack.status, pack.page_count) == ("ready", len(_pages_text(pack.file.read())))
    assert _part_files() == []  # the parts are removed once put together
    # The assembly delivered again leaves the ready pack and its one file alone.
    again = pack_assemble(pack.pk, attempt=1)
    assert again is not None and (again.file.name, again.sha256) == (pack.file.name, pack.sha256)
    assert default_storage.listdir("packs")[1] == [pack.file.name.split("/")[-1]]


def test_parts_of_an_attempt_taken_back_by_a_later_one_are_left_alone(
    demo_cycle, people, parts_held, django_capture_on_commit_callbacks
):
    pack = _generated(people.perf, django_capture_on_commit_callbacks, "calendar", "2026")
    # The pack was queued again (pack_recover) and a new attempt took it.
    Pack.objects.filter(pk=pack.pk).update(attempts=2)
    assert pack_render_part(pack.pk, attempt=1, part=0) is False
    assert pack_assemble(pack.pk, attempt=1).status == "generating"
    assert _part_files() == []  # its plan removed too


def test_a_part_that_fails_fails_the_pack_with_a_reason_and_leaves_no_parts(
    demo_cycle, people, parts_held, django_capture_on_commit_callbacks, monkeypatch
):
    pack = _generated(people.perf, django_capture_on_commit_callbacks, "calendar", "2026")

    def broken(data, indices):
        raise ValueError("the layout ran out of room")

    monkeypatch.setattr("reporting.assembly.render_part", broken)
    assert render_pack_part_task.apply(args=[pack.pk, 1, 0]).get() is False
    pack.refresh_from_db()
    assert pack.status == "failed"
    assert pack.error == "ValueError: the layout ran out of room"
    assert assemble_pack_task.apply(args=[pack.pk, 1]).get() == "failed"
    assert _part_files() == []


def test_part_and_assembly_tasks_are_redelivered_if_their_worker_dies():
    for task in (render_pack_part_task, assemble_pack_task):
        assert task.acks_late is True
        assert task.reject_on_worker_lost is True
    # The chord counts the parts done through their results (a flag, never the PDF).
    assert render_pack_part_task.ignore_result is False


def test_a_small_pack_laid_out_in_parts_in_process_is_ready_at_once(
    demo_cycle, people, in_parts, django_capture_on_commit_callbacks
):
    pack = _generated(people.perf, django_capture_on_commit_callbacks, "calendar", "2026")
    assert pack.status == "ready", pack.error
    assert pack_generate(pack.pk).status == "ready"  # a redelivery builds nothing again
    assert _part_files() == []
