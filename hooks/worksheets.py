"""Turns worksheet declarations in the Markdown into accessible HTML forms.

A page declares a worksheet in a fenced block that translators translate with the page:

    ```worksheet
    id: risk-assessment
    title: Your risk assessment
    intro: One sentence saying what to do.
    parts:
      - legend: About you                # a fieldset of single fields
        fields:
          - {name: version, label: Plan version, type: text}
      - repeat: risks                    # rows the user can add and remove
        legend: Risks
        row: Risk                        # each row's legend, numbered
        add: Add a risk
        fields:
          - {name: probability, label: Probability, type: level, help: How likely?}
      - legend: Home and office          # the same fields for each item
        items:
          - {name: home, label: Home, help: Questions to ask}
        fields:
          - {name: answer, label: Your answer, type: textarea}
    ```

Field types: text, textarea, date, tel, checkbox, level (the five levels of docs/en/six-steps/
risks.md) and select (``options: {value: label}``). ``suggest: <worksheet>.<repeat>.<field>``
offers the answers of another worksheet. The Khmer declaration must have the same structure as
the English one (names, types, option values), so answers move between the two editions.
A page that still holds only the marker line ``<!-- worksheet: <id> -->`` gets the English form.
Settings are under ``extra.worksheets`` in mkdocs.yml; interface strings are the ``ws_*`` keys
of docs/interface.yml. overrides/assets/javascripts/worksheets.js drives the forms.

MkDocs events handled:
- ``on_config``: checks the settings (PBKDF2 iterations at least 600,000, and so on).
- ``on_page_markdown``: replaces each declaration (or marker) with the form's HTML, fails the
  build on a bad declaration naming the file and line, and gives the page's template the
  toolbar strings and the JSON configuration (``page.meta.worksheets``, see
  overrides/partials/worksheets.html).
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml
from interface import build_language, strings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

FENCE_OPEN = re.compile(r"^```worksheet\s*$")
FENCE_CLOSE = re.compile(r"^```\s*$")
MARKER = re.compile(r"^<!-- worksheet: (?P<id>[a-z0-9-]+) -->\s*$")
HEADING = re.compile(r"^(#{1,6}) ")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
FIELD_TYPES = {"text", "textarea", "date", "tel", "checkbox", "level", "select"}
LEVELS = ("1", "2", "3", "4", "5")
MIN_ITERATIONS = 600_000
SOURCE_LANGUAGE = "en"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once per build with the loaded configuration."""
    settings = config.extra.get("worksheets")
    where = f"{config.config_file_path}: extra.worksheets"
    if not isinstance(settings, dict):
        raise PluginError(f"{where} is missing (worksheet settings: iterations, idle lock, ...).")
    if int(settings.get("pbkdf2_iterations", 0)) < MIN_ITERATIONS:
        raise PluginError(f"{where}.pbkdf2_iterations must be at least {MIN_ITERATIONS:,} (OWASP, 2023).")
    for key in ("idle_lock_minutes", "storage_prefix", "hide_url", "ids", "plan_page", "incident_cluster"):
        if not settings.get(key):
            raise PluginError(f"{where}.{key} is missing.")
    cluster = settings["incident_cluster"]
    if not (int(cluster.get("count", 0)) >= 2 and int(cluster.get("days", 0)) >= 1):
        raise PluginError(f"{where}.incident_cluster needs count (2 or more) and days (1 or more).")
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Called for each page before it is rendered: declarations become forms."""
    if "worksheet" not in markdown:
        return None
    source = Path(page.file.abs_src_path)
    text = strings(config)
    lines = markdown.split("\n")
    offset = _front_matter_lines(source)
    out: list[str] = []
    ids: list[str] = []
    heading_level = 1
    index = 0
    while index < len(lines):
        line = lines[index]
        if match := HEADING.match(line):
            heading_level = len(match.group(1))
        marker = MARKER.match(line)
        if FENCE_OPEN.match(line) or marker:
            if marker:
                declaration = _english_declaration(config, marker.group("id"), source, index + offset + 1)
                end = index
                english = True
            else:
                end = _fence_end(lines, index, source, offset)
                declaration = _parse(lines[index + 1:end], source, index + offset + 1, config)
                english = build_language(config) == SOURCE_LANGUAGE or page.file.src_uri.startswith("en/")
                if not english:
                    _check_same_structure(declaration, config, source, index + offset + 1)
            if declaration.id in ids:
                raise PluginError(f"{source}:{index + offset + 1}: the worksheet '{declaration.id}' appears twice on this page.")
            ids.append(declaration.id)
            form = _render(declaration, text, min(heading_level + 1, 6), lang=SOURCE_LANGUAGE if english and build_language(config) != SOURCE_LANGUAGE else None)
            out.append(form)
            index = end + 1
            continue
        out.append(line)
        index += 1
    if not ids:
        return None
    page.meta["worksheets"] = {
        "ids": ids,
        "strings": {key: value for key, value in text.items() if key.startswith("ws_")},
        "config": _client_config(config, page, ids, text),
    }
    return "\n".join(out)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str
    help: str
    options: tuple[tuple[str, str], ...]
    suggest: str


@dataclass(frozen=True)
class Part:
    legend: str
    help: str
    fields: tuple[Field, ...]
    repeat: str = ""
    row: str = ""
    add: str = ""
    items: tuple[tuple[str, str, str], ...] = ()
    group: str = ""


@dataclass(frozen=True)
class Declaration:
    id: str
    title: str
    intro: str
    parts: tuple[Part, ...]


def _front_matter_lines(source: Path) -> int:
    """How many lines MkDocs removed (the front matter) before handing us the Markdown."""
    text = source.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return 0
    rest = text.split("\n")
    try:
        end = rest.index("---", 1)
    except ValueError:
        return 0
    body = "\n".join(rest[end + 1:])
    return end + 1 + (len(body) - len(body.lstrip("\n"))) if body.strip() else end + 1


def _fence_end(lines: list[str], start: int, source: Path, offset: int) -> int:
    for end in range(start + 1, len(lines)):
        if FENCE_CLOSE.match(lines[end]):
            return end
    raise PluginError(f"{source}:{start + offset + 1}: the worksheet block is never closed with a ``` line.")


def _parse(block: list[str], source: Path, line: int, config: MkDocsConfig) -> Declaration:
    """Reads one declaration; ``line`` is the fence's line number in the source file."""

    def fail(message: str, needle: str = "") -> PluginError:
        number = line
        if needle:
            for number_in_block, text in enumerate(block, start=1):
                if needle in text:
                    number = line + number_in_block
                    break
        return PluginError(f"{source}:{number}: worksheet: {message}")

    try:
        data = yaml.safe_load("\n".join(block))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise PluginError(f"{source}:{line + 1 + (mark.line if mark else 0)}: worksheet: not valid YAML ({problem}).") from None
    if not isinstance(data, dict):
        raise fail("the block must hold 'id', 'title', 'intro' and 'parts'.")
    known = config.extra["worksheets"]["ids"]
    worksheet_id = data.get("id")
    if worksheet_id not in known:
        raise fail(f"unknown worksheet id {worksheet_id!r} (known: {', '.join(known)}; add new ids under extra.worksheets.ids).", "id:")
    for key in ("title", "parts"):
        if not data.get(key):
            raise fail(f"'{worksheet_id}' needs a '{key}'.")
    unknown = set(data) - {"id", "title", "intro", "parts"}
    if unknown:
        raise fail(f"unknown key(s) {sorted(unknown)} (allowed: id, title, intro, parts).", f"{sorted(unknown)[0]}:")
    names: set[str] = set()
    parts = []
    for part in data["parts"]:
        if not isinstance(part, dict) or not isinstance(part.get("fields"), list) or not part["fields"]:
            raise fail("each part needs a list of 'fields'.")
        unknown = set(part) - {"legend", "help", "fields", "repeat", "row", "add", "items", "group"}
        if unknown:
            raise fail(f"unknown part key(s) {sorted(unknown)}.", f"{sorted(unknown)[0]}:")
        if not part.get("legend"):
            raise fail("every part needs a 'legend' (the title of its group of fields).", "fields:")
        repeat = str(part.get("repeat") or "")
        items = []
        for item in part.get("items") or []:
            if not isinstance(item, dict) or not NAME.match(str(item.get("name", ""))) or not item.get("label"):
                raise fail(f"every item needs a 'name' (a-z, 0-9, _) and a 'label': {item!r}.", str(item.get("name", "items:")) if isinstance(item, dict) else "items:")
            items.append((item["name"], str(item["label"]), str(item.get("help") or "")))
        fields = tuple(_field(raw, fail) for raw in part["fields"])
        if repeat:
            if not NAME.match(repeat) or not part.get("row") or not part.get("add"):
                raise fail(f"the repeat '{repeat}' needs a name (a-z, 0-9, _), a 'row' legend and an 'add' button label.", f"repeat: {repeat}")
            scoped = [repeat]
        elif items:
            scoped = [f"{item[0]}.{field.name}" for item in items for field in fields]
        else:
            scoped = [field.name for field in fields]
        if repeat:
            row_names = [field.name for field in fields]
            if len(set(row_names)) != len(row_names):
                raise fail(f"a field name appears twice in the repeat '{repeat}'.", f"repeat: {repeat}")
        for name in scoped:
            if name in names:
                raise fail(f"the name '{name}' is used twice in '{worksheet_id}'; names must be unique.", f"name: {name.split('.')[-1]}")
            names.add(name)
        parts.append(Part(legend=str(part["legend"]), help=str(part.get("help") or ""), fields=fields, repeat=repeat,
                          row=str(part.get("row") or ""), add=str(part.get("add") or ""), items=tuple(items),
                          group=str(part.get("group") or "")))
    return Declaration(id=worksheet_id, title=str(data["title"]), intro=str(data.get("intro") or ""), parts=tuple(parts))


