"""Shared by the PDF tests: the printed PDFs read the way a reader's PDF viewer or a screen reader
would (their text, laid out or in reading order; the outline; the printed contents; the text each
page draws as artifact or as tagged content), and what the site's pages say they should hold.

The PDF tests need a build with PDFs (``NEEDS_PDFS`` skips them when HANDBOOK_PDF is 0 or
false). pdftotext and pdffonts are poppler-utils.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
import yaml
from pypdf import PdfReader

from conftest import built_pages
from handbook import settings
from pagetext import page_tree, with_class

NEEDS_PDFS = pytest.mark.skipif(not settings.load().pdfs_enabled, reason="built without PDFs (HANDBOOK_PDF is 0 or false)")
ZERO_WIDTH_SPACE = "\u200b"
DOTTED_CIRCLE = "\u25cc"  # what a shaping failure shows instead of a Khmer vowel sign
ARTICLE = f"//article[{with_class('md-content__inner')}]"  # a page's content, without header, menus or footer


def interface_strings() -> dict:
    return yaml.safe_load((settings.ROOT / "docs" / "interface.yml").read_text(encoding="utf-8"))


def squeeze(text: str) -> str:
    """Text as compared: no whitespace, no U+200B (pdftotext adds spaces and keeps U+200B)."""
    return re.sub(r"\s+", "", text.replace(ZERO_WIDTH_SPACE, ""))


def pdftotext(path: Path, first: int | None = None, last: int | None = None, *, layout: bool = True) -> str:
    """The text as laid out on the page, or (``layout`` false) in the PDF's own order, the order
    a reader's copy gives (a page printed in two columns, like the home page's cards, reads
    across both columns when laid out)."""
    command = ["pdftotext", "-enc", "UTF-8", "-layout" if layout else "-raw"]
    if first:
        command += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(command + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number) for every bookmark, in order."""
    entries = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return entries


def workbook_page(built: settings.Settings, language: str) -> str:
    """"My workbook" in one language, relative to the bundle root."""
    page = built.extra["worksheets"]["workbook_page"].removesuffix(".md") + ".html"
    return page if language == built.languages[0] else f"{language}/{page}"


def chapter_titles(built: settings.Settings, language: str) -> list[str]:
    """The title (first heading) of every page of the site in one language but "My workbook"
    (where worksheets are filled in on screen; on paper each is in its chapter): the chapters."""
    titles = []
    for relative in built_pages(built.site_dir, language, built.languages):
        if relative == workbook_page(built, language):
            continue
        headings = page_tree(built.site_dir / relative).xpath(f"{ARTICLE}//h1")
        assert headings, f"{relative} has no title (no h1 in its article)"
        titles.append(" ".join(headings[0].text_content().replace("¶", "").replace(ZERO_WIDTH_SPACE, "").split()))
    return titles


def read_number(text: str, digits: str) -> int | None:
    """The number ``text`` writes in ``digits`` (a language's ten digits, 0 to 9: docs/interface.yml),
    or None when it is not written in them (២៣ is 23 in Khmer digits, 23 is not)."""
    text = text.strip()
    if not text or any(character not in digits for character in text):
        return None
    return int(text.translate(str.maketrans(digits, "0123456789")))


def contents_entries(path: Path, digits: str) -> dict[str, int]:
    """Each entry of the printed contents (title without whitespace) and the page it gives, read
    in ``digits`` (the language's); an entry that wraps ends on the line with the number."""
    entries, pending = {}, ""
    number_at_end = re.compile(rf"^\s*(.*?)\s*([{re.escape(digits)}]+)\s*$")
    for number in range(2, 9):
        lines = pdftotext(path, number).splitlines()
        for line in lines[1:] if number == 2 else lines:  # page 2 starts with the heading "Contents"
            if match := number_at_end.match(line):
                entries.setdefault(squeeze(pending + match[1]), read_number(match[2], digits))
                pending = ""
            elif line.strip():
                pending += line
    return entries


def foot_of_page(path: Path, number: int) -> str:
    """The last line of text of a page: its page number, below every page but the cover."""
    return [line for line in pdftotext(path, number).splitlines() if line.strip()][-1].strip()


@pytest.fixture(scope="session")
def handbooks(built: settings.Settings) -> dict[str, Path]:
    return {language: built.pdf_path(language) for language in built.languages}


