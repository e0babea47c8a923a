"""The Khmer edition reads as well as the English one: every page translated and in Khmer, the
glossary's words used, text that shapes with the bundled font, Khmer words separated by U+200B
so lines wrap and search finds words, compounds and phrases typed without spaces, no page wider
than a phone, and Material's interface in Khmer."""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import pytest
import yaml

from conftest import OfflineTab, built_pages, search_index
from pagetext import page_nodes
from handbook import settings

ROOT = settings.ROOT
ZWSP = "\u200b"
KHMER = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]")
# A run of Khmer as the browser shapes it: letters, marks and the zero-width characters between.
KHMER_RUN = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff\u200b-\u200d]+")
# Characters that continue the cluster or word before them: nothing may separate them from it.
CONTINUES = re.compile(r"[\u17b4-\u17d3\u17d4-\u17d7\u17da\u17dd]")
COENG = "\u17d2"
NOT_PROSE = {"script", "style", "code", "pre", "kbd", "samp", "var", "textarea", "title", "svg", "math"}
FONTS = ROOT / "overrides" / "assets" / "fonts"
MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
# Keys whose values are settings, not words a reader sees.
TECHNICAL_KEYS = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}


def prose(path: Path, *, inside: str = "", skip_english: bool = True) -> str:
    """The text a reader reads in a built page, optionally only inside elements whose tag.class
    contains `inside`, leaving out code and, if asked, text marked as English."""
    return " ".join(node.text for node in page_nodes(path).nodes
                    if not node.within(NOT_PROSE) and (not inside or any(inside in c for c in node.classes))
                    and not (skip_english and node.lang == "en"))


@pytest.fixture(scope="module")
def khmer_pages(bundle_dir: Path, built) -> list[Path]:
    return [bundle_dir / relative for relative in built_pages(bundle_dir, "km", built.languages)]


def english_sources() -> list[Path]:
    return sorted((ROOT / "docs" / "en").rglob("*.md"))


def khmer_source(english: Path) -> Path:
    return ROOT / "docs" / "km" / english.relative_to(ROOT / "docs" / "en")


def body(markdown: str) -> str:
    """A Markdown page without its front matter and code blocks."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)
    return re.sub(r"^(```|~~~).*?^\1", "", text, flags=re.DOTALL | re.MULTILINE)


# --- Translations ------------------------------------------------------------------------------


def test_every_english_page_has_a_khmer_page():
    missing = [str(khmer_source(page).relative_to(ROOT)) for page in english_sources() if not khmer_source(page).exists()]
    assert not missing, f"Khmer readers see these pages in English (no translation yet): {missing}"


def test_khmer_pages_are_written_mostly_in_khmer(khmer_pages: list[Path], bundle_dir: Path):
    """Names, numbers, addresses and text marked lang="en" (official English titles) may stay
    in Latin letters; the rest of the page's main text must be Khmer."""
    too_english = []
    for page in khmer_pages:
        text = prose(page, inside="article.md-content__inner")
        text = re.sub(r"\S+@\S+|\S*://\S+|\S+\.(?:org|com|kh|net|int|html)\S*", " ", text)
        khmer = len(KHMER.findall(text))
        latin = len(re.findall(r"[A-Za-z\u00c0-\u024f]", text))
        if khmer < 0.7 * (khmer + latin) or khmer == 0:
            share = khmer / (khmer + latin) if khmer + latin else 0
            too_english.append(f"{page.relative_to(bundle_dir)}: {share:.0%} Khmer")
    assert not too_english, (f"these Khmer pages read mostly in another script: {too_english} (translate the "
                             "text; mark titles and names that stay in English with {lang=en})")


def test_khmer_pages_use_the_glossary_term_where_the_english_page_uses_the_english_one():
    glossary = yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    problems = []
    for english in english_sources():
        khmer = khmer_source(english)
        if not khmer.exists():
            problems.append(f"{khmer.relative_to(ROOT)}: missing")
            continue
        english_text = body(english.read_text(encoding="utf-8"))
        khmer_text = body(khmer.read_text(encoding="utf-8")).replace(ZWSP, "")
        for term in glossary:
            own_text = english_text
            for other in term.get("not_in", []):
                own_text = re.sub(re.escape(other), " ", own_text, flags=re.IGNORECASE)
            used = [form for form in term["en_forms"] if _uses(own_text, form)]
            # An English title or name kept in English on the Khmer page (a cited publication)
            # is not a place to translate.
            kept = [form for form in used if _uses(khmer_text, form)]
            if used and not kept and term["km"] not in khmer_text:
                problems.append(f"{khmer.relative_to(ROOT)}: the English page says '{used[0]}' but the "
                                f"Khmer page never says {term['km']} (glossary: {term['id']})")
    assert not problems, "the Khmer pages do not use the glossary's words:\n  " + "\n  ".join(problems)


def _uses(text: str, form: str) -> bool:
    flags = 0 if form.isupper() else re.IGNORECASE
    return re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text, flags) is not None


# --- Shaping and encoding ----------------------------------------------------------------------


@functools.cache
def _font(weight: int):
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS / f"noto-sans-khmer-khmer-{weight}-normal.woff2")
    font.flavor = None
    data = io.BytesIO()
    font.save(data)
    return hb.Font(hb.Face(data.getvalue()))


