"""A large report laid out in parts (on as many workers as there are) and put together as one
tagged PDF.

Each part is a run of whole top-level sections (`render_part`); every top-level section starts
a page, so a part lays out as it would in one document. A part has the running header and
footer, but cannot know its page numbers until every part is laid out: it prints placeholders
there and in its brief lists' "Appendix, page N" (reporting.numbering), and its links to other
parts go to `LINK_BASE`. `assemble` then lays out the front last (cover and contents, printing
each section's page as text), writes the page numbers over the parts' placeholders, and merges
the front and the parts with pikepdf into one document: one structure tree under one Document
element with its parent tree renumbered, one set of named destinations that every link leads
to, one outline.
"""

import hashlib
import io
import itertools
import json
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from pikepdf import (
    Array,
    Dictionary,
    Name,
    Object,
    ObjectStreamMode,
    OutlineItem,
    PageCopyWarning,
    Pdf,
    String,
)

from core import cached
from reporting.numbering import REF_DIGITS, number_part
from reporting.pdf import render_html, render_html_if, render_print_html

# Where a link from one piece to another leads as laid out: "#id" after it is the anchor, which
# assembly points the link at (each piece is laid out alone, so the anchor is not in it).
LINK_BASE = "https://pack-part.invalid/"

# Laying a chart out (an image since charts are drawn lean) costs about three times what a
# table row of the same data size does, a brief list's row (which carries the row's data but
# shows little of it) half (measured on the 600-PI pack).
CHART_COST = 3
BRIEF_LIST_COST = 0.5


def _weight(section: dict) -> int:
    size = len(json.dumps(section, default=str))
    cost = {"pi_charts": CHART_COST, "pi_refs": BRIEF_LIST_COST}.get(section.get("kind", ""), 1)
    return int(size * cost)


def report_weight(data: dict) -> int:
    """Return a rough measure of how long the report takes to lay out (in data size units)."""
    return sum(_weight(s) for s in data.get("sections", []))


# A table of indicators heavier than this (about 8 s of layout) is laid out in pieces, so that
# no part waits on one long table (the appendix of 600 PIs is a third of a pack).
PIECE_WEIGHT = 300_000


def layout_sections(sections: Sequence[dict]) -> list[dict]:
    """Return the sections as they are laid out in parts: a long table of indicators cut
    between its groups into the section and its continuations, each of which starts a part's
    page, headed "(continued)" below the section's level, so not in the contents. The rows
    keep their anchors, so brief lists still point at them."""
    laid: list[dict] = []
    for section in sections:
        groups = section.get("groups") or []
        if section.get("kind") != "pi_table" or len(groups) < 2 or _weight(section) <= PIECE_WEIGHT:
            laid.append(section)
            continue
        pieces: list[list[dict]] = [[]]
        size = 0
        for group in groups:
            weight = len(json.dumps(group, default=str))
            if pieces[-1] and size + weight > PIECE_WEIGHT:
                pieces.append([])
                size = 0
            pieces[-1].append(group)
            size += weight
        laid.append({**section, "groups": pieces[0]})
        for number, piece in enumerate(pieces[1:], start=2):
            laid.append(
                {
                    **section,
                    "id": f"{section['id']}-{number}",
                    "title": f"{section['title']} (continued)",
                    "level": 3,
                    "intro": "",
                    "groups": piece,
                    "continued": True,
                }
            )
    return laid


def plan_parts(sections: Sequence[dict], parts: int) -> list[list[int]]:
    """Return the indices of the sections in at most `parts` runs of about the same weight.

    A run starts only at a top-level section with content, or a long table's continuation: a
    sub-section, or an empty section (which follows on the page before), stays with the
    section before it. The indices are those of `layout_sections(sections)`.
    """
    sections = layout_sections(sections)
    units: list[list[int]] = []
    for index, section in enumerate(sections):
        starts_page = (section.get("level", 2) == 2 and not section.get("empty")) or section.get(
            "continued", False
        )
        if starts_page or not units:
            units.append([])
        units[-1].append(index)
    weights = [sum(_weight(sections[i]) for i in unit) for unit in units]

    def runs_within(limit: int) -> list[list[int]]:
        runs: list[list[int]] = []
        total = limit + 1
        for unit, weight in zip(units, weights, strict=True):
            if total + weight > limit:
                runs.append([])
                total = 0
            runs[-1].extend(unit)
            total += weight
        return runs

    # The lightest limit on a run's weight that needs no more than `parts` runs.
    low, high = max(weights, default=0), sum(weights)
    while low < high:
        middle = (low + high) // 2
        if len(runs_within(middle)) <= parts:
            high = middle
        else:
            low = middle + 1
    return runs_within(low) if units else []


