"""Marks the word boundaries of Khmer text with U+200B ZERO WIDTH SPACE, so that browsers and the
PDF can wrap long Khmer lines between words and search can tell the words apart (Khmer is
written without spaces between words).

Only the rendered HTML of the pages in ``extra.khmer.language`` changes, never the Markdown
sources; which text is segmented, and how, is in hooks/khmer_text.py. The search index's titles
are segmented by hooks/search_index.py, which owns the index.

MkDocs events handled:
- ``on_config`` (outer build only: mkdocs-static-i18n runs one nested build per extra language
  inside the first build's ``on_post_build``): loads the words found by earlier builds from
  ``extra.khmer.cache``.
- ``on_page_content``: segments the page body, before the search plugin indexes it.
- ``on_post_page``: segments the rest of the page (navigation, table of contents, header,
  footer); in the body, segmented already, only what a hook added since changes.
- ``on_post_build`` (outer build, after hooks/search_index.py): keeps the words found, so that
  the next build (and ``make serve``) only segments text that changed.
"""

from __future__ import annotations

from pathlib import Path

from handbook import options
from handbook.interface import build_language
from khmer_text import KhmerOptions, load_cache, save_cache, segment_document, segment_html, segmented_language
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once per build with the configuration."""
    i18n = config.plugins.get("i18n")
    if i18n is None or not i18n.building:  # a language built inside the first one shares its words
        load_cache(_cache_file(config))
    return config


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called after a page is rendered to HTML, before the search plugin indexes it."""
    if not is_segmented(config):
        return html
    return segment_html(html)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Called with the page's final HTML, theme included."""
    return segment_document(output) if is_segmented(config) else output


@event_priority(-300)  # after hooks/search_index.py (-200) has segmented the index's titles
def on_post_build(*, config: MkDocsConfig) -> None:
    """Called once a build has written every page."""
    i18n = config.plugins.get("i18n")
    if i18n is None or not i18n.building:
        save_cache(_cache_file(config))


def is_segmented(config: MkDocsConfig) -> bool:
    """Whether the language being built gets word boundaries."""
    return build_language(config) == segmented_language(config)


def _cache_file(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / options.read(config, KhmerOptions).cache
