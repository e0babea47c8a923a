"""Shared by the hooks (not a hook itself): the interface strings in docs/interface.yml and the
language a page is being built in."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

INTERFACE_FILE = "interface.yml"


@functools.cache
def _load(docs_dir: str) -> dict:
    path = Path(docs_dir) / INTERFACE_FILE
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def build_language(config: MkDocsConfig) -> str:
    """The language of the build under way (mkdocs-static-i18n builds one language at a time)."""
    return config.theme["language"]


def strings(config: MkDocsConfig) -> dict:
    """The interface strings for the language being built; a missing key fails the build."""
    table = _load(config.docs_dir)
    language = build_language(config)
    missing = set(table["en"]) - set(table.get(language, {}))
    if missing:
        raise PluginError(
            f"{Path(config.docs_dir) / INTERFACE_FILE}: the '{language}' block lacks {sorted(missing)}."
        )
    return table[language]