def heaviest_first(sections: Sequence[dict], parts: Sequence[Sequence[int]]) -> list[int]:
    """Return the parts' numbers, the heaviest first: the order to queue them in, so that the
    last to start are the shortest and the workers finish about together."""
    laid = layout_sections(sections)
    weights = [sum(_weight(laid[i]) for i in part) for part in parts]
    return sorted(range(len(parts)), key=lambda number: -weights[number])


def render_part(data: dict, indices: Sequence[int]) -> bytes:
    """Return the tagged PDF of the report's sections at `indices` (of `layout_sections`),
    with placeholders for its page numbers (reporting.numbering)."""
    laid = layout_sections(data["sections"])
    part = {**data, "sections": [laid[i] for i in indices]}
    html = render_print_html(part, piece="part", pages=_ref_placeholders(laid), link_base=LINK_BASE)
    return render_html(html)[0]


def _anchors(sections: Sequence[dict]) -> list[str]:
    """Return the anchors of the full rows (in the appendix) that brief lists point to."""
    return [
        row["anchor"]
        for section in sections
        for group in section.get("groups") or []
        for row in group.get("rows", [])
        if row.get("anchor")
    ]


def _ref_placeholders(sections: Sequence[dict]) -> dict[str, object]:
    return dict.fromkeys(_anchors(sections), REF_DIGITS)


def _refs(sections: Sequence[dict]) -> list[str]:
    """Return what each brief list's row with a page placeholder points to, in order."""
    anchors = set(_anchors(sections))
    return [
        row["ref"]
        for section in sections
        if section.get("kind") == "pi_refs"
        for group in section.get("groups", [])
        for row in group["rows"]
        if row["ref"] in anchors
    ]


def _dests(pdf: Pdf) -> dict[str, Object]:
    names: Any = (
        pdf.Root.get("/Names", Dictionary()).get("/Dests", Dictionary()).get("/Names", Array())
    )
    return {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}


def _page_numbers(pdf: Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: number for number, page in enumerate(pdf.pages)}


def _front_key(data: dict) -> str:
    shape = json.dumps([data.get("meta", {}).get("period"), [s["title"] for s in data["sections"]]])
    return "pack-front:" + hashlib.sha256(shape.encode()).hexdigest()


def _front_guess(data: dict) -> int:
    """Return a first guess at the front's length: the last one laid out for the same
    sections, else the cover and a page of contents."""
    remembered = cached.get(_front_key(data))
    return 2 if remembered is cached.MISSING else int(remembered)


def _front(data: dict, anchors: dict[str, int], part_pages: int) -> tuple[bytes, int]:
    """Return the PDF of the front (cover and contents) and its number of pages.

    It prints the page of each section as text, which depends on its own length: laid out
    with a guess, and again with the length found if the guess was wrong (the numbers sit in
    fixed-width cells, so their values do not change the length).
    """
    length = _front_guess(data)
    for _ in range(3):
        html = render_print_html(
            data,
            piece="front",
            pages={name: length + 1 + page for name, page in anchors.items()},
            total=length + part_pages,
            link_base=LINK_BASE,
        )
        pdf, pages = render_html_if(html, length=length)
        if pdf is not None:
            cached.put(_front_key(data), length)
            return pdf, length
        length = pages
    raise RuntimeError("The front of the pack did not settle on a length.")


def _destination(dest: Any, page_of: Callable[[Object], Object]) -> Array:
    return Array([page_of(dest[0]), Name.XYZ, *list(dest)[2:]])


def _outline(items: list[OutlineItem], page_of: Callable[[Object], Object]) -> list[OutlineItem]:
    copied = []
    for item in items:
        if item.destination is None:
            continue
        new = OutlineItem(item.title, _destination(item.destination, page_of))
        new.children.extend(_outline(item.children, page_of))
        copied.append(new)
    return copied


