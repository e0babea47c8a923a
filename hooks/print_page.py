"""The print pages that handbook/pdf.py turns into PDFs, written in the site build itself:
``print-<language>.html`` (cover, contents, then every page of the navigation in order, each a
chapter starting on a new page with its title running at the top, its worksheet on paper in
place of the screen form) and ``print-worksheets-<language>.html`` (the blank worksheet pack:
every worksheet of "My workbook" on paper, from its schema there; hooks/print_sheets.py).

They sit at the root of site/, use the site's own stylesheets and run no JavaScript;
handbook/pdf.py removes them once printed (they are not part of the offline bundle). Settings:
``extra.pdf`` in mkdocs.yml (``PdfOptions`` in handbook/settings.py); nothing is written when
``extra.pdf.enabled`` is false (HANDBOOK_PDF=0 or false).

MkDocs events handled:
- ``on_config``: checks ``extra.pdf``.
- ``on_nav`` (after mkdocs-static-i18n, which translates the nav sections' titles): the pages of
  this language in navigation order, with their nav sections (the workbook, where worksheets
  are filled in on screen, is not printed: each worksheet prints in its chapter, and blank in
  the pack).
- ``on_page_content`` (last, after every hook that changes a page): each chapter's final HTML.
- ``on_post_page``: the stylesheets the site's pages link, in order; the worksheets of the
  workbook, whose forms hooks/worksheets.py puts in the page only then.
- ``on_post_build`` (before mkdocs-static-i18n builds the next language): writes the pages.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from handbook import options, risk_grid
from handbook.interface import build_language, strings
from handbook.languages import site_name
from handbook.print_pages import BLANK_ROWS, HANDBOOK_PAGE, PACK_PAGE, WALLET_CARD
from handbook.settings import HandbookOptions, PdfOptions
from handbook.typography import counter_style, css_string, format_date
from khmer_text import segmented_language
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
import page_tree
from print_html import print_ready
from print_sheets import Paper, sheets_of
from templates import template
from worksheet_options import WorksheetOptions


@dataclass
class _Chapter:
    page: Page
    key: str
    part: str | None  # the nav section's title, printed above its first page when it differs
    html: str = ""


@dataclass
class _Build:
    chapters: list[_Chapter] = field(default_factory=list)
    workbook: Page | None = None  # the source of the worksheet pack
    sheets: list[dict] = field(default_factory=list)  # the workbook's worksheets (print_sheets.sheets_of)
    stylesheets: list[str] = field(default_factory=list)


_build = _Build()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once per build with the configuration: extra.pdf must say how to print."""
    options.read(config, PdfOptions)
    return config


@event_priority(-110)  # after mkdocs-static-i18n (-100) has translated the sections' titles (nav_translations)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Called once per language with its navigation, as the site shows it."""
    global _build
    _build = _Build()
    if _enabled(config):
        workbook = options.read(config, WorksheetOptions).workbook_page
        for chapter in _chapters(nav.items, None):
            if chapter.page.file.src_uri.split("/", 1)[-1] == workbook:
                _build.workbook = chapter.page
            else:
                _build.chapters.append(chapter)
    return nav


@event_priority(-100)  # after every other hook has changed the page's HTML
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called after a page is rendered to HTML."""
    for chapter in _build.chapters:
        if chapter.page is page:
            chapter.html = html
    return html


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Called with each page's final HTML: the print page links the same stylesheets."""
    if _enabled(config) and not _build.stylesheets:
        # The tree hooks/khmer.py left, or the one hooks/offline.py reads next (hooks/page_tree.py).
        hrefs = page_tree.read(output).xpath("//link[@rel='stylesheet']/@href[. != '']")
        folder = posixpath.dirname(page.file.url)
        _build.stylesheets = [posixpath.normpath(posixpath.join(folder, href)) for href in hrefs]
    if page is _build.workbook:
        _build.sheets = sheets_of(page_tree.read(output))
    return output


