"""The words a language's search index holds, as its search finds them: each document's title and
text read as text (the index keeps some HTML, such as <code> and <a>: it is parsed here, never
matched with regular expressions), then split at the index's own separator. Used by `make bench`
(``khmer_search_index_words``) and tests/test_khmer_words.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


def words(index: dict) -> set[str]:
    """Every word of ``index`` (a search_index.json as Material writes it: ``config.separator``
    and ``docs`` with ``title`` and ``text``)."""
    separator = re.compile(index["config"]["separator"])
    return {word for doc in index["docs"] for word in separator.split(text_of(f"{doc['title']} {doc['text']}")) if word}


def text_of(html: str) -> str:
    """The text of an HTML fragment, with a space where a tag was (a tag ends a word)."""
    reader = _Text()
    reader.feed(html)
    reader.close()
    return "".join(reader.parts)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
