"""HTML that a hook writes into a page's Markdown, kept out of Markdown's way until the page is
rendered (not a hook itself; used by hooks/worksheets.py, hooks/directory.py and
hooks/review_status.py).

Markdown copies a raw HTML block to the page unchanged, but only after reading it whole, more
than once (MkDocs looks for its ids, Python-Markdown for where it ends), slowly: the 16 KB of
contact lists of the directory took longer than the rest of that page. So the hook puts a comment
in the Markdown where the HTML goes (``hold``), and its ``on_page_content`` puts the HTML where the
comment came out (``put_back``). The ids in that HTML count among the page's anchors, as MkDocs
would have read them from the raw HTML (links to them are checked).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import page_tree

PLACEHOLDER = "<!-- hb-held {owner} {number} -->"


class Held:
    """The HTML one hook (``owner``) holds for each page, in the order it goes in."""

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self._pages: dict[str, list[str]] = {}

    def forget(self, page: Page) -> None:
        """Drops what an earlier build held for the page (``mkdocs serve`` builds again)."""
        self._pages.pop(page.file.src_uri, None)

    def hold(self, page: Page, html: str) -> str:
        """The comment that stands for ``html`` in the page's Markdown."""
        held = self._pages.setdefault(page.file.src_uri, [])
        held.append(html)
        return self._placeholder(len(held) - 1)

    def check(self, page: Page, html: str, *, missing: str, anchors: bool = True) -> list[str]:
        """The HTML held for the page, once every comment of it is found in ``html`` (else the
        build stops with ``missing``: what the author did wrong); with ``anchors``, its ids are
        added to the page's anchors."""
        held = self._pages.get(page.file.src_uri, [])
        for number, piece in enumerate(held):
            if self._placeholder(number) not in html:
                raise PluginError(f"{page.file.abs_src_path}: {missing}")
            if anchors and page.present_anchor_ids is not None:  # as MkDocs reads them from a page's own HTML
                page.present_anchor_ids.update(map(str, page_tree.read_fragment(piece).xpath(".//@id | .//a/@name")))
        return held

    def put_back(self, page: Page, html: str, *, missing: str, anchors: bool = True) -> str:
        """``html`` (the rendered page, or the final one) with the held HTML where its comments
        are (see ``check``)."""
        for number, piece in enumerate(self.check(page, html, missing=missing, anchors=anchors)):
            html = html.replace(self._placeholder(number), piece)
        self.forget(page)
        return html

    def _placeholder(self, number: int) -> str:
        return PLACEHOLDER.format(owner=self.owner, number=number)
