"""Worksheets: each chapter shows its worksheet next to the explanation, to read and print, with a
link that opens "My workbook" at that worksheet; the workbook page holds all of them, to fill in
and keep (unlock once, move between worksheets without leaving the page, so the key never has to
outlive the page: README "Worksheets").

Declarations are fenced ```worksheet blocks in the Markdown (hooks/worksheet_declarations.py);
forms are rendered from each worksheet's schema through overrides/partials/worksheet-form.html
(hooks/worksheet_forms.py); a page not yet translated shows the English form, marked as English.
The workbook page holds the marker ``<!-- workbook -->``. Settings are
under ``extra.worksheets`` in mkdocs.yml; interface strings are the ``ws_*`` keys of
docs/interface.yml; overrides/assets/javascripts/worksheet*.js drive the forms.

MkDocs events handled:
- ``on_config``: checks the settings (PBKDF2 iterations within the accepted range, and so on).
- ``on_env``: gives every page's header the "Hide now" button's strings (``hb_hide``, overrides/partials/hide.html).
- ``on_page_markdown``: replaces each declaration with its form, the workbook marker
  with every worksheet; fails the build on a bad declaration naming the file and line; gives the
  workbook its toolbar and settings (overrides/partials/worksheets.html) above the worksheets.
  Each form, and the workbook's toolbar and scripts, stands in the Markdown as a placeholder
  comment (hooks/held_html.py: Markdown would only copy their HTML, after reading it whole; the
  toolbar's settings alone are 90 KB on the Khmer workbook).
- ``on_page_content`` (first): puts each form's HTML where its placeholder came out, and its ids
  among the page's anchors (links to ``#worksheet-…`` are checked against them). On the workbook
  the placeholders stay until ``on_post_page``: the search plugin indexes the workbook's
  introduction and worksheet titles, not a second copy of every form (each chapter's form is
  indexed there) nor the toolbar's settings.
- ``on_post_page`` (before hooks/khmer.py segments the page): puts the workbook's toolbar, forms
  and scripts in.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from handbook import frontmatter, options, risk_grid, yamldata
from handbook.interface import build_language, strings
from handbook.languages import source_language
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import worksheet_declarations as declared
import worksheet_forms as forms
from held_html import Held
from templates import template
from worksheet_options import WorksheetOptions

WORKBOOK_MARKER = re.compile(r"^<!-- workbook -->\s*$")
NOT_RENDERED = ("a worksheet form (or the workbook's toolbar) did not come out of Markdown where it was declared "
                "(is its declaration or the workbook marker inside another block?).")

FORMS = Held("worksheet")  # by page: each form's HTML, and the workbook's toolbar and scripts
_workbooks: set[str] = set()  # the workbook pages of this build: their placeholders wait for on_post_page


def settings(config: MkDocsConfig) -> WorksheetOptions:
    """``extra.worksheets``, checked once per build."""
    return options.read(config, WorksheetOptions)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once per build with the loaded configuration."""
    settings(config)
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Called once the theme's templates are loaded, before any page is rendered."""
    text = strings(config)
    env.globals["hb_hide"] = {"label": text["ws_hide"], "short": text["ws_hide_short"], "title": text["ws_hide_title"],
                              "url": settings(config).hide_url}
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Called for each page before it is rendered: declarations become forms."""
    FORMS.forget(page)
    _workbooks.discard(page.file.src_uri)
    if "worksheet" not in markdown and "workbook" not in markdown:
        return None
    if md := _workbook(markdown, page, config):
        return md
    return _chapter(markdown, page, config)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Called after a page is rendered to HTML, before any other hook reads it."""
    if page.file.src_uri in _workbooks:  # its forms go in at on_post_page; their ids count now
        FORMS.check(page, html, missing=NOT_RENDERED)
        return html
    return FORMS.put_back(page, html, missing=NOT_RENDERED)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Called with each page's final HTML: the workbook gets its forms."""
    if page.file.src_uri not in _workbooks:
        return output
    _workbooks.discard(page.file.src_uri)
    return FORMS.put_back(page, output, anchors=False,
                          missing="the page's template left out the workbook's content (its worksheets go where "
                                  "the page's content is written).")


def _found(config: MkDocsConfig, language: str) -> dict[str, declared.Found]:
    """The declarations of a language (and of English), read once per build."""
    return yamldata.for_build(config).get(("worksheet declarations", language),
                                          lambda: declared.declarations(config, language, settings(config).ids))


def _declared_at(config: MkDocsConfig, language: str, source: Path, line: int, block: list[str]) -> str:
    """The id of the declaration whose fence is at ``source``:``line`` (as ``_found`` read it; a
    page that is not its language's own, such as an English page standing in for a missing
    translation, is read here)."""
    for found in _found(config, language).values():
        if found.line == line and found.source == source:
            return found.declaration.id
    return declared.parse(block, source, line, settings(config).ids).id


