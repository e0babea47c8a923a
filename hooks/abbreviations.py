"""Explains abbreviations (HRD, CSO, OHCHR, UPR, …) on every page, in the page's language, from
docs/abbreviations.yml, through the Markdown ``abbr`` extension (tooltips, <abbr title>).

MkDocs events handled:
- ``on_config``: reads docs/abbreviations.yml (once per build, so `mkdocs serve` shows an edit).
- ``on_page_markdown``: appends one ``*[ABBR]: meaning`` line per abbreviation the page's
  Markdown holds (the others could not match: Markdown's ``abbr`` reads every text of a page
  for each definition it is given).
"""

from __future__ import annotations

from pathlib import Path

from handbook import yamldata
from handbook.interface import build_language
from handbook.languages import source_language
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ABBREVIATIONS_FILE = "abbreviations.yml"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called at the start of each build: a missing meaning stops it."""
    _definitions(config)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called for each page before it is rendered."""
    language, source = build_language(config), source_language(config)
    lines = [f"*[{abbr}]: {meanings.get(language) or meanings[source]}"
             for abbr, meanings in _definitions(config).items() if abbr in markdown]
    return markdown + "\n\n" + "\n".join(lines) + "\n" if lines else markdown


def _definitions(config: MkDocsConfig) -> dict[str, dict[str, str]]:
    """The meanings of each abbreviation, by language; every one has a meaning in the source language."""
    return yamldata.for_build(config).get(("abbreviations",), lambda: _check(config))


def _check(config: MkDocsConfig) -> dict[str, dict[str, str]]:
    path = Path(config.docs_dir) / ABBREVIATIONS_FILE
    parsed = yamldata.load(config, path)
    source = source_language(config)
    for abbreviation, meanings in (parsed.data or {}).items():
        meaning = meanings.get(source) if isinstance(meanings, dict) else None
        if not isinstance(meaning, str) or not meaning.strip():
            raise PluginError(f"{path}:{parsed.line(abbreviation)}: '{abbreviation}' has no meaning in '{source}' "
                              f"(write it as {abbreviation}: {{{source}: …}}).")
    return parsed.data or {}
