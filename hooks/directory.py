"""Renders the directory of organisations (docs/directory.yml, read and checked by
handbook/directory.py) into the page that holds the ``<!-- directory -->`` marker, in the
language being built, with tel:, mailto: and web links.

MkDocs events handled:
- ``on_config``: reads and checks docs/directory.yml (a mistake stops the build naming the line).
- ``on_page_markdown``: replaces the marker with the rendered entries (as Markdown headings, so
  they appear in the table of contents and search), each contact list held out of Markdown's way
  (hooks/held_html.py).
- ``on_page_content``: puts the contact lists in.
"""

from __future__ import annotations

import datetime as dt

from handbook import directory as contacts
from handbook.interface import build_language, strings
from handbook.typography import format_date, localize_digits
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from held_html import Held
from templates import template

MARKER = "<!-- directory -->"
TEMPLATE = "partials/directory.html"
CONTACTS = Held("directory")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called at the start of each build (and each `mkdocs serve` rebuild)."""
    contacts.load(config)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Called for each page before it is rendered; acts only on the page with the marker."""
    CONTACTS.forget(page)
    if MARKER not in markdown:
        return None
    directory = contacts.load(config)
    text = strings(config)
    rendered = template(config, TEMPLATE).render(
        directory=directory,
        language=build_language(config),
        text=text,
        tel_link=lambda phone: contacts.tel_link(phone, str(directory["country_code"])),
        web_link=contacts.web_link,
        checked_note=lambda checked: _checked_note(checked, directory, text),
        hold=lambda html: CONTACTS.hold(page, html),
    )
    return markdown.replace(MARKER, rendered)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called after a page is rendered to HTML, before hooks/khmer.py segments it."""
    return CONTACTS.put_back(page, html, missing=f"the directory's contact lists did not come out of Markdown "
                                                 f"(is {MARKER} inside another block?).")


def _checked_note(checked: dt.date | str, directory: dict, text: dict) -> str:
    """When the entry's details were last verified, or that they are the guidelines' own."""
    if checked:
        return text["directory_checked"].format(date=format_date(checked, text))
    return localize_digits(text["directory_as_published"].format(year=directory["source_date"]), text)
