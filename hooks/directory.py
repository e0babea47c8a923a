"""Renders the directory of organisations (docs/directory.yml) into the page that holds the
``<!-- directory -->`` marker, in the language being built, with tel:, mailto: and web links.

MkDocs events handled:
- ``on_page_markdown``: replaces the marker with the rendered entries (as Markdown headings, so
  they appear in the table of contents and search, plus HTML contact lists).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml
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
    rendered = template.render(
        directory=directory,
        language=build_language(config),
        text=strings(config),
        tel_link=tel_link,
        web_link=web_link,
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
    seen = set()
    for group in directory.get("groups", []):
        for organisation in group.get("organisations", []):
            where = _line_of(text, f"id: {organisation.get('id')}")
            for field in REQUIRED:
                if field not in organisation:
                    raise PluginError(f"{path}:{where}: '{organisation.get('id')}' lacks '{field}'.")
            if organisation["id"] in seen:
                raise PluginError(f"{path}:{where}: the id '{organisation['id']}' is used twice.")
            seen.add(organisation["id"])
            for phone in organisation["phones"]:
                if not tel_link(phone):
                    raise PluginError(f"{path}:{where}: '{phone}' has no digits to dial.")
    return directory


def tel_link(phone: str) -> str:
    """A dialable tel: URI: '(+855-23) 218-653' → 'tel:+85523218653'. Extensions and number
    ranges ('1082643-45 Ext: 208') are dropped: a phone dials the first number."""
    number = re.split(r"ext", phone, flags=re.IGNORECASE)[0]
    number = re.sub(r"-\d{2}\s*$", "", number.strip())
    international = number.lstrip().startswith(("+", "(+", "(855)", "855"))
    number = number.replace("(0)", "") if international else number
    digits = re.sub(r"\D", "", number)
    return f"tel:{'+' if international else ''}{digits}" if digits else ""


def web_link(address: str) -> str:
    """Websites are printed as in the source, some without a scheme; links need one."""
    return address if re.match(r"https?://", address) else f"https://{address}"


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1