def _field(raw: object, fail) -> Field:
    if not isinstance(raw, dict):
        raise fail(f"a field must be a mapping with name, label and type, not {raw!r}.")
    name = str(raw.get("name", ""))
    if not NAME.match(name):
        raise fail(f"the field name {name!r} must use only a-z, 0-9 and _, starting with a letter.", f"name: {name}" if name else "fields:")
    if not raw.get("label"):
        raise fail(f"the field '{name}' has no 'label'; every field needs one.", f"name: {name}")
    if raw.get("type") not in FIELD_TYPES:
        raise fail(f"the field '{name}' has the unknown type {raw.get('type')!r} (known: {', '.join(sorted(FIELD_TYPES))}).", f"name: {name}")
    unknown = set(raw) - {"name", "label", "type", "help", "options", "suggest"}
    if unknown:
        raise fail(f"the field '{name}' has unknown key(s) {sorted(unknown)}.", f"name: {name}")
    options: tuple[tuple[str, str], ...] = ()
    if raw["type"] == "select":
        if not isinstance(raw.get("options"), dict) or not raw["options"]:
            raise fail(f"the select field '{name}' needs 'options: {{value: label, ...}}'.", f"name: {name}")
        options = tuple((str(value), str(label)) for value, label in raw["options"].items())
    suggest = str(raw.get("suggest") or "")
    if suggest and len(suggest.split(".")) != 3:
        raise fail(f"the field '{name}': 'suggest' must be <worksheet>.<repeat>.<field>.", f"name: {name}")
    return Field(name=name, label=str(raw["label"]), type=raw["type"], help=str(raw.get("help") or ""),
                 options=options, suggest=suggest)


