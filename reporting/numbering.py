"""Page numbers written into the laid-out parts of a pack (reporting.assembly).

A part is laid out before anyone knows on which page of the pack it starts, so it prints
placeholders where its page numbers go: the running footer says `FOOTER` on every page, and a
brief list's "Appendix, page N" says `REF`, in `REF_COLOUR` (a black that nothing else uses).
Once every part is laid out, assembly writes the numbers over them with the same font's
digits: the footer's placeholder holds every digit, so the font subset has them all, and the
digits of the font are all one width, so a shorter number leaves the line as laid out, the
footer moved right by what it lost (it is right-aligned).

This reads WeasyPrint's own output: text shown with TJ in a Type 0 font whose ToUnicode map
lists each glyph (bfchar), colours set with rg, fonts with Tf.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pikepdf import (
    Array,
    ContentStreamInlineImage,
    ContentStreamInstruction,
    Dictionary,
    Operator,
    Page,
    Pdf,
    String,
    parse_content_stream,
    unparse_content_stream,
)

FOOTER = "Page 01234 of 56789"
REF = "000"
REF_COLOUR = "#101112"
_REF_RGB = tuple(int(REF_COLOUR[i : i + 2], 16) / 255 for i in (1, 3, 5))


@dataclass
class _Font:
    """A font's glyph codes both ways and their widths (in thousandths of the font size)."""

    text: dict[int, str] = field(default_factory=dict)
    code: dict[str, int] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)

    @classmethod
    def read(cls, font: Dictionary) -> "_Font":
        found = cls()
        cmap = font.ToUnicode.read_bytes()
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
            for code, text in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
                char = bytes.fromhex(text.decode()).decode("utf-16-be")
                found.text[int(code, 16)] = char
                found.code.setdefault(char, int(code, 16))
        widths = list(font.DescendantFonts[0].get("/W", Array()))
        i = 0
        while i < len(widths):
            first = int(widths[i])
            if isinstance(widths[i + 1], Array):  # first [w1 w2 ...]
                for offset, width in enumerate(widths[i + 1]):
                    found.widths[first + offset] = float(width)
                i += 2
            else:  # first last w
                for code in range(first, int(widths[i + 1]) + 1):
                    found.widths[code] = float(widths[i + 2])
                i += 3
        return found

    def shown(self, array: Any) -> tuple[str, float]:
        """Return the text a TJ array shows and how far it advances."""
        text, advance = [], 0.0
        for item in array:
            if isinstance(item, String):
                data = bytes(item)
                for i in range(0, len(data), 2):
                    code = int.from_bytes(data[i : i + 2], "big")
                    text.append(self.text.get(code, "\ufffd"))
                    advance += self.widths.get(code, 0.0)
            else:
                advance -= float(item)
        return "".join(text), advance

    def array(self, text: str, lead: float = 0.0) -> Array:
        """Return a TJ array showing `text`, moved right by `lead` first."""
        missing = {char for char in text if char not in self.code}
        if missing:
            raise ValueError(f"The part's font has no glyph for {''.join(sorted(missing))!r}.")
        glyphs = String(b"".join(self.code[char].to_bytes(2, "big") for char in text))
        return Array([-lead, glyphs] if lead else [glyphs])


@dataclass
class _State:
    font: str = ""
    fill: tuple[float, ...] = ()


def number_part(part: Pdf, *, first: int, total: int, refs: Iterator[int | None]) -> None:
    """Write page numbers over a part's placeholders: its pages are `first`, `first + 1`... of
    `total`, and its brief lists' rows point at the next pages of `refs`, in order (None for a
    row whose full row is not in the pack)."""
    fonts: dict[tuple[int, int], _Font] = {}
    for number, page in enumerate(part.pages, start=first):
        footer = f"Page {number} of {total}"
        instructions = parse_content_stream(page)
        changed = False
        stack = [_State()]
        for index, instruction in enumerate(instructions):
            if isinstance(instruction, ContentStreamInlineImage):
                continue
            operands, op = instruction.operands, str(instruction.operator)
            if op == "q":
                stack.append(_State(stack[-1].font, stack[-1].fill))
            elif op == "Q":
                stack.pop()
            elif op == "Tf":
                stack[-1].font = str(operands[0])
            elif op == "rg":
                stack[-1].fill = tuple(float(value) for value in operands)
            elif op == "TJ":
                font = _font(page, stack[-1].font, fonts)
                text, advance = font.shown(operands[0])
                if text == FOOTER:
                    new = font.array(footer)
                    lead = advance - font.shown(new)[1]
                    replacement = font.array(footer, lead)
                elif REF in text and _is_ref_colour(stack[-1].fill):
                    page_of_row = next(refs)
                    replacement = font.array(
                        text.replace(REF, "" if page_of_row is None else str(page_of_row), 1)
                    )
                else:
                    continue
                instructions[index] = ContentStreamInstruction([replacement], Operator("TJ"))
                changed = True
        if changed:
            page.obj.Contents = part.make_stream(unparse_content_stream(instructions))


def _is_ref_colour(fill: tuple[float, ...]) -> bool:
    return len(fill) == 3 and all(abs(a - b) < 0.002 for a, b in zip(fill, _REF_RGB, strict=True))


def _font(page: Page, name: str, fonts: dict[tuple[int, int], _Font]) -> _Font:
    font: Any = page.resources.Font[name]
    key = font.objgen
    if key not in fonts:
        fonts[key] = _Font.read(font)
    return fonts[key]
