"""Khmer on screen, as a reader on a 360×740 phone and a 1366×768 laptop sees it: no Khmer text
smaller than 15 px anywhere (notices, tables, navigation, footer, buttons, worksheet help, the risk
matrix, search results), and link underlines that pass below the subscript consonants instead of
through them. Print sizes are checked with the PDFs."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from conftest import built_pages
from page_checks import SMALL_KHMER, SMALLEST


@pytest.mark.parametrize("width, height", [(360, 740), (1366, 768)], ids=["phone", "laptop"])
def test_no_khmer_text_is_smaller_than_15_px_on_any_page(browser, bundle_dir: Path, built, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    found = []
    # Every Khmer page, and English pages too (the language switch is written in Khmer).
    pages = built_pages(bundle_dir, "km", built.languages) + ["index.html", "six-steps/risks.html"]
    for relative in pages:
        page.goto((bundle_dir / relative).as_uri())
        page.wait_for_load_state("load")
        found += [f"{relative}: {small}" for small in page.evaluate(SMALL_KHMER, SMALLEST)]
    context.close()
    assert not found, f"at {width} px, Khmer text below {SMALLEST} px:\n  " + "\n  ".join(found[:25])


@pytest.mark.parametrize("width", [360, 1366])
def test_khmer_search_results_are_not_smaller_than_15_px(browser, bundle_dir: Path, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto((bundle_dir / "km" / "index.html").as_uri())
    if width < 960:
        page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").click()
    page.keyboard.type("ហានិភ័យ")
    page.locator(".md-search-result__item").first.wait_for()
    small = page.evaluate(SMALL_KHMER, SMALLEST)
    context.close()
    assert not small, f"at {width} px, Khmer search results below {SMALLEST} px:\n  " + "\n  ".join(small)


@pytest.mark.parametrize("width", [360, 1366])
def test_khmer_worksheet_dialogs_and_buttons_are_not_smaller_than_15_px(browser, bundle_dir: Path, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto((bundle_dir / "km" / "workbook.html").as_uri())
    small = [f"header: {found}" for found in page.evaluate(SMALL_KHMER, SMALLEST)]
    # The passphrase dialog with all it can show: strength, a suggestion, a refusal.
    page.locator("[data-action=keep]").click()
    page.locator("dialog input[type=password]").first.fill("password")
    page.locator("dialog [data-action=suggest]").click()
    page.locator("dialog input[type=password]").last.fill("other")
    page.locator("dialog [data-action=confirm]").click()
    page.locator("dialog .hb-ws-dialog__error").filter(has_text=re.compile(".")).wait_for()
    small += [f"passphrase dialog: {found}" for found in page.evaluate(SMALL_KHMER, SMALLEST)]
    context.close()
    assert not small, f"at {width} px, Khmer in the workbook below {SMALLEST} px:\n  " + "\n  ".join(small)


# A Khmer link in the article: its pixels drawn with and without the underline. The underline is
# what differs; it must not touch the letters (the subscript consonants hang below the line).
@pytest.mark.parametrize("word", ["សន្តិសុខ", "ស្ត្រី", "ប្រព្រឹត្ត"])
def test_link_underlines_pass_below_khmer_subscript_consonants(browser, bundle_dir: Path, word: str):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, device_scale_factor=2)
    page = context.new_page()
    page.goto((bundle_dir / "km" / "introduction.html").as_uri())
    link = page.evaluate_handle("""(word) => {
        const paragraph = document.createElement('p');
        const link = document.createElement('a');
        link.href = '#';
        link.textContent = word;
        link.style.color = '#000';
        paragraph.append(link);
        document.querySelector('.md-content article > p').before(paragraph);
        link.scrollIntoView({block: 'center'});
        return link;
    }""", word)
    # The link's line (a paragraph of its own): subscripts and underline hang below its box.
    box = link.evaluate("""a => { const r = a.getBoundingClientRect(), size = parseFloat(getComputedStyle(a).fontSize);
        return {x: r.left, y: r.top - 0.5 * size, width: r.width, height: r.height + size}; }""")
    underlined = Image.open(io.BytesIO(page.screenshot(clip=box))).convert("L")
    link.evaluate("a => a.style.setProperty('text-decoration', 'none', 'important')")
    letters = Image.open(io.BytesIO(page.screenshot(clip=box))).convert("L")
    offset = link.evaluate("a => getComputedStyle(a).textUnderlineOffset")
    context.close()
    line = ImageChops.difference(underlined, letters).point(lambda v: 255 if v > 60 else 0)
    ink = letters.point(lambda v: 255 if v < 160 else 0)
    line_rows = [y for y in range(line.height) if any(line.getpixel((x, y)) for x in range(line.width))]
    ink_rows = [y for y in range(ink.height) if any(ink.getpixel((x, y)) for x in range(ink.width))]
    assert line_rows, f"the link {word} shows no underline"
    touching = ImageChops.multiply(line, ink.point(lambda v: 255 if v else 0)).getbbox()
    assert touching is None, f"the underline of {word} cuts through its letters (text-underline-offset {offset})"
    assert min(line_rows) > max(ink_rows) - 2, \
        f"the underline of {word} runs at row {min(line_rows)}, above the bottom of its subscripts ({max(ink_rows)})"
