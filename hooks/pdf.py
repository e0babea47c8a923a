"""The PDF edition: the "Download PDF" links on every page of the site, and, in the print build
that handbook/pdf.py runs (HANDBOOK_PRINT_SITE=true), one print page per language with a
cover, a table of contents and running chapter titles. Settings: ``extra.pdf`` in mkdocs.yml.

MkDocs events handled:
- ``on_page_content`` (last): hands print-site each page's final HTML (with the source line
  and the language marks the other hooks add), and notes which pages hold worksheets.
- ``on_env`` (last, print build only): print-site renders its page in a fresh Jinja
  environment; give it the globals that other hooks add to the site's environment.
- ``on_page_context``: gives the page template its download links (``hb_downloads``), relative
  to the page, to ``pdf/<file>`` at the site root (the zip and site/ both hold that folder).
- ``on_post_build`` (after print-site, before mkdocs-static-i18n builds the next language):
  turns print-site's ``print_page.html`` into ``print-<language>.html`` with the cover, the
  table of contents (page numbers filled in by handbook/pdf.py) and the running titles.
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from pathlib import Path

from handbook.typography import format_date
from interface import build_language, strings
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

PRINT_SITE_PAGE = "print_page.html"
PAGE_OPEN = re.compile(r'<div id="print-site-page" class="[^"]*">')
SECTION_HEADING = re.compile(
    r"(<section class='print-page md-section' id='(?P<id>[^']+)'[^>]*>\s*)"
    r"<h1>(?P<title>.*?)<a class='headerlink'[^>]*></a>\s*</h1>",
    re.DOTALL,
)
CHAPTER = re.compile(r'<section class="print-page" id="(?P<id>[^"]+)"[^>]*>')
HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]+)"[^>]*>(?P<title>.*?)</h(?P=level)>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")

_worksheet_pages: dict[str, set[str]] = {}


@event_priority(-100)  # after every other hook has changed the page's HTML
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called after a page is rendered to HTML."""
    pages = _worksheet_pages.setdefault(build_language(config), set())
    if "data-worksheet" in html:
        pages.add(page.file.src_uri)
    else:
        pages.discard(page.file.src_uri)
    if _print_site(config) is not None:
        page.html = html  # print-site kept the HTML from before the hooks ran
    return html


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    """Called before a page's template is rendered."""
    settings = config.extra["pdf"]
    if not settings["enabled"] or _print_site(config) is not None:
        return context
    language = build_language(config)
    to_root = posixpath.relpath(".", posixpath.dirname(page.file.url) or ".")
    text = strings(config)
    name, version = config.extra["handbook"]["name"], config.extra["handbook"]["version"]
    downloads = [(text["download_pdf"], f"{name}-{version}-{language}.pdf")]
    if _worksheet_pages.get(language):
        downloads.append((text["download_worksheets"], f"{name}-{version}-worksheets-{language}.pdf"))
    context["hb_downloads"] = [
        {"label": label, "href": posixpath.join(to_root, settings["folder"], file), "file": file}
        for label, file in downloads
    ]
    return context


@event_priority(-100)  # after the other hooks have added their globals
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Called once per language when the site's Jinja environment is ready."""
    if _print_site(config) is None:
        return env
    theme, fresh, globals_ = config.theme, type(config.theme).get_env, dict(env.globals)

    def get_env() -> Environment:
        rendering = fresh(theme)
        for name, value in globals_.items():
            rendering.globals.setdefault(name, value)
        return rendering

    theme.get_env = get_env
    return env


@event_priority(-50)  # print-site writes its page at 0; mkdocs-static-i18n moves on at -100
def on_post_build(*, config: MkDocsConfig) -> None:
    """Called once a language's pages are written."""
    if _print_site(config) is None:
        return
    site = Path(config.site_dir)
    source = site / PRINT_SITE_PAGE
    if not source.exists():
        raise PluginError(f"print-site wrote no {source}; is it still the last plugin in mkdocs.yml?")
    language = build_language(config)
    html = source.read_text(encoding="utf-8")
    html = _print_page(html, config, language)
    (site / f"print-{language}.html").write_text(html, encoding="utf-8")
    source.unlink()


