"""Keeps the Khmer edition honest about what is translated, draft or out of date.

Each translated page records in its front matter the English version it translates
(``translates: <hash>``, written by ``python -m handbook stamp docs/km/page.md``; see
handbook/stamps.py). Settings: ``extra.translations`` in mkdocs.yml.

MkDocs events handled:
- ``on_config``: checks ``extra.translations``.
- ``on_files``: lists English pages with no translation, or an outdated one, in a report;
  fails the build when ``extra.translations.strict`` is true.
- ``on_page_markdown``: shows a notice under the first heading of a page that falls back to
  English, of a draft translation (``review: draft``) and of an outdated translation.
- ``on_page_content``: marks the text of an English fallback page as English (``lang``).
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

from handbook import frontmatter, options, stamps
from handbook.interface import build_language, strings
from handbook.languages import source_language
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.translations")
# The class of the notices this hook adds (not part of the page's text: the review view skips them).
NOTICE = "hb-translation-notice"
FIRST_HEADING = re.compile(r"^# .*$", re.MULTILINE)


class TranslationsOptions(options.Options):
    """how the build treats translations"""

    SECTION = "translations"
    strict = options.Flag(help="true: a translated page that is missing or older than its English page fails the build")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called at the start of each build: wrong settings stop it."""
    options.read(config, TranslationsOptions)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Called once per language build with the documentation files."""
    if build_language(config) == source_language(config):
        return files
    report = translation_report(config, build_language(config))
    for problem in report:
        log.info("translation: %s", problem)
    if report and options.read(config, TranslationsOptions).strict:
        raise PluginError(
            "Translations are missing or outdated (extra.translations.strict is on):\n  "
            + "\n  ".join(report)
        )
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called for each page before it is rendered."""
    language, source = build_language(config), source_language(config)
    if language == source:
        return markdown
    text = strings(config)
    about = _relative_link(page.file.src_uri, f"{language}/about.md") + "#translations"
    if page.file.src_uri.startswith(f"{source}/"):
        return _after_first_heading(markdown, f'!!! info {NOTICE} ""\n    {text["fallback_notice"]}')
    notices = []
    translated = Path(page.file.abs_src_path)
    if frontmatter.read(config, translated).fields.get("review") == "draft":
        notices.append(f'!!! note {NOTICE} ""\n    {text["draft_notice"]} [{text["draft_notice_link"]}]({about})')
    if stamps.english_page(config, translated).exists() and not stamps.is_current(config, translated):
        notices.append(f'!!! warning {NOTICE} ""\n    {text["outdated_notice"]}')
    return _after_first_heading(markdown, "\n\n".join(notices)) if notices else markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called after a page is rendered: an English fallback page is marked as English text."""
    source = source_language(config)
    if build_language(config) != source and page.file.src_uri.startswith(f"{source}/"):
        return f'<div lang="{source}">{html}</div>'
    return html


def translation_report(config: MkDocsConfig, language: str) -> list[str]:
    """One line per English page whose translation is missing or older than the English."""
    docs_dir, source = Path(config.docs_dir), source_language(config)
    problems = []
    for english in sorted((docs_dir / source).rglob("*.md")):
        translated = docs_dir / language / english.relative_to(docs_dir / source)
        if not translated.exists():
            problems.append(f"{translated}: missing (readers see the English page)")
        elif not stamps.is_current(config, translated):
            problems.append(f"{translated}: outdated or unstamped (English is {stamps.source_hash(english)})")
    return problems


def _after_first_heading(markdown: str, notice: str) -> str:
    match = FIRST_HEADING.search(markdown)
    if not match:
        return f"{notice}\n\n{markdown}"
    return f"{markdown[: match.end()]}\n\n{notice}\n\n{markdown[match.end():]}"


def _relative_link(from_uri: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri))