def _merge(pieces: Iterable[Pdf]) -> Pdf:
    """Return the pieces' pages as one document: structure, destinations and outline joined.

    Each piece is copied whole (its pages, then its structure tree) before the next is taken,
    so `pieces` may close it then: a copied piece is not needed again (what its pages show is
    read from its bytes when the document is saved), and the pack's parts are never all held
    open at once beside their copies.
    """
    merged = Pdf.new()
    document = merged.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    parent_tree: list[Any] = []
    next_key = 0
    dests: dict[str, Array] = {}
    outline: list[OutlineItem] = []
    for piece in pieces:
        first = len(merged.pages)
        with warnings.catch_warnings():
            # It warns that named destinations are not copied: they are, just below.
            warnings.simplefilter("ignore", PageCopyWarning)
            merged.pages.extend(piece.pages)
        pages = [page.obj for page in merged.pages[first:]]
        for page in pages:
            _point_links_at_anchors(page)
        numbers = _page_numbers(piece)

        def page_of(page: Object, pages: Sequence[Object] = pages, numbers=numbers) -> Object:
            return pages[numbers[page.objgen]]

        # Copied after the pages, so that their references lead to the pages just copied.
        root = merged.copy_foreign(piece.Root.StructTreeRoot)
        for element in root.K[0].K:
            element.P = document
            document.K.append(element)
        # The parent tree maps each page's (and link's) key to its structure elements: the
        # keys of this piece come after those of the pieces before it.
        nums = root.ParentTree.Nums
        for i in range(0, len(nums), 2):
            parent_tree.extend([next_key + int(nums[i]), nums[i + 1]])
        for page in pages:
            page.StructParents = next_key + int(page.StructParents)
            for annotation in page.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = next_key + int(annotation.StructParent)
        next_key += max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1
        dests.update({n: _destination(d, page_of) for n, d in _dests(piece).items()})
        with piece.open_outline() as piece_outline:
            outline.extend(_outline(list(piece_outline.root), page_of))

    tree_root = merged.make_indirect(
        Dictionary(
            Type=Name.StructTreeRoot,
            K=Array([document]),
            ParentTree=merged.make_indirect(Dictionary(Nums=Array(parent_tree))),
            ParentTreeNextKey=next_key,
        )
    )
    document.P = tree_root
    merged.Root.StructTreeRoot = tree_root
    names = Array()
    for name in sorted(dests):
        names.extend([String(name), dests[name]])
    merged.Root.Names = Dictionary(Dests=Dictionary(Names=names))
    with merged.open_outline() as merged_outline:
        merged_outline.root.extend(outline)
    return merged


def _point_links_at_anchors(page: Object) -> None:
    """Make each link of the page to LINK_BASE#anchor a link to the anchor's destination."""
    for annotation in page.get("/Annots", []):
        action = annotation.get("/A")
        uri = str(action.get("/URI", "")) if action is not None else ""
        if uri.startswith(LINK_BASE + "#"):
            del annotation["/A"]
            annotation.Dest = String(uri[len(LINK_BASE) + 1 :])


def _opened(parts: Sequence[bytes]) -> Iterator[Pdf]:
    """Open each part in turn, closing it when the next is asked for."""
    for part in parts:
        with Pdf.open(io.BytesIO(part)) as pdf:
            yield pdf


def _survey(parts: Sequence[bytes]) -> tuple[int, dict[str, int]]:
    """Return the parts' number of pages and the page of each anchor in them (from 0)."""
    anchors: dict[str, int] = {}
    first = 0
    for part in _opened(parts):
        numbers = _page_numbers(part)
        for name, dest in _dests(part).items():
            anchors[name] = first + numbers[dest[0].objgen]
        first += len(part.pages)
    return first, anchors


def _numbered(
    parts: Sequence[bytes], *, first: int, total: int, refs: Iterator[int]
) -> Iterator[Pdf]:
    """Open each part in turn with its page numbers written (see `_opened`)."""
    for part in _opened(parts):
        number_part(part, first=first, total=total, refs=refs)
        first += len(part.pages)
        yield part
    if next(refs, None) is not None:
        raise RuntimeError("A brief list's page reference was not found in the parts.")


def assemble(data: dict, parts: Sequence[bytes]) -> tuple[bytes, int]:
    """Return the report as one tagged PDF (bytes, pages) from its parts' PDFs, in order."""
    part_pages, anchors = _survey(parts)
    laid_out, front_pages = _front(data, anchors, part_pages)
    front = Pdf.open(io.BytesIO(laid_out))
    total = front_pages + part_pages
    refs = iter(front_pages + 1 + anchors[ref] for ref in _refs(layout_sections(data["sections"])))
    numbered = _numbered(parts, first=front_pages + 1, total=total, refs=refs)
    merged = _merge(itertools.chain([front], numbered))

    merged.docinfo = merged.make_indirect(Dictionary(dict(front.docinfo.items())))
    merged.Root.Lang = front.Root.Lang
    merged.Root.MarkInfo = Dictionary(Marked=True)
    merged.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    with merged.open_metadata(set_pikepdf_as_editor=False) as metadata:
        metadata.load_from_docinfo(merged.docinfo)
    output = io.BytesIO()
    merged.save(output, min_version=front.pdf_version, object_stream_mode=ObjectStreamMode.generate)
    return output.getvalue(), len(merged.pages)
