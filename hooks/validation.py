"""Stops the build on content errors that MkDocs lets through, naming the file and the line.

MkDocs events handled:
- ``on_page_markdown``: the front matter must be valid YAML using only the known fields, with
  ``sources`` naming keys of ``extra.handbook.sources``; every relative link to a Markdown page
  must point at a page that exists. (Pages missing from the nav and broken anchors are caught
  by MkDocs itself in strict mode, see ``validation:`` in mkdocs.yml.)
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ALLOWED_FIELDS = {"title", "description", "sources", "hide", "search", "review", "translates"}
REVIEW_STATES = {"draft", "reviewed"}
# [text](target) and [text](target "title"), not images' data URIs or external links.
MARKDOWN_LINK = re.compile(r"\]\((?P<target>[^)\s]+\.md)(?:#[^)\s]*)?(?:\s+\"[^\"]*\")?\)")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called for each page after its front matter is read, before it is rendered."""
    source = Path(page.file.abs_src_path)
    _check_front_matter(source, page.meta, config)
    _check_page_links(source, page, files)
    return markdown


def _check_front_matter(source: Path, meta: dict, config: MkDocsConfig) -> None:
    text = source.read_text(encoding="utf-8")
    if not text.startswith("---"):
        raise PluginError(f"{source}:1: the page has no front matter; start it with '---' and a title.")
    header_lines = text.split("\n")
    try:
        end = header_lines.index("---", 1)
    except ValueError:
        raise PluginError(f"{source}:1: the front matter is never closed with a '---' line.") from None
    try:
        fields = yaml.safe_load("\n".join(header_lines[1:end])) or {}
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 2
        problem = getattr(error, "problem", None) or str(error)
        raise PluginError(f"{source}:{line}: the front matter is not valid YAML ({problem}).") from None
    if not isinstance(fields, dict):
        raise PluginError(f"{source}:2: the front matter must be 'field: value' lines.")

    def line_of(field: str) -> int:
        for number, line in enumerate(header_lines[1:end], start=2):
            if line.startswith(f"{field}:"):
                return number
        return 1

    for field in fields:
        if field not in ALLOWED_FIELDS:
            allowed = ", ".join(sorted(ALLOWED_FIELDS))
            raise PluginError(f"{source}:{line_of(field)}: unknown front-matter field '{field}' (allowed: {allowed}).")
    if not fields.get("title"):
        raise PluginError(f"{source}:1: the front matter needs a 'title'.")
    known_sources = config.extra["handbook"]["sources"]
    page_sources = fields.get("sources")
    if not page_sources or not isinstance(page_sources, list):
        raise PluginError(
            f"{source}:{line_of('sources')}: 'sources' must list where the page's facts come from, "
            f"e.g. sources: [ohchr-guidelines] (known: {', '.join(known_sources)})."
        )
    for key in page_sources:
        if key not in known_sources:
            raise PluginError(
                f"{source}:{line_of('sources')}: unknown source '{key}' "
                f"(known: {', '.join(known_sources)}; add new ones under extra.handbook.sources)."
            )
    if "review" in fields and fields["review"] not in REVIEW_STATES:
        raise PluginError(f"{source}:{line_of('review')}: 'review' must be one of {sorted(REVIEW_STATES)}.")


def _check_page_links(source: Path, page: Page, files: Files) -> None:
    page_dir = posixpath.dirname(page.file.src_uri)
    in_code_block = False
    for number, line in enumerate(source.read_text(encoding="utf-8").split("\n"), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_code_block = not in_code_block
        if in_code_block:
            continue
        for match in MARKDOWN_LINK.finditer(line):
            target = match.group("target")
            if "://" in target or target.startswith(("/", "mailto:", "tel:")):
                continue
            resolved = posixpath.normpath(posixpath.join(page_dir, target))
            if files.get_file_from_path(resolved) is None:
                raise PluginError(f"{source}:{number}: the link '{target}' points to a page that does not exist.")
