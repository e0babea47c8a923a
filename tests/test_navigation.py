"""Finding one's way, as a new reader does on a 1366×768 laptop and a 360×740 phone: the home
page offers the five tasks (in danger now, plan your security, know the law, for trainers, who
can help), every page of the handbook is at most two clicks away from it, the language choice
names both languages, the logo is a shield that shows on the header, and every header button
(palette, language, projector, Hide now, search) stays on the screen of a 320 px phone."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PIL import Image

from conftest import OfflineTab, built_pages

WIDTHS = [(1366, 768), (360, 740)]
TASKS = ["in-danger-now", "plan-your-security", "know-the-law", "for-trainers", "who-can-help"]

# Links a reader can click without opening anything first: rendered, not transparent, and on
# the screen sideways (Material's drawer on a phone sits off to the left until opened).
CLICKABLE_LINKS = """() => [...document.querySelectorAll('a[href]')].filter((a) => {
    if (!a.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
    const box = a.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth;
}).map((a) => a.href)"""


def _page_of(url: str, root: Path) -> str | None:
    """The bundle page a link leads to, relative to the bundle root (None: not a page)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or not parts.path.endswith(".html"):
        return None
    path = Path(unquote(parts.path))
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else None


@pytest.mark.parametrize("width, height", WIDTHS, ids=["laptop", "phone"])
@pytest.mark.parametrize("language", ["en", "km"])
def test_every_page_is_at_most_two_clicks_from_the_home_page(browser, bundle_dir: Path, built,
                                                               language: str, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    home = "index.html" if language == built.languages[0] else f"{language}/index.html"
    wanted = set(built_pages(bundle_dir, language, built.languages)) - {home}

    def one_click_from(relative: str) -> set[str]:
        page.goto((bundle_dir / relative).as_uri())
        page.wait_for_load_state("load")
        return {p for url in page.evaluate(CLICKABLE_LINKS) if (p := _page_of(url, bundle_dir))}

    first = one_click_from(home) & wanted
    reached = set(first)
    for relative in sorted(first):
        if reached >= wanted:
            break
        reached |= one_click_from(relative) & wanted
    context.close()
    assert not wanted - reached, (
        f"at {width} px a reader of the {language} home page needs more than two clicks "
        f"(or the search) to find: {sorted(wanted - reached)}")


@pytest.mark.parametrize("home", ["index.html", "km/index.html"])
def test_home_page_offers_the_five_tasks_danger_first(offline_tab: OfflineTab, home: str):
    page = offline_tab.open(home)
    cards = page.eval_on_selector_all(".hb-tasks > .hb-task h2", "hs => hs.map(h => h.id)")
    assert cards == TASKS, f"{home}: the task cards are {cards}, not {TASKS}"
    danger = page.locator(".hb-task--danger").bounding_box()
    assert danger["y"] < 768, f"{home}: 'In danger now' is below the first screen of a laptop"
    assert page.locator(".hb-task--danger a").count() >= 3, f"{home}: 'In danger now' offers too little"


@pytest.mark.parametrize("home", ["index.html", "km/index.html"])
def test_trainers_card_starts_projector_mode_and_offers_the_cards(offline_tab: OfflineTab, home: str):
    page = offline_tab.open(home)
    trainers = page.locator(".hb-task--trainers")
    for card in ("cards/arrest.html", "cards/trip.html", "facilitators-guide.html", "glossary.html"):
        assert trainers.locator(f"a[href$='{card}']").count(), f"{home}: the trainers' card lacks {card}"
    trainers.locator("[data-projector-start]").click()
    assert page.evaluate("document.documentElement.hasAttribute('data-projector')"), \
        f"{home}: 'Start projector mode' did not start it"
    assert offline_tab.console_errors == []


@pytest.mark.parametrize("home, other", [("index.html", "km"), ("km/index.html", "en")])
def test_home_page_language_choice_names_both_languages_and_marks_the_current_one(
        offline_tab: OfflineTab, home: str, other: str):
    page = offline_tab.open(home)
    choice = page.locator("nav.hb-home-language")
    assert choice.get_attribute("aria-label"), "the language choice has no name for screen readers"
    names = choice.locator(".hb-home-language__item").all_inner_texts()
    assert [n.replace("\u200b", "").strip() for n in names] == ["English", "ខ្មែរ"], f"{home}: the choice shows {names}"
    current = choice.locator("[aria-current]")
    assert current.count() == 1 and current.evaluate("el => el.tagName") != "A", \
        f"{home}: the current language should be marked, not a link"
    link = choice.locator(f"a[hreflang={other}]")
    box = link.bounding_box()
    assert 24 <= box["height"] <= 48, f"{home}: the switch is {box['height']}px tall (a button, not a tile)"
    link.click()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.lang") == other


def _share_unlike(image: Image.Image, colour: tuple[int, int, int]) -> float:
    data = image.convert("RGB").tobytes()
    pixels = [data[i:i + 3] for i in range(0, len(data), 3)]
    unlike = sum(1 for p in pixels if sum(abs(a - b) for a, b in zip(p, colour)) > 90)
    return unlike / len(pixels)


@pytest.mark.parametrize("mode", ["light", "dark", "projector"])
def test_the_logo_is_a_shield_that_stands_out_from_the_header(browser, bundle_dir: Path, mode: str):
    context = browser.new_context(color_scheme="dark" if mode == "dark" else "light",
                                  viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto((bundle_dir / "six-steps" / "threats.html").as_uri())
    if mode == "projector":
        page.keyboard.press("Alt+Shift+P")
    logo = page.locator(".md-header .md-logo img")
    logo.evaluate("img => img.decode()")
    background = page.locator(".md-header").evaluate(
        "el => getComputedStyle(el).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)")
    shot = Image.open(io.BytesIO(logo.screenshot()))
    favicon = page.locator("link[rel=icon]").get_attribute("href")
    source = logo.get_attribute("src")
    context.close()
    share = _share_unlike(shot, tuple(background))
    # The shield fills about two thirds of its square; the tick alone, about a sixth.
    assert share > 0.4, f"{mode}: only {share:.0%} of the logo stands out from the header: the shield is invisible"
    assert favicon == source, "the favicon and the header logo should be the same shield"


# The header's buttons and links a reader can see, with those that stick out of the screen.
HEADER_OFF_SCREEN = """() => [...document.querySelectorAll('.md-header :is(a[href], button, label)')].filter((el) => {
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.left < -1 || box.right > innerWidth + 1);
}).map((el) => el.getAttribute('aria-label') || el.title || el.textContent.trim() || el.className)"""


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("language", ["", "km/"], ids=["en", "km"])
def test_every_header_button_stays_on_a_small_phone_screen(browser, bundle_dir: Path, language: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto((bundle_dir / f"{language}workbook.html").as_uri())
    off = {"normal": page.evaluate(HEADER_OFF_SCREEN)}
    page.keyboard.press("Alt+Shift+P")
    off["projector"] = page.evaluate(HEADER_OFF_SCREEN)
    context.close()
    assert off == {"normal": [], "projector": []}, \
        f"{language or 'en/'} at {width} px, header buttons a reader cannot reach: {off}"
