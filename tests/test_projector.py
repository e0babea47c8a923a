"""Projector mode, as a trainer uses it in a workshop with a clicker that sends only Page Down
and Page Up: a button or Alt+Shift+P turns it on, text grows by extra.projector.font_scale, the
navigation goes, each press shows the next screenful (a long section screen by screen, then the
next section on a new screen), the counter counts screens, nothing is ever skipped or cut in half,
the pager covers no text, the last screen shows the footer's Next link and Page Down goes on to
the next page; Esc leaves, and typing in a field or the search box is left alone (but for the
clicker's keys in a field). Nothing moves the screen but the trainer: not the first letter typed
in a worksheet, not text growing above the screen, not the search opened and closed on a phone.
The page functions and judgements Firefox shares are in tests/page_checks.py."""

from __future__ import annotations

import re

import pytest

from conftest import OfflineTab
from page_checks import (FIELD_ON_SCREEN, LINES, NEXT_LINK, RELAYOUT, SECTIONS, SETTLED, SHOWN, check_page_down_goes_on,
                         check_screen_as_before, check_screens_show_every_line, cut_lines)
from handbook import settings

STEPPED_PAGE = "six-steps/threats.html"
LONG_PAGE = "legal-framework.html"


@pytest.fixture(scope="module")
def font_scale(config: settings.Settings) -> float:
    return float(config.extra["projector"]["font_scale"])


def root_font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def projector_on(page) -> bool:
    return page.evaluate("document.documentElement.hasAttribute('data-projector')")


def counter(page) -> tuple[int, int]:
    """The counter's "screen / screens" (Khmer pages write them in Khmer digits)."""
    text = page.locator("[data-projector-counter]").inner_text().strip()
    match = re.fullmatch(r"(\d+) / (\d+)", text)
    assert match, f"the counter shows {text!r}, not 'screen / screens'"
    khmer = page.evaluate("document.documentElement.lang") == "km"
    assert all(("០" <= digit <= "៩") == khmer for digit in match[1] + match[2]), \
        f"the counter shows {text!r}: Khmer pages count in Khmer digits, English pages in 0-9"
    return int(match[1]), int(match[2])


