"""On a phone: site/ published on a web host (here python's http.server on 127.0.0.1) saves
itself on the first visit, installs, and then works with the host gone and the browser offline:
every page of both languages, search, and a worksheet kept; the service worker never stores an
answer; over file:// none of it runs. The browser is Chromium with a real profile on disk and a
360 × 740 phone screen (tests/phone.py)."""

from __future__ import annotations

import io
import json
import shutil
import struct
from pathlib import Path

import pytest
from PIL import Image

from conftest import OfflineTab, built_pages
from handbook import serviceworker
from handbook.interface import strings
from handbook.languages import site_name
from phone import (CACHED_URLS, PHONE, Host, Phone, notice_problems, phone, text,  # noqa: F401 (fixture)
                   wait_for_notice)
from workbook import PASSPHRASE, fill_risk, keep, risk_sheet, unlock


# Words of a heading that the browser splits over two lines (where the column is too narrow).
SPLIT_WORDS = """() => {
  const split = [];
  for (const heading of document.querySelectorAll("article h1, article h2, article h3")) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[A-Za-z']{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        if (new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size > 1) split.push(word[0]);
      }
    }
  }
  return split;
}"""


@pytest.fixture(scope="module")
def host(built, tmp_path_factory) -> Host:
    folder = tmp_path_factory.mktemp("host") / "www"
    shutil.copytree(built.site_dir, folder)
    server = Host(folder).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def saved_phone(browser, host: Host, text, tmp_path_factory) -> Phone:
    """A phone that opened the published handbook's home page once and waited until it was saved."""
    with phone(browser, tmp_path_factory.mktemp("phone")) as device:
        device.open(host.url("index.html"))
        wait_for_notice(device.page, text["en"]["app_saved"])
        yield device


def test_first_visit_shows_progress_then_saved_for_offline_use(saved_phone: Phone, text):
    shown = saved_phone.page.evaluate("window.hbNotices")
    saving = text["en"]["app_saving"].split("{percent}")[0]
    progress = [int(message.removeprefix(saving).rstrip("%")) for message in shown if message.startswith(saving)]
    assert progress, f"no progress was shown while saving (the notice showed {shown})"
    assert progress == sorted(progress) and progress[-1] == 100, f"the progress went {progress}"
    assert shown[-1] == text["en"]["app_saved"]
    assert saved_phone.errors == [], "the browser console shows errors"


def test_the_notice_fits_a_phone_screen_and_its_buttons_are_easy_to_touch(saved_phone: Phone):
    assert notice_problems(saved_phone.page) == []


def test_each_language_installs_with_its_own_name_home_and_icons(saved_phone: Phone, host: Host, built):
    for code in built.languages:
        home = "" if code == built.languages[0] else f"{code}/"
        page = saved_phone.open(host.url(f"{home}index.html"))
        cdp = saved_phone.context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == [], \
            f"{code}: Chromium would not offer to install the handbook"
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == [], f"{code}: the manifest has errors {manifest['errors']}"
        assert manifest["url"] == host.url(f"{home}manifest.webmanifest")
        data = json.loads(manifest["data"])
        assert data["name"] == site_name(built.mkdocs, code)
        assert data["short_name"] == strings(built.mkdocs, code)["app_short_name"] and data["lang"] == code
        assert data["start_url"] == "./index.html" and data["scope"] == "./", f"{code}: home is not {home}index.html"
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert header == "rgb({}, {}, {})".format(*rgb(data["theme_color"])), f"{code}: theme colour differs from the page header"
        sizes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
        background = rgb(data["background_color"])
        for size in ("192x192", "512x512"):
            assert {(size, "any"), (size, "maskable")} <= sizes, f"{code}: no {size} icon for Android"
        for icon in data["icons"]:
            png = (built.site_dir / home / icon["src"]).resolve().read_bytes()
            assert png[:8] == b"\x89PNG\r\n\x1a\n", f"{icon['src']} is not a PNG"
            assert "{0}x{1}".format(*struct.unpack(">II", png[16:24])) == icon["sizes"], f"{icon['src']} has the wrong size"
            image = Image.open(io.BytesIO(png)).convert("RGBA")
            middle = image.getpixel((image.width // 2, image.height // 2))
            assert middle[3] == 255 and middle[:3] != background, f"{icon['src']}: no logo in the middle of the icon"
            if icon["purpose"] == "maskable":  # Android crops it to a circle: the corners are the background
                assert image.getpixel((2, 2)) == (*background, 255), f"{icon['src']}: the corners are not the background"
        cdp.detach()


def rgb(colour: str) -> tuple[int, int, int]:
    """A CSS colour #rgb or #rrggbb as numbers."""
    digits = colour.removeprefix("#")
    digits = "".join(digit * 2 for digit in digits) if len(digits) == 3 else digits
    return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))