def _shaping_problems(run: str) -> list[str]:
    import uharfbuzz as hb

    problems = []
    for weight in (400, 700):
        font = _font(weight)
        buffer = hb.Buffer()
        buffer.add_str(run)
        buffer.guess_segment_properties()
        hb.shape(font, buffer)
        glyphs = [font.glyph_to_string(info.codepoint) for info in buffer.glyph_infos]
        if "uni25CC" in glyphs:
            problems.append(f"dotted circle ({weight})")
        if ".notdef" in glyphs or 0 in [info.codepoint for info in buffer.glyph_infos]:
            problems.append(f"missing glyph ({weight})")
    return problems


def test_every_khmer_run_shapes_with_the_bundled_font_without_dotted_circles_or_missing_glyphs(khmer_pages):
    assert _shaping_problems("ក\u17d2\u17bb"), "the checker must see a broken cluster (coeng before a vowel)"
    assert not _shaping_problems("សិទ្ធិ\u200bមនុស្ស")
    seen: dict[str, str] = {}
    for page in khmer_pages:
        parser = page_nodes(page)
        for text in [node.text for node in parser.nodes] + parser.attribute_values:
            for run in KHMER_RUN.findall(text):
                seen.setdefault(run, page.name)
    broken = [f"{page}: {run!r}: {', '.join(problems)}" for run, page in seen.items()
              if (problems := _shaping_problems(run))]
    assert len(seen) > 100, "the Khmer pages hold almost no Khmer text"
    assert not broken, "Khmer text that shows dotted circles or empty boxes:\n  " + "\n  ".join(broken[:30])


# Legacy Khmer fonts (Limon, ABC, ...) put Khmer glyphs on Latin-1 code points: their text reads
# as Latin gibberish such as "ebIeKcg" or "rdæaPi/Ál". A Latin word on a Khmer page that the
# English pages never use and that has a Latin-1 symbol or accented letter, or a capital inside
# a lowercase word, is such text.
LEGACY_FONTS = re.compile(r"font-family[^;\"']*\b(limon|abc[ -]|khmer ?os ?(muol|bokor)?[^;]*legacy)", re.IGNORECASE)
# Latin letters and Latin-1 letters and symbols, but not the punctuation Khmer text uses too.
KHMER_TEXT_PUNCTUATION = set("«»·°±×÷§¶©®\u00a0\u00ad")
LATIN_WORD = re.compile("[A-Za-z" + "".join(chr(c) for c in range(0xA1, 0x100) if chr(c) not in KHMER_TEXT_PUNCTUATION) + "]+")


def _looks_like_legacy_khmer(word: str) -> bool:
    return bool(re.search(r"[\u00a1-\u00ff]", word) or re.search(r"[a-z][A-Z]", word))


def test_khmer_pages_hold_no_text_in_legacy_khmer_font_encodings(khmer_pages, bundle_dir: Path, built):
    assert _looks_like_legacy_khmer("ebIeKcg") and _looks_like_legacy_khmer("rdæaPi")
    english_words: set[str] = set()
    for relative in built_pages(bundle_dir, "en", built.languages):
        english_words.update(w.lower() for w in LATIN_WORD.findall(prose(bundle_dir / relative, skip_english=False)))
    found = []
    for page in khmer_pages:
        html = page.read_text(encoding="utf-8")
        if match := LEGACY_FONTS.search(html):
            found.append(f"{page.name}: uses the legacy font {match.group(0)!r}")
        text = prose(page, inside="article.md-content__inner")
        odd = sorted({w for w in LATIN_WORD.findall(text) if w.lower() not in english_words and _looks_like_legacy_khmer(w)})
        if odd:
            found.append(f"{page.name}: {odd[:10]}")
    assert not found, "text typed in a legacy Khmer font shows as Latin gibberish:\n  " + "\n  ".join(found)


# --- Word boundaries ---------------------------------------------------------------------------


SEGMENTATION_SAMPLE = Path(__file__).parent / "data" / "khmer-segmentation-sample.txt"


def test_the_segmenter_splits_our_khmer_text_between_words_never_inside_one():
    """Against our hand-segmented sample: no boundary inside a word, almost every boundary
    between two words found (compounds may be split or not)."""
    import sys

    sys.path.insert(0, str(ROOT / "hooks"))
    import khmer

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
                if (after and CONTINUES.match(after)) or before == COENG:
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
    separator = re.compile(data["config"]["separator"])
    words = {w for doc in data["docs"] for w in separator.split(re.sub(r"<[^>]*>", " ", doc["text"] + " " + doc["title"]))}
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


# --- Material's interface ----------------------------------------------------------------------


def _strings(path: Path) -> dict[str, str]:
    return dict(re.findall(r'^\s*"([\w.]+)":\s*"(.*)",?$', path.read_text(encoding="utf-8"), re.MULTILINE))


def test_material_interface_has_every_string_in_khmer():
    english = _strings(MATERIAL_LANGUAGES / "en.html")
    khmer = _strings(ROOT / "overrides" / "partials" / "languages" / "km.html")
    assert len(english) > 40, "could not read Material's English strings"
    missing = sorted(set(english) - set(khmer))
    assert not missing, f"Material shows these in English on Khmer pages: {missing}"
    not_khmer = sorted(key for key, value in khmer.items() if key not in TECHNICAL_KEYS and not KHMER.search(value))
    assert not not_khmer, f"these interface strings are not in Khmer: {not_khmer}"
    assert khmer["language"] == "km"
