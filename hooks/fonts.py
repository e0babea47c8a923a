"""Preloads the bundled font files each page's text uses, so that the browser has them when it
first lays the page out and the text does not jump when they arrive (layout shift). Which file
covers which characters is the ``unicode-range`` of its ``@font-face`` in the fonts stylesheet,
the one place those facts live (read by handbook/fonts.py).

MkDocs events handled:
- ``on_config``: reads the ``@font-face`` rules (file, weight, unicode-range) of the fonts stylesheet.
- ``on_page_context``: gives the template ``hb_font_preloads``, the font files (regular and
  bold) whose ranges hold a character of the page's body, title or navigation titles, and the
  bold ones for the names of the other languages (the language switch in the header and on the
  home page is bold). overrides/main.html lists them for assets/javascripts/font-preload.js.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook import fonts
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

_faces: list[tuple[fonts.Face, re.Pattern]] = []  # each face, with a pattern finding a character it covers


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once per build with the configuration."""
    _faces.clear()
    try:
        _faces.extend((face, _any_of(face.covered)) for face in fonts.faces(Path(config.theme.custom_dir)))
    except OSError as error:
        raise PluginError(f"hooks/fonts.py: cannot read {error.filename} ({error.strerror}).") from None
    except ValueError as error:
        raise PluginError(str(error)) from None
    return config


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    """Called before a page's template is rendered."""
    every_page = _every_page(config, nav)
    text = (page.content or "") + "\n" + (page.title or "")
    context["hb_font_preloads"] = [face.file for face, covered in _faces if face in every_page or covered.search(text)]
    return context


_every_page_faces: tuple[object, set[fonts.Face]] | None = None  # for one language's navigation


def _every_page(config: MkDocsConfig, nav) -> set[fonts.Face]:
    """The faces every page of the language needs: those of the navigation titles, and the bold
    ones of the language switch (found once per language, not once per page)."""
    global _every_page_faces
    if _every_page_faces is None or _every_page_faces[0] is not nav:
        titles = "\n".join([item.title or "" for item in nav.pages] + [section.title or "" for section in _sections(nav.items)])
        switch = "".join(str(alternate.get("name", "")) for alternate in config.extra.get("alternate", []))
        _every_page_faces = (nav, {face for face, covered in _faces
                                   if covered.search(titles) or (face.bold and covered.search(switch))})
    return _every_page_faces[1]


def _any_of(characters: frozenset[str]) -> re.Pattern:
    """A pattern matching any one of ``characters`` (a class of ranges of code points)."""
    points = sorted(map(ord, characters))
    ranges: list[list[int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return re.compile("[" + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in ranges) + "]")


def _sections(items: list) -> list:
    found = []
    for item in items:
        if item.is_section:
            found += [item, *_sections(item.children)]
    return found
