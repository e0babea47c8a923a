"""Stops the build on a link inside a page (``href="#…"``) that leads to no element of the page.
MkDocs checks the links written in Markdown (``validation`` in mkdocs.yml); HTML written in a
page, such as the three levels' diagram of risks-by-level.md, is left to this hook.

MkDocs events handled:
- ``on_post_page`` (after every hook that changes the page; hooks/offline.py and hooks/csp.py read
  the same parse, hooks/page_tree.py): the page's ids against the links to ``#…`` in its text;
  the error names the Markdown file and the line that holds the link.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import lxml.etree
import page_tree
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page


# The page's own links to somewhere on it, and its ids (plain strings: lxml's "smart" strings,
# which know their element, are slower to make).
LINKS = lxml.etree.XPath("//article//a/@href[starts-with(., '#')]", smart_strings=False)
IDS = lxml.etree.XPath("//@id | //a/@name", smart_strings=False)


@event_priority(-95)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Called with each page's final HTML (the links of its text: Material's menus and contents
    are made from the headings, and lead where they should)."""
    document = page_tree.read(output)
    links = LINKS(document)
    ids = set(IDS(document)) if links else set()
    missing = sorted({unquote(href[1:]) for href in links if len(href) > 1 and unquote(href[1:]) not in ids})
    if missing:
        source = Path(page.file.abs_src_path)
        raise PluginError(f"{source}:{_line(source, missing[0])}: the link to #{missing[0]} leads nowhere: no element "
                          f"of the page has the id '{missing[0]}'" + (f" (nor {', '.join(missing[1:])})" if missing[1:] else "")
                          + ". Give the heading that id ({#...}) or correct the link.")
    return output


def _line(source: Path, target: str) -> int:
    """The line of the Markdown that links to ``#target`` (1 if the link comes from elsewhere)."""
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if f"#{target}\"" in line or f"#{target})" in line or f"#{target}'" in line:
            return number
    return 1
