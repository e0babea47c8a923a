"""The translation-status table: for every page, the state of its translation (draft, reviewed
or missing), who reviewed it and when, and whether the English page changed since.

Each translated page records its state in its front matter (``review: draft | reviewed``, with
``reviewed_by`` and ``reviewed_on`` once a native speaker has reviewed it; checked by
validation.py) and the English version it follows (``translates:``, see handbook/stamps.py).

MkDocs events handled:
- ``on_files``: prints the table in the build log, once per translated language.
- ``on_page_markdown``: replaces the ``<!-- translation-status -->`` marker (About page) with
  the table, in the language of the page (held out of Markdown's way: hooks/held_html.py).
- ``on_page_content``: puts the table in.
"""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
from pathlib import Path
from typing import NamedTuple

from handbook import frontmatter, stamps, yamldata
from handbook.interface import build_language, strings
from handbook.languages import languages, source_language
from handbook.settings import flatten_nav
from handbook.typography import format_date, localize_digits
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from held_html import Held
from templates import template

log = logging.getLogger("mkdocs.hooks.review_status")
MARKER = "<!-- translation-status -->"
TEMPLATE = "partials/translation-status.html"
TABLES = Held("translation-status")


class Status(NamedTuple):
    """One translated page as the table shows it."""

    path: str  # relative to the language folder, e.g. "six-steps/threats.md"
    title: str  # in the translated language
    english_title: str
    state: str  # "draft", "reviewed" or "missing"
    reviewed_by: str
    reviewed_on: dt.date | None
    english_changed: bool


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Called once per language build: the translated language's build prints its table."""
    language = build_language(config)
    if language == source_language(config):
        return files
    rows = translation_status(config, language)
    log.info("translation: status of the '%s' pages (page, state, reviewer, date, English changed since):",
             language)
    for row in rows:
        log.info("translation:   %-34s %-9s %-24s %-10s %s", row.path, row.state, row.reviewed_by or "-",
                 row.reviewed_on.isoformat() if row.reviewed_on else "-",
                 "English changed" if row.english_changed else "current")
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Called for each page before it is rendered; acts only on the page with the marker."""
    TABLES.forget(page)
    if MARKER not in markdown:
        return None
    language = build_language(config)
    text = strings(config)
    here = posixpath.dirname(page.file.dest_uri) or "."
    table = template(config, TEMPLATE)
    tables = []
    for translated in languages(config)[1:]:
        rows = translation_status(config, translated)
        reviewed = sum(1 for row in rows if row.state == "reviewed")
        summary = localize_digits(text["status_summary"].format(reviewed=reviewed, total=len(rows)), text)
        tables.append(table.render(
            rows=rows, summary=summary, text=text, language=language, translated=translated,
            link=lambda row, translated=translated: posixpath.relpath(
                f"{translated}/{row.path[:-3]}.html", here),
            date=lambda value: format_date(value, text) if value else "",
        ))
    return markdown.replace(MARKER, TABLES.hold(page, "\n".join(tables)))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called after a page is rendered to HTML, before hooks/khmer.py segments it."""
    return TABLES.put_back(page, html, missing=f"the translation status did not come out of Markdown "
                                               f"(is {MARKER} inside another block?).")


def translation_status(config: MkDocsConfig, language: str) -> list[Status]:
    """The status of every English page's translation into `language`, in navigation order (read
    once per build: the build log and each language's About page show it)."""
    return yamldata.for_build(config).get(("translation status", language), lambda: _read_status(config, language))


def _read_status(config: MkDocsConfig, language: str) -> list[Status]:
    docs_dir, source = Path(config.docs_dir), source_language(config)
    order = flatten_nav(config.nav)
    english_pages = sorted((docs_dir / source).rglob("*.md"),
                           key=lambda p: _position(p.relative_to(docs_dir / source).as_posix(), order))
    rows = []
    for english in english_pages:
        relative = english.relative_to(docs_dir / source).as_posix()
        english_title = str(frontmatter.read(config, english).fields.get("title", relative))
        translated = docs_dir / language / relative
        if not translated.exists():
            rows.append(Status(relative, english_title, english_title, "missing", "", None, True))
            continue
        fields = frontmatter.read(config, translated).fields
        reviewed_on = fields.get("reviewed_on")
        rows.append(Status(
            path=relative,
            title=str(fields.get("title", relative)),
            english_title=english_title,
            state=str(fields.get("review", "draft")),
            reviewed_by=str(fields.get("reviewed_by") or ""),
            reviewed_on=reviewed_on if isinstance(reviewed_on, dt.date) else None,
            english_changed=not stamps.is_current(config, translated),
        ))
    return rows


def _position(relative: str, order: list[str]) -> tuple[int, str]:
    return (order.index(relative) if relative in order else len(order), relative)
