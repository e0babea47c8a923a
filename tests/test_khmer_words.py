"""Khmer words are separated by U+200B (hooks/khmer.py), so lines wrap between words and search
finds words, compounds and phrases typed without spaces; no Khmer page is wider than a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import OfflineTab, built_pages, search_index
from pagetext import KHMER, NOT_PROSE, ZWSP, page_nodes
from handbook import search_words
from handbook.settings import ROOT

# Characters that continue the cluster or word before them: nothing may separate them from it.
CONTINUES = re.compile(r"[\u17b4-\u17d3\u17d4-\u17d7\u17da\u17dd]")
COENG = "\u17d2"
# The final consonant of a syllable: a consonant (and its subscripts) under bantoc, robat or
# toandakhiat (បន្ទា|ប់ would cut the syllable ទាប់), or any consonant after samyok sannya
# (ឧបសម្ព័|ន្ធ would cut ព័ន្ធ).
FINAL_CONSONANT = re.compile(r"[\u1780-\u17a2](?:\u17d2[\u1780-\u17a2])*[\u17cb\u17cc\u17cd]")
SAMYOK_SANNYA = "\u17d0"


# --- Word boundaries ---------------------------------------------------------------------------


SEGMENTATION_SAMPLE = Path(__file__).parent / "data" / "khmer-segmentation-sample.txt"


def test_the_segmenter_splits_our_khmer_text_between_words_never_inside_one():
    """Against our hand-segmented sample: no boundary inside a word, almost every boundary
    between two words found (compounds may be split or not)."""
    import sys

    sys.path.insert(0, str(ROOT / "hooks"))
    import khmer_text as khmer

    inside, found, expected = [], 0, 0
    for line in SEGMENTATION_SAMPLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, must, may = "", set(), set()
        for char in line.strip():
            if char == "|":
                must.add(len(text))
            elif char == "·":
                may.add(len(text))
            else:
                text += char
        ends, position = set(), 0
        for word in khmer.words(text)[:-1]:
            position += len(word)
            ends.add(position)
        inside += [f"{text[max(0, end - 6):end]}|{text[end:end + 6]}" for end in sorted(ends - must - may)]
        found += len(ends & must)
        expected += len(must)
    assert not inside, f"the segmenter cuts these words in two: {inside}"
    assert found >= 0.95 * expected, f"the segmenter finds only {found} of {expected} word boundaries"


def test_zero_width_spaces_sit_between_khmer_words_never_in_attributes_code_or_inside_a_word(khmer_pages):
    problems = []
    for page in khmer_pages:
        parser = page_nodes(page)
        problems += [f"{page.name}: in an attribute: {value[:80]!r}" for value in parser.attribute_values if ZWSP in value]
        for data, classes in ((node.text, node.classes) for node in parser.nodes):
            if ZWSP not in data:
                continue
            if inside := [c for c in classes if c.split(".")[0] in NOT_PROSE]:
                problems.append(f"{page.name}: in <{inside[-1].split('.')[0]}>: {data[:60]!r}")
            for match in re.finditer(ZWSP, data):
                after = data[match.end():match.end() + 1]
                before = data[match.start() - 1:match.start()]
                if (after and CONTINUES.match(after)) or before in (COENG, SAMYOK_SANNYA) \
                        or FINAL_CONSONANT.match(data, match.end()):
                    problems.append(f"{page.name}: inside a word: {data[max(0, match.start() - 8):match.end() + 8]!r}")
    assert not problems, "U+200B where it must not be:\n  " + "\n  ".join(problems[:30])


def test_headings_navigation_and_table_of_contents_are_split_into_words(khmer_pages):
    """Long Khmer titles wrap between words in the header, the menus and the contents too."""
    unsplit = []
    titled = ("h1.", "h2.", "h3.", "nav.md-nav", "label.md-nav__link", "a.md-nav__link", "div.md-header__topic")
    for page in khmer_pages:
        for node in page_nodes(page).nodes:
            if not any(c.startswith(titled) for c in node.classes) or node.within(NOT_PROSE):
                continue
            for run in re.findall(r"[\u1780-\u17ff]{24,}", node.text):
                unsplit.append(f"{page.name}: {run}")
    assert not unsplit, "titles with no word boundaries (they cannot wrap):\n  " + "\n  ".join(sorted(set(unsplit))[:20])


def test_khmer_search_index_splits_words_at_zero_width_spaces(bundle_dir: Path):
    data = search_index(bundle_dir / "km" / "search" / "search_index.js")
    assert "\\u200b" in data["config"]["separator"], "the Khmer search index does not split words at U+200B"
    words = search_words.words(data)
    assert {"សុវត្ថិភាព", "ហានិភ័យ"} <= words, "the Khmer index does not hold សុវត្ថិភាព and ហានិភ័យ as words"
    longest = max((w for w in words if KHMER.search(w)), key=len)
    assert len(longest) < 40, f"the Khmer index holds unsplit text: {longest}"


# --- Search in the browser ---------------------------------------------------------------------


def search(offline_tab: OfflineTab, page: str, query: str) -> tuple[list[str], str]:
    tab = offline_tab.open(page)
    box = tab.locator("input.md-search__input")
    box.click()
    tab.keyboard.type(query)
    tab.locator(".md-search-result__item").first.wait_for(timeout=10000)
    links = tab.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    return links, box.input_value()


@pytest.mark.parametrize("query, what", [
    ("សុវត្ថិភាព", "a single word (security)"),
    ("សិទ្ធិមនុស្ស", "a compound the segmenter splits (human rights)"),
    ("ផែនការសុវត្ថិភាពរបស់អ្នក", "a phrase typed without spaces (your security plan)"),
])
def test_khmer_search_finds_words_compounds_and_phrases_typed_without_spaces(offline_tab, query, what):
    results, typed = search(offline_tab, "km/index.html", query)
    assert results, f"searching the Khmer site for {what}, {query}, finds nothing"
    assert all("/km/" in r for r in results), f"searching for {query} shows English pages: {results}"
    pages = [re.split(r"[?#]", r.split("/km/", 1)[1])[0] for r in results]
    holding = [p for p in pages if query in (offline_tab.root / "km" / p).read_text(encoding="utf-8").replace(ZWSP, "")]
    assert holding, f"searching for {query} shows only pages without it: {pages}"
    assert typed == query, "the search box changed what the reader typed"
    assert offline_tab.outside_requests == [] and offline_tab.console_errors == []


def test_khmer_search_for_a_compound_finds_only_sections_holding_each_of_its_words(offline_tab):
    """ឃ្លាសម្ងាត់ (passphrase) is ឃ្លា + សម្ងាត់: a section with ឃ្លាំមើល (to watch), which starts
    with ឃ្លា, but no សម្ងាត់, is not about passphrases (Material marks the words each result holds)."""
    query, second = "ឃ្លាសម្ងាត់", "សម្ងាត់"
    tab = offline_tab.open("km/index.html")
    tab.locator("input.md-search__input").click()
    tab.keyboard.type(query)
    tab.locator(".md-search-result__item").first.wait_for(timeout=10000)
    tab.wait_for_timeout(500)  # results of the last keystroke
    found = tab.eval_on_selector_all(".md-search-result__link", """links => links.map((link) => [link.getAttribute("href"),
        [...link.querySelectorAll("mark")].map((mark) => mark.textContent.replaceAll("\u200b", ""))])""")
    matched = [(href, marks) for href, marks in found if marks]  # (a page listed only to group its sections has none)
    partial = [(href.split("?")[0], marks) for href, marks in matched if not any(mark.startswith(second) for mark in marks)]
    assert matched and not partial, f"searching for {query} shows sections without {second}: {partial[:3]}"


# --- Layout ------------------------------------------------------------------------------------


OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (/(auto|scroll|hidden|clip)/.test(style.overflowX) && p !== document.body && p !== document.documentElement) return true;
    } return false; };
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
    if (box.right > width + 1 && !scrolls(el)) wide.push(`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(box.right)}px`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def test_khmer_pages_fit_a_360_pixel_phone_screen(browser, bundle_dir: Path, built):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    too_wide = []
    for relative in built_pages(bundle_dir, "km", built.languages):
        page.goto((bundle_dir / relative).as_uri())
        page.wait_for_load_state("load")
        found = page.evaluate(OVERFLOWING)
        if found["scrollWidth"] > found["width"] or found["wide"]:
            too_wide.append(f"{relative}: page {found['scrollWidth']}px wide; {found['wide']}")
    context.close()
    assert not too_wide, "on a 360 px phone these Khmer pages scroll sideways:\n  " + "\n  ".join(too_wide)


# Where the browser breaks the Khmer lines of the article: every break must fall between two
# words, at a U+200B or space we put there or at a word boundary of the browser's own Khmer
# dictionary (Intl.Segmenter), and never inside a written syllable.
LINE_BREAKS = """() => {
  const words = new Intl.Segmenter("km", {granularity: "word"});
  const letters = new Intl.Segmenter("km", {granularity: "grapheme"});
  const inside = [], lines = new Set();
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/[\u1780-\u17ff]/.test(node.data) || node.parentElement.closest("pre, code")) continue;
    const boundaries = new Set([...words.segment(node.data)].map((s) => s.index));
    const range = document.createRange();
    let top = null;
    for (const {index, segment} of letters.segment(node.data)) {
      range.setStart(node, index);
      range.setEnd(node, index + segment.length);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      const lineTop = Math.round(rect.top);
      lines.add(lineTop);
      const before = node.data.slice(0, index);
      if (top !== null && lineTop > top + 2 && !/[\\s\\u200b]$/.test(before) && !boundaries.has(index)) {
        inside.push(`${before.slice(-8)}|${node.data.slice(index, index + 8)}`);
      }
      top = lineTop;
    }
  }
  return {inside, lines: lines.size};
}"""


def test_long_khmer_lines_wrap_between_words_on_a_phone(browser, bundle_dir: Path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto((bundle_dir / "km" / "six-steps" / "index.html").as_uri())
    page.wait_for_load_state("load")
    found = page.evaluate(LINE_BREAKS)
    context.close()
    assert found["lines"] > 20, "the Khmer text of the six steps page does not wrap onto several lines at 360 px"
    assert not found["inside"], f"at 360 px Khmer lines break inside words: {found['inside'][:10]}"
