"""The text of built pages, for the content tests (HTML is parsed, never matched with regular
expressions): the text a reader sees in a page's article, whole or one section at a time
(``article_text``), each text node of a page with the elements around it (``text_nodes``), and
a page's element tree (``page_tree``, lxml, as hooks/page_tree.py reads it) for what the
helpers find by element and attribute.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

import lxml.html

ZWSP = "\u200b"
KHMER = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]")  # a Khmer letter, sign or symbol
# Elements whose text is not prose a reader reads (code, scripts, titles …).
NOT_PROSE = {"script", "style", "code", "pre", "kbd", "samp", "var", "textarea", "title", "svg", "math"}
HEADING = re.compile(r"h[1-6]")
SKIPPED = {"script", "style", "template"}
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


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


class Node(NamedTuple):
    """A text node and the elements it is in, outermost first, each with its attributes."""

    text: str
    around: tuple[tuple[str, dict[str, str | None]], ...]

    @property
    def lang(self) -> str | None:
        """The language of the nearest element that says one."""
        return next((attributes["lang"] for _, attributes in reversed(self.around) if "lang" in attributes), None)

    @property
    def classes(self) -> list[str]:
        """The elements around as ``tag.class`` (``h2.``, ``a.md-nav__link``), outermost first."""
        return [f"{tag}.{attributes.get('class') or ''}" for tag, attributes in self.around]

    def within(self, tags: set[str]) -> bool:
        return any(tag in tags for tag, _ in self.around)


class TextNodes(HTMLParser):
    """Each text node of a page (as it is: U+200B kept) and every attribute value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.nodes: list[Node] = []
        self.attribute_values: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.attribute_values.extend(value for _, value in attrs if value)
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.attribute_values.extend(value for _, value in attrs if value)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        self.nodes.append(Node(data, tuple(self.stack)))


def text_nodes(html: str) -> TextNodes:
    parser = TextNodes()
    parser.feed(html)
    return parser


@functools.cache
def _page_nodes(path: Path, version: tuple[int, int]) -> TextNodes:
    return text_nodes(path.read_text(encoding="utf-8"))


def page_nodes(path: Path) -> TextNodes:
    """A built page's text nodes, parsed once per version (modification time and size) of the file."""
    return _page_nodes(path, (path.stat().st_mtime_ns, path.stat().st_size))


def with_class(name: str) -> str:
    """An XPath test for an element whose class attribute lists ``name``."""
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


def page_tree(path: Path) -> lxml.html.HtmlElement:
    """A built page's element tree (lxml parses HTML as browsers do)."""
    assert path.exists(), f"{path} was not built"
    return lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
