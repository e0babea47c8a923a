"""Khmer word boundaries in text and in HTML (shared by hooks/khmer.py and hooks/search_index.py;
not a hook itself): U+200B ZERO WIDTH SPACE between the words the ``khmercut`` segmenter finds
(see pyproject.toml for why that one), in text nodes only.

HTML is read with ``html.parser.HTMLParser``: text inside ``code``/``pre``/``kbd``/``samp``/
``var``, ``script``/``style``/``textarea``/``title``, SVG and MathML, and the text of links and
buttons named by an ``aria-label`` stays exactly as it is, and so do attributes, comments and
character references. Everything but the changed text nodes is copied byte for byte.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from handbook import options
from mkdocs.exceptions import PluginError


class KhmerOptions(options.Options):
    """the language whose pages get word boundaries, and the words kept between builds"""

    SECTION = "khmer"
    language = options.Text(help="the language whose pages get U+200B between words, e.g. km")
    cache = options.Text(help="the file keeping the words found by earlier builds, e.g. build/khmer-words.json")


def segmented_language(config) -> str:
    """``extra.khmer.language``: the language whose pages and search titles get word boundaries."""
    return options.read(config, KhmerOptions).language


ZWSP = "\u200b"
SEGMENTER = "khmercut"
KHMER_RUN = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]+")
# Khmer text with any boundaries it already has: a stretch that holds U+200B was segmented before.
KHMER_STRETCH = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff\u200b]+")
# Characters that continue the cluster or word before them: vowel signs, signs, coeng, and the
# marks that must not start a line (repetition sign ៗ, full stops ។ ៕, colon ៖, Bariyoosan ៚).
NO_BREAK_BEFORE = re.compile(r"^[\u17b4-\u17d3\u17d4-\u17d7\u17da\u17dd]")
# Elements whose text is not prose: left exactly as rendered.
SKIPPED = {"code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "title", "svg", "math"}
# A link or button named by aria-label (Material's footer links): screen readers expect its
# visible text inside the label, which as an attribute has no U+200B. (Landmarks such as <nav>
# are named by aria-label too, but not from their text: theirs is segmented.)
NAMED_FROM_TEXT = {"a", "button", "summary"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Segmenter(HTMLParser):
    """Walks a document and copies it, with U+200B added to the Khmer text nodes that are prose.
    ``previous_khmer``: the text before the document ended with a Khmer letter (out[0] is then
    where the U+200B that ends it goes, if Khmer text follows)."""

    def __init__(self, html: str, *, previous_khmer: bool = False) -> None:
        super().__init__(convert_charrefs=False)  # references stay as written; text around them is data
        self.html = html
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.out: list[str] = [""]
        self.copied = 0  # html[:copied] is in out
        self.skipping: list[str] = []  # open elements whose text stays as it is
        self.previous_khmer = previous_khmer  # whether the last prose text ended with a Khmer letter
        self.last_khmer = 0  # where that text is in out
        self.opens_khmer: bool | None = None  # whether the first text (or reference) is Khmer joining the text before

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        named = tag in NAMED_FROM_TEXT and any(name == "aria-label" for name, _ in attrs)
        if self.skipping or tag in SKIPPED or named:
            self.skipping.append(tag)  # every element inside a skipped one, so closing tags pair up

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipping:
            del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag):]

    def handle_entityref(self, name: str) -> None:
        self._first(False)
        self.previous_khmer = False

    handle_charref = handle_entityref

    def handle_data(self, data: str) -> None:
        if self.skipping or not data.strip():
            if data.strip():
                self._first(False)
            self.previous_khmer = self.previous_khmer and not data.strip()
            return
        text = segment_text(data)
        if text == data and not KHMER_RUN.search(data):
            self._first(False)
            self.previous_khmer = False
            return
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        self.out.append(self.html[self.copied:start])
        joins = bool(KHMER_RUN.match(text)) and not NO_BREAK_BEFORE.match(text)
        self._first(joins)
        if self.previous_khmer and joins:
            self.out[self.last_khmer] += ZWSP  # at the end of the text before, never at the start of a line
        self.previous_khmer = bool(KHMER_RUN.match(text[-1]))
        self.last_khmer = len(self.out)
        self.out.append(text)
        self.copied = start + len(data)

    def _first(self, joins: bool) -> None:
        if self.opens_khmer is None:
            self.opens_khmer = joins

    def result(self) -> str:
        """The document with its word boundaries (and out[0], the end of the text before it)."""
        self.feed(self.html)
        self.close()
        return self.text()

    def text(self) -> str:
        return "".join(self.out[1:]) + self.html[self.copied:]

    def clean(self) -> bool:
        """Whether what follows the document is read as it would be on its own (no element whose
        text is left as it is, nor a script or style, is still open)."""
        return not self.skipping and self.cdata_elem is None


def segment_html(html: str) -> str:
    """The HTML with U+200B between the Khmer words of its text nodes; running it twice gives
    the same result. Khmer text followed by Khmer text across a tag ends with U+200B too: the
    search index drops most tags and would glue ``<a>ហានិភ័យ</a>ដែល`` or two labels into one
    word. (At the end, not the start of the next text: a line that starts with U+200B before a
    vowel written on the left comes out of the PDF in the wrong order.)"""
    if not KHMER_RUN.search(html):
        return html
    return _Segmenter(html).result()


@dataclass(frozen=True)
class Fragment:
    """A page's body segmented on its own (hooks/khmer.py, ``on_page_content``), and how its text
    meets the text around it once the theme puts it in the page."""

    html: str
    opens_khmer: bool  # its first text is Khmer that joins Khmer text before it
    ends_khmer: bool  # its last text ends with a Khmer letter
    last_khmer_end: int  # where that text ends in html


def segment_fragment(html: str) -> tuple[str, Fragment | None]:
    """``segment_html(html)``, and the fragment that ``segment_page`` can leave as it is, when
    ``html`` starts and ends with a tag, holds Khmer and leaves no element open."""
    if not KHMER_RUN.search(html):
        return html, None
    segmenter = _Segmenter(html)
    result = segmenter.result()
    if not (html.startswith("<") and html.endswith(">")) or not segmenter.clean() or segmenter.opens_khmer is None:
        return result, None
    end = sum(len(part) for part in segmenter.out[1:segmenter.last_khmer + 1])
    return result, Fragment(result, segmenter.opens_khmer, segmenter.previous_khmer, end)


def segment_page(html: str, fragment: Fragment | None) -> str:
    """``segment_html(html)`` for a page that holds ``fragment`` (its body, segmented already):
    only the text around it is read (the navigation, header and footer), and its first and last
    text joined to the text beside them as ``segment_html`` would."""
    if fragment is None or html.count(fragment.html) != 1:
        return segment_html(html)
    at = html.index(fragment.html)
    head = _Segmenter(html[:at])
    before = head.result()
    if not head.clean() or not html[:at].rstrip().endswith(">"):
        return segment_html(html)
    if head.previous_khmer and fragment.opens_khmer:
        head.out[head.last_khmer] += ZWSP
        before = head.text()
    tail = _Segmenter(html[at + len(fragment.html):], previous_khmer=fragment.ends_khmer)
    after = tail.result()
    body = fragment.html
    if tail.out[0] == ZWSP:
        body = body[:fragment.last_khmer_end] + ZWSP + body[fragment.last_khmer_end:]
    return before + body + after


def segment_text(text: str) -> str:
    """Plain text with U+200B between Khmer words (text already segmented stays the same)."""
    def segment(stretch: re.Match) -> str:
        found = stretch.group(0)
        return found if ZWSP in found else ZWSP.join(words(found))

    return KHMER_STRETCH.sub(segment, text)


# Each run of Khmer letters segmented so far, with its words; kept between builds (see load_cache).
_words: dict[str, tuple[str, ...]] = {}
_used: set[str] = set()  # the runs of this build: only these are kept


def words(run: str) -> tuple[str, ...]:
    """The words of a run of Khmer letters, as the segmenter sees them, never split inside a
    cluster nor before a mark that must stay with the word before it."""
    _used.add(run)
    if run in _words:
        return _words[run]
    from khmercut import tokenize

    result: list[str] = []
    for token in tokenize(run):
        if result and NO_BREAK_BEFORE.match(token):
            result[-1] += token
        else:
            result.append(token)
    if "".join(result) != run:
        raise PluginError(f"hooks/khmer_text.py: the segmenter changed the text {run!r}; upgrade or pin khmercut.")
    _words[run] = tuple(result)
    return _words[run]


def load_cache(path: Path) -> None:
    """Words from an earlier build by the same segmenter version (anything else is ignored)."""
    try:
        cache = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if cache.get("segmenter") == _segmenter_version():
        _words.update((run, tuple(found)) for run, found in cache.get("words", {}).items())


def save_cache(path: Path) -> None:
    """Keeps the words of this build's text for the next build."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"segmenter": _segmenter_version(), "words": {run: _words[run] for run in sorted(_used)}}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _segmenter_version() -> str:
    return f"{SEGMENTER}=={importlib.metadata.version(SEGMENTER)}"
