"""Keeps the Khmer edition honest about what is translated, draft or out of date.

Each translated page records in its front matter the English version it translates
(``translates: <hash>``, see ``python hooks/translations.py stamp docs/km/page.md``).

MkDocs events handled:
- ``on_files``: lists English pages with no translation, or an outdated one, in a report;
  fails the build when ``extra.translations.strict`` is true.
- ``on_page_content``: marks the text of an English fallback page as English (``lang``).
- ``on_page_markdown``: shows a notice under the first heading of a page that falls back to
  English, of a draft translation (``review: draft``) and of an outdated translation.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
import sys
from pathlib import Path

from interface import build_language, strings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.translations")
SOURCE_LANGUAGE = "en"
# The class of the notices this hook adds (not part of the page's text: the review view skips them).
NOTICE = "hb-translation-notice"
FIRST_HEADING = re.compile(r"^# .*$", re.MULTILINE)
# `translates: 1a2b3c4d5e6f`, quoted or not: the first 12 hex digits of the English page's SHA-256.
STAMP = re.compile(r"""^translates:[ \t]*(?P<quote>["']?)(?P<version>[0-9a-f]+)(?P=quote)[ \t]*$""", re.MULTILINE)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Called once per language build with the documentation files."""
    if build_language(config) == SOURCE_LANGUAGE:
        return files
    report = translation_report(Path(config.docs_dir), build_language(config))
    for problem in report:
        log.info("translation: %s", problem)
    if report and config.extra["translations"]["strict"]:
        raise PluginError(
            "Translations are missing or outdated (extra.translations.strict is on):\n  "
            + "\n  ".join(report)
        )
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called for each page before it is rendered."""
    language = build_language(config)
    if language == SOURCE_LANGUAGE:
        return markdown
    text = strings(config)
    about = _relative_link(page.file.src_uri, f"{language}/about.md") + "#translations"
    if page.file.src_uri.startswith(f"{SOURCE_LANGUAGE}/"):
        return _after_first_heading(markdown, f'!!! info {NOTICE} ""\n    {text["fallback_notice"]}')
    notices = []
    if page.meta.get("review") == "draft":
        notices.append(f'!!! note {NOTICE} ""\n    {text["draft_notice"]} [{text["draft_notice_link"]}]({about})')
    english = Path(config.docs_dir) / SOURCE_LANGUAGE / Path(page.file.src_uri).relative_to(language)
    recorded = recorded_version(Path(page.file.abs_src_path).read_text(encoding="utf-8"))
    if english.exists() and recorded != source_hash(english):
        notices.append(f'!!! warning {NOTICE} ""\n    {text["outdated_notice"]}')
    return _after_first_heading(markdown, "\n\n".join(notices)) if notices else markdown


def source_hash(english_page: Path) -> str:
    """The version of an English page that a translation records in ``translates:``."""
    return hashlib.sha256(english_page.read_bytes()).hexdigest()[:12]


def recorded_version(translation: str) -> str | None:
    """The English version a translation's front matter records, read as the text it is: YAML
    would read an all-digit stamp such as 137867123100 as a number (and 01234567 as octal)."""
    match = STAMP.search(translation.split("\n---", 1)[0])
    return match.group("version") if match else None


def translation_report(docs_dir: Path, language: str) -> list[str]:
    """One line per English page whose translation is missing or older than the English."""
    problems = []
    for english in sorted((docs_dir / SOURCE_LANGUAGE).rglob("*.md")):
        relative = english.relative_to(docs_dir / SOURCE_LANGUAGE)
        translated = docs_dir / language / relative
        if not translated.exists():
            problems.append(f"{translated}: missing (readers see the English page)")
        elif recorded_version(translated.read_text(encoding="utf-8")) != source_hash(english):
            problems.append(f"{translated}: outdated or unstamped (English is {source_hash(english)})")
    return problems


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called after a page is rendered: an English fallback page is marked as English text."""
    if build_language(config) != SOURCE_LANGUAGE and page.file.src_uri.startswith(f"{SOURCE_LANGUAGE}/"):
        return f'<div lang="{SOURCE_LANGUAGE}">{html}</div>'
    return html


def _after_first_heading(markdown: str, notice: str) -> str:
    match = FIRST_HEADING.search(markdown)
    if not match:
        return f"{notice}\n\n{markdown}"
    return f"{markdown[: match.end()]}\n\n{notice}\n\n{markdown[match.end():]}"


def _relative_link(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri))


def _stamp(path: Path) -> None:
    """Records in a Khmer page's front matter the English version it now translates."""
    docs_dir = Path(__file__).resolve().parent.parent / "docs"
    relative = path.resolve().relative_to(docs_dir)
    english = docs_dir / SOURCE_LANGUAGE / Path(*relative.parts[1:])
    text = path.read_text(encoding="utf-8")
    stamp = f'translates: "{source_hash(english)}"'
    if re.search(r"^translates:.*$", text, re.MULTILINE):
        text = re.sub(r"^translates:.*$", stamp, text, count=1, flags=re.MULTILINE)
    else:
        text = text.replace("---\n", f"---\n{stamp}\n", 1)
    path.write_text(text, encoding="utf-8")
    print(f"{path}: {stamp}")


if __name__ == "__main__" and sys.argv[1:2] == ["stamp"]:
    for argument in sys.argv[2:]:
        _stamp(Path(argument))
