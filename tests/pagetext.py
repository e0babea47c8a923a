"""The text a reader sees in a built page's article, whole or one section at a time (helper for
the content tests; HTML is parsed, never matched with regular expressions)."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

ZWSP = "\u200b"
HEADING = re.compile(r"h[1-6]")
SKIPPED = {"script", "style", "template"}


class ArticleText(HTMLParser):
    """The article's text, with the position where each heading (with its level and id) starts."""

    def __init__(self, skip: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = SKIPPED | skip
        self.depth = 0
        self.skipped: list[str] = []  # open elements whose text is not read (scripts, ¶ links)
        self.parts: list[str] = []
        self.headings: list[tuple[int, int, str]] = []  # (offset, level, id)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in self.skip or "headerlink" in (attributes.get("class") or ""):
            self.skipped.append(tag)
        if HEADING.fullmatch(tag) and attributes.get("id"):
            self.headings.append((len(self.text), int(tag[1]), attributes["id"]))
        if tag in {"p", "li", "tr", "td", "th", "br", "div", "dd", "dt", "blockquote"} or HEADING.fullmatch(tag):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if self.skipped and self.skipped[-1] == tag:
            self.skipped.pop()

    def handle_data(self, data):
        if self.depth and not self.skipped:
            self.parts.append(data.replace(ZWSP, ""))

    @property
    def text(self) -> str:
        return "".join(self.parts)


@functools.cache
def _parsed(path: Path, version: tuple[int, int], skip: frozenset[str] = frozenset()) -> ArticleText:
    """The page parsed, once per version (modification time and size) of the file."""
    parser = ArticleText(skip)
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def article_text(path: Path, section: str | None = None, *, skip: frozenset[str] = frozenset()) -> str:
    """The article's text, or the text of the section under the heading with id `section` (up to
    the next heading of the same or a higher level), without the elements named in `skip`.
    Whitespace is collapsed, U+200B removed."""
    assert path.exists(), f"{path} was not built"
    parsed = _parsed(path, (path.stat().st_mtime_ns, path.stat().st_size), skip)
    text = parsed.text
    if section is not None:
        starts = [(offset, level) for offset, level, heading in parsed.headings if heading == section]
        assert starts, f"{path.name} has no section #{section}"
        start, level = starts[0]
        end = next((offset for offset, other, _ in parsed.headings if offset > start and other <= level), len(text))
        text = text[start:end]
    return " ".join(text.split())
