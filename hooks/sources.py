"""Ends every page with the line naming its sources, from the ``sources`` front-matter field and
the titles under ``extra.handbook.sources`` in mkdocs.yml.

MkDocs events handled:
- ``on_page_content``: appends the source line to the rendered page.
"""

from __future__ import annotations

from html import escape

from handbook import options
from handbook.interface import strings
from handbook.settings import HandbookOptions
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called after a page is rendered to HTML, before the theme wraps it."""
    keys = page.meta.get("sources") or []
    if not keys:
        return html
    titles = options.read(config, HandbookOptions).sources
    label = strings(config)["sources_label" if len(keys) > 1 else "source_label"]
    items = "".join(f"<li lang=\"en\">{escape(titles[key])}</li>" for key in keys)
    return f'{html}\n<footer class="hb-page-source"><p>{escape(label)}</p><ul>{items}</ul></footer>'
