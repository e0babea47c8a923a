"""Explains abbreviations (HRD, CSO, OHCHR, UPR, …) on every page, in the page's language, from
docs/abbreviations.yml, through the Markdown ``abbr`` extension (tooltips, <abbr title>).

MkDocs events handled:
- ``on_page_markdown``: appends one ``*[ABBR]: meaning`` line per abbreviation.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from interface import build_language
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ABBREVIATIONS_FILE = "abbreviations.yml"


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called for each page before it is rendered."""
    definitions = _definitions(config.docs_dir, build_language(config))
    return markdown + "\n\n" + "\n".join(f"*[{abbr}]: {meaning}" for abbr, meaning in definitions.items()) + "\n"


@functools.cache
def _definitions(docs_dir: str, language: str) -> dict[str, str]:
    path = Path(docs_dir) / ABBREVIATIONS_FILE
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    meanings = {}
    for abbreviation, languages in table.items():
        meaning = languages.get(language) or languages.get("en")
        if not meaning:
            raise PluginError(f"{path}: '{abbreviation}' has no meaning in '{language}' or 'en'.")
        meanings[abbreviation] = meaning
    return meanings
