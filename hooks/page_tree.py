"""Shared by the hooks that read HTML (not a hook itself): pages and fragments of pages read with
lxml, whose libxml2 (2.14 on) tokenizes HTML as HTML5 browsers do, ten times faster than
html.parser, and written back from the tree (the same document to a browser, though not byte
for byte: ``&para;`` comes out as the character it names, ``checked="checked"`` as ``checked``).

hooks/offline.py and hooks/csp.py read the same finished page one after the other (offline.py
checks what it loads, csp.py hashes its inline scripts), so the last page read is kept until
the next one comes.
"""

from __future__ import annotations

import lxml.etree

# Types of <script> that hold data, not code (no hash needed, nothing run).
DATA_TYPES = {"application/json", "application/ld+json", "text/template"}
# A fragment is read inside this element, which is left out again when it is written.
WRAPPER = "div"

PARSER = lxml.etree.HTMLParser(default_doctype=False)

_last: tuple[str, lxml.etree._Element] | None = None


def read(html: str) -> lxml.etree._Element:
    """The document tree of ``html`` (not empty); the same tree for the same string object."""
    global _last
    if _last is None or _last[0] is not html:
        _last = (html, lxml.etree.HTML(html, PARSER))
    return _last[1]


def write(document: lxml.etree._Element) -> str:
    """The HTML of a document tree, doctype included (kept as the last page read: ``read`` of the
    string written gives this tree, never one changed since it was read)."""
    global _last
    html = lxml.etree.tostring(document.getroottree(), method="html", encoding="unicode")
    _last = (html, document)
    return html


def read_fragment(html: str) -> lxml.etree._Element:
    """A fragment of HTML (a page's body …) as a tree, inside a WRAPPER element."""
    return lxml.etree.HTML(f"<{WRAPPER}>{html}</{WRAPPER}>", PARSER).find(f"body/{WRAPPER}")


def write_fragment(wrapper: lxml.etree._Element) -> str:
    """The HTML of what ``read_fragment`` returned (without the wrapper)."""
    written = lxml.etree.tostring(wrapper, method="html", encoding="unicode", with_tail=False)
    return written[len(f"<{WRAPPER}>"):-len(f"</{WRAPPER}>")]