@functools.cache
def _english_declarations(docs_dir: str, known: tuple[str, ...]) -> dict[str, tuple[Path, int, list[str]]]:
    """Every English declaration by id: (file, fence line, block lines)."""
    found = {}
    for path in sorted((Path(docs_dir) / SOURCE_LANGUAGE).rglob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines):
            if FENCE_OPEN.match(line):
                end = _fence_end(lines, number, path, 0)
                block = lines[number + 1:end]
                worksheet_id = (yaml.safe_load("\n".join(block)) or {}).get("id") if block else None
                found[worksheet_id] = (path, number + 1, block)
    return found


def _english_declaration(config: MkDocsConfig, worksheet_id: str, source: Path, line: int) -> Declaration:
    found = _english_declarations(config.docs_dir, tuple(config.extra["worksheets"]["ids"]))
    if worksheet_id not in found:
        raise PluginError(f"{source}:{line}: the marker names the worksheet '{worksheet_id}', which no English page declares.")
    path, fence_line, block = found[worksheet_id]
    return _parse(block, path, fence_line, config)


def _structure(declaration: Declaration) -> list:
    return [(part.repeat, part.group, [item[0] for item in part.items],
             [(field.name, field.type, [value for value, _ in field.options], field.suggest) for field in part.fields])
            for part in declaration.parts]


