"""The quick-reference cards, as a trainer prints them for a workshop: each card, in each
language, prints alone on one A4 page, and each chapter section it comes from links to it."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from conftest import OfflineTab

CARDS = ["arrest", "surveillance", "incident", "trip", "digital"]
# Where each card is drawn from: the chapter page and the section that links to it.
CHAPTER_SECTIONS = {
    "arrest": ("six-steps/threats.html", "arrest-and-detention"),
    "surveillance": ("six-steps/threats.html", "surveillance"),
    "incident": ("six-steps/threats.html", "security-incidents"),
    "trip": ("six-steps/capacities.html", "travel"),
    "digital": ("six-steps/capacities.html", "digital-information"),
}


@pytest.mark.parametrize("language", ["", "km/"], ids=["en", "km"])
@pytest.mark.parametrize("card", CARDS)
def test_each_card_prints_on_one_a4_page(offline_tab: OfflineTab, card: str, language: str):
    page = offline_tab.open(f"{language}cards/{card}.html")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible(), "the navigation would be printed"
    assert not page.locator("[data-action=projector]").is_visible(), "the projector button would be printed"
    pdf = page.pdf(format="A4", margin={"top": "10mm", "bottom": "10mm", "left": "10mm", "right": "10mm"})
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages == 1, f"the card {language}cards/{card} prints on {pages} A4 pages instead of one"


@pytest.mark.parametrize("card", CARDS)
def test_each_card_is_linked_from_the_chapter_section_it_comes_from(offline_tab: OfflineTab, card: str):
    chapter, section = CHAPTER_SECTIONS[card]
    page = offline_tab.open(chapter)
    links = page.evaluate("""([section, card]) => {
        const heading = document.getElementById(section);
        const links = [];
        for (let node = heading.nextElementSibling; node && node.tagName !== 'H2'; node = node.nextElementSibling)
            links.push(...[...node.querySelectorAll('a')].map(a => a.getAttribute('href')));
        return links.filter(href => href.endsWith(`cards/${card}.html`));
    }""", [section, card])
    assert links, f"the section '{section}' of {chapter} does not link to the {card} card"
