"""Shared by hooks/print_page.py (not a hook itself): the worksheets on paper.

Each worksheet is drawn by overrides/print/sheet.html from its schema, which "My workbook" holds
as JSON beside each form (``<script data-worksheet-schema>``, hooks/worksheet_declarations.py):
the blank worksheet pack prints them all, and a printed chapter shows its worksheet the same way
in place of the screen form (whose controls, buttons and screen notes mean nothing on paper).
The matrix's shades are the risk grid of docs/risk-grid.yml, which the schema carries on the part
whose rows rate two levels (the risk matrix on screen reads it there too).
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

from handbook.pdf import CHAPTER_ROWS
from mkdocs.exceptions import PluginError
from print_html import HEADINGS, ZWSP, SourceParser
from worksheet_forms import date_hint


def sheets_of(workbook: str) -> list[dict]:
    """Each worksheet of the workbook page's HTML, in its order: ``ws`` (its schema) and ``lang``
    (set when the worksheet is not translated and shows in English)."""
    reader = _Schemas()
    reader.feed(workbook.replace(ZWSP, ""))
    reader.close()
    return reader.found


class Paper:
    """``sheet``: the macro of print/sheet.html; ``text``: the language's interface strings."""

    def __init__(self, macros, text: dict, sheets: list[dict]) -> None:
        self.sheet = macros.sheet
        self.text = text
        self.by_id = {item["ws"]["id"]: item for item in sheets}
        self.grid = level_grid(sheets)
        self.date = date_hint(text)

    def in_chapter(self, html: str) -> str:
        """A chapter's HTML with each worksheet form replaced by the worksheet on paper, its
        title at the level the form's had."""
        finder = _Forms()
        finder.feed(html)
        finder.close()
        parts, done = [], 0
        for worksheet, level, start, end in finder.found:
            item = self.by_id.get(worksheet)
            if item is None:
                raise PluginError(f"the worksheet '{worksheet}' is not on the workbook page, from which it is printed.")
            parts += [html[done:start], str(self.sheet(item["ws"], self.text, CHAPTER_ROWS, self.grid, self.date, level,
                                                            item["lang"]))]
            done = end
        return "".join(parts) + html[done:]


def level_grid(sheets: list[dict]) -> list[list[int]] | None:
    """The shade (1 to 5) of each box of the risk matrix, grid[probability - 1][impact - 1], as
    the worksheets' schemas carry it (None when no worksheet draws a matrix)."""
    return next((part["grid"] for item in sheets for part in item["ws"]["parts"] if "grid" in part), None)


class _Schemas(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict] = []
        self._lang: str | None = None
        self._reading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form" and values.get("data-worksheet"):
            self._lang = values.get("lang")
        elif tag == "script" and "data-worksheet-schema" in values:
            self._reading = True

    def handle_data(self, data: str) -> None:
        if self._reading:
            self.found.append({"ws": json.loads(data), "lang": self._lang})
            self._reading = False


class _Forms(SourceParser):
    """Where each worksheet form starts and ends in a page's HTML, and its title's level."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, int, int, int]] = []  # (worksheet, title level, start, end)
        self._form: tuple[str, int] | None = None
        self._level = 2
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._form and tag in HEADINGS and "hb-ws__title" in (values.get("class") or "").split():
            self._level = int(tag[1])
        if tag != "form":
            return
        self._depth += 1
        if values.get("data-worksheet") and self._form is None:
            self._form, self._level = (values["data-worksheet"], self.position()), 2

    def handle_endtag(self, tag: str) -> None:
        if tag != "form" or not self._depth:
            return
        self._depth -= 1
        if self._form and not self._depth:
            self.found.append((self._form[0], self._level, self._form[1], self.end_of_tag()))
            self._form = None
