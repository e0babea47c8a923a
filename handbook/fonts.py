"""The bundled fonts as overrides/assets/stylesheets/fonts.css declares them, the one place those
facts live: each ``@font-face``'s woff2 file, whether it is bold and the characters its
``unicode-range`` covers, read with tinycss2 (a CSS parser). hooks/fonts.py preloads a page's
files by these ranges; the review view (handbook/review/) ships the same stylesheet and files.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

import tinycss2

from handbook.settings import ROOT

STYLESHEET = "assets/stylesheets/fonts.css"  # under overrides/, and so under site/
BOLD = 600  # font-weight from which a face is bold


@dataclass(frozen=True)
class Face:
    file: str  # under the site's root (assets/fonts/…)
    bold: bool
    covered: frozenset[str]


def faces(overrides: Path = ROOT / "overrides") -> list[Face]:
    """Every ``@font-face`` of the fonts stylesheet; ValueError naming the file and line of a rule
    without a woff2 ``src`` or a ``unicode-range`` (both are needed to preload by range)."""
    css = overrides / STYLESHEET
    found = []
    for rule in tinycss2.parse_stylesheet(css.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True):
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face":
            continue
        values = {declaration.lower_name: [token for token in declaration.value if token.type not in {"whitespace", "literal"}]
                  for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
                  if declaration.type == "declaration"}
        urls = [_url(token) for token in values.get("src", [])]
        woff2 = next((url for url in urls if url and url.endswith(".woff2")), None)
        ranges = [token for token in values.get("unicode-range", []) if token.type == "unicode-range"]
        if woff2 is None or not ranges:
            raise ValueError(f"{css}:{rule.source_line}: every @font-face needs a woff2 src and a unicode-range "
                             f"(hooks/fonts.py preloads the files by range).")
        weight = values.get("font-weight", [])
        bold = bool(weight) and weight[0].type == "number" and weight[0].value >= BOLD
        covered = frozenset(chr(point) for token in ranges for point in range(token.start, token.end + 1))
        found.append(Face(posixpath.normpath(posixpath.join(posixpath.dirname(STYLESHEET), woff2)), bold, covered))
    return found


def _url(token) -> str | None:
    """The address of ``url(…)`` (quoted or not) in a ``src`` value."""
    if token.type == "url":
        return token.value
    if token.type == "function" and token.lower_name == "url":
        strings = [argument.value for argument in token.arguments if argument.type == "string"]
        return strings[0] if strings else None
    return None
