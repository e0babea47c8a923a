"""The Khmer edition reads as well as the English one: every page translated and in Khmer, the
glossary's words used, text that shapes with the bundled font, and Material's interface in Khmer.
(Words, search and layout: test_khmer_words.py; digits, dates and colons: test_khmer_typography.py.)"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import yaml

from conftest import built_pages
from pagetext import KHMER, NOT_PROSE, page_nodes
from handbook import settings

ROOT = settings.ROOT
ZWSP = "\u200b"
# A run of Khmer as the browser shapes it: letters, marks and the zero-width characters between.
KHMER_RUN = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff\u200b-\u200d]+")
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


def test_the_words_the_theme_takes_from_its_settings_are_khmer_on_khmer_pages(bundle_dir: Path):
    """The light/dark toggle, the ¶ link of each heading and the footer are written from
    mkdocs.yml, not from Material's language files: hooks/theme_language.py and the i18n plugin's
    `copyright` give them each language's words."""
    import lxml.html

    page = lxml.html.parse(str(bundle_dir / "km" / "six-steps" / "risks.html")).getroot()
    toggles = [label.get("title") for label in page.xpath("//form[@data-md-component='palette']//label")]
    permalinks = {link.get("title") for link in page.xpath("//a[@class='headerlink']")}
    footer = " ".join(page.xpath("string(//div[@class='md-copyright'])").split())
    for what, words in [("the light/dark toggle says", " ".join(toggles)), ("a heading's ¶ link says", " ".join(permalinks)),
                        ("the footer says", footer.replace("Material for MkDocs", ""))]:
        english = re.findall(r"[A-Za-z]{3,}", words)
        assert words and KHMER.search(words) and not set(english) - {"OHCHR", "CCC", "UPR", "Info", "CIVICUS"}, \
            f"on a Khmer page {what} {words!r}"