def _declaration(config: MkDocsConfig, worksheet_id: str, language: str, source, line: int) -> tuple[declared.Found, bool]:
    """The declaration in the page's language, or the English one (and True) when not translated."""
    source_lang = source_language(config)
    english = _found(config, source_lang)
    if worksheet_id not in english:
        raise PluginError(f"{source}:{line}: no English page declares the worksheet '{worksheet_id}'.")
    if language != source_lang:
        local = _found(config, language).get(worksheet_id)
        if local:
            if declared.structure(local.declaration) != declared.structure(english[worksheet_id].declaration):
                raise PluginError(
                    f"{local.source}:{local.line}: worksheet '{worksheet_id}': translate only titles, legends, labels, "
                    f"help, intro and option labels; names, types, items and option values must match "
                    f"{english[worksheet_id].source}:{english[worksheet_id].line}.")
            return local, False
    return english[worksheet_id], language != source_lang


def _schema(config: MkDocsConfig, found: declared.Found, text: dict) -> dict:
    """The worksheet's schema with the levels of the page's language, on one line (made once per build)."""
    levels = list(text["ws_levels"])
    return yamldata.for_build(config).get(
        ("worksheet schema", found.source, found.line, tuple(levels)),
        lambda: forms.one_line(declared.schema(found.declaration, levels, risk_grid.load(config))))


def _workbook_dest(config: MkDocsConfig, language: str) -> str:
    page = settings(config).workbook_page.removesuffix(".md") + ".html"
    return page if language == source_language(config) else f"{language}/{page}"


def _chapter(markdown: str, page: Page, config: MkDocsConfig) -> str | None:
    """A chapter: each declaration becomes the form to read and print."""
    language = build_language(config)
    text = strings(config)
    source = Path(page.file.abs_src_path)
    offset = frontmatter.read(config, source).body_line - 1  # lines MkDocs removed before handing us the Markdown
    workbook = posixpath.relpath(_workbook_dest(config, language), posixpath.dirname(page.file.dest_uri) or ".")
    lines = markdown.split("\n")
    out: list[str] = []
    ids: list[str] = []
    heading_level = 1
    index = 0
    while index < len(lines):
        line = lines[index]
        if match := declared.HEADING.match(line):
            heading_level = len(match.group(1))
        if not declared.FENCE_OPEN.match(line):
            out.append(line)
            index += 1
            continue
        number = index + offset + 1
        end = declared.fence_end(lines, index, source, offset)
        worksheet_id = _declared_at(config, language, source, number, lines[index + 1:end])
        found, english = _declaration(config, worksheet_id, language, source, number)
        if worksheet_id in ids:
            raise PluginError(f"{source}:{number}: the worksheet '{worksheet_id}' appears twice on this page.")
        ids.append(worksheet_id)
        out.append(FORMS.hold(page, forms.render(config, _schema(config, found, text), text, preview=True,
                                                 title_level=min(heading_level + 1, 6),
                                                 lang=source_language(config) if english else None,
                                                 workbook_url=workbook)))
        index = end + 1
    return "\n".join(out) if ids else None


def _workbook(markdown: str, page: Page, config: MkDocsConfig) -> str | None:
    """The workbook page: every worksheet, each with a link to the explanation it belongs to."""
    lines = markdown.split("\n")
    at = next((number for number, line in enumerate(lines) if WORKBOOK_MARKER.match(line)), None)
    if at is None:
        return None
    _workbooks.add(page.file.src_uri)
    language = build_language(config)
    text = strings(config)
    ids = list(settings(config).ids)
    here = posixpath.dirname(page.file.src_uri.split("/", 1)[1])  # within the language's folder
    blocks = []
    for worksheet_id in ids:
        found, english = _declaration(config, worksheet_id, language, page.file.abs_src_path, at + 1)
        schema = _schema(config, found, text)
        chapter = found.source.relative_to(config.docs_dir).as_posix().split("/", 1)[1]
        target = f"{posixpath.relpath(chapter, here or '.')}#{found.anchor or 'worksheet-' + worksheet_id}"
        lang = ' lang="en"' if english else ""
        blocks += [f"## {schema['title']} {{#{worksheet_id}-title}}", "",
                   f"{text['ws_explained_in']} [{found.section or schema['title']}]({target})"
                   f'{{target="_blank" rel="noopener"{lang}}} {text["ws_explained_in_new_tab"]}', "",
                   FORMS.hold(page, forms.render(config, schema, text, preview=False, title_level=None,
                                                 lang=source_language(config) if english else None)), ""]
    forms.check_needs({worksheet_id: _schema(config, _declaration(config, worksheet_id, source_language(config),
                                                          page.file.abs_src_path, at + 1)[0], text) for worksheet_id in ids})
    assets = posixpath.relpath("assets/javascripts", posixpath.dirname(page.file.dest_uri) or ".")
    toolbar = template(config, "partials/worksheets.html").render(ws={
        "strings": {key: value for key, value in text.items() if key.startswith("ws_")},
        "config": forms.client_config(config, settings(config), language, ids, text),
    })
    toolbar = FORMS.hold(page, "\n".join(line for line in toolbar.split("\n") if line.strip()))
    scripts = FORMS.hold(page, "\n".join(f'<script src="{assets}/{script}"></script>' for script in forms.SCRIPTS))
    return "\n".join(lines[:at] + [toolbar, ""] + blocks + [scripts, ""] + lines[at + 1:])  # the scripts after the forms
