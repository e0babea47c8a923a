"""Projector mode, as a trainer uses it in a workshop: a button or Alt+Shift+P turns it on, text
grows by extra.projector.font_scale, the navigation goes, Page Down / the arrows step through the
page's sections with a counter, Esc leaves, and typing in a field or the search box is left alone."""

from __future__ import annotations

import pytest

from conftest import OfflineTab
from handbook import settings

STEPPED_PAGE = "six-steps/threats.html"


@pytest.fixture(scope="module")
def font_scale(config: settings.Settings) -> float:
    return float(config.extra["projector"]["font_scale"])


def root_font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def projector_on(page) -> bool:
    return page.evaluate("document.documentElement.hasAttribute('data-projector')")


def counter(page) -> str:
    return page.locator("[data-projector-counter]").inner_text().strip()


def visible_h2(page) -> list[str]:
    return page.evaluate("""[...document.querySelectorAll('.md-content article h2')]
        .filter(h => h.checkVisibility()).map(h => h.id)""")


def h2_count(page) -> int:
    return page.evaluate("document.querySelectorAll('.md-content article > h2').length")


@pytest.mark.parametrize("relative", [STEPPED_PAGE, f"km/{STEPPED_PAGE}"])
def test_projector_button_enlarges_text_by_the_set_factor_and_hides_the_navigation(
        offline_tab: OfflineTab, relative: str, font_scale: float):
    page = offline_tab.open(relative)
    normal = root_font_size(page)
    assert page.locator(".md-sidebar--primary").is_visible(), "the navigation should show before"
    page.locator("[data-action=projector]").click()
    assert projector_on(page), "the projector button did not switch projector mode on"
    assert page.locator("[data-action=projector]").get_attribute("aria-pressed") == "true"
    assert root_font_size(page) == pytest.approx(normal * font_scale, rel=0.01), \
        f"text should be {font_scale} times larger on the projector"
    assert not page.locator(".md-sidebar--primary").is_visible(), "the side navigation still shows"
    assert page.locator("[data-projector-counter]").is_visible(), "no section counter shows"
    assert offline_tab.console_errors == []


def test_page_down_and_arrow_keys_step_through_sections_and_show_the_counter(offline_tab: OfflineTab):
    page = offline_tab.open(STEPPED_PAGE)
    sections = h2_count(page) + 1  # what comes before the first h2 is a section of its own
    assert sections > 3, "the page used for this test should have several sections"
    page.locator("[data-action=projector]").click()
    assert counter(page) == f"1 / {sections}"
    assert visible_h2(page) == [], "the first section is the introduction, before any h2"
    page.keyboard.press("PageDown")
    assert counter(page) == f"2 / {sections}"
    first = visible_h2(page)
    assert len(first) == 1, f"one section should show at a time, not {first}"
    page.keyboard.press("ArrowRight")
    assert counter(page) == f"3 / {sections}"
    assert len(visible_h2(page)) == 1 and visible_h2(page) != first, "the right arrow did not move on"
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert counter(page) == f"1 / {sections}", "stepping back should stop at the first section"
    for _ in range(sections + 2):
        page.keyboard.press("PageDown")
    assert counter(page) == f"{sections} / {sections}", "stepping on should stop at the last section"
    page.locator("[data-action=projector-previous]").click()
    assert counter(page) == f"{sections - 1} / {sections}", "the on-screen previous button does not work"


def test_escape_leaves_projector_mode_and_shows_the_whole_page_again(offline_tab: OfflineTab):
    page = offline_tab.open(STEPPED_PAGE)
    normal = root_font_size(page)
    page.keyboard.press("Alt+Shift+P")
    assert projector_on(page), "Alt+Shift+P did not switch projector mode on"
    page.keyboard.press("PageDown")
    page.keyboard.press("Escape")
    assert not projector_on(page), "Esc did not leave projector mode"
    assert root_font_size(page) == normal
    assert len(visible_h2(page)) == h2_count(page), "after leaving, some sections stay hidden"
    assert page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator("[data-projector-counter]").is_visible()


def test_projector_mode_stays_on_for_the_browser_session_only(offline_tab: OfflineTab, browser):
    page = offline_tab.open(STEPPED_PAGE)
    page.keyboard.press("Alt+Shift+P")
    offline_tab.open("six-steps/capacities.html")
    assert projector_on(page), "projector mode should stay on when the trainer opens the next page"
    assert counter(page).startswith("1 / ")
    stored = page.evaluate("JSON.stringify(Object.keys(localStorage))")
    assert "projector" not in stored, "projector mode must not be kept beyond the browser session"
    other = browser.new_context()
    fresh = other.new_page()
    fresh.goto((offline_tab.root / STEPPED_PAGE).as_uri())
    assert not projector_on(fresh), "a new browser session should start in normal mode"
    other.close()


def test_keys_typed_in_a_form_field_or_the_search_box_do_not_step_sections(offline_tab: OfflineTab):
    page = offline_tab.open(STEPPED_PAGE)
    page.keyboard.press("Alt+Shift+P")
    page.keyboard.press("PageDown")
    # A field like the worksheets' ones, in the section on screen.
    page.evaluate("""() => {
        const heading = [...document.querySelectorAll('.md-content article > h2')]
            .find(h => h.checkVisibility());
        const field = document.createElement('textarea');
        field.id = 'test-field';
        field.setAttribute('aria-label', 'notes');
        heading.after(field);
    }""")
    page.locator("#test-field").click()
    for key in ("t", "ArrowLeft", "ArrowRight", "PageDown", "Escape"):
        page.keyboard.press(key)
    assert projector_on(page), "Esc in a form field left projector mode"
    assert counter(page).startswith("2 / "), "keys typed in a form field stepped through sections"
    page.locator("[data-action=projector-next]").focus()
    page.locator("input.md-search__input").click()
    page.keyboard.type("risk")
    page.keyboard.press("ArrowRight")
    assert counter(page).startswith("2 / "), "arrow keys in the search box stepped through sections"
    page.keyboard.press("Escape")
    assert projector_on(page), "Esc that closes the search also left projector mode"
    assert offline_tab.console_errors == []


def test_a_link_to_a_heading_of_the_page_opens_the_section_holding_it(offline_tab: OfflineTab):
    page = offline_tab.open(STEPPED_PAGE)
    page.keyboard.press("Alt+Shift+P")
    page.evaluate("location.hash = '#time-limits'")
    page.wait_for_function("document.getElementById('time-limits').checkVisibility()")
    assert visible_h2(page) == ["arrest-and-detention"]
