"""Worksheet forms (not a hook itself; used by hooks/worksheets.py): renders a worksheet's schema
through overrides/partials/worksheet-form.html, and the settings the browser code reads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from handbook import directory as contacts, yamldata
from handbook.languages import source_language
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

import worksheet_passphrase
from templates import template
from handbook.typography import localize_digits

TEMPLATE = "partials/worksheet-form.html"
# The workbook's scripts, in load order (each a classic script with one concern; README).
SCRIPTS = ("vendor/zxcvbn-ts-core.min.js", "worksheet-crypto.js", "worksheet-file.js", "worksheet-passphrase.js",
           "worksheet-date.js", "worksheet-form.js", "worksheet-outputs.js", "worksheet-dialog.js", "worksheet-vault.js",
           "worksheet-keeping.js", "worksheet-exchange.js", "worksheet-leaving.js", "worksheet-print-text.js",
           "worksheets.js")
OUTPUTS = Path(__file__).parent.parent / "overrides" / "assets" / "javascripts" / "worksheet-outputs.js"
NEEDS = re.compile(r"^\s*\*\s*@needs\s+(?P<worksheet>[a-z0-9-]+)\s+(?P<names>.+?)\s*$")
# The date that date fields show as an example of day/month/year (hint and messages).
DATE_EXAMPLE = "2018-11-27"


def render(config: MkDocsConfig, schema: dict, strings: dict, *, preview: bool, title_level: int | None,
           lang: str | None, workbook_url: str = "") -> str:
    """The form's HTML, without blank lines; ``schema`` with its texts on one line (``one_line``:
    its JSON in the form holds them as the form shows them)."""
    lines = yamldata.for_build(config).get(("interface strings on one line", id(strings)), lambda: one_line(strings))
    html = template(config, TEMPLATE).render(ws=schema, strings=lines, preview=preview,
                                             title_level=title_level, lang=lang, workbook_url=workbook_url,
                                             date_hint=date_hint(strings))
    return "\n".join(line for line in html.split("\n") if line.strip())


def date_hint(strings: dict) -> dict:
    """A date field's hint (``ws_date_hint``) around its example, written as the field shows a
    date (27/11/2018, ២៧/១១/២០១៨): the template marks the example as text to type."""
    hint = " ".join(strings["ws_date_hint"].split())
    if hint.count("{example}") != 1:
        raise PluginError(f"docs/interface.yml: ws_date_hint must hold {{example}} once (where the example date goes): {hint!r}")
    before, after = hint.split("{example}")
    year, month, day = DATE_EXAMPLE.split("-")
    return {"before": before, "example": localize_digits(f"{day}/{month}/{year}", strings), "after": after}


def one_line(value):
    """Texts on one line, as a page shows them (the workbook's headings are Markdown lines)."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return {key: one_line(item) for key, item in value.items()}
    if isinstance(value, list):
        return [one_line(item) for item in value]
    return value


def client_config(config: MkDocsConfig, settings: Any, language: str, ids: list[str], text: dict) -> dict:
    """The workbook page's settings for overrides/assets/javascripts/worksheets.js (``settings``:
    extra.worksheets as hooks/worksheets.py checked it)."""
    client = {
        "iterations": settings.pbkdf2_iterations,
        "idleLockMinutes": float(settings.idle_lock_minutes),
        "clusterCount": settings.incident_cluster["count"],
        "clusterDays": settings.incident_cluster["days"],
        "prefix": settings.storage_prefix,
        "hideUrl": settings.hide_url,
        # The incident log's warning points to the security plan, on the same page.
        "planUrl": "#worksheet-security-plan",
        "dateExample": DATE_EXAMPLE,
        "levels": list(text["ws_levels"]),
        "strings": {key: value for key, value in text.items() if key.startswith("ws_")},
        "passphrase": {"common": worksheet_passphrase.common_passwords(),
                       "words": worksheet_passphrase.words(config, language)},
    }
    if "emergency-contacts" in ids:
        client["directory"] = _directory(config, language)
    return client


def _directory(config: MkDocsConfig, language: str) -> list[dict]:
    """The organisations of docs/directory.yml (as handbook/directory.py read and checked it for
    the directory page), names in the build language."""
    data = contacts.load(config)
    source = source_language(config)

    def local(value: object) -> str:
        if isinstance(value, dict):
            return str(value.get(language) or value.get(source) or "")
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


def check_needs(schemas: dict[str, dict]) -> None:
    """The fields the outputs' code declares it reads (@needs lines) exist in the declarations."""
    for number, line in enumerate(OUTPUTS.read_text(encoding="utf-8").split("\n"), start=1):
        if not (match := NEEDS.match(line)):
            continue
        worksheet = match.group("worksheet")
        where = f"{OUTPUTS}:{number}"
        if worksheet not in schemas:
            raise PluginError(f"{where}: @needs names the worksheet '{worksheet}', which no page declares.")
        schema = schemas[worksheet]
        for name in match.group("names").split():
            repeat, _, field = name.rpartition(".")
            found = field in schema["rows"].get(repeat, {}) if repeat in schema["rows"] else name in schema["fields"]
            if not found:
                raise PluginError(f"{where}: the code reads '{name}' of the worksheet '{worksheet}', "
                                  f"which its declaration lacks; add the field, or change the code.")
