"""Khmer pages follow one typographic rule for each thing (README, "Style for writers"): Khmer
digits in running text, in numbered lists, in worksheet rows, messages and search counts; dates
written ថ្ងៃទី២៧ ខែវិច្ឆិកា ឆ្នាំ២០១៨; ៖ after a label, never ":"; and one rendering for each
heading that repeats."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import OfflineTab, built_pages
from pagetext import HEADING, page_nodes, text_nodes
from pdfs import pdftotext
from handbook.settings import ROOT
from handbook.typography import format_date

ZWSP = "\u200b"
SKIPPED = {"script", "style", "code", "pre", "kbd", "samp", "textarea", "svg", "title"}
LETTER = re.compile(r"[A-Za-z\u1780-\u17d3]")
MONTHS = "|".join(yaml.safe_load((ROOT / "docs" / "interface.yml").read_text(encoding="utf-8"))["km"]["months"])
# A date written another way than ថ្ងៃទី២៧ ខែវិច្ឆិកា ឆ្នាំ២០១៨: spaces inside, or numbers only.
OTHER_DATES = re.compile(rf"ថ្ងៃទី\s+[០-៩]|ខែ\s+(?:{MONTHS})|ឆ្នាំ\s+[០-៩]{{4}}|[0-9០-៩]{{4}}-[0-9០-៩]{{2}}-[0-9០-៩]{{2}}|"
                         rf"[0-9០-៩]{{1,2}}/[0-9០-៩]{{1,2}}/[0-9០-៩]{{4}}")
# ":" after a Khmer letter, a closing bracket or quote: a label that should end with ៖ (times
# such as ៩:០០ are digits on both sides and fine).
ASCII_COLON = re.compile(r"[\u1780-\u17d3)»]\s*:")


def runs(html: str) -> list[tuple[str, bool]]:
    """The text a reader reads, each run marked whether it is exempt from Khmer digits: code,
    text marked as another language, tel:/mailto:/web links and directory contact details."""
    return [(node.text.replace(ZWSP, ""), _exempt(node.around)) for node in text_nodes(html).nodes if not node.within(SKIPPED)]


def _exempt(around) -> bool:
    return any(attributes.get("lang") not in (None, "km")
               or (tag == "a" and (attributes.get("href") or "").startswith(("tel:", "mailto:", "http")))
               or "hb-contact__details" in (attributes.get("class") or "") for tag, attributes in around)


def reader_text(html: str) -> str:
    return "".join(text for text, _ in runs(html))


def ascii_digits_in_khmer_text(html: str) -> list[str]:
    """ASCII digits whose nearest letters on both sides are Khmer: numbers in Khmer sentences
    (not in a name such as COVID-19 or an English title kept in brackets)."""
    text = "".join("\0" * len(data) if exempt else data for data, exempt in runs(html))
    found = []
    for match in re.finditer(r"[0-9]+", text):
        before = LETTER.findall(text[max(0, match.start() - 40):match.start()])
        after = LETTER.findall(text[match.end():match.end() + 40])
        if all(letter >= "\u1780" for letter in before[-1:] + after[:1]) and (before or after):
            found.append(text[max(0, match.start() - 20):match.end() + 20].replace("\0", "·").strip())
    return found


def test_khmer_running_text_uses_khmer_digits(khmer_pages, bundle_dir):
    assert ascii_digits_in_khmer_text("<p>មានមនុស្ស 90 នាក់</p>"), "the check must see ASCII digits in Khmer text"
    assert not ascii_digits_in_khmer_text('<p>ជំងឺ COVID-19។ ទូរស័ព្ទ៖ <a href="tel:+85517505050">017 50 50 50</a></p>')
    found = {page.relative_to(bundle_dir).as_posix(): problems for page in khmer_pages
             if (problems := ascii_digits_in_khmer_text(page.read_text(encoding="utf-8")))}
    assert not found, f"Khmer text with 0-9 instead of ០-៩: {found}"


def test_khmer_dates_are_written_one_way(khmer_pages, bundle_dir, built):
    found = {}
    for page in khmer_pages:
        if dates := sorted(set(OTHER_DATES.findall(reader_text(page.read_text(encoding="utf-8"))))):
            found[page.relative_to(bundle_dir).as_posix()] = dates
    assert not found, f"dates not written ថ្ងៃទី២៧ ខែវិច្ឆិកា ឆ្នាំ២០១៨: {found}"
    with zipfile.ZipFile(built.zip_path) as bundle:
        readme = bundle.read(f"{built.folder}/README.txt").decode("utf-8")
    khmer = readme[readme.index("បរិស្ថានការងារ"):]
    strings = yaml.safe_load((ROOT / "docs" / "interface.yml").read_text(encoding="utf-8"))["km"]
    assert format_date(built.date, strings) in khmer, "the Khmer README.txt does not date the edition in Khmer"
    assert not OTHER_DATES.findall(khmer), f"the Khmer README.txt writes dates another way: {OTHER_DATES.findall(khmer)}"


def test_labels_end_with_the_khmer_colon(khmer_pages, bundle_dir, built):
    found = {}
    for page in khmer_pages:
        text = reader_text(page.read_text(encoding="utf-8"))
        if colons := [text[max(0, m.start() - 20):m.end() + 5] for m in ASCII_COLON.finditer(text)]:
            found[page.relative_to(bundle_dir).as_posix()] = colons
    assert not found, f"':' where Khmer writes ៖: {found}"
    strings = yaml.safe_load((ROOT / "docs" / "interface.yml").read_text(encoding="utf-8"))["km"]
    messages = {key: value for key, value in strings.items() if isinstance(value, str) and ASCII_COLON.search(value)}
    assert not messages, f"interface strings with ':' after Khmer text: {sorted(messages)}"
    with zipfile.ZipFile(built.zip_path) as bundle:
        readme = bundle.read(f"{built.folder}/README.txt").decode("utf-8")
    assert not ASCII_COLON.findall(readme[readme.index("បរិស្ថានការងារ"):]), "the Khmer README.txt has ':' after labels"


def headings(path: Path) -> dict[str, str]:
    """Each heading of the article with an id: its text, without the ¶ permalink."""
    found: dict[str, str] = {}
    for node in page_nodes(path).nodes:
        heading = next((attributes["id"] for tag, attributes in node.around
                        if HEADING.fullmatch(tag) and attributes.get("id")), None)
        permalink = any(tag == "a" and "headerlink" in (attributes.get("class") or "") for tag, attributes in node.around)
        if heading and node.within({"article"}) and not permalink:
            found[heading] = found.get(heading, "") + node.text
    return {key: " ".join(value.replace(ZWSP, "").split()) for key, value in found.items()}


def test_each_repeated_heading_has_one_khmer_rendering(bundle_dir, built):
    """Paired by page and heading id; an English name or title added in brackets after the Khmer
    (the glossary, the directory) does not count as another rendering."""
    renderings: dict[str, set[str]] = {}
    where: dict[str, list[str]] = {}
    for relative in built_pages(bundle_dir, "en", built.languages):
        khmer_page = bundle_dir / "km" / relative
        if not khmer_page.exists():
            continue
        khmer = headings(khmer_page)
        for anchor, english in headings(bundle_dir / relative).items():
            if anchor in khmer:
                plain = re.sub(r"\s*\([^()]*[A-Za-z][^()]*\)$", "", khmer[anchor])
                renderings.setdefault(english, set()).add(plain)
                where.setdefault(english, []).append(f"{relative}#{anchor}")
    differing = {english: sorted(khmer) for english, khmer in renderings.items() if len(khmer) > 1}
    assert not differing, "headings that repeat in English but read differently in Khmer:\n  " + "\n  ".join(
        f"{english} ({', '.join(where[english])}): {khmer}" for english, khmer in differing.items())


# --- What the browser writes ---------------------------------------------------------------------

LIST_STYLES = """() => [...document.querySelectorAll("article ol")].filter((ol) => ol.closest('[lang]').lang === "km"
  && getComputedStyle(ol).display !== "none" && ol.children.length).map((ol) => getComputedStyle(ol).listStyleType)"""


def test_khmer_numbered_lists_count_in_khmer_digits(offline_tab: OfflineTab):
    styles = []
    for page in ("km/legal-framework.html", "km/cards/arrest.html", "km/six-steps/security-plan.html"):
        styles += offline_tab.open(page).evaluate(LIST_STYLES)
    assert styles, "no numbered list found on the Khmer pages checked"
    assert set(styles) <= {"khmer", "none"}, f"Khmer numbered lists count with {sorted(set(styles))}, not Khmer digits"
    assert offline_tab.open("legal-framework.html").evaluate(LIST_STYLES.replace('"km"', '"en"')) != ["khmer"]


def test_khmer_worksheet_rows_counts_and_messages_use_khmer_digits(offline_tab: OfflineTab):
    tab = offline_tab.open("km/workbook.html")  # worksheets are filled in on the workbook page
    sheet = tab.locator('[data-worksheet="risk-assessment"]')
    sheet.locator("[data-action=add-row]").click()
    labels = sheet.locator("[data-row] > fieldset > legend").all_inner_texts()
    assert labels[1].replace(ZWSP, "").rstrip().endswith("២"), f"the second risk is labelled {labels[1]!r}, not ហានិភ័យ ២"
    assert not re.search(r"[0-9]", "".join(labels)), f"worksheet rows numbered with ASCII digits: {labels}"
    sheet = tab.locator('[data-worksheet="capacities-checklist"]')
    sheet.locator('[name="knowledge_1"]').check()
    count = sheet.locator('[data-count="knowledge"]').inner_text().replace(ZWSP, "")
    assert re.search(r"[០-៩]", count) and not re.search(r"[0-9]", count), f"the count reads {count!r}"
    assert "៖" in count and ":" not in count, f"the count's label is followed by ':' ({count!r})"
    assert offline_tab.console_errors == []


def test_khmer_search_counts_results_in_khmer_digits(offline_tab: OfflineTab):
    tab = offline_tab.open("km/index.html")
    tab.locator("input.md-search__input").click()
    tab.keyboard.type("សុវត្ថិភាព")
    tab.locator(".md-search-result__item").first.wait_for(timeout=10000)
    meta = tab.locator(".md-search-result__meta").inner_text()
    assert re.search(r"[០-៩]", meta) and not re.search(r"[0-9]", meta), f"the search result count reads {meta!r}"


def test_the_projector_counts_sections_in_khmer_digits(offline_tab: OfflineTab):
    tab = offline_tab.open("km/introduction.html")
    tab.locator("[data-action=projector]").click()
    tab.keyboard.press("PageDown")
    counter = tab.locator("[data-projector-counter]").inner_text().strip()
    assert re.fullmatch(r"២ / [០-៩]+", counter), f"the projector's counter reads {counter!r} on a Khmer page"
    assert offline_tab.console_errors == []


@pytest.mark.parametrize(("page", "number"), [("km/six-steps/threats.html", "២"), ("six-steps/threats.html", "2")],
                         ids=["km", "en"])
def test_a_chapter_printed_from_the_browser_numbers_its_pages_in_the_language_s_digits(
        offline_tab: OfflineTab, tmp_path: Path, page: str, number: str):
    """What a trainer gets from Ctrl+P on a chapter (print.css's page numbers, main.html's digits)."""
    tab = offline_tab.open(page)
    tab.emulate_media(media="print")
    printed = tmp_path / "printed.pdf"
    printed.write_bytes(tab.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"}))
    last_line = pdftotext(printed, 2).strip().splitlines()[-1].strip()
    assert last_line == number, f"page 2 of {page} printed from the browser is numbered {last_line!r}, not {number!r}"