def _print_site(config: MkDocsConfig):
    plugin = config.plugins.get("print-site")
    return plugin if plugin is not None and plugin.config.get("enabled") else None


def _print_page(html: str, config: MkDocsConfig, language: str) -> str:
    """Cover, table of contents and running titles around print-site's combined pages."""
    html = _drop_repeated_section_titles(html)
    opening = PAGE_OPEN.search(html)
    if opening is None:
        raise PluginError(f"{PRINT_SITE_PAGE}: print-site's page wrapper is missing (plugin version changed?).")
    body = html[opening.end():]
    chapters = _chapters(body, config.extra["pdf"]["toc_levels"])
    env = config.theme.get_env()
    handbook = config.extra["handbook"]
    i18n = config.plugins["i18n"].config
    language_name = next(item.name for item in i18n.languages if item.locale == language)
    site_name = next((item.site_name for item in i18n.languages if item.locale == language and item.site_name),
                     config.site_name)
    front = env.get_template("print/front.html").render(
        title=site_name,
        description=strings(config).get("pdf_subtitle", ""),
        language=language,
        language_name=language_name,
        handbook=handbook,
        date=format_date(handbook["date"], strings(config)),
        text=strings(config),
        chapters=chapters,
        sources=list(handbook["sources"].values()),
    )
    running = "\n".join(
        f"#{chapter['id']} {{ page: hb-chapter-{number}; }}\n"
        f"@page hb-chapter-{number} {{ @top-center {{ content: {_css_string(chapter['title'])}; }} }}"
        for number, chapter in enumerate(chapters, start=1)
    )
    margin = config.extra["pdf"]["margin"]
    page_css = (
        f"@page {{ size: {config.extra['pdf']['size']}; "
        f"margin: {margin['top']} {margin['right']} {margin['bottom']} {margin['left']}; }}\n{running}"
    )
    html = html[: opening.end()] + front + body
    # print-site reuses the 404 page's context, whose base URL is the server root: the print
    # page sits at the site root, so "." is right (and search finds its index over file://).
    html = html.replace('"base": "/"', '"base": "."', 1)
    html = html.replace("</head>", f'<style id="hb-print-pages">{page_css}</style></head>', 1)
    return html.replace("<html ", '<html data-print="handbook" ', 1)


def _drop_repeated_section_titles(html: str) -> str:
    """A nav section whose first page has the same title printed it twice (and in the outline)."""

    def replace(match: re.Match) -> str:
        following = HEADING.search(html, match.end())
        if following and _same(following["title"], match["title"]):
            return match.group(1)
        return match.group(0)

    return SECTION_HEADING.sub(replace, html)


def _chapters(body: str, levels: int) -> list[dict]:
    """The chapters (each page of the print page) with their sections, for the contents."""
    chapters: list[dict] = []
    starts = list(CHAPTER.finditer(body))
    for index, start in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
        headings = [h for h in HEADING.finditer(body, start.end(), end) if int(h["level"]) <= levels]
        if not headings or headings[0]["level"] != "1":
            raise PluginError(f"{PRINT_SITE_PAGE}: the page '{start['id']}' has no title (# heading) to print.")
        chapters.append({
            "id": start["id"],
            "anchor": headings[0]["id"],
            "title": _text(headings[0]["title"]),
            "sections": [{"anchor": h["id"], "title": _text(h["title"])} for h in headings[1:]],
        })
    return chapters


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(TAG.sub("", html))).replace("\u00b6", "").strip()


def _same(one: str, other: str) -> bool:
    """Same title, whatever the word breaks (hooks/khmer.py adds U+200B to page headings only)."""
    return re.sub(r"[\s\u200b]", "", _text(one)) == re.sub(r"[\s\u200b]", "", _text(other))


def _css_string(text: str) -> str:
    """A CSS string inside a <style> element (where HTML entities mean nothing)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'
