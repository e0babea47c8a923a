"""Smaller PDFs, drawn exactly as Chromium printed them: its text rewritten as TJ arrays.

Chromium writes every glyph as its own ``tx ty Td <glyph> Tj`` (the glyph's position relative to
the start of the line; a Khmer vowel sign a fraction of a point above or below it) and every word
as a text object of its own, with its font and position. Here the text objects that follow one
another on a line become one, switching fonts where they change, and every glyph is placed by a
TJ array: ``[(glyph glyph) -0.09 (glyph)] TJ``, a number only where a glyph does not sit where
the font's width puts it (the widths come from the fonts' ``/W`` arrays), the glyph codes as
binary strings; a sign above or below the line is shown with a text rise (``Ts``). Every number
is rounded to a hundredth of a thousandth of an em from where the glyph before it really ended,
a rise to a thousandth of a unit: no glyph moves by more than about 0.0005 pt.

Khmer clusters come with their text in ``/Span << /ActualText >>`` marked content (a glyph there
does not map to one character). A line gets one span holding the text of the whole line, so a
reader copying from the PDF gets whole words, never «សិ ទ្ធិ».

Tagged marked content (MCIDs), colours and every other operator stay as printed; a text object
written in a way this does not expect is left as it is. The caller (handbook/pdf_finish.py)
renders every page before and after and keeps the printed PDF when they differ
(handbook/pdf_visual.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pikepdf

TEXT_OBJECT = re.compile(rb"^BT\n(.*?)\nET$", re.MULTILINE | re.DOTALL)
LINE = re.compile(
    rb"(?:(?P<tx>-?[\d.]+) (?P<ty>-?[\d.]+) Td ?)?(?:<(?P<glyph>[0-9A-Fa-f]+)> Tj)?"
    rb"|/(?P<font>\S+) (?P<size>[\d.]+) Tf"
    rb"|1 0 0 -1 (?P<x>-?[\d.]+) (?P<y>-?[\d.]+) Tm"
    rb"|/Span ?<< ?/ActualText <(?P<actual>(?:FEFF|feff)[0-9A-Fa-f]*)> ?>> ?BDC"
    rb"|(?P<end>EMC)"
)
GLYPH_LINE = re.compile(rb"(-?[\d.]+) (-?[\d.]+) Td <([0-9A-Fa-f]+)> Tj")  # the commonest LINE
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
    out: list[bytes] = []
    group: list[_Run] = []  # text objects one after the other on the same line
    done = 0
    for match in TEXT_OBJECT.finditer(data):
        run = _parse(match[1], resources, fonts)
        between = data[done:match.start()]
        if group and (run is None or between != b"\n" or run.y != group[0].y):
            out.append(_show(group))
            group = []
        out.append(between)
        if run is None:
            out.append(match[0])
        else:
            group.append(run)
        done = match.end()
    if group:
        out.append(_show(group))
    out.append(data[done:])
    result = b"".join(out)
    return result if result != data else None


@dataclass
class _Run:
    """One text object as read: its font, origin, glyphs and text."""

    font: Font
    size: float
    font_line: bytes
    x: float
    y: bytes
    glyphs: list[tuple[float, bytes, bytes, float]]  # x from the origin, rise (as written), code, advance
    text: str | None  # None where a glyph has no known text
    spans: bool  # whether Chromium gave it ActualText


def _parse(body: bytes, resources: pikepdf.Dictionary, fonts: Fonts) -> _Run | None:
    """One text object as a font, an origin and glyphs; None if it holds anything else. (The
    commonest lines, a glyph placed on the line and the end of an ActualText span, are read
    before LINE is tried.)"""
    font_line = origin = None
    font: Font | None = None
    size = 0.0
    glyphs: list[tuple[float, bytes, bytes, float]] = []
    line_x = line_y = x = 0.0
    rise = b"0"
    text: list[str | None] = []
    spans = depth = 0
    glyph_line = GLYPH_LINE.fullmatch
    for line in body.split(b"\n"):
        if found := glyph_line(line):  # most lines: a glyph placed on the line
            tx, ty, code = found.groups()
        elif line == b"EMC":
            depth -= 1
            if depth < 0:
                return None
            continue
        else:
            match = LINE.fullmatch(line)
            if match is None or (match["font"] and glyphs) or (match["x"] and (glyphs or origin)):
                return None
            if match["font"]:
                font_line, font, size = line, fonts.get(resources.get("/" + match["font"].decode())), float(match["size"])
                continue
            if match["x"]:
                origin = match
                continue
            if match["actual"]:
                depth, spans = depth + 1, spans + 1
                if depth > 1:
                    return None
                text.append(bytes.fromhex(match["actual"][4:].decode()).decode("utf-16-be"))
                continue
            if match["end"]:
                depth -= 1
                if depth < 0:
                    return None
                continue
            tx, ty, code = match["tx"], match["ty"], match["glyph"]
            if not (tx or code):
                continue
        if font is None or size <= 0 or origin is None:
            return None
        if tx:
            line_x += float(tx)
            x = line_x
            if ty != b"0" and (moved := float(ty)):
                line_y += moved
                rise = _number(round(line_y, 3))  # a thousandth of a unit: 0.0005 pt at most
        if not code:
            continue
        code = code.upper()
        for index in range(0, len(code), 4):
            one = code[index:index + 4] if len(code) > 4 else code
            advance = font.widths.get(one, font.default) * size / 1000
            glyphs.append((x, rise, one, advance))
            if depth == 0:
                text.append(font.text.get(one))
            x += advance
    if depth or font is None or origin is None or not glyphs or (spans and None in text):
        return None
    return _Run(font, size, font_line, float(origin["x"]), origin["y"], glyphs,
                None if None in text else "".join(text), bool(spans))


def _show(group: list[_Run]) -> bytes:
    """Text objects on one line as one: fonts switched where they change, each glyph placed by
    a TJ number, one ActualText for the line when Chromium gave any of them one."""
    if any(run.spans for run in group) and any(run.text is None for run in group):
        return b"\n".join(_show([run]) for run in group)
    first = group[0]
    out = [b"BT", first.font_line, b"1 0 0 -1 " + _number(first.x) + b" " + first.y + b" Tm"]
    if any(run.spans for run in group):
        out.insert(1, b"/Span<</ActualText (" + _literal("".join(run.text or "" for run in group).encode("utf-16-be")
                                                         .join((b"\xfe\xff", b""))) + b")>>BDC")
    position = 0.0  # where the next glyph goes unless told otherwise
    rise = b"0"
    font_line = first.font_line
    items: list[bytes] = []  # the TJ array being written: strings of glyphs and the moves between them
    string: list[bytes] = []  # the glyph codes of the string being collected
    binary = _BINARY
    for run in group:
        if run.font_line != font_line:
            _end_array(out, items, string)
            out.append(run.font_line)
            font_line = run.font_line
        scale = 1000 / run.size
        offset = run.x - first.x
        for x, glyph_rise, code, advance in run.glyphs:
            if glyph_rise != rise:
                _end_array(out, items, string)
                out.append(glyph_rise + b" Ts")
                rise = glyph_rise
            shown = round((position - (offset + x)) * scale, 2)
            if shown:
                position -= shown / scale
                if string:
                    items.append(b"(" + _literal(b"".join(string)) + b")")
                    string.clear()
                items.append(_number(shown))
            string.append(binary.get(code) or binary.setdefault(code, bytes.fromhex(code.decode())))
            position += advance
    _end_array(out, items, string)
    if rise != b"0":
        out.append(b"0 Ts")
    if any(run.spans for run in group):
        out.append(b"EMC")
    out.append(b"ET")
    return b"\n".join(out)


_BINARY: dict[bytes, bytes] = {}  # a glyph code as written in hex, as bytes


def _end_array(out: list[bytes], items: list[bytes], string: list[bytes]) -> None:
    """Ends the TJ array being written (the glyphs as literal strings, two bytes a glyph where
    hex takes four) and starts the next."""
    if string:
        items.append(b"(" + _literal(b"".join(string)) + b")")
        string.clear()
    if items:
        out.append(b"[" + b" ".join(items) + b"] TJ")
        items.clear()


def _literal(data: bytes) -> bytes:
    """Bytes as a PDF literal string (half the size of hex; the stream is compressed anyway)."""
    return (data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r")
            .replace(b"\n", b"\\n"))


def _number(value: float) -> bytes:
    written = _NUMBERS.get(value)
    if written is None:
        written = _NUMBERS[value] = _write_number(value)
    return written


_NUMBERS: dict[float, bytes] = {}


def _write_number(value: float) -> bytes:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    if text.startswith("0."):
        text = text[1:]
    elif text.startswith("-0."):
        text = "-" + text[2:]
    return (text if text not in ("", "-", "-0") else "0").encode()
