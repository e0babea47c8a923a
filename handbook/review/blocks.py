"""Reads a built page into sections and blocks, and pairs the English and Khmer pages.

A section starts at a heading with an id (the page's top section at the title, whose id differs
between languages); a block is one paragraph, list item, table row, term or definition, caption,
worksheet legend, label, help text or choice list: what a reviewer reads and comments on as one
unit. Sections are paired by heading id, blocks by their order within the section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

ZWSP = "\u200b"
TOP = "top"
HEADING = re.compile(r"h[1-6]")
# Elements whose text is one block. A block nested in another (a list inside a list item) ends
# the outer block's text where it starts.
BLOCKS = {"p", "li", "tr", "dt", "dd", "figcaption", "caption", "legend", "label", "summary", "select", "button"}
CELLS = {"td", "th", "option"}
# Not the page's translatable text: scripts, the worksheet row template (its first row is in the
# page), the ¶ links, the PDF links, the translation notices, the worksheet toolbar, the sources.
SKIPPED_TAGS = {"script", "style", "template", "noscript", "svg", "datalist"}
SKIPPED_CLASSES = {"headerlink", "hb-downloads", "hb-translation-notice", "hb-ws-toolbar", "hb-page-source"}
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "area", "col"}


@dataclass
class Section:
    id: str
    blocks: list[str] = field(default_factory=list)


class PageReader(HTMLParser):
    """The article of a built page as sections of text blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.skipping: list[str] = []
        self.open_blocks: list[list[str]] = []  # text of each block element still open
        self.sections: list[Section] = [Section(TOP)]
        self.title = ""
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if not self.in_article or tag in VOID:
            if tag == "br" and self.open_blocks:
                self.open_blocks[-1].append(" ")
            return
        classes = set((attributes.get("class") or "").split())
        if self.skipping or tag in SKIPPED_TAGS or classes & SKIPPED_CLASSES:
            self.skipping.append(tag)
            return
        if HEADING.fullmatch(tag):
            self._heading = []
            if attributes.get("id") and tag != "h1":
                self.sections.append(Section(attributes["id"]))
        elif tag in BLOCKS:
            if self.open_blocks:
                self._flush(self.open_blocks[-1])
            self.open_blocks.append([])
        elif tag in CELLS and self.open_blocks and "".join(self.open_blocks[-1]).strip():
            self.open_blocks[-1].append(" | ")

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        if not self.in_article or tag in VOID:
            return
        if self.skipping:
            if self.skipping[-1] == tag:
                self.skipping.pop()
            return
        if HEADING.fullmatch(tag) and self._heading is not None:
            text = _clean("".join(self._heading))
            if tag == "h1" and not self.title:
                self.title = text
            if text:
                self.sections[-1].blocks.append(text)
            self._heading = None
        elif tag in BLOCKS and self.open_blocks:
            self._flush(self.open_blocks.pop())

    def handle_data(self, data):
        if not self.in_article or self.skipping:
            return
        if self._heading is not None:
            self._heading.append(data)
        elif self.open_blocks:
            self.open_blocks[-1].append(data)

    def _flush(self, parts: list[str]) -> None:
        text = _clean("".join(parts))
        parts.clear()
        if text and text.strip(" |"):
            self.sections[-1].blocks.append(text.strip(" |"))


def _clean(text: str) -> str:
    return " ".join(text.replace(ZWSP, "").replace("¶", "").split())


def read_page(html: str) -> tuple[str, list[Section]]:
    """The page's title and its sections, each with its blocks in order."""
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader.title, [section for section in reader.sections if section.blocks or section.id != TOP]


@dataclass
class Row:
    """One English block beside the Khmer block at the same place, either may be missing."""

    section: str
    number: int  # 1-based, within the section
    english: str | None
    khmer: str | None


def align(english: list[Section], khmer: list[Section]) -> list[Row]:
    """Rows in the English page's order: sections paired by heading id, blocks by order; Khmer
    sections the English page does not have come last."""
    by_id = {section.id: section for section in khmer}
    rows: list[Row] = []
    for section in english:
        other = by_id.pop(section.id, None)
        theirs = other.blocks if other else []
        for number in range(max(len(section.blocks), len(theirs))):
            rows.append(Row(section.id, number + 1,
                            section.blocks[number] if number < len(section.blocks) else None,
                            theirs[number] if number < len(theirs) else None))
    for section in by_id.values():
        rows.extend(Row(section.id, number + 1, None, block) for number, block in enumerate(section.blocks))
    return rows
