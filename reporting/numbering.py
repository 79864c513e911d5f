"""Page numbers written into the laid-out parts of a pack (reporting.assembly).

A part is laid out before anyone knows on which page of the pack it starts, so it prints
placeholders where its page numbers go: the running footer says `FOOTER` on every page, and a
brief list's "Appendix, page N" says `REF`. Once every part is laid out, assembly writes the
numbers over them with the same font's digits: the footer's placeholder holds every digit, so
the font subset has them all, and the digits of the font are all one width, so a shorter
number leaves the line as laid out, the footer moved right by what it lost (right-aligned).

This reads WeasyPrint's own output: text shown with TJ arrays of hex strings in Type 0 fonts
whose ToUnicode map lists each glyph (bfchar), each text object setting its font with Tf.
"""

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pikepdf import Array, Dictionary, Name, Pdf

FOOTER = "Page 01234 of 56789"
REF_DIGITS = "000"
REF = ", page " + REF_DIGITS  # as print.css writes it after "Appendix", never wrapped


@dataclass
class _Font:
    """A font's glyph codes both ways and their widths (in thousandths of the font size)."""

    text: dict[int, str] = field(default_factory=dict)
    code: dict[str, int] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    needles: tuple[bytes, ...] = ()  # patterns of the placeholders' digits as shown

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
        digits = ("56789", REF_DIGITS)
        if all(char in found.code for text in digits for char in text):
            # WeasyPrint may put a number (a kerning) between any two glyphs.
            found.needles = tuple(
                "(?:>[^<]*<)?".join(f"{found.code[char]:04x}" for char in text).encode()
                for text in digits
            )
        return found

    def shown(self, array: list[bytes | float]) -> tuple[str, float]:
        """Return the text a TJ array (glyph codes and adjustments) shows and how far it
        advances."""
        text, advance = [], 0.0
        for item in array:
            if isinstance(item, bytes):
                data = item
                for i in range(0, len(data), 2):
                    code = int.from_bytes(data[i : i + 2], "big")
                    text.append(self.text.get(code, "\ufffd"))
                    advance += self.widths.get(code, 0.0)
            else:
                advance -= item
        return "".join(text), advance

    def array(self, text: str, lead: float = 0.0) -> list[bytes | float]:
        """Return a TJ array showing `text`, moved right by `lead` first."""
        missing = {char for char in text if char not in self.code}
        if missing:
            raise ValueError(f"The part's font has no glyph for {''.join(sorted(missing))!r}.")
        glyphs = b"".join(self.code[char].to_bytes(2, "big") for char in text)
        return [-lead, glyphs] if lead else [glyphs]


_SHOW = re.compile(rb"\[([^\]]*)\]\s*TJ")
_SET_FONT = re.compile(rb"/([^\s/\[\]<>()]+)\s+[-\d.]+\s+Tf")
_HEX = re.compile(rb"<([0-9a-fA-F]*)>|(-?[\d.]+)")


def number_part(part: Pdf, *, first: int, total: int, refs: Iterator[int]) -> None:
    """Write page numbers over a part's placeholders: its pages are `first`, `first + 1`... of
    `total`, and its brief lists' rows point at the next pages of `refs`, in order.

    Content streams are read as bytes, and only the text shows holding a placeholder's digits
    are decoded: a page of a long table shows text a few hundred times.
    """
    fonts: dict[tuple[int, int], _Font] = {}
    for number, page in enumerate(part.pages, start=first):
        contents: Any = page.obj.Contents
        streams = list(contents) if isinstance(contents, Array) else [contents]
        data = b"\n".join(stream.read_bytes() for stream in streams)
        page_fonts = {name[1:]: _font(font, fonts) for name, font in page.resources.Font.items()}
        needles = {needle for font in page_fonts.values() for needle in font.needles}
        found = sorted(
            {data.rfind(b"[", 0, m.start()) for n in needles for m in re.finditer(n, data)}
        )
        font_at = (
            [(m.start(), m.group(1).decode()) for m in _SET_FONT.finditer(data)] if found else []
        )
        pieces, start = [], 0
        for at in found:
            shown = _SHOW.match(data, at)
            if shown is None or at < start:
                continue
            font = page_fonts[next(name for set_at, name in reversed(font_at) if set_at < at)]
            items: list[bytes | float] = [
                bytes.fromhex(m[1].decode()) if m[1] is not None else float(m[2])
                for m in _HEX.finditer(shown.group(1))
            ]
            text, advance = font.shown(items)
            if text == FOOTER:
                footer = f"Page {number} of {total}"
                replacement = font.array(footer, advance - font.shown(font.array(footer))[1])
            elif text == REF:
                replacement = font.array(text.replace(REF_DIGITS, str(next(refs))))
            else:
                continue
            pieces += [data[start : shown.start()], _tj(replacement)]
            start = shown.end()
        if pieces:
            # Compressed now: held uncompressed until the pack is saved, a part's pages would
            # cost tens of megabytes more.
            written = zlib.compress(b"".join([*pieces, data[start:]]))
            page.obj.Contents = part.make_stream(written, Filter=Name.FlateDecode)


def _tj(array: list[bytes | float]) -> bytes:
    shown = [f"<{item.hex()}>" if isinstance(item, bytes) else f"{item:.3f}" for item in array]
    return f"[{' '.join(shown)}] TJ".encode()


def _font(font: Any, fonts: dict[tuple[int, int], _Font]) -> _Font:
    key = font.objgen
    if key not in fonts:
        fonts[key] = _Font.read(font)
    return fonts[key]
