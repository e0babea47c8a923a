"""The handbook's own interface text, docs/interface.yml: one block of strings per language
(notices, buttons, messages, the zip's README.txt, digits, months and date format).

Used by the hooks and, after MkDocs, by the bundle's README.txt and the PDFs. The file is parsed
once per build (``mkdocs serve`` shows an edit at the next rebuild); every language built must
have every string the source language has.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from handbook import yamldata
from handbook.languages import build_language, languages, source_language

INTERFACE_FILE = "interface.yml"

__all__ = ["INTERFACE_FILE", "build_language", "strings"]


def strings(config: Any, language: str | None = None) -> dict:
    """The strings of ``language`` (by default the language being built)."""
    return _checked(config)[language or build_language(config)]


def _checked(config: Any) -> dict:
    return yamldata.for_build(config).get(("interface strings",), lambda: _check(config))


def _check(config: Any) -> dict:
    path = Path(config.docs_dir) / INTERFACE_FILE
    parsed = yamldata.load(config, path)
    table = parsed.data if isinstance(parsed.data, dict) else {}
    source = source_language(config)
    for language in languages(config):
        block = table.get(language)
        if not isinstance(block, dict):
            raise PluginError(f"{path}:1: there is no block of strings for '{language}' (copy the '{source}' "
                              "block and translate it).")
        missing = sorted(set(table[source]) - set(block))
        if missing:
            raise PluginError(f"{path}:{parsed.line(language)}: the '{language}' block lacks {missing}.")
    return table
