"""The "Download PDF" links on every page of the site: the handbook and, when the language has
worksheets, the blank worksheet pack, both in the page's language (handbook/pdf.py prints them
into ``pdf/`` at the root of the site and of the zip). Settings: ``extra.pdf`` in mkdocs.yml
(``PdfOptions`` in handbook/settings.py); no links when ``extra.pdf.enabled`` is false
(HANDBOOK_PDF=0 or false).

MkDocs events handled:
- ``on_config``: checks ``extra.pdf``.
- ``on_page_content``: notes which pages hold a worksheet.
- ``on_page_context``: gives the page template its links (``hb_downloads``, see
  overrides/partials/actions.html), relative to the page.
"""

from __future__ import annotations

import posixpath

from handbook import options
from handbook.interface import build_language, strings
from handbook.settings import HandbookOptions, PdfOptions, pdf_name
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_worksheet_pages: dict[str, set[str]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once per build with the configuration."""
    options.read(config, PdfOptions)
    return config


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called after a page is rendered to HTML."""
    pages = _worksheet_pages.setdefault(build_language(config), set())
    if "data-worksheet" in html:
        pages.add(page.file.src_uri)
    else:
        pages.discard(page.file.src_uri)
    return html


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    """Called before a page's template is rendered."""
    pdf = options.read(config, PdfOptions)
    if not pdf.enabled:
        return context
    language = build_language(config)
    to_root = posixpath.relpath(".", posixpath.dirname(page.file.url) or ".")
    text = strings(config)
    handbook = options.read(config, HandbookOptions)
    downloads = [(text["download_pdf"], pdf_name(handbook, language))]
    if _worksheet_pages.get(language):
        downloads.append((text["download_worksheets"], pdf_name(handbook, language, "worksheets")))
    context["hb_downloads"] = [
        {"label": label, "href": posixpath.join(to_root, pdf.folder, file), "file": file}
        for label, file in downloads
    ]
    return context
