"""The home page's "For trainers" card (docs/*/index.md): the page holds marker comments that
this hook fills with what only the build knows, rendered by overrides/partials/home.html.

- ``<!-- hb:projector-start -->``: a button that switches projector mode on (projector.js).
- ``<!-- hb:downloads -->``: links to the printable PDFs in the page's language (the
  ``hb_downloads`` that hooks/downloads.py gives every page); nothing when built without PDFs.

MkDocs events handled:
- ``on_page_context`` (after hooks/downloads.py): fills the markers the home page holds (a home page
  without them, like the test suite's sample site, is left as it is).
"""

from __future__ import annotations

from handbook.interface import strings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from templates import template

TEMPLATE = "partials/home.html"
MARKERS = {"projector_start": "<!-- hb:projector-start -->", "downloads": "<!-- hb:downloads -->"}


@event_priority(-100)  # hooks/downloads.py sets hb_downloads at the default priority
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    """Called before a page's template is rendered."""
    # Each language has its own home page; page.is_homepage is true for the first one only.
    if nav.homepage is None or page.url != nav.homepage.url or page.content is None:
        return context
    macros = template(config, TEMPLATE).module
    text = strings(config)
    page.content = (page.content
                    .replace(MARKERS["projector_start"], str(macros.projector_start(text)))
                    .replace(MARKERS["downloads"], str(macros.downloads(text, context.get("hb_downloads") or []))))
    return context
