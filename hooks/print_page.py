"""The print pages that handbook/pdf.py turns into PDFs, written in the site build itself:
``print-<language>.html`` (cover, contents, then every page of the navigation in order, each a
chapter starting on a new page with its title running at the top) and
``print-worksheets-<language>.html`` (the worksheets alone, for the blank worksheet pack: each
worksheet's form as "My workbook" holds it, with its rows to add, and its title from there).

They sit at the root of site/, use the site's own stylesheets and run no JavaScript;
handbook/pdf.py removes them once printed (they are not part of the offline bundle). Settings:
``extra.pdf`` in mkdocs.yml (``PdfOptions`` in handbook/settings.py); nothing is written when
``extra.pdf.enabled`` is false (HANDBOOK_PDF=0 or false).

MkDocs events handled:
- ``on_config``: checks ``extra.pdf``.
- ``on_nav``: the pages of this language in navigation order, with their nav sections (the
  workbook, where worksheets are filled in on screen, is not printed: each worksheet prints
  in its chapter, and blank in the pack).
- ``on_page_content`` (last, after every hook that changes a page): each page's final HTML.
- ``on_post_page``: the stylesheets the site's pages link, in order.
- ``on_post_build`` (before mkdocs-static-i18n builds the next language): writes the pages.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from handbook import options
from handbook.interface import build_language, strings
from handbook.languages import site_name
from handbook.pdf import HANDBOOK_PAGE, PACK_PAGE
from handbook.settings import HandbookOptions, PdfOptions
from handbook.typography import format_date
from khmer_text import segmented_language
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from print_html import HEADINGS, SourceParser, print_ready
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
    workbook: _Chapter | None = None  # the source of the worksheet pack
    stylesheets: list[str] = field(default_factory=list)


_build = _Build()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once per build with the configuration: extra.pdf must say how to print."""
    options.read(config, PdfOptions)
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Called once per language with its navigation."""
    global _build
    _build = _Build()
    if _enabled(config):
        workbook = options.read(config, WorksheetOptions).workbook_page
        for chapter in _chapters(nav.items, None):
            if chapter.page.file.src_uri.split("/", 1)[-1] == workbook:
                _build.workbook = chapter
            else:
                _build.chapters.append(chapter)
    return nav


@event_priority(-100)  # after every other hook has changed the page's HTML
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called after a page is rendered to HTML."""
    for chapter in [*_build.chapters, _build.workbook]:
        if chapter is not None and chapter.page is page:
            chapter.html = html
    return html


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Called with each page's final HTML: the print page links the same stylesheets."""
    if _enabled(config) and not _build.stylesheets:
        links = _Stylesheets()
        links.feed(output)
        folder = posixpath.dirname(page.file.url)
        _build.stylesheets = [posixpath.normpath(posixpath.join(folder, href)) for href in links.hrefs]
    return output


@event_priority(-50)  # mkdocs-static-i18n starts the next language at -100
def on_post_build(*, config: MkDocsConfig) -> None:
    """Called once a language's pages are written."""
    if not _enabled(config) or not _build.chapters:
        return
    language = build_language(config)
    keys = {chapter.page.file.url: chapter.key for chapter in _build.chapters}
    for chapter in _build.chapters:
        chapter.html = print_ready(chapter.html, url=chapter.page.file.url, keys=keys)
    workbook = _build.workbook
    if workbook is None and any("data-worksheet" in chapter.html for chapter in _build.chapters):
        raise PluginError("pages show worksheets, but the navigation lacks the workbook page "
                          "(extra.worksheets.workbook_page) from which the blank worksheet pack is printed.")
    forms = _forms(print_ready(workbook.html, url=workbook.page.file.url,
                               keys={**keys, workbook.page.file.url: workbook.key})) if workbook else []
    site = Path(config.site_dir)
    env = config.theme.get_env()
    context = _context(config, language)
    handbook = env.get_template("print/handbook.html").render(context, chapters=_contents(config))
    (site / HANDBOOK_PAGE.format(language=language)).write_text(handbook, encoding="utf-8")
    pack = env.get_template("print/worksheets.html").render(context, forms=forms)
    (site / PACK_PAGE.format(language=language)).write_text(pack, encoding="utf-8")


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
            "running_title": _css_string(_plain(title.title)),
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


def _forms(workbook: str) -> list[str]:
    """The worksheet forms of the workbook page, in its order, each with its title (the heading
    above it there) as its first child."""
    finder = _Forms()
    finder.feed(workbook)
    forms = []
    for worksheet, title, start, inside, end in finder.found:
        heading = finder.headings.get(title)
        if heading is None:
            raise PluginError(f"the workbook page has no heading with the id '{title}' that titles the worksheet "
                              f"'{worksheet}' (its form's aria-labelledby); the worksheet pack prints it as the title.")
        forms.append(workbook[start:inside] + workbook[heading[0]:heading[1]] + workbook[inside:end])
    return forms


class _Stylesheets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "stylesheet" and values.get("href"):
            self.hrefs.append(values["href"])


class _Forms(SourceParser):
    """Where each ``<form data-worksheet>`` and each heading with an id start and end in the HTML."""

    def __init__(self) -> None:
        super().__init__()
        # (worksheet, id of its title, where the form starts, where its start tag ends, where it ends)
        self.found: list[tuple[str, str, int, int, int]] = []
        self.headings: dict[str, tuple[int, int]] = {}
        self._form: tuple[str, str, int, int] | None = None
        self._heading: tuple[str, str, int] | None = None  # (tag, id, start)
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in HEADINGS and values.get("id") and self._heading is None:
            self._heading = (tag, values["id"], self.position())
        if tag != "form":
            return
        self._depth += 1
        worksheet = values.get("data-worksheet")
        if worksheet and self._form is None:
            self._form = (worksheet, values.get("aria-labelledby") or "", self.position(), self.end_of_tag())

    def handle_endtag(self, tag: str) -> None:
        if self._heading and tag == self._heading[0]:
            self.headings[self._heading[1]] = (self._heading[2], self.end_of_tag())
            self._heading = None
        if tag != "form" or not self._depth:
            return
        self._depth -= 1
        if self._form and not self._depth:
            self.found.append((*self._form, self.end_of_tag()))
            self._form = None


def _css_string(text: str) -> str:
    """A CSS string inside a <style> element (where HTML entities mean nothing)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'