def test_the_saved_copy_is_exactly_this_builds_files_without_the_pdfs(saved_phone: Phone, host: Host, built):
    listed = serviceworker.read(built.site_dir)
    cached = saved_phone.page.evaluate(CACHED_URLS)
    editions = [name for name in cached if name.startswith("hb-edition-")]
    assert editions == [f"hb-edition-{listed['id']}"], f"the phone keeps {list(cached)}"
    saved = {url.removeprefix(host.url()) for url in cached[editions[0]]}
    expected = {entry[0] for entry in listed["files"]} | {"__hb/edition.json"}
    assert saved == expected, f"missing {sorted(expected - saved)[:5]}, unexpected {sorted(saved - expected)[:5]}"
    on_disk = {path.relative_to(built.site_dir).as_posix() for path in built.site_dir.rglob("*") if path.is_file()}
    skipped = on_disk - expected - {entry[0] for entry in listed["pdfs"]} - {serviceworker.NAME}
    assert all(name in built.extra["offline_app"]["skip"] for name in skipped), f"not saved: {sorted(skipped)}"
    assert not [url for url in saved if url.endswith(".pdf")], "PDFs were saved without being asked for"


def test_with_no_network_every_page_of_both_languages_opens(saved_phone: Phone, host: Host, built):
    saved_phone.offline(host)
    failed, too_wide = [], []
    # A request cut short because the test moves on to the next page is no failure (ERR_ABORTED).
    saved_phone.page.on("requestfailed", lambda request: "ERR_ABORTED" not in request.failure
                        and failed.append(f"{request.url}: {request.failure}"))
    for language in built.languages:
        for relative in built_pages(built.site_dir, language, built.languages):
            page = saved_phone.open(host.url(relative))
            assert page.locator("h1").first.is_visible(), f"{relative} shows no heading offline"
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static", \
                f"{relative}: the stylesheets did not load offline"
            if page.evaluate("document.documentElement.scrollWidth") > PHONE["viewport"]["width"]:
                too_wide.append(relative)
            if split := page.evaluate(SPLIT_WORDS):
                too_wide.append(f"{relative} (heading words cut in two: {split})")
    assert failed == [], f"offline, these requests failed: {failed[:10]}"
    assert too_wide == [], f"on a 360 px phone these pages scroll sideways or cut words: {too_wide}"
    assert saved_phone.errors == [], "offline, the browser console shows errors"


@pytest.mark.parametrize("home, query", [("index.html", "vulnerability"), ("km/index.html", "សុវត្ថិភាព")])
def test_with_no_network_search_works_in_both_languages(saved_phone: Phone, host: Host, home, query):
    saved_phone.offline(host)
    page = saved_phone.open(host.url(home))
    page.locator("label.md-header__button[for=__search]").click()  # on a phone, search is behind a button
    page.locator("input.md-search__input").fill(query)
    page.keyboard.press("End")  # Material searches on keyup
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    results = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    assert results and all(("/km/" in url) == home.startswith("km/") for url in results), results


def test_with_no_network_a_worksheet_is_filled_kept_and_unlocked(saved_phone: Phone, host: Host):
    saved_phone.offline(host)
    page = saved_phone.open(host.url("workbook.html"))  # worksheets are filled in and kept there
    fill_risk(page, what="Raid on the office")
    keep(page)
    page = saved_phone.open(host.url("workbook.html"))
    unlock(page, PASSPHRASE)
    assert risk_sheet(page).locator('[name="risks.0.what"]').input_value() == "Raid on the office"
    assert saved_phone.errors == []


def test_the_service_worker_never_stores_worksheet_answers(browser, built, text, tmp_path: Path):
    """Answers typed and kept on the phone are nowhere in the service worker's storage on disk."""
    host = Host(tmp_path / "www")
    shutil.copytree(built.site_dir, host.folder)
    host.start()
    secret = "Safe house behind the pagoda"
    try:
        with phone(browser, tmp_path / "profile") as device:
            device.open(host.url("six-steps/risks.html"))
            wait_for_notice(device.page, text["en"]["app_saved"])
            device.open(host.url("workbook.html"))
            fill_risk(device.page, what=secret)
            keep(device.page)
            device.open(host.url("six-steps/threats.html"))
            cached = device.page.evaluate(CACHED_URLS)
    finally:
        host.stop()
    listed = {host.url(entry[0]) for entry in serviceworker.read(built.site_dir)["files"]}
    own = {host.url("__hb/edition.json"), host.url("__hb/state.json")}
    unexpected = [url for urls in cached.values() for url in urls if url not in listed | own]
    assert unexpected == [], f"the service worker stored what is not a file of the site: {unexpected}"
    storage = tmp_path / "profile" / "Default" / "Service Worker"
    assert storage.is_dir(), "the service worker's storage is not where Chromium keeps it"
    leaks = [path for path in storage.rglob("*") if path.is_file() and any(
        form in path.read_bytes() for form in (secret.encode("utf-8"), secret.encode("utf-16-le")))]
    assert leaks == [], f"the typed answer is in the service worker's files: {leaks}"


def test_over_file_nothing_registers_and_nothing_errs(offline_tab: OfflineTab):
    asked = []
    offline_tab.page.on("request", lambda request: asked.append(request.url))
    for relative in ("index.html", "km/about.html", "six-steps/risks.html"):
        page = offline_tab.open(relative)
        page.wait_for_timeout(300)
        assert page.locator("[data-offline-app]").is_hidden(), f"{relative}: the offline notice shows over file://"
        assert page.locator("[data-offline-status]").count() == 0 or page.locator("[data-offline-status]").is_hidden()
    assert not [url for url in asked if url.endswith((serviceworker.NAME, ".webmanifest"))], \
        "over file:// the pages asked for the service worker or the manifest"
    assert offline_tab.console_errors == [], "over file:// the browser console shows errors"
    assert offline_tab.outside_requests == []
