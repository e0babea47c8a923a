"""Renders the directory of organisations (docs/directory.yml) into the page that holds the
``<!-- directory -->`` marker, in the language being built, with tel:, mailto: and web links.

MkDocs events handled:
- ``on_page_markdown``: replaces the marker with the rendered entries (as Markdown headings, so
  they appear in the table of contents and search, plus HTML contact lists).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

import yaml
from handbook.typography import format_date, localize_digits
from interface import build_language, strings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

MARKER = "<!-- directory -->"
DIRECTORY_FILE = "directory.yml"
REQUIRED = ("id", "name", "description", "phones", "emails", "websites", "checked")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Called for each page before it is rendered; acts only on the page with the marker."""
    if MARKER not in markdown:
        return None
    path = Path(config.docs_dir) / DIRECTORY_FILE
    directory = load_directory(str(path))
    template = config.theme.get_env().get_template("partials/directory.html")
    text = strings(config)
    rendered = template.render(
        directory=directory,
        language=build_language(config),
        text=text,
        tel_link=lambda phone: tel_link(phone, directory["country_code"]),
        web_link=web_link,
        checked_note=lambda checked: _checked_note(checked, directory, text),
    )
    return markdown.replace(MARKER, rendered)


@functools.cache
def load_directory(path: str) -> dict:
    """The directory, checked: every organisation has the fields the page and worksheets use."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        directory = yaml.safe_load(text)
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        raise PluginError(f"{path}:{line}: not valid YAML ({getattr(error, 'problem', error)}).") from None
    if not re.fullmatch(r"\d{1,3}", str(directory.get("country_code", ""))):
        raise PluginError(f"{path}:1: 'country_code' must be the country calling code of numbers "
                          "written without one, e.g. country_code: \"855\" for Cambodia.")
    seen = set()
    for group in directory.get("groups", []):
        if not group.get("organisations"):
            where = _line_of(text, f"id: {group.get('id')}")
            raise PluginError(f"{path}:{where}: the group '{group.get('id')}' lists no entries under 'organisations:'.")
        for organisation in group.get("organisations", []):
            where = _line_of(text, f"id: {organisation.get('id')}")
            for field in REQUIRED:
                if field not in organisation:
                    raise PluginError(f"{path}:{where}: '{organisation.get('id')}' lacks '{field}'.")
            if organisation["id"] in seen:
                raise PluginError(f"{path}:{where}: the id '{organisation['id']}' is used twice.")
            seen.add(organisation["id"])
            for phone in organisation["phones"]:
                if not tel_link(phone, str(directory["country_code"])):
                    raise PluginError(f"{path}:{where}: '{phone}' is not a number a phone can dial "
                                      "(write it with its country code, or starting with 0).")
            checked = organisation["checked"]
            if checked and not isinstance(checked, dt.date):
                raise PluginError(f"{path}:{where}: '{organisation['id']}': 'checked' must be the date you "
                                  f"verified the details, written YYYY-MM-DD, or \"\" (not '{checked}').")
    return directory


def tel_link(phone: str, country_code: str) -> str:
    """A tel: URI a phone dials from anywhere, with the country code: '(+855-23) 218-653' →
    'tel:+85523218653', '017 50 50 50' → 'tel:+85517505050' (country_code 855). Extensions
    and number ranges ('1082643-45 Ext: 208') are dropped: a phone dials the first number.
    Returns "" for what is not a phone number."""
    number = re.split(r"ext", phone, flags=re.IGNORECASE)[0]
    number = re.sub(r"-\d{2}\s*$", "", number.strip())
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    if number.startswith(("+", "(+")):
        return f"tel:+{digits}"
    if re.match(r"\(?" + country_code + r"\b", number):
        return f"tel:+{digits}"
    if number.startswith("0") and len(digits) > 1:
        return f"tel:+{country_code}{digits[1:]}"
    return ""


def _checked_note(checked: dt.date | str, directory: dict, text: dict) -> str:
    """When the entry's details were last verified, or that they are the guidelines' own."""
    if checked:
        return text["directory_checked"].format(date=format_date(checked, text))
    return localize_digits(text["directory_as_published"].format(year=directory["source_date"]), text)


def web_link(address: str) -> str:
    """Websites are printed as in the source, some without a scheme; links need one."""
    return address if re.match(r"https?://", address) else f"https://{address}"


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1
