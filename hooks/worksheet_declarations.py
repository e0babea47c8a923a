"""Worksheet declarations (not a hook itself; used by hooks/worksheets.py): reads the fenced
```worksheet blocks of the Markdown, checks them, finds every declaration of a language, and gives
each worksheet's schema, the one description of a worksheet that the form (overrides/partials/
worksheet-form.html), the browser code and the printed pack all read.

A declaration (README "Add a worksheet"):

    ```worksheet
    id: risk-assessment                  # one of extra.worksheets.ids
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
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from handbook import yamldata
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

FENCE = "```worksheet"
FENCE_OPEN = re.compile(rf"^{FENCE}\s*$")
FENCE_CLOSE = re.compile(r"^```\s*$")
HEADING = re.compile(r"^(#{1,6}) +(?P<text>.*?)(?: +\{#(?P<anchor>[A-Za-z0-9_-]+)[^}]*\})? *$")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
FIELD_TYPES = {"text", "textarea", "date", "tel", "checkbox", "level", "select"}
LEVELS = ("1", "2", "3", "4", "5")


class Field(NamedTuple):
    name: str
    label: str
    type: str
    help: str
    options: tuple[tuple[str, str], ...]
    suggest: str


class Part(NamedTuple):
    legend: str
    help: str
    fields: tuple[Field, ...]
    repeat: str = ""
    row: str = ""
    add: str = ""
    items: tuple[tuple[str, str, str], ...] = ()
    group: str = ""


class Declaration(NamedTuple):
    id: str
    title: str
    intro: str
    parts: tuple[Part, ...]


class Found(NamedTuple):
    """Where a declaration is: the Markdown file, the fence line, the section it explains."""

    declaration: Declaration
    source: Path
    line: int
    section: str
    anchor: str


def schema(declaration: Declaration, levels: list[str], grid: list[list[int]]) -> dict:
    """The one description of a worksheet, in the page's language: the declaration (``parts``,
    with the labels of the five levels filled in, and ``grid``, the risk grid of
    docs/risk-grid.yml, on a part whose rows rate two levels: its risk matrix) and, derived from
    it, what each control may hold: ``fields`` (``name`` or ``item.name``), ``rows`` (repeated
    parts) and ``groups``. Emitted as JSON next to the form; the browser code and the printed
    pack read it."""
    fields: dict[str, dict] = {}
    rows: dict[str, dict] = {}
    groups: dict[str, list[str]] = {}
    parts = []
    for part in declaration.parts:
        described = [{"name": field.name, "label": field.label, "type": field.type, "help": field.help,
                      "suggest": field.suggest,
                      "options": [{"value": value, "label": label} for value, label in
                                  (zip(LEVELS, levels) if field.type == "level" else field.options)]}
                     for field in part.fields]
        parts.append({"legend": part.legend, "help": part.help, "repeat": part.repeat, "row": part.row,
                      "add": part.add, "group": part.group, "fields": described,
                      "items": [{"name": name, "label": label, "help": help_} for name, label, help_ in part.items]})
        if part.repeat and [field.type for field in part.fields].count("level") == 2:
            parts[-1]["grid"] = grid  # grid[first level - 1][second level - 1]
        specs = {field["name"]: _spec(field) for field in described}
        if part.repeat:
            rows[part.repeat] = specs
            names = [part.repeat]
        elif part.items:
            names = [f"{item[0]}.{name}" for item in part.items for name in specs]
            fields.update({f"{item[0]}.{name}": spec for item in part.items for name, spec in specs.items()})
        else:
            names = list(specs)
            fields.update(specs)
        if part.group:
            groups.setdefault(part.group, []).extend(names)
    return {"id": declaration.id, "title": declaration.title, "intro": declaration.intro, "parts": parts,
            "fields": fields, "rows": rows, "groups": groups}


def _spec(field: dict) -> dict:
    """What a control may hold: checkbox (true/false), date (YYYY-MM-DD), one of the options, text."""
    if field["options"]:
        return {"type": "select", "options": [option["value"] for option in field["options"]]}
    return {"type": field["type"] if field["type"] in {"checkbox", "date"} else "text"}


def declarations(config: MkDocsConfig, language: str, known: list[str]) -> dict[str, Found]:
    """Every declaration of one language's pages by id (read once per build by the caller);
    ``known``: the ids of ``extra.worksheets.ids``."""
    found: dict[str, Found] = {}
    for path in sorted((Path(config.docs_dir) / language).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if FENCE not in text:
            continue
        lines = text.split("\n")
        section, anchor = "", ""
        for number, line in enumerate(lines):
            if heading := HEADING.match(line):
                section, anchor = heading.group("text"), heading.group("anchor") or ""
            if FENCE_OPEN.match(line):
                end = fence_end(lines, number, path, 0)
                declaration = parse(lines[number + 1:end], path, number + 1, known)
                found[declaration.id] = Found(declaration, path, number + 1, section, anchor)
    return found


def fence_end(lines: list[str], start: int, source: Path, offset: int) -> int:
    for end in range(start + 1, len(lines)):
        if FENCE_CLOSE.match(lines[end]):
            return end
    raise PluginError(f"{source}:{start + offset + 1}: the worksheet block is never closed with a ``` line.")


def parse(block: list[str], source: Path, line: int, known: list[str]) -> Declaration:
    """Reads one declaration; ``line`` is the fence's line number in the source file, ``known``
    the ids of ``extra.worksheets.ids``."""

    def fail(message: str, needle: str = "") -> PluginError:
        number = line
        if needle:
            for number_in_block, text in enumerate(block, start=1):
                if needle in text:
                    number = line + number_in_block
                    break
        return PluginError(f"{source}:{number}: worksheet: {message}")

    try:
        data = yamldata.parse("\n".join(block), source, first_line=line + 1).data
    except PluginError as error:
        raise PluginError(str(error).replace(": not valid YAML", ": worksheet: not valid YAML", 1)) from None
    if not isinstance(data, dict):
        raise fail("the block must hold 'id', 'title', 'intro' and 'parts'.")
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


def structure(declaration: Declaration) -> list:
    return [(part.repeat, part.group, [item[0] for item in part.items],
             [(field.name, field.type, [value for value, _ in field.options], field.suggest) for field in part.fields])
            for part in declaration.parts]


