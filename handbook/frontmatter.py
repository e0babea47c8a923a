"""A page's front matter (the ``---`` block on top of its Markdown), parsed once per build with the
line of each field: hooks/validation.py checks it, hooks/translations.py and
hooks/review_status.py read the review state and the English version a translation records, and
hooks/worksheets.py needs the line where the Markdown after it starts.

The block is found with MkDocs' own pattern (``mkdocs.utils.meta.YAML_RE``), so that line is the
first line of the Markdown MkDocs hands to ``on_page_markdown``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import YAML_RE

from handbook import yamldata


class FrontMatter(NamedTuple):
    """``fields`` as YAML reads them, ``present`` when the page has the block at all, and
    ``body_line``: the line of the file where the Markdown MkDocs renders starts."""

    path: Path
    present: bool
    fields: dict[str, Any]
    parsed: yamldata.Parsed
    body_line: int

    def line(self, field: str) -> int:
        """The line of ``field`` (the block's first line when the field is not there)."""
        return self.parsed.lines.get((field,), 1)

    def written(self, field: str) -> str | None:
        """A field's value exactly as written: ``translates: 0123`` is the text "0123", where YAML
        would read the number 83."""
        return self.parsed.written.get((field,))


def parse(text: str, path: Path) -> FrontMatter:
    """The front matter of a page's text; invalid YAML stops the build naming the line."""
    match = YAML_RE.match(text)
    if not match:
        if text.startswith("---"):
            raise PluginError(f"{path}:1: the front matter is never closed with a '---' line.")
        return FrontMatter(path, False, {}, yamldata.Parsed(None, {}, {}), 1)
    try:
        parsed = yamldata.parse(match.group(1), path, first_line=2)
    except PluginError as error:
        raise PluginError(str(error).replace(": not valid YAML", ": the front matter is not valid YAML", 1)) from None
    if parsed.data is not None and not isinstance(parsed.data, dict):
        raise PluginError(f"{path}:2: the front matter must be 'field: value' lines.")
    rest = text[match.end():]
    body_line = 1 + text.count("\n", 0, match.end()) + (len(rest) - len(rest.lstrip("\n")))
    return FrontMatter(path, True, parsed.data or {}, parsed, body_line)


def read(config: Any, path: Path | str) -> FrontMatter:
    """The front matter of the page file at ``path``, parsed once per build."""
    path = Path(path)
    return yamldata.for_build(config).get(("front matter", path),
                                          lambda: parse(path.read_text(encoding="utf-8-sig"), path))