@event_priority(-50)  # mkdocs-static-i18n starts the next language at -100
def on_post_build(*, config: MkDocsConfig) -> None:
    """Called once a language's pages are written."""
    if not _enabled(config) or not _build.chapters:
        return
    language = build_language(config)
    keys = {chapter.page.file.url: chapter.key for chapter in _build.chapters}
    if _build.workbook is None and any("data-worksheet" in chapter.html for chapter in _build.chapters):
        raise PluginError("pages show worksheets, but the navigation lacks the workbook page "
                          "(extra.worksheets.workbook_page) from which the blank worksheet pack is printed.")
    sheets = _build.sheets
    context = _context(config, language)
    paper = Paper(template(config, "print/sheet.html").module, context["text"], sheets, risk_grid.load(config))
    for chapter in _build.chapters:
        content = page_tree.read_fragment(chapter.html)
        paper.in_chapter(content)
        chapter.html = print_ready(content, url=chapter.page.file.url, keys=keys)
    site = Path(config.site_dir)
    handbook = template(config, "print/handbook.html").render(context, chapters=_contents(config))
    (site / HANDBOOK_PAGE.format(language=language)).write_text(handbook, encoding="utf-8")
    pack = site / PACK_PAGE.format(language=language)
    pack.unlink(missing_ok=True)
    if sheets:
        sheets.sort(key=lambda item: item["ws"]["id"] == WALLET_CARD)  # the card to cut out last
        pack.write_text(template(config, "print/worksheets.html").render(
            context, sheets=sheets, rows=BLANK_ROWS, grid=paper.grid, date_hint=paper.date, wallet=WALLET_CARD), encoding="utf-8")


def _enabled(config: MkDocsConfig) -> bool:
    return options.read(config, PdfOptions).enabled


def _chapters(items: list, part: str | None):
    """Pages in navigation order; the first page of a section carries the section's title."""
    for item in items:
        if isinstance(item, Section):
            yield from _chapters(item.children, item.title)
        elif isinstance(item, Page):
            key = item.file.src_uri.split("/", 1)[-1].removesuffix(".md").replace("/", "-")
            yield _Chapter(page=item, key=key, part=part)
            part = None


def _context(config: MkDocsConfig, language: str) -> dict:
    i18n = config.plugins["i18n"].config
    entry = next(item for item in i18n.languages if item.locale == language)
    pdf = options.read(config, PdfOptions)
    handbook = options.read(config, HandbookOptions)
    palette = config.theme["palette"][0] if config.theme.get("palette") else {}
    return {
        "language": language,
        "khmer": language == segmented_language(config),  # no text below 10 pt
        "language_name": entry.name,
        "title": site_name(config, language),
        "handbook": handbook,
        "date": format_date(handbook.date, strings(config)),
        "text": strings(config),
        "counter_style": counter_style(strings(config)["digits"]),  # the page numbers' digits
        "sources": list(handbook.sources.values()),
        "stylesheets": _build.stylesheets,
        "palette": palette,
        "page_size": pdf.size,
        "margin": pdf.margin,
    }


def _contents(config: MkDocsConfig) -> list[dict]:
    """Each chapter with its title, its sections down to extra.pdf.toc_levels, and its HTML."""
    levels = options.read(config, PdfOptions).toc_levels
    chapters = []
    for number, chapter in enumerate(_build.chapters, start=1):
        toc = list(chapter.page.toc)
        if not toc or toc[0].level != 1:
            raise PluginError(f"{chapter.page.file.abs_src_path}: the page has no title (# heading) to print.")
        title = toc[0]
        part = chapter.part if chapter.part and _plain(chapter.part) != _plain(title.title) else None
        chapters.append({
            "number": number,
            "key": chapter.key,
            "part": part,
            "anchor": f"{chapter.key}--{title.id}",
            "title": _plain(title.title),
            "running_title": css_string(_plain(title.title)),
            "sections": [{"anchor": f"{chapter.key}--{link.id}", "title": _plain(link.title)}
                         for link in _links(title.children, levels)],
            "html": chapter.html,
        })
    return chapters


def _links(links: list[AnchorLink], levels: int):
    for link in links:
        if link.level <= levels:
            yield link
            yield from _links(link.children, levels)


def _plain(title: str) -> str:
    return " ".join(title.replace("\u200b", "").split())
