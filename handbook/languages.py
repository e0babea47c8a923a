"""The handbook's languages, as mkdocs-static-i18n's ``languages:`` in mkdocs.yml lists them: the
source language (``default: true``, English, whose pages the others translate), the languages
built, and the one a build is under way in.
"""

from __future__ import annotations

from typing import Any


def _entries(config: Any) -> list:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise ValueError(f"{config.config_file_path}: the i18n plugin (mkdocs-static-i18n) is not configured.")
    return list(i18n.config.languages)


def languages(config: Any) -> list[str]:
    """The languages built, the source language first ("en", "km")."""
    built = [entry.locale for entry in _entries(config) if entry.build]
    source = source_language(config)
    return [source] + [language for language in built if language != source]


def source_language(config: Any) -> str:
    """The language the others translate (``default: true``; its pages are at the site's root)."""
    entries = _entries(config)
    return next((entry.locale for entry in entries if entry.default), entries[0].locale)


def build_language(config: Any) -> str:
    """The language of the build under way: mkdocs-static-i18n builds one language at a time
    and sets ``theme.language`` to it."""
    return config.theme["language"]


def site_name(config: Any, language: str) -> str:
    """The handbook's name in ``language``: its ``site_name`` under the i18n plugin, else the
    top-level one (read from a configuration loaded outside a build, which i18n has not changed)."""
    entry = next(entry for entry in _entries(config) if entry.locale == language)
    return entry.site_name or config.site_name
