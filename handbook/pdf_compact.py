"""Smaller PDFs, drawn exactly as Chromium printed them: each of its text objects rewritten as
one TJ array.

Chromium writes every glyph as its own ``tx ty Td <glyph> Tj``: the glyph's position relative to
the start of the line, and a Khmer vowel sign a fraction of a point above or below it. A TJ
array says the same with one number per glyph, and only where the glyph does not sit where the
font's own width puts it: ``[<glyph glyph> -0.09 <glyph>] TJ``; a sign above or below the line is
shown with a text rise (``Ts``) instead of a move of the line. The glyph widths come from the
fonts' ``/W`` arrays; each number is rounded to a hundredth of a thousandth of an em from where
the glyph before it really ended, so no glyph moves by more than about 0.0001 pt.

Khmer clusters come with their text in ``/Span << /ActualText >>`` marked content (a glyph there
does not map to one character). The spans of a text object become one span holding the text of
the whole object (a word, since a space is set in another font): it is smaller, and a reader
copying from the PDF gets whole words, never «សិ ទ្ធិ».

Tagged marked content (MCIDs), fonts, colours and every other operator are left byte for byte as
printed; a text object written in a way this does not expect is left as it is. The caller
(handbook/pdf_finish.py) renders every page before and after and keeps the printed PDF when they
differ (handbook/pdf_visual.py).
"""

from __future__ import annotations

import re

import pikepdf

TEXT_OBJECT = re.compile(rb"^BT\n(.*?)\nET$", re.MULTILINE | re.DOTALL)
LINE = re.compile(
    rb"(?:(?P<tx>-?[\d.]+) (?P<ty>-?[\d.]+) Td ?)?(?:<(?P<glyph>[0-9A-Fa-f]+)> Tj)?"
    rb"|/(?P<font>\S+) (?P<size>[\d.]+) Tf"
    rb"|1 0 0 -1 (?P<x>-?[\d.]+) (?P<y>-?[\d.]+) Tm"
    rb"|/Span ?<< ?/ActualText <(?P<actual>(?:FEFF|feff)[0-9A-Fa-f]*)> ?>> ?BDC"
    rb"|(?P<end>EMC)"
)
BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
BFRANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


class Font:
    """What this needs of a font: glyph widths (thousandths of an em) and the text of each glyph,
    by the glyph's code as written in the content stream (four hex digits)."""

    def __init__(self, font: pikepdf.Dictionary) -> None:
        cid_font = font.DescendantFonts[0]
        self.default = float(cid_font.get("/DW", 1000))
        self.widths: dict[bytes, float] = {}
        entries = list(cid_font.get("/W", []))
        index = 0
        while index < len(entries):
            first = int(entries[index])
            if isinstance(entries[index + 1], pikepdf.Array):
                for offset, width in enumerate(entries[index + 1]):
                    self._width(first + offset, float(width))
                index += 2
            else:
                for cid in range(first, int(entries[index + 1]) + 1):
                    self._width(cid, float(entries[index + 2]))
                index += 3
        self.text: dict[bytes, str] = {}
        if "/ToUnicode" in font:
            self._read_cmap(font.ToUnicode.read_bytes())

    def _width(self, cid: int, width: float) -> None:
        self.widths[b"%04X" % cid] = self.widths[b"%04x" % cid] = width

    def _read_cmap(self, cmap: bytes) -> None:
        for section in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
            for code, text in BFCHAR.findall(section):
                self.text[code.upper()] = bytes.fromhex(text.decode()).decode("utf-16-be")
        for section in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.DOTALL):
            for first, last, text in BFRANGE.findall(section):
                if len(text) != 4:
                    continue  # a range of several characters each: not in Chromium's fonts
                start = int.from_bytes(bytes.fromhex(text.decode()), "big")
                for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                    self.text[b"%04X" % code] = chr(start + offset)


def is_usable(font: pikepdf.Object | None) -> bool:
    return isinstance(font, pikepdf.Dictionary) and font.get("/Subtype") == "/Type0" \
        and font.get("/Encoding") == "/Identity-H"


