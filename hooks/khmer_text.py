"""Khmer word boundaries in text and in HTML (shared by hooks/khmer.py and hooks/search_index.py;
not a hook itself): U+200B ZERO WIDTH SPACE between the words the ``khmercut`` segmenter finds
(see pyproject.toml for why that one), in text nodes only.

HTML is read and written back by hooks/page_tree.py: the document a browser reads is the same but
for the U+200B (``tests/test_khmer_text.py``). Text inside
``code``/``pre``/``kbd``/``samp``/``var``, ``script``/``style``/``textarea``/``title``, SVG and
MathML, the text of links and buttons named by an ``aria-label``, attributes and comments stay
as they are.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
from pathlib import Path

import lxml.etree
from handbook import options
from mkdocs.exceptions import PluginError

import page_tree


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
# The final consonant of the syllable before, which the segmenter may split off: a consonant (with
# its subscript) under bantoc ់, robat ៌ or toandakhiat ៍ (បន្ទាប់, ធម៌, ឧទាហរណ៍), or any
# consonant after samyok sannya ័, which always takes one (ឧបសម្ព័ន្ធ, ព័ត៌មាន).
FINAL_CONSONANT = re.compile(r"^[\u1780-\u17a2](?:\u17d2[\u1780-\u17a2])*[\u17cb-\u17cd]")
TAKES_FINAL = "\u17d0"
# What changes how words() cuts a run, besides the segmenter's version: words kept by other rules are not used.
RULES = 2
# Elements whose text is not prose: left exactly as rendered.
SKIPPED = {"code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "title", "svg", "math"}
# A link or button named by aria-label (Material's footer links): screen readers expect its
# visible text inside the label, which as an attribute has no U+200B. (Landmarks such as <nav>
# are named by aria-label too, but not from their text: theirs is segmented.)
NAMED_FROM_TEXT = {"a", "button", "summary"}

# Each run of Khmer letters segmented so far, with its words; kept between builds (see load_cache).
_words: dict[str, tuple[str, ...]] = {}
_used: set[str] = set()  # the runs of this build: only these are kept
_kept: set[str] = set()  # the runs the kept file held when this build started
_segmented: dict[str, str] = {}  # each text segmented in this process, as it came out


def segment_html(html: str) -> str:
    """A fragment of HTML (a page's body, a search title) with U+200B between the Khmer words of
    its text nodes; running it twice gives the same result. Khmer text followed by Khmer text
    across a tag ends with U+200B too: the search index drops most tags and would glue
    ``<a>ហានិភ័យ</a>ដែល`` or two labels into one word. (At the end, not the start of the next
    text: a line that starts with U+200B before a vowel written on the left comes out of the PDF
    in the wrong order.)"""
    if not KHMER_RUN.search(html):
        return html
    if "<" not in html and "&" not in html:
        return segment_text(html)
    wrapper = page_tree.read_fragment(html)
    return page_tree.write_fragment(wrapper) if _segment_tree(wrapper) else html


def segment_document(html: str) -> str:
    """``segment_html`` for a whole page (doctype, head and body)."""
    if not KHMER_RUN.search(html):
        return html
    document = page_tree.read(html)
    return page_tree.write(document) if _segment_tree(document) else html


def _segment_tree(root: lxml.etree._Element) -> bool:
    """Adds U+200B to the prose text nodes under ``root``, in document order; whether any changed."""
    changed = False
    last: tuple[lxml.etree._Element, str] | None = None  # where the last prose text ended with a Khmer letter
    skipping = 0  # open elements whose text stays as it is (the first one and every one inside it)
    for event, element in lxml.etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event == "start":
            if skipping or element.tag in SKIPPED or (
                    element.tag in NAMED_FROM_TEXT and element.get("aria-label") is not None):
                skipping += 1
            text, slot = element.text, "text"
        else:  # the end of an element, or a comment or processing instruction (whose own text is not the page's)
            if event == "end" and skipping:
                skipping -= 1
            if element is root:
                break
            text, slot = element.tail, "tail"  # read as part of the element around it
        if not text:
            continue
        if skipping or not text.strip():
            if text.strip():
                last = None  # text that is not prose ends the run of Khmer text
            continue  # white space between two Khmer texts keeps them apart only for the eye
        segmented = segment_text(text)
        if segmented == text and not KHMER_RUN.search(text):
            last = None
            continue
        if last is not None and KHMER_RUN.match(segmented) and not NO_BREAK_BEFORE.match(segmented):
            setattr(last[0], last[1], getattr(last[0], last[1]) + ZWSP)  # at the end of the text before
            changed = True
        if segmented != text:
            setattr(element, slot, segmented)
            changed = True
        last = (element, slot) if KHMER_RUN.match(segmented[-1]) else None
    return changed


def segment_text(text: str) -> str:
    """Plain text with U+200B between Khmer words (text already segmented stays the same)."""
    if text not in _segmented:  # every page repeats the navigation's, header's and footer's texts
        _segmented[text] = KHMER_STRETCH.sub(_segment_stretch, text)
    return _segmented[text]


def _segment_stretch(stretch: re.Match) -> str:
    found = stretch.group(0)
    return found if ZWSP in found else ZWSP.join(words(found))


def words(run: str) -> tuple[str, ...]:
    """The words of a run of Khmer letters, as the segmenter sees them, never split inside a
    cluster, before a mark that must stay with the word before it, nor before the final consonant
    of a syllable."""
    _used.add(run)
    if run in _words:
        return _words[run]
    from khmercut import tokenize

    result: list[str] = []
    for token in tokenize(run):
        if result and (NO_BREAK_BEFORE.match(token) or FINAL_CONSONANT.match(token) or result[-1].endswith(TAKES_FINAL)):
            result[-1] += token
        else:
            result.append(token)
    if "".join(result) != run:
        raise PluginError(f"hooks/khmer_text.py: the segmenter changed the text {run!r}; upgrade or pin khmercut.")
    _words[run] = tuple(result)
    return _words[run]


def load_cache(path: Path) -> None:
    """Words from an earlier build by the same segmenter version (anything else is ignored)."""
    _kept.clear()
    try:
        cache = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if cache.get("segmenter") == _segmenter_version():
        kept = cache.get("words", {})
        _words.update((run, tuple(found)) for run, found in kept.items())
        _kept.update(kept)


def save_cache(path: Path) -> None:
    """Keeps the words of this build's text for the next build (a file that holds them already
    stays as it is)."""
    if _used == _kept:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"segmenter": _segmenter_version(), "words": {run: _words[run] for run in sorted(_used)}}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    _kept.clear()
    _kept.update(_used)


def _segmenter_version() -> str:
    return f"{SEGMENTER}=={importlib.metadata.version(SEGMENTER)}, rules {RULES}"
