"""Makes the built site self-contained for file:// and checks that it is. (A translated page
searches its own language's index: overrides/main.html's ``config`` block sets Material's base.)

A page is read as HTML (lxml, in the parse hooks/csp.py makes of the same page anyway:
hooks/page_tree.py): what its elements load (``src`` of scripts, images, frames and media,
``href`` of ``<link>``) and the CSS of its ``<style>`` elements and ``style`` attributes. Stylesheets
and scripts are searched as text for what they would load.

MkDocs events handled:
- ``on_pre_build`` (outer build only: mkdocs-static-i18n runs one nested build per extra language
  inside the first build's ``on_post_build``): forgets the pages of an earlier build.
- ``on_post_page`` (after every hook that changes the page, before hooks/csp.py): notes what the
  page would load from outside the site.
- ``on_post_build`` (outer build only, after hooks/search_index.py): drops the source maps the
  bundle never uses, reads the other HTML files (404.html) and every stylesheet and script, and
  fails the build if anything would load from outside the site.

The print pages (hooks/print_page.py) are not read here: they are no part of the bundle (they
leave site/ once printed), and the PDF stage prints them in a Chromium tab that refuses, and
stops on, any request for something outside site/ (handbook/chromium.py): a browser's check of
what they really load.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import page_tree
from handbook.languages import languages
from handbook.print_pages import HANDBOOK_PAGE, PACK_PAGE
from page_tree import DATA_TYPES
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.offline")

# An address on another host: http(s)://… or //….
OUTSIDE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
# What a browser fetches by itself: the attribute it fetches, by element.
LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
           "embed": "src", "link": "href"}
# In CSS: an import or a url() of another host.
CSS_OUTSIDE = re.compile(r"""@import\s+(?:url\()?["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", re.IGNORECASE)
# In a script or a stylesheet: markup or CSS that would load from another host once used.
IN_TEXT = re.compile(
    r"""(?:<(?:script|img|iframe|source|audio|video|embed)\b[^>]*?\ssrc|<link\b[^>]*?\shref)=["']?(?:https?:)?//"""
    + "|" + CSS_OUTSIDE.pattern,
    re.IGNORECASE,
)

_offenders: dict[Path, list[str]] = {}  # by page written in this build: what it would load from outside


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Called before a build starts."""
    i18n = config.plugins.get("i18n")
    if i18n is None or not i18n.building:
        _offenders.clear()


@event_priority(-90)  # after every hook that changes the page; hooks/csp.py (-100) reads the same parse
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Called with each page's final HTML."""
    _offenders[Path(page.file.abs_dest_path)] = outside_resources(output)
    return output


@event_priority(-250)  # after mkdocs-static-i18n (-100) and hooks/search_index.py (-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Called once a build has written every page."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    site = Path(config.site_dir)
    for source_map in site.rglob("*.map"):
        source_map.unlink()
    print_pages = {site / page.format(language=language) for page in (HANDBOOK_PAGE, PACK_PAGE)
                   for language in languages(config)}
    _check_no_external_resources(site, skip=print_pages)


def outside_resources(html: str) -> list[str]:
    """What the page would load from outside the site, as written (empty when nothing)."""
    if not html.strip():
        return []
    document = page_tree.read(html)
    found = []
    for element in document.iter(*LOADING, "style"):
        name = LOADING.get(element.tag)
        value = element.get(name) if name else None
        if value is not None and OUTSIDE.match(value):
            found.append(f"<{element.tag} {name}={value!r}>")
        elif element.tag == "style" and CSS_OUTSIDE.search(element.text or ""):
            found += [f"<style>{item}" for item in _in_text(element.text, CSS_OUTSIDE)]
        elif (element.tag == "script" and value is None and (element.get("type") or "").lower() not in DATA_TYPES
              and IN_TEXT.search(element.text or "")):
            found += [f"<script>{item}" for item in _in_text(element.text, IN_TEXT)]
    for style in document.xpath("//@style"):
        if CSS_OUTSIDE.search(style):
            found.append(f"<{style.getparent().tag} style={str(style)!r}>")
    return found


def _in_text(text: str, pattern: re.Pattern) -> list[str]:
    """Each match in a stylesheet or script, with what follows it."""
    return [repr(text[match.start():match.end() + 40]) for match in pattern.finditer(text)]


def _check_no_external_resources(site: Path, *, skip: set[Path]) -> None:
    offenders = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in {".html", ".css", ".js"} or path in skip:
            continue
        if path.suffix == ".html":
            found = _offenders[path] if path in _offenders else \
                outside_resources(path.read_text(encoding="utf-8", errors="replace"))
        else:
            found = _in_text(path.read_text(encoding="utf-8", errors="replace"), IN_TEXT)
        offenders += [f"{path.relative_to(site)}: {item}" for item in found]
    if offenders:
        raise PluginError("The site would load files from the internet:\n  " + "\n  ".join(offenders[:20]))