def all_pdfs(built: settings.Settings) -> list[Path]:
    return sorted(built.dist_dir.glob("*.pdf"))


def marked_text(path: Path, page_number: int) -> dict:
    """The text a page draws inside artifacts, inside tagged content and outside both, read from
    its content stream (ActualText where a span gives it, else the fonts' ToUnicode maps), and
    (``sequences``) the text of each tagged sequence (a cell, a line of a paragraph …) apart."""
    from handbook.pdf_compact import Font

    with pikepdf.open(path) as document:
        page = document.pages[page_number - 1]
        fonts = {str(name): Font(font) for name, font in page.Resources.Font.items()}
        found = {"artifact": "", "tagged": "", "untagged": ""}
        sequences: list[str] = []
        stack: list[tuple[str, str | None]] = []  # (kind of content, ActualText)
        font = None

        def kind() -> str:
            return next((kind for kind, _ in reversed(stack) if kind), "untagged")

        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BDC", "BMC"):
                properties = operands[1] if len(operands) > 1 else None
                tagged = isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
                actual = properties.get("/ActualText") if isinstance(properties, pikepdf.Dictionary) else None
                stack.append(("artifact" if operands[0] == "/Artifact" else "tagged" if tagged else "",
                              str(actual) if actual is not None else None))
                if tagged:
                    sequences.append("")
            elif name == "EMC" and stack:
                _, actual = stack.pop()
                if actual is not None:
                    found[kind()] += actual
                    if kind() == "tagged":
                        sequences[-1] += actual
            elif name == "Tf":
                font = fonts.get(str(operands[0]))
            elif name in ("Tj", "TJ") and font is not None and not any(actual for _, actual in stack):
                strings = operands[0] if name == "TJ" else [operands[0]]
                codes = b"".join(bytes(item) for item in strings if isinstance(item, pikepdf.String)).hex().upper()
                drawn = "".join(font.text.get(codes[i:i + 4].encode(), "") for i in range(0, len(codes), 4))
                found[kind()] += drawn
                if kind() == "tagged":
                    sequences[-1] += drawn
        return {**found, "sequences": sequences}


def worksheet_schemas(built: settings.Settings, language: str) -> list[dict]:
    """Every worksheet's schema as "My workbook" holds it (the JSON beside each form), in order."""
    found = page_tree(built.site_dir / workbook_page(built, language)).xpath(
        '//script[@type="application/json"][@data-worksheet-schema]')
    return [json.loads(script.text.replace(ZERO_WIDTH_SPACE, "")) for script in found]


def worksheet_texts(schema: dict) -> list[str]:
    """What a worksheet asks on paper: title, intro, every part's legend and help, every field's
    label and help, every choice (the five levels too), every item's label and help."""
    texts = [schema["title"], schema["intro"]]
    for part in schema["parts"]:
        texts += [part["legend"], part["help"]]
        for field in part["fields"]:
            texts += [field["label"], field["help"], *(option["label"] for option in field["options"])]
        for item in part["items"]:
            texts += [item["label"], item["help"]]
    return [squeeze(text) for text in texts if text]


def pack_pages(built: settings.Settings, language: str) -> tuple[Path, dict[str, range]]:
    """The pack of a language and the pages of each worksheet (from its bookmark to the page
    before the next worksheet's)."""
    path = built.pdf_path(language, "worksheets")
    reader = PdfReader(path)
    titles = {squeeze(schema["title"]): schema["id"] for schema in worksheet_schemas(built, language)}
    starts = sorted((page, titles[squeeze(title)]) for _, title, page in outline(reader) if squeeze(title) in titles)
    ends = [page for page, _ in starts[1:]] + [len(reader.pages) + 1]
    return path, {worksheet: range(start, end) for (start, worksheet), end in zip(starts, ends)}


def tagged_text(path: Path, pages) -> str:
    return "".join(squeeze(marked_text(path, number)["tagged"]) for number in pages)


def worksheet_titles(site: Path, language: str, languages) -> dict[str, str]:
    """Each worksheet's id and title on the site's pages in one language."""
    titles = {}
    for relative in built_pages(site, language, languages):
        page = page_tree(site / relative)
        for found in map(str, page.xpath("//@data-worksheet")):
            heading = page.get_element_by_id(f"{found}-title", None)
            titles.setdefault(found, heading.text_content() if heading is not None else found)
    return titles
