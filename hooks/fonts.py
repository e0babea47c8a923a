"""Preloads the bundled font files each page's text uses, so that the browser has them when it
first lays the page out and the text does not jump when they arrive (layout shift). Which file
covers which characters is read from the ``@font-face`` rules of ``FONTS_CSS`` (their
``unicode-range``), the one place those facts live.

MkDocs events handled:
- ``on_config``: reads the ``@font-face`` rules (file, unicode-range) of the fonts stylesheet.
- ``on_page_context``: gives the template ``hb_font_preloads``, the font files (regular and
  bold) whose ranges hold a character of the page's body, title or navigation titles, and the
  bold ones for the names of the other languages (the language switch in the header and on the
  home page is bold). overrides/main.html lists them for assets/javascripts/font-preload.js.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

FONTS_CSS = Path("assets") / "stylesheets" / "fonts.css"
FONT_FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}")
WEIGHT = re.compile(r"font-weight:\s*(?P<weight>\d+)")
SOURCE = re.compile(r"""src:\s*url\(["']?(?P<url>[^"')]+\.woff2)["']?\)""")
RANGE = re.compile(r"U\+(?P<start>[0-9A-Fa-f]+)(?:-(?P<end>[0-9A-Fa-f]+))?")

_faces: list[tuple[str, bool, frozenset[str]]] = []  # (file under the site root, bold, characters covered)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once per build with the configuration."""
    css = Path(config.theme.custom_dir) / FONTS_CSS
    try:
        text = css.read_text(encoding="utf-8")
    except OSError as error:
        raise PluginError(f"hooks/fonts.py: cannot read {css} ({error.strerror}).") from None
    _faces.clear()
    for face in FONT_FACE.finditer(text):
        source = SOURCE.search(face["body"])
        declared = face["body"].partition("unicode-range:")[2].partition(";")[0]
        if source is None or not declared:
            raise PluginError(f"{css}: every @font-face needs a woff2 src and a unicode-range "
                              f"(hooks/fonts.py preloads by range): {face.group(0)[:80]!r}")
        covered = frozenset(chr(point) for m in RANGE.finditer(declared)
                            for point in range(int(m["start"], 16), int(m["end"] or m["start"], 16) + 1))
        weight = WEIGHT.search(face["body"])
        bold = weight is not None and int(weight["weight"]) >= 600
        _faces.append((posixpath.normpath(posixpath.join(FONTS_CSS.parent.as_posix(), source["url"])), bold, covered))
    return config


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    """Called before a page's template is rendered."""
    titles = [item.title or "" for item in nav.pages] + [section.title or "" for section in _sections(nav.items)]
    used = set("".join([page.content or "", page.title or "", *titles]))
    switch = set("".join(str(alternate.get("name", "")) for alternate in config.extra.get("alternate", [])))
    context["hb_font_preloads"] = [file for file, bold, covered in _faces
                                   if not covered.isdisjoint(used) or (bold and not covered.isdisjoint(switch))]
    return context


def _sections(items: list) -> list:
    found = []
    for item in items:
        if item.is_section:
            found += [item, *_sections(item.children)]
    return found
