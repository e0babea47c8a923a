"""Shared by hooks/print_page.py (not a hook itself): the worksheets on paper.

Each worksheet is drawn by overrides/print/sheet.html from its schema, which "My workbook" holds
as JSON beside each form (``<script data-worksheet-schema>``, hooks/worksheet_declarations.py):
the blank worksheet pack prints them all, and a printed chapter shows its worksheet the same way
in place of the screen form (whose controls, buttons and screen notes mean nothing on paper).
The matrix's shades are the risk grid of docs/risk-grid.yml (handbook/risk_grid.py).
"""

from __future__ import annotations

import json

import lxml.etree
from handbook.print_pages import CHAPTER_ROWS
from mkdocs.exceptions import PluginError
import page_tree
from print_html import HEADINGS, ZWSP, replace
from worksheet_forms import date_hint


def sheets_of(workbook: lxml.etree._Element) -> list[dict]:
    """Each worksheet of the workbook page (its tree, ``page_tree.read``), in its order: ``ws``
    (its schema) and ``lang`` (set when the worksheet is not translated and shows in English)."""
    found = []
    for form in workbook.iterfind(".//form[@data-worksheet]"):
        for script in form.iterfind(".//script[@data-worksheet-schema]"):
            found.append({"ws": json.loads(script.text.replace(ZWSP, "")), "lang": form.get("lang")})
    return found


class Paper:
    """``sheet``: the macro of print/sheet.html; ``text``: the language's interface strings;
    ``grid``: the risk grid (handbook/risk_grid.py)."""

    def __init__(self, macros, text: dict, sheets: list[dict], grid: list[list[int]]) -> None:
        self.sheet = macros.sheet
        self.text = text
        self.by_id = {item["ws"]["id"]: item for item in sheets}
        self.grid = grid
        self.date = date_hint(text)

    def in_chapter(self, chapter: lxml.etree._Element) -> None:
        """Replaces each worksheet form in a chapter (its content, ``page_tree.read_fragment``)
        with the worksheet on paper, its title at the level the form's had."""
        for form in list(chapter.iterfind(".//form[@data-worksheet]")):
            if any(outer.tag == "form" for outer in form.iterancestors()):
                continue  # a form inside a worksheet's form goes with it
            worksheet = form.get("data-worksheet")
            item = self.by_id.get(worksheet)
            if item is None:
                raise PluginError(f"the worksheet '{worksheet}' is not on the workbook page, from which it is printed.")
            titles = [heading for heading in form.iter(*HEADINGS) if "hb-ws__title" in (heading.get("class") or "").split()]
            level = int(titles[-1].tag[1]) if titles else 2
            sheet = page_tree.read_fragment(str(self.sheet(item["ws"], self.text, CHAPTER_ROWS, self.grid, self.date,
                                                          level, item["lang"])))
            replace(form, list(sheet))
