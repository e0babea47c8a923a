"""The printed contents show the pages their headings are on, whatever numbers an earlier printing
kept in build/ (handbook/contents.py): kept numbers are a first guess that saves a printing when
the handbook has not changed, never something the PDF takes on trust."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from handbook import contents
from handbook.typography import ASCII_DIGITS, in_digits
from pdfs import interface_strings

# Three chapters, each starting a new page; the second runs over two pages.
CHAPTERS = {"one": "Risks", "two": "Threats", "three": "Capacities"}
PRINT_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>
@page {{ size: 105mm 148mm; margin: 10mm }} section {{ break-before: page }} .long {{ height: 200mm }}
</style></head><body><h1>Contents</h1><ol>{entries}</ol>{chapters}</body></html>"""
ENTRY = '<li><a href="#{id}">{title}</a> page <span data-toc-target="{id}">0</span></li>'
CHAPTER = '<section><h1 id="{id}">{title}</h1><p class="{size}">A chapter.</p></section>'
# The cover-less page: contents on page 1, then one page, two pages, one page.
TRUE_PAGES = {"one": 2, "two": 3, "three": 5}


@pytest.fixture
def print_tab(browser, tmp_path: Path):
    source = tmp_path / "print-en.html"
    source.write_text(PRINT_PAGE.format(
        entries="".join(ENTRY.format(id=key, title=title) for key, title in CHAPTERS.items()),
        chapters="".join(CHAPTER.format(id=key, title=title, size="long" if key == "two" else "")
                         for key, title in CHAPTERS.items())), encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(source.as_uri())
    yield page
    context.close()


@pytest.mark.parametrize("kept", [
    None,  # the first build, or after `make clean`
    json.dumps(TRUE_PAGES),  # the handbook has not changed since the last build
    json.dumps({"one": 9, "two": 1, "three": 12}),  # chapters have grown or moved since
    json.dumps({"one": 2, "four": 3}),  # headings added and removed since
    '{"one": 2, "two":',  # a file cut short (the disk filled up, the build was stopped)
], ids=["none", "right", "stale", "other-headings", "corrupt"])
def test_the_contents_show_the_pages_the_headings_are_on_whatever_numbers_were_kept(print_tab, tmp_path, kept):
    numbers_file = tmp_path / "build" / "page-numbers.json"
    if kept is not None:
        numbers_file.parent.mkdir()
        numbers_file.write_text(kept, encoding="utf-8")
    data = contents.print_with_page_numbers(print_tab, "print-en.html", numbers_file, digits=ASCII_DIGITS)
    (tmp_path / "printed.pdf").write_bytes(data)
    listed = PdfReader(tmp_path / "printed.pdf").pages[0].extract_text()
    for key, title in CHAPTERS.items():
        assert f"{title} page {TRUE_PAGES[key]}" in listed, \
            f"with {kept or 'no'} numbers kept, the printed contents say {listed!r}, not that {title} is on page {TRUE_PAGES[key]}"
    assert contents.heading_pages(data) == TRUE_PAGES, "the test page's chapters did not land where this test expects"
    assert json.loads(numbers_file.read_text(encoding="utf-8")) == TRUE_PAGES, \
        "the next build does not start from the page numbers this printing settled on"


def test_the_contents_write_page_numbers_in_the_languages_digits_and_keep_them_as_numbers(print_tab, tmp_path):
    digits = interface_strings()["km"]["digits"]
    numbers_file = tmp_path / "page-numbers.json"
    contents.print_with_page_numbers(print_tab, "print-km.html", numbers_file, digits=digits)
    # The page as printed (this test page has no Khmer font: the PDF's glyphs would not say which).
    listed = print_tab.eval_on_selector_all("li", "items => items.map(item => item.textContent)")
    for key, title in CHAPTERS.items():
        written = in_digits(TRUE_PAGES[key], digits)
        assert f"{title} page {written}" in listed, \
            f"with Khmer digits the printed contents say {listed!r}, not that {title} is on page {written}"
    assert json.loads(numbers_file.read_text(encoding="utf-8")) == TRUE_PAGES, \
        "the page numbers kept for the next build are not the numbers (integers) this printing settled on"
