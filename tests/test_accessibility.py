"""Accessibility, checked with axe-core (npm package, used by the tests only) on every kind of
page in both languages, in the light and dark palettes and in projector mode, with the search
and the worksheet dialogs open: the WCAG 2 A/AA rules and axe's best practices, at every impact.
Plus what axe cannot see: keyboard focus that shows, the skip link, and respect for reduced
motion."""

from __future__ import annotations

import pytest

from conftest import OfflineTab
from page_checks import axe_problems
from workbook import fill_risk, keep

# One page of each kind: home, a chapter with a diagram, chapters showing worksheets and the risk
# grid, one with content tabs, the examples, the directory, the glossary, the facilitator's
# guide, a quick-reference card, the workbook (every worksheet, to fill in) and how the answers
# are protected.
PAGE_TYPES = ["index.html", "six-steps/index.html", "six-steps/threats.html", "six-steps/risks.html",
              "legal-framework.html", "examples.html", "directory.html", "glossary.html",
              "facilitators-guide.html", "cards/trip.html", "workbook.html", "protection.html"]
LANGUAGES = pytest.mark.parametrize("language", ["", "km/"], ids=["en", "km"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@LANGUAGES
@pytest.mark.parametrize("relative", PAGE_TYPES)
def test_no_accessibility_problem_in_either_palette(browser, bundle_dir, relative, language, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((bundle_dir / f"{language}{relative}").as_uri())
    problems = axe_problems(page)
    context.close()
    assert problems == [], f"{language}{relative} ({scheme}): screen-reader and low-vision users meet:\n" + "\n".join(problems)


@LANGUAGES
@pytest.mark.parametrize("relative", PAGE_TYPES)
def test_no_accessibility_problem_in_projector_mode(offline_tab: OfflineTab, relative, language):
    page = offline_tab.open(f"{language}{relative}")
    page.locator("[data-action=projector]").click()
    problems = axe_problems(page)
    page.keyboard.press("PageDown")
    problems += axe_problems(page)
    assert problems == [], f"{language}{relative} (projector): " + "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language, query", [("", "risk"), ("km/", "សុវត្ថិភាព")], ids=["en", "km"])
def test_no_accessibility_problem_with_the_search_open(browser, bundle_dir, language, query, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((bundle_dir / f"{language}six-steps/index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for()
    name = page.locator("[data-md-component=search][role=dialog]").get_attribute("aria-label")
    problems = axe_problems(page)
    context.close()
    assert name, f"{language}: the search dialog has no name for screen readers"
    assert problems == [], f"{language} search open ({scheme}): " + "\n".join(problems)


@LANGUAGES
def test_no_accessibility_problem_with_a_worksheet_dialog_open(offline_tab: OfflineTab, language):
    page = offline_tab.open(f"{language}workbook.html")
    fill_risk(page)
    problems = []

    def check(name: str, action: str) -> None:
        page.locator(f"[data-action={action}]").first.click()
        page.locator("dialog[open]").wait_for()
        if action == "keep":  # the new passphrase's strength, and a suggested passphrase
            page.locator("dialog input[type=password]").first.fill("password")
            page.locator("dialog [data-action=suggest]").click()
        problems.extend(f"{name}: {problem}" for problem in axe_problems(page))
        page.keyboard.press("Escape")
        page.locator("dialog").wait_for(state="detached")

    check("keep (new passphrase)", "keep")
    keep(page)
    page.locator("[data-action=lock]").click()
    check("unlock (passphrase)", "unlock")
    check("erase everything", "erase-all")
    check("export (passphrase)", "export")
    assert problems == [], f"{language}workbook.html, worksheet dialogs open:\n" + "\n".join(problems)


def test_skip_link_is_the_first_stop_and_leads_to_the_text(offline_tab: OfflineTab):
    page = offline_tab.open("six-steps/threats.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "md-skip" in focused, "the first Tab does not reach a 'skip to content' link"
    assert page.locator(".md-skip").is_visible(), "the skip link is focused but cannot be seen"


@pytest.mark.parametrize("language", ["", "km/"], ids=["en", "km"])
def test_every_header_control_shows_where_the_keyboard_is(offline_tab: OfflineTab, language):
    page = offline_tab.open(f"{language}six-steps/threats.html")
    for selector in ("[data-action=projector]", "[data-action=switch-language]"):
        control = page.locator(selector).first
        control.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        style = control.evaluate("""el => { const s = getComputedStyle(el);
            return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow,
                    bg: s.backgroundColor}; }""")
        visible = (style["outline"] != "none" and style["width"] > 0) or style["shadow"] != "none"
        assert visible or style["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), \
            f"{selector}: a keyboard user cannot see that it has focus ({style})"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_light_dark_switch_shows_where_the_keyboard_is_in_either_mode(offline_tab: OfflineTab, scheme: str):
    """Material's switch is two hidden radio buttons and a label on show: Tab from the top of the
    page to the switch; the switch on show is ringed, and named by what it does."""
    page = offline_tab.open("six-steps/threats.html")
    if scheme == "dark":
        page.locator("form[data-md-component=palette] label:visible").click()
        page.reload()
    assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-option')"):
            break
    else:
        raise AssertionError("Tab never reaches the light/dark switch")
    shown = page.locator("form[data-md-component=palette] label:visible")
    style = shown.evaluate("el => { const s = getComputedStyle(el); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert style[0] not in ("none", "") and style[1] > 0, \
        f"in {scheme} mode the light/dark switch has the keyboard's focus and shows no ring ({style})"
    heard = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert heard == shown.get_attribute("title"), \
        f"in {scheme} mode a screen reader hears {heard!r} on the switch that shows {shown.get_attribute('title')!r}"
    page.keyboard.press("Space")
    assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default"), \
        f"Space on the light/dark switch, in {scheme} mode, changed the mode without naming that as the action"


@pytest.mark.parametrize("language", ["", "km/"], ids=["en", "km"])
def test_tab_through_the_header_stops_only_where_something_shows(offline_tab: OfflineTab, language: str):
    """From the top of a page to the first link of the navigation, every Tab stop can be seen
    (the light/dark switch's radio buttons aside: its label on show is ringed, test above)."""
    page = offline_tab.open(f"{language}six-steps/threats.html")
    unseen = []
    for _ in range(20):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
            return {name: e.tagName + "." + e.className.split(" ")[0], option: e.classList.contains("md-option"),
                    nav: e.classList.contains("md-nav__link"), seen: r.width > 0 && r.height > 0
                    && getComputedStyle(e).visibility === "visible"}; }""")
        if stop["nav"]:
            break
        if not stop["option"] and not stop["seen"]:
            unseen.append(stop["name"])
    assert unseen == [], f"Tab stops a keyboard user cannot see in the header of {language}six-steps/threats.html: {unseen}"


@pytest.mark.parametrize("language", ["", "km/"], ids=["en", "km"])
def test_every_navigation_toggle_and_the_list_it_opens_have_a_name(offline_tab: OfflineTab, language: str):
    """Material's toggle beside a section's link (Six steps, Quick-reference cards) is an icon
    alone; a screen reader needs a name for it and for the list of pages it opens."""
    page = offline_tab.open(f"{language}six-steps/threats.html")
    unnamed = page.evaluate("""() => [...document.querySelectorAll(".md-sidebar--primary label.md-nav__link[tabindex='0']")]
        .filter((toggle) => !(toggle.getAttribute("aria-label") || toggle.textContent).trim()).map((toggle) => toggle.id)
        .concat([...document.querySelectorAll(".md-sidebar--primary nav[aria-labelledby]")].filter((nav) => {
            const label = document.getElementById(nav.getAttribute("aria-labelledby"));
            return !label || !(label.getAttribute("aria-label") || label.textContent).trim(); })
          .map((nav) => "list named by " + nav.getAttribute("aria-labelledby")))""")
    assert unnamed == [], f"{language}six-steps/threats.html: a screen reader finds no name for {unnamed}"


def test_projector_controls_are_reachable_by_keyboard(offline_tab: OfflineTab):
    page = offline_tab.open("six-steps/threats.html")
    page.locator("[data-action=projector]").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.hasAttribute('data-projector')")
    reached = set()
    for _ in range(200):
        page.keyboard.press("Tab")
        action = page.evaluate("document.activeElement.dataset.action || ''")
        reached.add(action)
        if {"projector-previous", "projector-next", "projector-exit"} <= reached:
            break
    assert {"projector-previous", "projector-next", "projector-exit"} <= reached, \
        f"Tab does not reach the projector bar's buttons (reached {sorted(a for a in reached if a)})"


def test_reduced_motion_turns_off_animations(browser, bundle_dir):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto((bundle_dir / "six-steps/threats.html").as_uri())
    durations = page.evaluate("""() => [...document.querySelectorAll('*')].map(el => {
        const s = getComputedStyle(el);
        return Math.max(...s.transitionDuration.split(',').map(parseFloat),
                        ...s.animationDuration.split(',').map(parseFloat));
    }).filter(d => d > 0.01).length""")
    context.close()
    assert durations == 0, f"{durations} elements still animate for a reader who asked for reduced motion"


@pytest.mark.parametrize("relative", ["index.html", "km/index.html", "km/cards/arrest.html"])
def test_each_page_declares_its_language(offline_tab: OfflineTab, relative: str):
    page = offline_tab.open(relative)
    expected = "km" if relative.startswith("km/") else "en"
    assert page.evaluate("document.documentElement.lang") == expected
    # Source titles under a Khmer page are English: marked so a screen reader switches voice.
    if expected == "km":
        assert page.locator(".hb-page-source li[lang=en]").count() > 0


# Each text of the risk matrix against what lies under it (its cell, or the page), as WCAG
# computes contrast; colours with transparency are laid over the page's background first.
MATRIX_CONTRAST = """() => {
    const rgba = (c) => { const v = c.match(/[\\d.]+/g).map(Number); return v.length === 3 ? [...v, 1] : v; };
    const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
    const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    let page = rgba(getComputedStyle(document.body).backgroundColor);
    if (page[3] === 0) page = rgba(getComputedStyle(document.documentElement).backgroundColor);
    page = page.slice(0, 3);
    return [...document.querySelectorAll('svg text')].filter((t) => t.closest('.hb-ws-matrix') && t.textContent.trim()).map((text) => {
        const cell = text.closest('g')?.querySelector('rect');
        const under = cell ? over(rgba(getComputedStyle(cell).fill), page) : page;
        return [text.textContent.trim(), ratio(over(rgba(getComputedStyle(text).fill), under), under)];
    });
}"""


@pytest.mark.parametrize("mode", ["light", "dark", "projector"])
@LANGUAGES
def test_risk_matrix_text_stands_out_from_its_cells_in_every_palette(browser, bundle_dir, language, mode):
    context = browser.new_context(color_scheme="dark" if mode == "dark" else "light",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((bundle_dir / f"{language}workbook.html").as_uri())
    if mode == "projector":
        page.keyboard.press("Alt+Shift+P")
    fill_risk(page, what="Raid on the office", probability="5", impact="5")
    page.wait_for_function("document.querySelector('.hb-ws-matrix [data-cell=p5-i5] text')?.textContent.trim()")
    texts = page.evaluate(MATRIX_CONTRAST)
    context.close()
    weak = [f"{text!r}: {contrast:.1f}:1" for text, contrast in texts if contrast < 4.5]
    assert len(texts) >= 12, f"the risk matrix shows only {texts}"
    assert not weak, f"{language} ({mode}): risk-matrix text below 4.5:1 contrast: {weak}"
