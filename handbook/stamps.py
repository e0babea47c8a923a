"""Which version of its English page a translation follows: the translated page records it in its
front matter (``translates: "1a2b3c4d5e6f"``, the first 12 hex digits of the English file's
SHA-256), and ``python -m handbook stamp docs/km/<page>.md`` writes it once the translation is
brought up to date. hooks/translations.py shows a notice on a page whose English changed since,
and hooks/review_status.py lists it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from handbook import frontmatter, yamldata
from handbook.languages import languages, source_language

FIELD = "translates"


def source_hash(english_page: Path) -> str:
    """The version of an English page that a translation records in ``translates:``."""
    return hashlib.sha256(english_page.read_bytes()).hexdigest()[:12]


def recorded_version(config: Any, translated_page: Path) -> str | None:
    """The English version a translation records, read as the text it is: YAML would read an
    all-digit stamp such as 137867123100 as a number (and 01234567 as octal)."""
    return frontmatter.read(config, translated_page).written(FIELD)


def english_page(config: Any, translated_page: Path) -> Path:
    """docs/en/<page>.md for docs/<language>/<page>.md (found once per build)."""
    return yamldata.for_build(config).get(("english page", Path(translated_page)),
                                          lambda: _english_page(config, translated_page))


def _english_page(config: Any, translated_page: Path) -> Path:
    # As written (MkDocs gives both absolute), else with links resolved: resolving is slow.
    for docs_dir, page in ((Path(os.path.abspath(config.docs_dir)), Path(os.path.abspath(translated_page))),
                           (Path(config.docs_dir).resolve(), Path(translated_page).resolve())):
        if page.is_relative_to(docs_dir):
            break
    else:
        raise PluginError(f"{translated_page}: not a page of {docs_dir}.")
    language, *rest = page.relative_to(docs_dir).parts
    if language not in languages(config) or language == source_language(config) or not rest:
        raise PluginError(f"{translated_page}: not a translated page (docs/<language>/<page>.md, "
                          f"language one of {', '.join(languages(config)[1:])}).")
    return docs_dir / source_language(config) / Path(*rest)


def is_current(config: Any, translated_page: Path) -> bool:
    """Whether the translation records the English page's version as it is now (read once per
    build, as its front matter is)."""
    return yamldata.for_build(config).get(("translation current", Path(translated_page)),
                                          lambda: _is_current(config, translated_page))


def _is_current(config: Any, translated_page: Path) -> bool:
    return recorded_version(config, translated_page) == source_hash(english_page(config, translated_page))


def stamp(config: Any, translated_page: Path) -> str:
    """Records in a translated page the English version it now translates; returns what it did."""
    english = english_page(config, translated_page)
    if not english.exists():
        raise PluginError(f"{translated_page}: there is no English page {english} to translate.")
    text = Path(translated_page).read_text(encoding="utf-8")
    front = frontmatter.parse(text, Path(translated_page))
    if not front.present:
        raise PluginError(f"{translated_page}:1: the page has no front matter; start it with '---' and a title.")
    line = f'{FIELD}: "{source_hash(english)}"'
    lines = text.split("\n")
    if FIELD in front.fields:
        lines[front.line(FIELD) - 1] = line
    else:
        lines.insert(1, line)
    Path(translated_page).write_text("\n".join(lines), encoding="utf-8")
    return f"{translated_page}: {line}"