class Fonts:
    """The fonts of a document, read once each."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[int, int], Font | None] = {}

    def get(self, font: pikepdf.Object | None) -> Font | None:
        if font is None:
            return None
        key = font.objgen
        if key not in self._fonts:
            self._fonts[key] = Font(font) if is_usable(font) else None
        return self._fonts[key]


def compact_page(page: pikepdf.Page, fonts: Fonts) -> bytes | None:
    """The page's content with its text objects rewritten, or None when none could be."""
    contents = page.obj.get("/Contents")
    if not isinstance(contents, pikepdf.Stream):
        return None
    resources = page.obj.get("/Resources", {}).get("/Font", {})
    data = contents.read_bytes()
    rewritten = False

    def rewrite(match: re.Match) -> bytes:
        nonlocal rewritten
        new = _text_object(match[1], resources, fonts)
        if new is None:
            return match[0]
        rewritten = True
        return b"BT\n" + new + b"\nET"

    result = TEXT_OBJECT.sub(rewrite, data)
    return result if rewritten else None


def _text_object(body: bytes, resources: pikepdf.Dictionary, fonts: Fonts) -> bytes | None:
    """One text object as a font, a position and TJ arrays; None if it holds anything else."""
    font_line = origin = None
    font: Font | None = None
    size = 0.0
    glyphs: list[tuple[float, bytes, bytes]] = []  # x, rise (as written), code
    line_x = line_y = x = 0.0
    rise = b"0"
    text: list[str | None] = []
    spans = depth = 0
    for line in body.split(b"\n"):
        match = LINE.fullmatch(line)
        if match is None or (match["font"] and glyphs) or (match["x"] and (glyphs or origin)):
            return None
        if match["font"]:
            font_line, font, size = line, fonts.get(resources.get("/" + match["font"].decode())), float(match["size"])
        elif match["x"]:
            origin = line
        elif match["actual"]:
            depth, spans = depth + 1, spans + 1
            if depth > 1:
                return None
            text.append(bytes.fromhex(match["actual"][4:].decode()).decode("utf-16-be"))
        elif match["end"]:
            depth -= 1
            if depth < 0:
                return None
        elif match["tx"] or match["glyph"]:
            if font is None or size <= 0 or origin is None:
                return None
            if match["tx"]:
                line_x += float(match["tx"])
                line_y += float(match["ty"])
                x = line_x
                rise = match["ty"] if float(match["ty"]) == line_y else _number(line_y)
            if not match["glyph"]:
                continue
            code = match["glyph"].upper()
            for index in range(0, len(code), 4):
                one = code[index:index + 4]
                glyphs.append((x, rise, one))
                if depth == 0:
                    text.append(font.text.get(one))
                x += font.widths.get(one, font.default) * size / 1000
    if depth or font_line is None or origin is None or not glyphs or (spans and None in text):
        return None
    return b"\n".join(_show(glyphs, font, size, font_line, origin, "".join(text) if spans else None))


def _show(glyphs: list[tuple[float, bytes, bytes]], font: Font, size: float, font_line: bytes, origin: bytes,
          actual: str | None) -> list[bytes]:
    out = [font_line, origin]
    if actual is not None:
        out.insert(0, b"/Span<</ActualText (" + _literal(b"\xfe\xff" + actual.encode("utf-16-be")) + b")>>BDC")
    scale = 1000 / size
    position = 0.0  # where the next glyph goes unless told otherwise
    rise = b"0"
    parts: list[bytes] = []
    for x, glyph_rise, code in glyphs:
        if glyph_rise != rise:
            if parts:
                out.append(b"[" + b"".join(parts) + b">] TJ")
                parts = []
            out.append(glyph_rise + b" Ts")
            rise = glyph_rise
        shown = round((position - x) * scale, 2)
        position -= shown / scale
        if not parts:
            parts.append((_number(shown) + b" <" if shown else b"<") + code)
        elif shown:
            parts.append(b"> " + _number(shown) + b" <" + code)
        else:
            parts.append(code)
        position += font.widths.get(code, font.default) * size / 1000
    out.append(b"[" + b"".join(parts) + b">] TJ")
    if rise != b"0":
        out.append(b"0 Ts")
    if actual is not None:
        out.append(b"EMC")
    return out


def _literal(data: bytes) -> bytes:
    """Bytes as a PDF literal string (half the size of hex; the stream is compressed anyway)."""
    return (data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r")
            .replace(b"\n", b"\\n"))


def _number(value: float) -> bytes:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    if text.startswith("0."):
        text = text[1:]
    elif text.startswith("-0."):
        text = "-" + text[2:]
    return (text if text not in ("", "-", "-0") else "0").encode()