def projected_page(browser, bundle_dir, relative: str, width: int, height: int):
    """A page of the bundle in a browser window of its own, in projector mode, its fonts loaded."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto((bundle_dir / relative).as_uri())
    page.keyboard.press("Alt+Shift+P")
    page.evaluate("document.fonts.ready")
    return context, page


def step_to_a_field(page) -> int:
    """Steps on to the first screen that shows a worksheet's text field whole, as a trainer filling
    it in; which field of the page it is."""
    for _ in range(60):
        if page.evaluate(FIELD_ON_SCREEN) >= 0:
            break
        page.keyboard.press("PageDown")
    index = page.evaluate(FIELD_ON_SCREEN)
    assert index >= 0, f"{page.url}: no screen shows a worksheet's text field whole"
    return index


def walk_screens(page) -> list[dict]:
    """Presses Page Down until the last screen; what each screen showed."""
    shown = []
    first, total = counter(page)
    assert first == 1, f"projector mode should start on screen 1, not {first}"
    for number in range(1, total + 1):
        assert counter(page) == (number, total), f"after {number - 1} presses the counter shows {counter(page)}"
        shown.append(page.evaluate(SHOWN))
        if number < total:
            page.keyboard.press("PageDown")
    return shown


@pytest.mark.parametrize("relative, width, height", [
    (LONG_PAGE, 1366, 768), (f"km/{LONG_PAGE}", 360, 740), ("six-steps/risks.html", 1366, 768),
], ids=["legal-framework-laptop", "km-legal-framework-phone", "risks-with-worksheet-laptop"])
def test_page_down_shows_every_line_of_the_page_screen_by_screen(browser, bundle_dir, relative, width, height):
    context, page = projected_page(browser, bundle_dir, relative, width, height)
    lines, sections = page.evaluate(LINES), page.evaluate(SECTIONS)
    extent = page.evaluate("""() => ({top: document.querySelector('.md-content article').getBoundingClientRect().top + scrollY,
        bottom: document.querySelector('.md-footer').getBoundingClientRect().bottom + scrollY})""")
    tables = page.evaluate("""() => [...document.querySelectorAll('.md-content article table')].map((table) => ({
        top: table.getBoundingClientRect().top + scrollY, bottom: table.getBoundingClientRect().bottom + scrollY,
        text: table.textContent.trim().slice(0, 40)}))""")
    screens = walk_screens(page)
    next_link = page.evaluate(NEXT_LINK)
    context.close()
    check_screens_show_every_line(f"{relative} at {width}×{height}", screens, lines, sections, extent, next_link)
    # A table starts on the screen that shows it whole, or near its top with as many rows as fit:
    # never as a header row and a row or two at the foot of a screen.
    for table in tables:
        screen = next(screen for screen in screens if screen["top"] - 1 <= table["top"] < screen["bottom"])
        assert table["bottom"] <= screen["bottom"] + 1 or table["top"] - screen["top"] <= (screen["barTop"] - screen["top"]) / 4 + 1, \
            f"{relative} at {width}×{height}: the table '{table['text']}' starts at the foot of a screen, the rest of it on the next"


def test_the_last_screen_shows_the_next_link_and_page_down_opens_the_next_page(offline_tab: OfflineTab):
    page = offline_tab.open(LONG_PAGE)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.keyboard.press("Alt+Shift+P")
    screens = walk_screens(page)
    next_link = page.locator(".md-footer__link--next").bounding_box()
    bar = page.locator("[data-projector-bar]").bounding_box()
    assert next_link["y"] + next_link["height"] <= bar["y"], "the pager covers the footer's Next link"
    assert next_link["y"] >= 0 and page.locator(".md-footer__link--next").is_visible()
    assert len(screens) >= 10, f"legal-framework at 1366×768 is shown in only {len(screens)} screens"
    assert "Next page" in page.locator("[data-action=projector-next]").inner_text(), \
        "on the last screen the pager should offer the next page"
    page.keyboard.press("PageDown")
    page.wait_for_url("**/six-steps/index.html")
    page.wait_for_load_state("load")
    assert projector_on(page) and counter(page)[0] == 1, "the next page should open on its first screen"
    page.keyboard.press("PageUp")
    page.wait_for_url(f"**/{LONG_PAGE}")
    page.wait_for_load_state("load")
    number, total = counter(page)
    assert number == total, f"Page Up from a first screen should open the previous page at its end, not {number} / {total}"
    assert offline_tab.console_errors == []


@pytest.mark.parametrize("relative", [LONG_PAGE, f"km/{LONG_PAGE}"])
def test_the_pager_fits_a_phone(browser, bundle_dir, relative):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto((bundle_dir / relative).as_uri())
    page.keyboard.press("Alt+Shift+P")
    for _ in range(200):
        number, total = counter(page)
        if number == total:
            break
        page.keyboard.press("PageDown")
    bar = page.evaluate("""() => { const bar = document.querySelector('[data-projector-bar]');
        return {left: bar.getBoundingClientRect().left, right: bar.getBoundingClientRect().right,
                scroll: bar.scrollWidth, client: bar.clientWidth,
                buttons: [...bar.querySelectorAll('button')].map(b => b.getBoundingClientRect())
                    .filter(r => r.left < 0 || r.right > innerWidth || r.height < 24).length}; }""")
    header_hidden = page.evaluate("""[...document.querySelectorAll('.md-header__inner > *')]
        .filter(el => el.checkVisibility() && el.getBoundingClientRect().right > innerWidth + 1).length""")
    context.close()
    assert bar["left"] >= 0 and bar["right"] <= 360 and bar["scroll"] <= bar["client"] + 1, f"{relative}: the pager overflows a phone: {bar}"
    assert bar["buttons"] == 0, f"{relative}: {bar['buttons']} pager buttons are off screen or too small to tap"
    assert header_hidden == 0, f"{relative}: {header_hidden} header controls are pushed off a phone's screen"


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
    assert page.locator("[data-projector-counter]").is_visible(), "no screen counter shows"
    assert offline_tab.console_errors == []


def test_page_up_and_the_arrow_keys_step_back_and_forth(offline_tab: OfflineTab):
    page = offline_tab.open(STEPPED_PAGE)
    page.locator("[data-action=projector]").click()
    _, total = counter(page)
    page.keyboard.press("PageDown")
    page.keyboard.press("ArrowRight")
    assert counter(page) == (3, total)
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    assert counter(page) == (1, total)
    page.locator("[data-action=projector-next]").click()
    page.locator("[data-action=projector-next]").click()
    page.locator("[data-action=projector-previous]").click()
    assert counter(page) == (2, total), "the on-screen buttons do not step"


def test_escape_leaves_projector_mode_and_shows_the_whole_page_again(offline_tab: OfflineTab):
    page = offline_tab.open(STEPPED_PAGE)
    normal = root_font_size(page)
    page.keyboard.press("Alt+Shift+P")
    page.keyboard.press("PageDown")
    page.keyboard.press("Escape")
    assert not projector_on(page), "Esc did not leave projector mode"
    assert root_font_size(page) == normal
    assert not any(curtain.is_visible() for curtain in page.locator(".hb-projector__curtain").all()), \
        "a curtain still hides part of the page"
    assert page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator("[data-projector-counter]").is_visible()


def test_projector_mode_stays_on_for_the_browser_session_only(offline_tab: OfflineTab, browser):
    page = offline_tab.open(STEPPED_PAGE)
    page.keyboard.press("Alt+Shift+P")
    offline_tab.open("six-steps/capacities.html")
    assert projector_on(page), "projector mode should stay on when the trainer opens the next page"
    assert counter(page)[0] == 1
    stored = page.evaluate("JSON.stringify(Object.keys(localStorage))")
    assert "projector" not in stored, "projector mode must not be kept beyond the browser session"
    other = browser.new_context()
    fresh = other.new_page()
    fresh.goto((offline_tab.root / STEPPED_PAGE).as_uri())
    assert not projector_on(fresh), "a new browser session should start in normal mode"
    other.close()


def test_keys_typed_in_a_form_field_or_the_search_box_do_not_step(offline_tab: OfflineTab):
    page = offline_tab.open("workbook.html")  # worksheets are filled in there
    page.keyboard.press("Alt+Shift+P")
    field = page.locator("form textarea").nth(step_to_a_field(page))
    screen = counter(page)[0]
    field.click()
    page.evaluate(RELAYOUT)  # a slow laptop may lay the page out again just then
    assert counter(page)[0] == screen, "the screen changed by itself when the page was laid out again"
    for key in ("t", "ArrowLeft", "ArrowRight", "Escape"):
        page.keyboard.press(key)
    assert projector_on(page), "Esc in a form field left projector mode"
    assert counter(page)[0] == screen, "keys typed in a form field stepped through screens"
    assert field.input_value() == "t", "the letter typed in the field went missing"
    # The clicker still works after the trainer filled in a field.
    page.keyboard.press("PageDown")
    page.evaluate(RELAYOUT)
    page.keyboard.press("PageUp")
    assert counter(page)[0] == screen, "the clicker's Page Down and Page Up do not step from a form field"
    page.locator("input.md-search__input").click()
    page.keyboard.type("risk")
    page.keyboard.press("ArrowRight")
    assert counter(page)[0] == screen, "arrow keys in the search box stepped through screens"
    page.keyboard.press("Escape")
    assert projector_on(page), "Esc that closes the search also left projector mode"
    assert offline_tab.console_errors == []


def tap(element) -> None:
    """A click where the element (a locator) is, as a reader's finger or mouse does it.
    (Playwright's own click scrolls the page when it finds the element covered for a moment,
    which no reader does, and which takes the curtain away.)"""
    box = element.bounding_box()
    element.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def screen_now(page) -> dict:
    """What the audience sees: {counter, shown (SHOWN), curtain (whether it is up)}."""
    return {"counter": counter(page), "shown": page.evaluate(SHOWN), "curtain": page.locator(".hb-projector__curtain:not(.hb-projector__curtain--above)").is_visible()}


SIZES = [("workbook.html", 1366, 768), ("workbook.html", 360, 740), ("km/workbook.html", 1366, 768), ("km/workbook.html", 360, 740)]


@pytest.mark.parametrize("relative, width, height", SIZES, ids=["laptop", "phone", "km-laptop", "km-phone"])
def test_typing_in_a_worksheet_field_leaves_the_screen_as_it_was(browser, bundle_dir, relative, width, height):
    """A trainer projecting the workbook types the first letter of an answer (the worksheet's
    toolbar says where the answers are): nothing on the screen may move, and the clicker goes on
    from there."""
    context, page = projected_page(browser, bundle_dir, relative, width, height)
    index = step_to_a_field(page)
    before = screen_now(page)
    tap(page.locator("form textarea").nth(index))
    page.keyboard.type("P")
    page.wait_for_function("() => document.querySelector('[data-worksheet-toolbar] [data-state]').textContent.trim() !== ''")
    page.evaluate(SETTLED)
    after, lines, shown_field = screen_now(page), page.evaluate(LINES), page.evaluate(FIELD_ON_SCREEN)
    page.keyboard.press("PageDown")
    following = screen_now(page)
    page.keyboard.press("PageUp")
    back = screen_now(page)
    context.close()
    where = f"{relative} at {width}×{height}, after the first letter typed in a worksheet field"
    check_screen_as_before(where, before, after, lines)
    assert shown_field == index, f"{where}: the field typed in is no longer wholly on the screen, above the pager"
    check_page_down_goes_on(where, after["counter"][0], after["shown"], following["counter"][0], following["shown"])
    check_screen_as_before(f"{where}, Page Down then Page Up", after, back)


@pytest.mark.parametrize("relative, width, height", [(STEPPED_PAGE, 1366, 768), (f"km/{STEPPED_PAGE}", 360, 740)],
                         ids=["laptop", "km-phone"])
def test_text_added_above_the_screen_shown_leaves_the_screen_as_it_was(browser, bundle_dir, relative, width, height):
    """Something above the screen grows (a worksheet's message, a picture arriving): the browser
    scrolls to keep the text in place. That is not the trainer scrolling: the curtain stays and the
    screen shows the same text."""
    context, page = projected_page(browser, bundle_dir, relative, width, height)
    for _ in range(3):
        page.keyboard.press("PageDown")
    screen, before = counter(page), page.evaluate(SHOWN)
    first = [line["text"] for line in page.evaluate(LINES) if line["top"] >= before["top"] - 1][:3]
    page.evaluate("""() => { const note = document.createElement('p');
        note.textContent = 'A line added above the screen, as a worksheet adds its message.';
        document.querySelector('.md-content article').prepend(note); }""")
    page.evaluate(SETTLED)
    now, lines = screen_now(page), page.evaluate(LINES)
    after = now["shown"]
    context.close()
    where = f"{relative} at {width}×{height}, with text added above screen {screen}"
    assert now["curtain"], f"{where}: the curtain went: the line above the pager shows cut in half"
    shown = [line["text"] for line in lines if line["top"] >= after["top"] - 1][:3]
    assert shown == first, f"{where}: the screen began with {first}, now with {shown}"
    assert not cut_lines(lines, after), f"{where}: lines cut in half at the bottom: {cut_lines(lines, after)}"


@pytest.mark.parametrize("relative, width, height", [(STEPPED_PAGE, 360, 740), (f"km/{STEPPED_PAGE}", 360, 740),
                                                     (STEPPED_PAGE, 1366, 768)], ids=["phone", "km-phone", "laptop"])
def test_the_screen_looks_as_before_once_the_search_is_closed(browser, bundle_dir, relative, width, height):
    """On a phone the search opens over the page, whose scrolling Material locks meanwhile."""
    context, page = projected_page(browser, bundle_dir, relative, width, height)
    for _ in range(3):
        page.keyboard.press("PageDown")
    before = screen_now(page)
    assert before["curtain"], f"{relative} at {width}×{height}: screen {before['counter']} shows no curtain"
    if width < 960:  # below 60em the search box is behind the header's search button
        tap(page.locator("label.md-header__button[for=__search]"))
    tap(page.locator("input.md-search__input"))
    page.wait_for_function("() => document.getElementById('__search').checked")  # Material opens it at a later frame
    page.keyboard.type("risk")
    if width < 960:
        page.wait_for_function("() => document.body.hasAttribute('data-md-scrolllock')")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked && !document.body.hasAttribute('data-md-scrolllock')")
    page.evaluate(SETTLED)
    after, lines = screen_now(page), page.evaluate(LINES)
    context.close()
    check_screen_as_before(f"{relative} at {width}×{height}, after the search was opened and closed", before, after, lines)


@pytest.mark.parametrize("relative, width, height", [
    (STEPPED_PAGE, 1366, 768), ("workbook.html", 1366, 768), (f"km/{STEPPED_PAGE}", 360, 740),
], ids=["threats-laptop", "workbook-laptop", "km-threats-phone"])
def test_the_screen_shown_stays_when_the_page_is_laid_out_again(browser, bundle_dir, relative, width, height):
    """A slow laptop lays the page out again at any moment (fonts arriving, a worksheet's output
    redrawn): the screen shown must stay, with the same text at its top."""
    context, page = projected_page(browser, bundle_dir, relative, width, height)
    page.evaluate(RELAYOUT)
    _, total = counter(page)
    moved = []
    for number in range(1, total + 1):
        assert counter(page) == (number, total), f"{relative}: Page Down from screen {number - 1} shows {counter(page)}"
        shown = page.evaluate(SHOWN)
        page.evaluate(RELAYOUT)
        if counter(page)[0] != number or abs(page.evaluate(SHOWN)["top"] - shown["top"]) > 2:
            moved.append(f"{number} → {counter(page)[0]}")
            for _ in range(total):  # back to the screen, to go on from there
                if counter(page)[0] == number:
                    break
                page.keyboard.press("PageDown" if counter(page)[0] < number else "PageUp")
        if number < total:
            page.keyboard.press("PageDown")
    context.close()
    assert not moved, (f"{relative} at {width}×{height}: laying the page out again moved the projector by itself "
                       f"from screen to screen: {moved}")


def test_a_link_to_a_heading_of_the_page_opens_the_screen_holding_it(offline_tab: OfflineTab):
    page = offline_tab.open(STEPPED_PAGE)
    page.keyboard.press("Alt+Shift+P")
    page.evaluate("location.hash = '#time-limits'")
    page.wait_for_function("""() => { const r = document.getElementById('time-limits').getBoundingClientRect();
        const curtain = document.querySelector('.hb-projector__curtain').getBoundingClientRect();
        return r.top >= document.querySelector('.md-header').getBoundingClientRect().bottom && r.bottom <= curtain.top; }""")
    assert counter(page)[0] > 1


@pytest.mark.parametrize("relative", ["directory.html", "legal-framework.html"])
def test_headings_on_a_phone_in_projector_mode_keep_each_word_whole(browser, bundle_dir, relative):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto((bundle_dir / relative).as_uri())
    page.keyboard.press("Alt+Shift+P")
    broken = page.evaluate("""() => {
        const broken = [];
        for (const heading of document.querySelectorAll('.md-content :is(h1, h2, h3)')) {
            const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const match of node.data.matchAll(/\\S+/g)) {
                    const range = document.createRange();
                    range.setStart(node, match.index);
                    range.setEnd(node, match.index + match[0].length);
                    const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
                    if (lines.size > 1) broken.push(match[0]);
                }
            }
        }
        return broken; }""")
    context.close()
    assert broken == [], f"{relative}: on a phone in projector mode these heading words break across lines: {broken}"
