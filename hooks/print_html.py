"""Shared by hooks/print_page.py (not a hook itself): one page's HTML made ready to sit with all
the others in one print page.

Read with ``html.parser``; only what has to change is rewritten, the rest is kept as written:
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
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

ZWSP = "\u200b"
IDREF_ATTRIBUTES = {"for", "headers", "list", "form", "aria-describedby", "aria-labelledby",
                    "aria-controls", "aria-owns", "aria-details", "aria-errormessage"}
URL_ATTRIBUTES = {"href", "src", "poster", "data"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
DROPPED = {"script"}


def page_key(url: str) -> str:
    """The print page's name for a page: its URL in the language's folder, without .html."""
    return url.removesuffix(".html").replace("/", "-") or "index"


def print_ready(html: str, *, url: str, keys: dict[str, str]) -> str:
    """``html`` (a page's content at ``url``) rewritten for the print page; ``keys`` maps the
    URL of every page in the print page to its key."""
    rewriter = _Rewriter(url, keys)
    rewriter.feed(html)
    rewriter.close()
    return rewriter.result(html)


class SourceParser(HTMLParser):
    """An HTML parser that knows where in its source each tag or text it reports starts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.source = ""
        self._line_starts = [0]

    def feed(self, data: str) -> None:
        self.source = data
        newline = data.find("\n")
        while newline != -1:
            self._line_starts.append(newline + 1)
            newline = data.find("\n", newline + 1)
        super().feed(data)

    def position(self) -> int:
        """Where the tag or text being reported starts."""
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def end_of_tag(self) -> int:
        """Where the tag being reported ends."""
        return self.source.index(">", self.position()) + 1


class _Rewriter(SourceParser):
    def __init__(self, url: str, keys: dict[str, str]) -> None:
        super().__init__()
        self.url, self.keys, self.key = url, keys, keys[url]
        self.edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in the source
        self.heading_depth = 0
        self.dropped: tuple[str, int] | None = None  # a <script> being left out
        self.address: str | None = None  # the web address of the link being read

    def result(self, html: str) -> str:
        parts, done = [], 0
        for start, end, replacement in sorted(self.edits):
            parts.append(html[done:start])
            parts.append(replacement)
            done = end
        parts.append(html[done:])
        return "".join(parts).replace(ZWSP, "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.position()
        text = self.get_starttag_text() or ""
        if self.dropped:
            return
        if tag in DROPPED:
            self.dropped = (tag, start)
            return
        if tag in HEADINGS:
            self.heading_depth += 1
        values = dict(attrs)
        if tag == "a" and urlsplit(values.get("href") or "").scheme in ("http", "https"):
            self.address = values["href"]
        changed = [(name, self._rewrite(tag, name, value)) for name, value in attrs]
        if tag == "details" and not any(name == "open" for name, _ in attrs):
            changed.append(("open", None))
        changed = [(name, value) for name, value in changed if name != "loading"]
        if changed != attrs:
            self.edits.append((start, start + len(text), _tag(tag, changed, text.endswith("/>"))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.dropped:
            if tag == self.dropped[0]:
                self.edits.append((self.dropped[1], self.end_of_tag(), ""))
                self.dropped = None
        elif tag == "a" and self.address:
            end = self.end_of_tag()
            self.edits.append((end, end, f'<span class="hb-print-url"> ({escape(self.address)})</span>'))
            self.address = None
        elif tag in HEADINGS:
            self.heading_depth = max(0, self.heading_depth - 1)

    def handle_data(self, data: str) -> None:
        if self.heading_depth and not self.dropped and "\n" in data:
            start = self.position()
            self.edits.append((start, start + len(data), data.replace("\n", " ")))

    def _rewrite(self, tag: str, name: str, value: str | None) -> str | None:
        if value is None:
            return None
        if name == "id":
            return f"{self.key}--{value}"
        if name in IDREF_ATTRIBUTES:
            return " ".join(f"{self.key}--{ref}" for ref in value.split())
        if name in URL_ATTRIBUTES or (tag == "use" and name == "xlink:href"):
            return self._url(value, link=name == "href" and tag in {"a", "area"})
        return value

    def _url(self, value: str, *, link: bool) -> str:
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or value.startswith("data:"):
            return value
        if not parts.path:
            return f"#{self.key}--{parts.fragment}" if parts.fragment else value
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.url), parts.path))
        if link and target in self.keys:
            key = self.keys[target]
            return f"#{key}--{parts.fragment}" if parts.fragment else f"#{key}"
        # Any other file (an image, a PDF): relative to the site root, where the print page is.
        return target + (f"#{parts.fragment}" if parts.fragment else "")


def _tag(tag: str, attrs: list[tuple[str, str | None]], self_closing: bool) -> str:
    written = "".join(f" {name}" if value is None else f' {name}="{escape(value, quote=True)}"'
                      for name, value in attrs)
    return f"<{tag}{written}{' /' if self_closing else ''}>"