def _check_same_structure(declaration: Declaration, config: MkDocsConfig, source: Path, line: int) -> None:
    english = _english_declaration(config, declaration.id, source, line)
    if _structure(english) != _structure(declaration):
        path, fence_line, _ = _english_declarations(config.docs_dir, tuple(config.extra["worksheets"]["ids"]))[declaration.id]
        raise PluginError(
            f"{source}:{line}: worksheet '{declaration.id}': translate only titles, legends, labels, help, "
            f"intro and option labels; names, types, items and option values must match {path}:{fence_line}."
        )


def _render(declaration: Declaration, text: dict, heading: int, lang: str | None) -> str:
    """The form's HTML, on lines with no blank line between them (one raw HTML block). The row
    template stays out of the search index (its rows would show there as stray list items)."""
    ws = declaration.id
    levels = list(zip(LEVELS, text["ws_levels"]))
    lang_attr = f' lang="{lang}"' if lang else ""
    html = [
        f'<form class="hb-ws" data-worksheet="{ws}" id="worksheet-{ws}" aria-labelledby="{ws}-title" novalidate{lang_attr}>',
        f'<h{heading} class="hb-ws__title" id="{ws}-title">{_text(declaration.title)}</h{heading}>',
        f'<p class="hb-ws__intro">{_text(declaration.intro)}</p>' if declaration.intro else "",
        f'<p class="hb-ws__message" data-message role="status" aria-live="polite"></p>',
    ]
    for number, part in enumerate(declaration.parts):
        part_id = f"{ws}-part-{number}"
        group = f' data-group="{escape(part.group)}"' if part.group else ""
        help_html = f'<p class="hb-ws__help" id="{part_id}-help">{_text(part.help)}</p>' if part.help else ""
        if part.repeat:
            fields = "".join(_control(field, ws, f"{part.repeat}.__i__.", levels, text, row=True) for field in part.fields)
            row = (f'<li class="hb-ws__row" data-row><fieldset><legend>{_text(part.row)} <span data-row-number>{_text(text["digits"][1])}</span></legend>'
                   f'{fields}<button type="button" class="md-button hb-ws__remove" data-action="remove-row">{_text(text["ws_remove_row"])}</button>'
                   f'</fieldset></li>')
            html.append(
                f'<fieldset class="hb-ws__part hb-ws__repeat" data-rows="{part.repeat}"{group}>'
                f'<legend>{_text(part.legend)}</legend>{help_html}'
                f'<template data-row-template data-search-exclude>{row}</template>'
                f'<ol class="hb-ws__rows" data-row-list>{_number_row(row, part.repeat, 0, ws)}</ol>'
                f'<button type="button" class="md-button" data-action="add-row">{_text(part.add)}</button></fieldset>'
            )
        elif part.items:
            inner = []
            for name, label, item_help in part.items:
                item_help_html = f'<p class="hb-ws__help" id="{ws}-{name}-help">{_text(item_help)}</p>' if item_help else ""
                controls = "".join(_control(field, ws, f"{name}.", levels, text) for field in part.fields)
                inner.append(f'<fieldset class="hb-ws__item" data-item="{name}"><legend>{_text(label)}</legend>{item_help_html}{controls}</fieldset>')
            html.append(f'<fieldset class="hb-ws__part"{group}><legend>{_text(part.legend)}</legend>{help_html}{"".join(inner)}</fieldset>')
        else:
            controls = "".join(_control(field, ws, "", levels, text) for field in part.fields)
            html.append(f'<fieldset class="hb-ws__part"{group}><legend>{_text(part.legend)}</legend>{help_html}{controls}</fieldset>')
    html.append(f'<div class="hb-ws__output" data-output aria-live="polite"></div>')
    actions = [
        ("export", "ws_export"), ("export-plain", "ws_export_plain"), ("print", "ws_print"),
        ("print-blank", "ws_print_blank"), ("clear", "ws_clear"),
    ]
    buttons = "".join(f'<button type="button" class="md-button" data-action="{action}">{_text(text[key])}</button>'
                      for action, key in actions)
    html.append(
        f'<div class="hb-ws__actions">{buttons}'
        f'<label class="md-button hb-ws__import" for="{ws}-import">{_text(text["ws_import"])}</label>'
        f'<input type="file" id="{ws}-import" class="hb-ws__file" accept=".json,application/json" data-action="import"></div>'
    )
    html.append("</form>")
    return "\n".join(part for part in html if part)


