"""Marks the word boundaries of Khmer text with U+200B ZERO WIDTH SPACE, so that browsers and the
PDF can wrap long Khmer lines between words and search can tell the words apart (Khmer is
written without spaces between words).

Only the rendered HTML of the pages in ``extra.khmer.language`` changes, never the Markdown
sources: text nodes only, never in attributes, URLs, ``code``/``pre``/``kbd``/``samp``,
``script``/``style``/``textarea``/``title``, SVG, or links named by an ``aria-label``. The
words come from the ``khmercut`` segmenter (see pyproject.toml for why that one).

MkDocs events handled:
- ``on_page_content``: segments the page body, before the search plugin indexes it.
- ``on_post_page``: segments the whole page (navigation, table of contents, header, footer).
- ``on_post_build``: segments the titles of the Khmer search index, which the search plugin takes
  from the page title when a section has no heading (outer build only, after hooks/offline.py
  has given each language its own index), and keeps the words found in ``extra.khmer.cache``
  so that the next build (and ``make serve``) only segments text that changed.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
from pathlib import Path

from handbook.interface import build_language
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

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
ARIA_LABEL = re.compile(r"\saria-label\s*=", re.IGNORECASE)
NAMED_FROM_TEXT = {"a", "button", "summary"}
RAW_TEXT = {"script", "style", "textarea", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# One piece of HTML: a comment, a doctype or processing instruction, a tag (quoted attribute
# values may hold '>'), or text up to the next '<'.
HTML_PIECE = re.compile(
    r"""<!--.*?-->|<![^>]*>|<\?.*?>"""
    r"""|<(?P<close>/)?(?P<name>[a-zA-Z][^\s/>]*)(?:"[^"]*"|'[^']*'|[^'">])*>"""
    r"""|[^<]+|<""",
    re.DOTALL,
)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called after a page is rendered to HTML, before the search plugin indexes it."""
    if not _is_segmented(config):
        return html
    return segment_html(html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Called with the page's final HTML, theme included."""
    if not _is_segmented(config):
        return output
    return segment_html(output)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once per build with the configuration: loads the words of earlier builds."""
    _load_cache(_cache_file(config))
    return config


@event_priority(-300)  # after hooks/offline.py (-200) has split the search index per language
def on_post_build(*, config: MkDocsConfig) -> None:
    """Called once a build has written every page."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    _save_cache(_cache_file(config))
    language = _settings(config)["language"]
    index_file = Path(config.site_dir) / language / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc["title"] = segment_html(doc["title"])
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    index_file.write_text(data, encoding="utf-8")
    index_file.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")


def segment_html(html: str) -> str:
    """The HTML with U+200B between the Khmer words of its text nodes; running it twice gives
    the same result. Khmer text followed by Khmer text across a tag ends with U+200B too: the
    search index drops most tags and would glue ``<a>ហានិភ័យ</a>ដែល`` or two labels into one
    word. (At the end, not the start of the next text: a line that starts with U+200B before a
    vowel written on the left comes out of the PDF in the wrong order.)"""
    out: list[str] = []
    skipping: list[str] = []  # open elements whose text stays as it is
    previous_khmer = False  # whether the last text ended with a Khmer letter
    last_khmer = 0  # where that text is in out
    position = 0
    while position < len(html):
        match = HTML_PIECE.match(html, position)
        piece = match.group(0)
        name = (match.group("name") or "").lower()
        if piece.startswith("<") and name and not skipping and not match.group("close") and name in RAW_TEXT:
            closing = re.compile(f"</{name}", re.IGNORECASE).search(html, match.end())
            end = closing.start() if closing else len(html)
            out.append(html[position:end])
            position = end
            continue
        position = match.end()
        if name:
            if match.group("close"):
                if name in skipping:
                    del skipping[len(skipping) - 1 - skipping[::-1].index(name):]
            elif name not in VOID and not piece.endswith("/>") and (skipping or _keeps_text(name, piece)):
                skipping.append(name)  # every element inside a skipped one, so closing tags pair up
            out.append(piece)
            continue
        if piece.startswith("<") and piece != "<":
            out.append(piece)
            continue
        if skipping or not piece.strip():
            previous_khmer = previous_khmer and not piece.strip()
            out.append(piece)
            continue
        text = segment_text(piece)
        if previous_khmer and KHMER_RUN.match(text) and not NO_BREAK_BEFORE.match(text):
            out[last_khmer] += ZWSP  # at the end of the text before, never at the start of a line
        previous_khmer = bool(KHMER_RUN.search(text[-1]))
        last_khmer = len(out)
        out.append(text)
    return "".join(out)


def _keeps_text(name: str, tag: str) -> bool:
    """Whether an element's text stays as rendered: not prose, or a link named by an aria-label
    that must contain its visible text exactly (attributes never get U+200B)."""
    return name in SKIPPED or (name in NAMED_FROM_TEXT and ARIA_LABEL.search(tag) is not None)


def segment_text(text: str) -> str:
    """Plain text with U+200B between Khmer words (text already segmented stays the same)."""
    def segment(stretch: re.Match) -> str:
        found = stretch.group(0)
        return found if ZWSP in found else ZWSP.join(words(found))

    return KHMER_STRETCH.sub(segment, text)


# Each run of Khmer letters segmented so far, with its words; kept between builds (see on_config).
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
        raise PluginError(f"hooks/khmer.py: the segmenter changed the text {run!r}; upgrade or pin khmercut.")
    _words[run] = tuple(result)
    return _words[run]


def _cache_file(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / _settings(config)["cache"]


def _load_cache(path: Path) -> None:
    """Words from an earlier build by the same segmenter version (anything else is ignored)."""
    try:
        cache = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if cache.get("segmenter") == _segmenter_version():
        _words.update((run, tuple(found)) for run, found in cache.get("words", {}).items())


def _save_cache(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"segmenter": _segmenter_version(), "words": {run: _words[run] for run in sorted(_used)}}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _segmenter_version() -> str:
    return f"{SEGMENTER}=={importlib.metadata.version(SEGMENTER)}"


def _settings(config: MkDocsConfig) -> dict:
    settings = config.extra.get("khmer")
    if not isinstance(settings, dict) or not all(isinstance(settings.get(key), str) for key in ("language", "cache")):
        raise PluginError("mkdocs.yml: 'extra.khmer' needs 'language: km' (the language whose pages get word "
                          "boundaries) and 'cache: build/khmer-words.json' (words kept between builds).")
    return settings


def _is_segmented(config: MkDocsConfig) -> bool:
    return build_language(config) == _settings(config)["language"]
