"""Firefox ESR on the unzipped bundle (puppeteer-core over WebDriver BiDi, Debian's firefox-esr, no
downloaded browser; tests/firefox/launch.js gives Firefox a reader's file:// policy, each file an
origin of its own), with its profile on disk:

- tests/firefox/search.js: search in English (a misspelled word too) and in Khmer, from pages at
  the top and in folders;
- tests/firefox/workbook.js: keep / reload / unlock / lock (with a date typed day/month/year),
  Hide and Back, Erase; then the profile's files are searched for what was typed, its session
  files (mozLz4) decompressed first;
- tests/firefox/projector.js: projector mode on the threats chapter and the workbook, in English
  and Khmer, on a laptop (1366×768) and a phone (360×740): Page Down from the top to the next
  page, the page laid out again on every screen, keys typed in a worksheet field (the screen
  must not move) and the search box (the screen must look as before once it is closed), Escape.
  Judged as tests/test_projector.py judges Chromium, with the page functions and judgements of
  tests/page_checks.py."""

from __future__ import annotations

import json
import re
import secrets
import shutil
import string
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import lz4.block
import pytest

from handbook import settings
from handbook.settings import ROOT
from pagetext import article_text
from page_checks import (FIELD_ON_SCREEN, LINES, NEXT_LINK, RELAYOUT, SECTIONS, SETTLED, SHOWN, check_page_down_goes_on,
                         check_screen_as_before, check_screens_show_every_line)
from workbook import PASSPHRASE

FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"


def readable(path: Path) -> bytes:
    """A file's bytes as a technician reads them: Firefox's mozLz4 files decompressed."""
    data = path.read_bytes()
    if data.startswith(b"mozLz40\0"):
        try:
            return lz4.block.decompress(data[8:])
        except lz4.block.LZ4BlockError:
            return data
    return data


