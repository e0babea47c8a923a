"""Shared by hooks/print_page.py (not a hook itself): one page's HTML made ready to sit with all
the others in one print page.

Read into a tree (hooks/page_tree.py), which hooks/print_sheets.py changes too, and written back
once:
- every ``id`` gets the page's key in front (``legal-framework--arrest``), and so does every
  attribute that names an id (``for``, ``aria-describedby`` …), since pages reuse ids;
- links to a page of the handbook become links into the print page (``#six-steps-risks`` or
  ``#six-steps-risks--matrix``); links to other files are made relative to the site root;
- ``<script>`` goes (the print page runs none); ``<details>`` opens (paper cannot);
  ``loading="lazy"`` goes (Chromium may print before a lazy image loads);
- what the screen draws with CSS and hides from screen readers becomes text, since Chromium tags
  neither generated content nor ``aria-hidden`` text and the PDF must hold all it shows: a web
  link's address is written after it (worksheets are printed from their schema instead:
  hooks/print_sheets.py);
- U+200B goes: Chromium breaks Khmer lines by its own dictionary, and in the PDF every U+200B
  made a text run, a font switch and a gap in copied words of its own;
- line breaks inside headings become spaces (Chromium's bookmarks drop them: "securityincidents").
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

import lxml.etree

import page_tree

ZWSP = "\u200b"
IDREF_ATTRIBUTES = {"for", "headers", "list", "form", "aria-describedby", "aria-labelledby",
                    "aria-controls", "aria-owns", "aria-details", "aria-errormessage"}
URL_ATTRIBUTES = {"href", "src", "poster", "data"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
DROPPED = {"script"}


def page_key(url: str) -> str:
    """The print page's name for a page: its URL in the language's folder, without .html."""
    return url.removesuffix(".html").replace("/", "-") or "index"


def print_ready(wrapper: lxml.etree._Element, *, url: str, keys: dict[str, str]) -> str:
    """The HTML of ``wrapper`` (``page_tree.read_fragment`` of a page's content at ``url``),
    rewritten for the print page; ``keys`` maps the URL of every page in the print page to its key."""
    key = keys[url]
    for script in list(wrapper.iter(*DROPPED)):
        replace(script, [])
    for heading in wrapper.iter(*HEADINGS):
        for element in heading.iter():
            if isinstance(element.tag, str) and element.text and "\n" in element.text:
                element.text = element.text.replace("\n", " ")
            if element is not heading and element.tail and "\n" in element.tail:
                element.tail = element.tail.replace("\n", " ")
    for element in wrapper.iter(lxml.etree.Element):
        if element is wrapper:
            continue
        for name, value in element.attrib.items():
            if name == "loading":
                del element.attrib[name]
            elif name == "id":
                element.set(name, f"{key}--{value}")
            elif name in IDREF_ATTRIBUTES:
                element.set(name, " ".join(f"{key}--{ref}" for ref in value.split()))
            elif name in URL_ATTRIBUTES or (element.tag == "use" and name == "xlink:href"):
                element.set(name, _url(value, url, keys, link=name == "href" and element.tag in {"a", "area"}))
        if element.tag == "details" and element.get("open") is None:
            element.set("open", "")
        if element.tag == "a" and urlsplit(element.get("href") or "").scheme in ("http", "https"):
            address = lxml.etree.Element("span", {"class": "hb-print-url"})
            address.text = f" ({element.get('href')})"
            address.tail, element.tail = element.tail, None
            element.addnext(address)
    return page_tree.write_fragment(wrapper).replace(ZWSP, "")


def replace(element: lxml.etree._Element, elements: list[lxml.etree._Element]) -> None:
    """Puts ``elements`` where ``element`` is in its tree (the text after ``element`` stays)."""
    parent, at = element.getparent(), element.getparent().index(element)
    for offset, new in enumerate(elements):
        parent.insert(at + offset, new)
    if element.tail:
        before = elements[-1] if elements else element.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _url(value: str, url: str, keys: dict[str, str], *, link: bool) -> str:
    # Most are links within the page (permalinks, footnotes): what urlsplit gives, without it
    # (unless the link holds a tab or a line break, which urlsplit drops).
    if value.startswith("#") and not {"\t", "\n", "\r"} & set(value):
        return f"#{keys[url]}--{value[1:]}" if len(value) > 1 else value
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith("data:"):
        return value
    key = keys[url]
    if not parts.path:
        return f"#{key}--{parts.fragment}" if parts.fragment else value
    target = posixpath.normpath(posixpath.join(posixpath.dirname(url), parts.path))
    if link and target in keys:
        return f"#{keys[target]}--{parts.fragment}" if parts.fragment else f"#{keys[target]}"
    # Any other file (an image, a PDF): relative to the site root, where the print page is.
    return target + (f"#{parts.fragment}" if parts.fragment else "")
