"""Search as readers type it: a misspelled English word of five letters or more still finds the
pages with the word, pages with the word exactly as typed come first, a word found under a near
spelling is not listed as missing, and Khmer search is left as it was (tests/test_khmer.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import OfflineTab


class _ArticleText(HTMLParser):
    """The text of a page's article, lower case."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data.lower())


def article_words(path: Path) -> set[str]:
    parser = _ArticleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return set(re.findall(r"[a-z]+", " ".join(parser.parts)))


def search(offline_tab: OfflineTab, query: str) -> tuple[list[str], list[str]]:
    """The pages found, best first (relative to the bundle), and the words listed as missing."""
    page = offline_tab.open("index.html")
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.locator(".md-search-result__meta").filter(has_not_text="Initializing").wait_for()
    page.locator(".md-search-result__item").first.wait_for(timeout=5000)
    page.wait_for_timeout(300)  # results of the last keystroke
    links = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                      "links => links.map(a => a.href)")
    missing = page.eval_on_selector_all(".md-search-result__terms del", "ds => ds.map(d => d.textContent)")
    root = offline_tab.root.as_uri() + "/"
    return [re.split(r"[?#]", link.removeprefix(root))[0] for link in links], missing


@pytest.mark.parametrize("typed, meant", [
    ("surveilance", "surveillance"),      # a letter missing
    ("harrassment", "harassment"),        # a letter too many
    ("detension", "detention"),           # a wrong letter
    ("secuirty", "security"),             # two letters swapped
    ("harrasment", "harassment"),         # two mistakes in a long word
])
def test_a_misspelled_word_still_finds_the_pages_with_the_word(offline_tab: OfflineTab, typed, meant):
    pages, missing = search(offline_tab, typed)
    holding = [p for p in pages if meant in article_words(offline_tab.root / p)]
    assert holding, f"searching for '{typed}' finds no page with '{meant}' (found {pages[:5]})"
    assert typed not in missing, f"results for '{typed}' say the word is missing, though they hold '{meant}'"
    assert offline_tab.console_errors == []


@pytest.mark.parametrize("word", ["detention", "threat", "surveillance"])
def test_pages_with_the_word_as_typed_come_before_pages_with_a_near_spelling(offline_tab: OfflineTab, word):
    pages, _ = search(offline_tab, word)
    exact = [word in {w[:len(word)] for w in article_words(offline_tab.root / p)} for p in pages]
    assert any(exact), f"searching for '{word}' finds no page with it"
    if not all(exact):
        first_other = exact.index(False)
        assert not any(exact[first_other:]), (
            f"searching for '{word}', a page with only a near spelling ({pages[first_other]}) comes "
            f"before pages with the word itself: {[p for p, e in zip(pages, exact) if e][-3:]}")


def test_short_words_and_search_syntax_are_searched_as_typed(offline_tab: OfflineTab):
    pages, _ = search(offline_tab, "risk")
    assert pages and all("risk" in {w[:4] for w in article_words(offline_tab.root / p)} for p in pages), \
        "a four-letter word should find only pages with words starting with it"
    pages, _ = search(offline_tab, '"security plan"')
    assert pages, "a quoted phrase finds nothing"


def test_a_worksheet_question_is_found_in_its_chapter_and_not_again_in_the_workbook(offline_tab: OfflineTab):
    """The workbook holds every chapter's form again, to fill in: search lists a worksheet's
    questions once, in the chapter that explains them, and finds the workbook by its worksheets'
    titles (hooks/worksheets.py puts the workbook's forms in after the index is made)."""
    search(offline_tab, "risk")  # opening search loads the index the reader searches
    docs = offline_tab.page.evaluate("__index.docs")
    question = "Where could it come from?"  # a question of the risk assessment (docs/en/six-steps/risks.md)
    holding = sorted({doc["location"].split("#")[0] for doc in docs if question in doc["text"]})
    assert holding == ["six-steps/risks.html"], \
        f"searching for the worksheet question '{question}' lists {holding}, not its chapter alone"
    assert any(doc["location"] == "workbook.html#risk-assessment-title" for doc in docs), \
        "search no longer finds the risk assessment in the workbook by its title"