def test_firefox_keeps_unlocks_hides_and_leaves_nothing_in_its_profile(bundle_dir: Path, tmp_path: Path):
    profile = tmp_path / "firefox-profile"
    profile.mkdir()
    marks = ["".join(secrets.choice(string.ascii_uppercase) for _ in range(16)) for _ in range(3)]
    result = subprocess.run(["node", str(ROOT / "tests" / "firefox" / "workbook.js"), str(bundle_dir), str(profile), PASSPHRASE, *marks],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.stdout, f"the Firefox run printed nothing:\n{result.stderr[-3000:]}"
    report = json.loads(result.stdout)
    problems = list(report["problems"])
    assert report["facts"]["toolbarAtStart"] == [True, False, False], f"Firefox shows the wrong buttons: {report['facts']}"
    assert report["facts"]["storageAfterErase"] == [], "Erase left handbook data in Firefox"
    facts = report["facts"]
    # Firefox keeps each file's storage apart: the workbook in the other language keeps its own.
    apart, elsewhere = "keeps each page's answers apart", "in another language stay with that page"
    assert elsewhere in facts["status"] and elsewhere in facts["statusBesideKhmer"], \
        f"with nothing kept here, Firefox's workbook does not say kept answers may be in the other language's: {facts}"
    assert apart in facts["eraseDialog"] and "erase them on that page too" in facts["eraseDialog"], \
        f"Firefox's Erase promises what it cannot do (the other language's answers): {facts['eraseDialog']!r}"
    assert "erase them there too" in facts["statusAfterErase"], f"after Erase, Firefox says {facts['statusAfterErase']!r}"
    assert facts["khmerStillKept"], "the Khmer workbook lost its kept answers when the English one was used"
    assert facts["dateShown"] == ["27/11/2018", "27 November 2018", "", "27/11/2018", "27 November 2018", ""], \
        f"a date typed day/month/year in Firefox shows as {facts['dateShown']}"
    assert facts["impossibleDate"][0] == "31/02/2024" and "February 2024 has 29 days" in facts["impossibleDate"][2], \
        f"Firefox shows 31/02/2024 as {facts['impossibleDate']}"
    assert facts["dateUnlocked"] == "27/11/2018", f"Firefox brings the kept date back as {facts['dateUnlocked']!r}"
    for path in sorted(p for p in profile.rglob("*") if p.is_file()):
        data = readable(path)
        for mark in [*marks, PASSPHRASE]:
            for form in (mark.encode("utf-8"), mark.encode("utf-16-le")):
                if form in data:
                    problems.append(f"'{mark}' is readable in {path.relative_to(profile)}")
    assert not problems, "In Firefox:\n- " + "\n- ".join(problems)


# (page the reader is on, what they type, what each page found should hold)
SEARCHES = [
    ("index.html", "surveillance", "surveillance"),
    ("index.html", "surveilance", "surveillance"),  # a letter missing (search-typos.js)
    ("six-steps/risks.html", "vulnerability", "vulnerability"),
    ("km/index.html", "សុវត្ថិភាព", "សុវត្ថិភាព"),  # security
    ("km/six-steps/risks.html", "សិទ្ធិមនុស្ស", "សិទ្ធិមនុស្ស"),  # human rights, typed without a space
]


@pytest.fixture(scope="module")
def firefox_search(bundle_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One Firefox run of every search in SEARCHES (tests/firefox/search.js)."""
    profile = tmp_path_factory.mktemp("firefox-search-profile")
    searches = json.dumps([[page, query] for page, query, _ in SEARCHES])
    result = subprocess.run(["node", str(ROOT / "tests" / "firefox" / "search.js"), str(bundle_dir), str(profile), searches],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.stdout, f"the Firefox run printed nothing:\n{result.stderr[-3000:]}"
    return json.loads(result.stdout)


def test_firefox_runs_with_each_file_its_own_origin_as_a_readers_firefox_does(firefox_search: dict):
    assert firefox_search["readsOtherFiles"] is False, (
        "the Firefox tests let file:// pages read each other's files, which a reader's Firefox never does: "
        "they would pass where the handbook fails for readers")


@pytest.mark.parametrize("page, query, holds", SEARCHES)
def test_firefox_search_finds_pages_of_the_pages_language_with_the_words_typed(firefox_search: dict, bundle_dir: Path,
                                                                                page: str, query: str, holds: str):
    done = [s for s in firefox_search["searches"] if (s["page"], s["query"]) == (page, query)]
    assert done, f"Firefox did not get to search {page} for '{query}': {firefox_search['errors']}"
    found = done[0]
    assert found["links"], f"In Firefox, searching {page} for '{query}' finds nothing; the search says '{found['meta']}'"
    assert found["typed"] == query, f"In Firefox, the search box shows '{found['typed']}' after typing '{query}'"
    pages = sorted({Path(unquote(urlparse(link).path)).relative_to(bundle_dir) for link in found["links"]})
    khmer = page.startswith("km/")
    wrong = [str(p) for p in pages if (p.parts[0] == "km") != khmer]
    assert not wrong, f"In Firefox, searching {page} for '{query}' shows pages in the other language: {wrong}"
    holding = [p for p in pages if holds.lower() in article_text(bundle_dir / p).lower()]
    assert holding, f"In Firefox, searching {page} for '{query}' shows only pages without '{holds}': {pages}"


def test_firefox_shows_no_error_while_searching(firefox_search: dict):
    assert firefox_search["errors"] == [], "In Firefox, searching shows errors:\n- " + "\n- ".join(firefox_search["errors"])


# (page, width, height, what is done there besides Page Down from the top to the next page): each
# page in each language, each language at each size. The workbook on a phone is not laid out again
# on each of its 130 screens: that alone would take 20 s, and the Khmer workbook is on a laptop.
PROJECTED = [
    ("six-steps/threats.html", 1366, 768, {"relayout"}),
    ("km/six-steps/threats.html", 360, 740, {"relayout"}),
    ("km/workbook.html", 1366, 768, {"relayout", "typing"}),
    ("workbook.html", 360, 740, {"typing"}),
]


def projections(step: str | None = None) -> list:
    """The runs of PROJECTED (those that do `step`) as (page, width, height), named after page and width."""
    return [pytest.param(page, width, height, id=f"{page.removesuffix('.html').replace('/', '-')}-{width}")
            for page, width, height, steps in PROJECTED if step is None or step in steps]


@pytest.fixture(scope="module")
def firefox_projector(bundle_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One Firefox run of every page in PROJECTED (tests/firefox/projector.js): {(page, width): run}, and its errors."""
    profile = tmp_path_factory.mktemp("firefox-projector-profile")
    probes = json.dumps({"lines": LINES, "shown": SHOWN, "sections": SECTIONS, "nextLink": NEXT_LINK, "relayout": RELAYOUT,
                         "settled": SETTLED, "fieldOnScreen": FIELD_ON_SCREEN})
    runs = json.dumps([{"page": page, "width": width, "height": height, **{step: True for step in steps}}
                       for page, width, height, steps in PROJECTED])
    result = subprocess.run(["node", str(ROOT / "tests" / "firefox" / "projector.js"), str(bundle_dir), str(profile), probes, runs],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.stdout, f"the Firefox run printed nothing:\n{result.stderr[-3000:]}"
    report = json.loads(result.stdout)
    return {"runs": {(run["page"], run["width"]): run for run in report["runs"]}, "errors": report["errors"]}


def projected(firefox_projector: dict, page: str, width: int, step: str) -> dict:
    """What Firefox noted of one step ("walk", "relayout", "typing") of a page at a width."""
    done = firefox_projector["runs"].get((page, width), {}).get(step)
    assert done is not None, f"Firefox did not get to project {page} at width {width}: {firefox_projector['errors']}"
    return done


def screen_numbers(text: str, page: str) -> tuple[int, int]:
    """The counter's "screen / screens" (Khmer pages count in Khmer digits, as in Chromium)."""
    match = re.fullmatch(r"(\d+) / (\d+)", text)
    assert match, f"In Firefox, the counter on {page} shows {text!r}, not 'screen / screens'"
    khmer = page.startswith("km/")
    assert all(("០" <= digit <= "៩") == khmer for digit in match[1] + match[2]), \
        f"In Firefox, the counter on {page} shows {text!r}: Khmer pages count in Khmer digits, English pages in 0-9"
    return int(match[1]), int(match[2])


@pytest.mark.parametrize("page, width, height", projections())
def test_firefox_page_down_shows_every_line_of_the_page_screen_by_screen(firefox_projector: dict, page: str, width: int,
                                                                          height: int):
    """tests/test_projector.py's test_page_down_shows_every_line_of_the_page_screen_by_screen, in
    Firefox; and the last screen shows the footer's Next link, as the Chromium test of it asks."""
    walk = projected(firefox_projector, page, width, "walk")
    where = f"In Firefox, {page} at {width}×{height}"
    lines, sections, extent = walk["lines"], walk["sections"], walk["extent"]
    total = screen_numbers(walk["screens"][0]["counter"], page)[1]
    counted = [screen_numbers(screen["counter"], page) for screen in walk["screens"]]
    assert counted == [(number, total) for number in range(1, total + 1)], \
        f"{where}: Page Down from the top steps through the screens as {[screen['counter'] for screen in walk['screens']]}"
    check_screens_show_every_line(where, [screen["shown"] for screen in walk["screens"]], lines, sections, extent,
                                  walk["last"]["nextLink"])
    assert walk["last"]["nextText"], f"{where}: on the last screen the pager does not offer the next page"


@pytest.mark.parametrize("page, width, height", projections())
def test_firefox_page_down_on_the_last_screen_opens_the_next_page_on_its_first_screen(firefox_projector: dict, page: str,
                                                                                      width: int, height: int):
    walk = projected(firefox_projector, page, width, "walk")
    opened = walk["next"]
    assert opened["url"] == walk["last"]["nextLink"]["href"], \
        f"In Firefox, Page Down on the last screen of {page} opens {opened['url']}, not the footer's Next link"
    assert opened["on"], f"In Firefox, projector mode is off on the page after {page}"
    assert screen_numbers(opened["counter"], page)[0] == 1, \
        f"In Firefox, the page after {page} opens on screen {opened['counter']}, not its first"


@pytest.mark.parametrize("page, width, height", projections("relayout"))
def test_firefox_keeps_the_screen_shown_when_the_page_is_laid_out_again(firefox_projector: dict, page: str, width: int,
                                                                         height: int):
    """tests/test_projector.py's test_the_screen_shown_stays_when_the_page_is_laid_out_again, in Firefox."""
    screens = projected(firefox_projector, page, width, "relayout")
    total = screen_numbers(screens[0]["counter"], page)[1]
    assert [screen_numbers(s["counter"], page)[0] for s in screens] == list(range(1, total + 1)), \
        f"In Firefox, Page Down through {page} steps as {[s['counter'] for s in screens]}"
    moved = [f"{s['counter']} → {s['after']['counter']}" for s in screens
             if s["after"]["counter"] != s["counter"] or abs(s["after"]["shown"]["top"] - s["before"]["top"]) > 2]
    assert not moved, (f"In Firefox, {page} at {width}×{height}: laying the page out again moved the projector by itself "
                       f"from screen to screen: {moved}")


def typed(firefox_projector: dict, page: str, width: int) -> dict:
    """What Firefox noted typing on a workbook page in projector mode."""
    typing = projected(firefox_projector, page, width, "typing")
    assert typing["field"] >= 0, f"In Firefox, no screen of {page} at width {width} shows a worksheet's text field whole"
    return typing


@pytest.mark.parametrize("page, width, height", projections("typing"))
def test_firefox_keys_typed_in_a_form_field_or_the_search_box_do_not_step(firefox_projector: dict, page: str, width: int,
                                                                          height: int):
    """tests/test_projector.py's test_keys_typed_in_a_form_field_or_the_search_box_do_not_step,
    test_typing_in_a_worksheet_field_leaves_the_screen_as_it_was and
    test_the_screen_looks_as_before_once_the_search_is_closed, in Firefox."""
    typing = typed(firefox_projector, page, width)
    where, screen = f"In Firefox, on {page} at width {width}", typing["screen"]
    assert typing["afterRelayout"] == screen, f"{where}: the screen changed by itself when the page was laid out again"
    before, after = typing["beforeTyping"], typing["typedOn"]
    check_screen_as_before(f"{where}, after the first letter typed in a worksheet field", before, after, after["lines"])
    assert after["fieldShown"], f"{where}: the field typed in is no longer wholly on the screen, above the pager"
    assert typing["afterTyping"]["on"], f"{where}: Esc in a form field left projector mode"
    assert typing["afterTyping"]["counter"] == screen, f"{where}: keys typed in a form field stepped through screens"
    assert typing["afterTyping"]["value"] == "t", f"{where}: the letter typed in the field went missing"
    clicked = typing["clicked"]
    check_page_down_goes_on(f"{where}, after typing", screen_numbers(screen, page)[0], after["shown"],
                            screen_numbers(clicked["counter"], page)[0], clicked["shown"])
    assert typing["afterClicker"] == screen, f"{where}: the clicker's Page Down and Page Up do not step from a form field"
    assert typing["inSearch"]["typed"] == "risk", f"{where}: the search box shows '{typing['inSearch']['typed']}' after typing 'risk'"
    assert typing["inSearch"]["counter"] == screen, f"{where}: keys typed in the search box stepped through screens"
    closed = typing["searchClosed"]
    assert closed["on"], f"{where}: Esc that closes the search also left projector mode"
    check_screen_as_before(f"{where}, after the search was opened and closed", typing["beforeSearch"], closed)


@pytest.mark.parametrize("page, width, height", projections("typing"))
def test_firefox_escape_leaves_projector_mode_and_shows_the_whole_page_again(firefox_projector: dict, config: settings.Settings,
                                                                             page: str, width: int, height: int):
    """tests/test_projector.py's test_escape_leaves_projector_mode_and_shows_the_whole_page_again, in Firefox."""
    typing = typed(firefox_projector, page, width)
    where, projecting, left = f"In Firefox, on {page} at width {width}", typing["searchClosed"], typing["left"]
    assert not left["on"], f"{where}: Esc did not leave projector mode"
    scale = float(config.extra["projector"]["font_scale"])
    assert left["rootFontSize"] == pytest.approx(projecting["rootFontSize"] / scale, rel=0.01), \
        f"{where}: text is {left['rootFontSize']}px after Esc, {projecting['rootFontSize']}px in projector mode (× {scale})"
    assert not left["curtain"], f"{where}: the curtain still hides part of the page"
    assert not left["pager"], f"{where}: the pager still shows"
    if width >= 1220:  # Material shows the side navigation from 76.25em
        assert left["navigation"], f"{where}: the side navigation does not come back"


def test_firefox_shows_no_error_in_projector_mode(firefox_projector: dict):
    assert firefox_projector["errors"] == [], "In Firefox, projector mode shows errors:\n- " + "\n- ".join(firefox_projector["errors"])