def _control(field: Field, ws: str, prefix: str, levels: list, text: dict, row: bool = False) -> str:
    name = f"{prefix}{field.name}"
    control_id = f"{ws}-{name.replace('.', '-')}"
    help_id = f"{control_id}-help"
    described = f' aria-describedby="{help_id}"' if field.help else ""
    help_html = f'<span class="hb-ws__help" id="{help_id}">{_text(field.help)}</span>' if field.help else ""
    attributes = f'id="{control_id}" name="{name}" data-field="{field.name}"{described}'
    if field.suggest:
        attributes += f' data-suggest="{escape(field.suggest)}" list="{control_id}-list"'
    if field.type == "checkbox":
        return (f'<div class="hb-ws__field hb-ws__field--checkbox"><input type="checkbox" {attributes}>'
                f'<label for="{control_id}">{_text(field.label)}</label>{help_html}</div>')
    if field.type == "textarea":
        control = f'<textarea {attributes} rows="3"></textarea>'
    elif field.type in {"level", "select"}:
        options = levels if field.type == "level" else field.options
        choices = "".join(f'<option value="{escape(value)}">{_text(label)}</option>' for value, label in options)
        control = f'<select {attributes}><option value="">{_text(text["ws_choose"])}</option>{choices}</select>'
        # On paper, an empty choice prints its options to circle.
        control += f'<span class="hb-ws__choices" aria-hidden="true">{" / ".join(_text(label) for _, label in options)}</span>'
    else:
        control = f'<input type="{field.type}" {attributes}>'
        if field.suggest:
            control += f'<datalist id="{control_id}-list"></datalist>'
    return (f'<div class="hb-ws__field"><label for="{control_id}">{_text(field.label)}</label>'
            f'{help_html}{control}</div>')


def _number_row(row: str, repeat: str, index: int, ws: str) -> str:
    """The first row, rendered in the page so that the form prints even without JavaScript."""
    return (row.replace(f"{repeat}.__i__.", f"{repeat}.{index}.")
            .replace(f"{ws}-{repeat}-__i__-", f"{ws}-{repeat}-{index}-"))


def _text(value: str) -> str:
    """Escaped text on one line (a blank line would end the raw HTML block)."""
    return escape(" ".join(str(value).split()))


def _client_config(config: MkDocsConfig, page: Page, ids: list[str], text: dict) -> dict:
    settings = config.extra["worksheets"]
    language = build_language(config)
    prefix = "" if language == SOURCE_LANGUAGE else f"{language}/"
    plan = prefix + settings["plan_page"].removesuffix(".md") + ".html"
    here = posixpath.dirname(page.file.dest_uri)
    client = {
        "iterations": int(settings["pbkdf2_iterations"]),
        "idleLockMinutes": float(settings["idle_lock_minutes"]),
        "clusterCount": int(settings["incident_cluster"]["count"]),
        "clusterDays": int(settings["incident_cluster"]["days"]),
        "prefix": str(settings["storage_prefix"]),
        "hideUrl": str(settings["hide_url"]),
        "planUrl": posixpath.relpath(plan, here or "."),
        "levels": list(text["ws_levels"]),
        "strings": {key: value for key, value in text.items() if key.startswith("ws_")},
    }
    if "emergency-contacts" in ids:
        client["directory"] = _directory(config.docs_dir, language)
    return client


def _directory(docs_dir: str, language: str) -> list[dict]:
    """The organisations of docs/directory.yml (read-only here), names in the build language."""
    data = yaml.safe_load((Path(docs_dir) / "directory.yml").read_text(encoding="utf-8"))

    def local(value: object) -> str:
        if isinstance(value, dict):
            return str(value.get(language) or value.get(SOURCE_LANGUAGE) or "")
        return str(value or "")

    entries = []
    for group in data.get("groups", []):
        for organisation in group.get("organisations", []):
            entries.append({
                "id": str(organisation.get("id", "")),
                "name": local(organisation.get("name")),
                "phones": [str(phone) for phone in organisation.get("phones") or []],
                "emails": [str(email) for email in organisation.get("emails") or []],
                "hotline": bool(organisation.get("hotline")),
            })
    return entries
