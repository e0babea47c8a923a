"""Stops the build on content errors that MkDocs lets through, naming the file and the line.

MkDocs events handled:
- ``on_config``: checks ``extra.handbook`` (name, version, edition date, sources).
- ``on_page_markdown``: the front matter (read by handbook/frontmatter.py) must be valid YAML
  using only the known fields, with ``sources`` naming keys of ``extra.handbook.sources``; a
  translated page records its review state (``review: draft | reviewed``, with ``reviewed_by``
  and ``reviewed_on`` once reviewed) and the English version it translates; every relative link
  to a Markdown page must point at a page that exists. (Pages missing from the nav and broken
  anchors are caught by MkDocs itself in strict mode, see ``validation:`` in mkdocs.yml.)
"""

from __future__ import annotations

import bisect
import datetime
import posixpath
import re
from pathlib import Path

from handbook import frontmatter, options, yamldata
from handbook.languages import build_language, source_language
from handbook.settings import HandbookOptions
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ALLOWED_FIELDS = {"title", "description", "sources", "hide", "search", "review", "reviewed_by", "reviewed_on",
                  "translates"}
REVIEW_STATES = {"draft", "reviewed"}
# [text](target) and [text](target "title"), not images' data URIs or external links.
MARKDOWN_LINK = re.compile(r"\]\((?P<target>[^)\s]+\.md)(?:#[^)\s]*)?(?:[^\S\n]+\"[^\"\n]*\")?\)")
# The first line of a fenced code block, and its last.
FENCE = re.compile(r"^[^\S\n]*(?:```|~~~)", re.MULTILINE)
# What `python -m handbook stamp` writes: the first 12 hex digits of the English page's SHA-256.
STAMP = re.compile(r"[0-9a-f]{12}")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called at the start of each build: extra.handbook (name, version, date, sources) is checked."""
    options.read(config, HandbookOptions)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called for each page after its front matter is read, before it is rendered."""
    source = Path(page.file.abs_src_path)
    translated = not page.file.src_uri.startswith(f"{source_language(config)}/")
    _check_front_matter(frontmatter.read(config, source), config, translated=translated)
    _check_page_links(source, page, files, config)
    return markdown


def _check_front_matter(front: frontmatter.FrontMatter, config: MkDocsConfig, *, translated: bool) -> None:
    source, fields = front.path, front.fields
    if not front.present:
        raise PluginError(f"{source}:1: the page has no front matter; start it with '---' and a title.")
    for field in fields:
        if field not in ALLOWED_FIELDS:
            allowed = ", ".join(sorted(ALLOWED_FIELDS))
            raise PluginError(f"{source}:{front.line(field)}: unknown front-matter field '{field}' (allowed: {allowed}).")
    if not fields.get("title"):
        raise PluginError(f"{source}:1: the front matter needs a 'title'.")
    known_sources = options.read(config, HandbookOptions).sources
    page_sources = fields.get("sources")
    if not page_sources or not isinstance(page_sources, list):
        raise PluginError(
            f"{source}:{front.line('sources')}: 'sources' must list where the page's facts come from, "
            f"e.g. sources: [ohchr-guidelines] (known: {', '.join(known_sources)})."
        )
    for key in page_sources:
        if key not in known_sources:
            raise PluginError(
                f"{source}:{front.line('sources')}: unknown source '{key}' "
                f"(known: {', '.join(known_sources)}; add new ones under extra.handbook.sources)."
            )
    _check_review(front, translated=translated)


def _check_review(front: frontmatter.FrontMatter, *, translated: bool) -> None:
    """A translated page says whether a native speaker has reviewed it, and if so who and when,
    and which English version it translates."""
    source, fields, line_of = front.path, front.fields, front.line
    review_fields = [field for field in ("review", "reviewed_by", "reviewed_on", "translates") if field in fields]
    if not translated:
        if review_fields:
            raise PluginError(f"{source}:{line_of(review_fields[0])}: '{review_fields[0]}' belongs in the "
                              "front matter of the translated page, not the English one.")
        return
    if fields.get("review") not in REVIEW_STATES:
        raise PluginError(f"{source}:{line_of('review')}: a translated page needs 'review: draft' (not yet "
                          "checked by a native speaker) or 'review: reviewed'.")
    if fields["review"] == "reviewed":
        for field in ("reviewed_by", "reviewed_on"):
            if not fields.get(field):
                raise PluginError(f"{source}:{line_of('review')}: 'review: reviewed' needs '{field}' "
                                  "(reviewed_by: a name or role; reviewed_on: the date, e.g. 2026-11-30).")
    if "reviewed_on" in fields and not isinstance(fields["reviewed_on"], datetime.date):
        raise PluginError(f"{source}:{line_of('reviewed_on')}: 'reviewed_on' must be a date written "
                          f"YYYY-MM-DD, not '{fields['reviewed_on']}'.")
    stamp = front.written("translates")
    if stamp is not None and not STAMP.fullmatch(stamp):
        raise PluginError(f"{source}:{line_of('translates')}: 'translates' must be the 12-character version "
                          f"that `python -m handbook stamp {source}` writes, not '{stamp}'.")


def _check_page_links(source: Path, page: Page, files: Files, config: MkDocsConfig) -> None:
    page_dir = posixpath.dirname(page.file.src_uri)
    # Whether a page exists, by path, as this language's files answer it (each asked once: the
    # i18n plugin's lookup, with its fallbacks, is slow, and pages link to the same few pages).
    found = yamldata.for_build(config).get(("page exists", build_language(config)), dict)
    text = source.read_text(encoding="utf-8")
    fences = [fence.start() for fence in FENCE.finditer(text)]  # each opens or closes a code block
    for match in MARKDOWN_LINK.finditer(text):
        if bisect.bisect(fences, match.start()) % 2:  # in a code block
            continue
        target = match.group("target")
        if "://" in target or target.startswith(("/", "mailto:", "tel:")):
            continue
        resolved = posixpath.normpath(posixpath.join(page_dir, target))
        if resolved not in found:
            found[resolved] = files.get_file_from_path(resolved) is not None
        if not found[resolved]:
            number = text.count("\n", 0, match.start()) + 1
            raise PluginError(f"{source}:{number}: the link '{target}' points to a page that does not exist.")
