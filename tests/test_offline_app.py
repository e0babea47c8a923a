"""On a phone: site/ published on a web host (here python's http.server on 127.0.0.1) saves
itself on the first visit, installs, and then works with the host gone and the browser offline:
every page of both languages, search, and a worksheet kept. A newer edition waits for the
reader's consent; an edition that cannot be saved whole is never used; over file:// none of it
runs. The browser is Chromium with a real profile on disk and a 360 × 740 phone screen."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
import zxingcpp
from PIL import Image
from playwright.sync_api import BrowserContext, Page

from conftest import CHROMIUM, CHROMIUM_ARGS, OfflineTab, built_pages
from handbook import serviceworker, settings
from handbook.interface import strings
from handbook.languages import site_name
from test_worksheets import PASSPHRASE, fill_risk, keep, risk_sheet, unlock

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
# Every text the notice shows, in order (Playwright cannot see a message that lasts a few ms), and
# what the service worker says when saving fails.
RECORD_NOTICES = """window.hbFailures = [];
navigator.serviceWorker.addEventListener("message", (event) => {
  if (event.data && event.data.type === "failed") window.hbFailures.push(event.data);
});
addEventListener("DOMContentLoaded", () => {
  const message = document.querySelector("[data-offline-message]");
  window.hbNotices = [];
  if (message) new MutationObserver(() => window.hbNotices.push(message.textContent))
    .observe(message, {childList: true, characterData: true, subtree: true});
});"""
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
CACHED_URLS = """async () => {
  const found = {};
  for (const name of await caches.keys()) {
    found[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
  }
  return found;
}"""


class Host:
    """A static web host serving one folder on 127.0.0.1; stopped, it is a phone with no network.
    Started again, it keeps its address (the same origin, as a real host would)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = 0
        self.process: subprocess.Popen | None = None

    def start(self) -> "Host":
        self.process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1", "--directory", str(self.folder)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.port = int(self.process.stdout.readline().split(" port ")[1].split(" ")[0])
        return self

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait()
            self.process = None

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def publish(self, site: Path) -> None:
        """Replaces what the host serves by another build, the way an upload would."""
        shutil.rmtree(self.folder)
        shutil.copytree(site, self.folder)


@dataclass
class Phone:
    context: BrowserContext
    page: Page
    profile: Path
    errors: list[str] = field(default_factory=list)

    def open(self, url: str) -> Page:
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        return self.page

    def offline(self, host: Host) -> None:
        host.stop()
        self.context.set_offline(True)


@contextlib.contextmanager
def phone(browser, profile: Path):
    """Chromium with a profile on disk (an incognito context cannot install apps)."""
    context = browser.browser_type.launch_persistent_context(str(profile), executable_path=CHROMIUM,
                                                             args=CHROMIUM_ARGS, **PHONE)
    page = context.pages[0] if context.pages else context.new_page()
    page.add_init_script(RECORD_NOTICES)
    device = Phone(context, page, profile)
    page.on("console", lambda message: message.type == "error" and device.errors.append(message.text))
    page.on("pageerror", lambda error: device.errors.append(str(error)))
    try:
        yield device
    finally:
        context.close()


@pytest.fixture(scope="module")
def text() -> dict:
    return yaml.safe_load((settings.ROOT / "docs" / "interface.yml").read_text(encoding="utf-8"))


def notice(page: Page) -> str:
    banner = page.locator("[data-offline-app]")
    return banner.locator("[data-offline-message]").text_content() if banner.is_visible() else ""


def wait_for_notice(page: Page, expected: str, timeout: float = 60000) -> None:
    page.locator("[data-offline-app] [data-offline-message]", has_text=expected).wait_for(timeout=timeout)


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


def notice_problems(page: Page) -> list[str]:
    """What keeps the notice from being read and touched on a 360 × 740 phone screen."""
    width, height = PHONE["viewport"]["width"], PHONE["viewport"]["height"]
    box = page.locator("[data-offline-app]").bounding_box()
    problems = []
    if box["x"] < 0 or box["x"] + box["width"] > width or box["y"] + box["height"] > height:
        problems.append(f"the notice does not fit the screen: {box}")
    if box["height"] > 0.35 * height:
        problems.append(f"the notice covers {box['height']:.0f} of {height} px of the screen")
    for button in page.locator("[data-offline-app] button:visible").all():
        size = button.bounding_box()
        if size["height"] < 44 or size["width"] < 44:
            problems.append(f"'{button.inner_text()}' is {size['width']:.0f} × {size['height']:.0f} px (44 at least)")
    return problems


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
        red, green, blue = (int(data["theme_color"].lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
        assert header == f"rgb({red}, {green}, {blue})", f"{code}: theme colour differs from the page header"
        sizes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
        for size in ("192x192", "512x512"):
            assert {(size, "any"), (size, "maskable")} <= sizes, f"{code}: no {size} icon for Android"
        for icon in data["icons"]:
            png = (built.site_dir / home / icon["src"]).resolve().read_bytes()
            assert png[:8] == b"\x89PNG\r\n\x1a\n", f"{icon['src']} is not a PNG"
            assert "{0}x{1}".format(*struct.unpack(">II", png[16:24])) == icon["sizes"], f"{icon['src']} has the wrong size"
        cdp.detach()


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


NEXT_MARK = "Next edition."
ONLINE = "https://handbook.example.org/"


@pytest.fixture(scope="module")
def next_edition(built, tmp_path_factory) -> Path:
    """A second build with changed content (a new version and date, and a new line in the footer
    of every page), with the same PDFs, as a team would publish it; its site_url is set."""
    project = tmp_path_factory.mktemp("next-edition")
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(settings.ROOT / name, project / name)
    words = settings.ROOT / built.extra["khmer"]["cache"]
    if words.exists():  # saves segmenting every Khmer page again
        (project / built.extra["khmer"]["cache"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(words, project / built.extra["khmer"]["cache"])
    config = (settings.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    changed = (config.replace(f'version: "{built.version}"', 'version: "9.9.9"', 1)
               .replace(f'date: "{built.date.isoformat()}"', 'date: "2027-01-15"', 1)
               .replace("copyright: >-\n  ", f"copyright: >-\n  {NEXT_MARK} ", 1)
               .replace("\nsite_name: ", f"\nsite_url: {ONLINE}\nsite_name: ", 1))
    assert changed.count("9.9.9") == 1 and "2027-01-15" in changed and NEXT_MARK in changed and ONLINE in changed
    (project / "mkdocs.yml").write_text(changed, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                            text=True, env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "0"})
    assert result.returncode == 0, result.stderr[-3000:]
    if (built.site_dir / built.extra["pdf"]["folder"]).is_dir():
        shutil.copytree(built.site_dir / built.extra["pdf"]["folder"], project / "site" / built.extra["pdf"]["folder"])
    serviceworker.write(settings.load(project))
    return project / "site"


def footer(page: Page) -> str:
    return page.locator(".md-copyright").inner_text()


def wait_for_failure(page: Page, task: str) -> dict:
    """Until the service worker tells the page that saving failed, and what it said."""
    page.wait_for_function("(task) => window.hbFailures.some((message) => message.task === task)", arg=task,
                           timeout=60000)
    return page.evaluate("(task) => window.hbFailures.find((message) => message.task === task)", task)


def test_a_newer_edition_waits_for_the_readers_consent_and_is_never_half_used(
        browser, built, next_edition: Path, text, tmp_path: Path):
    en = text["en"]
    host = Host(tmp_path / "www")
    shutil.copytree(built.site_dir, host.folder)
    host.start()
    pdfs = serviceworker.read(built.site_dir)["pdfs"]
    offered = en["app_update"].format(version="9.9.9", date="15 January 2027")
    try:
        with phone(browser, tmp_path / "profile") as device:
            page = device.open(host.url("about.html"))
            wait_for_notice(page, en["app_saved"])
            save_pdfs = page.locator("[data-offline-app] [data-action=offline-save-pdfs]")
            assert save_pdfs.is_visible() == bool(pdfs), "'Save the PDFs for offline' shows with no PDFs, or none with PDFs"
            if pdfs:
                save_pdfs.click()
                wait_for_notice(page, en["app_pdfs_saved"])

            # An upload that lost a changed file (every page has a new footer): that edition is never
            # offered, and the saved one stays whole. (A lost file that did not change would not
            # matter: the phone copies it from the edition it keeps.)
            host.publish(next_edition)
            (host.folder / "about.html").unlink()
            page = device.open(host.url("index.html"))
            assert wait_for_failure(page, "update")["file"] == "about.html"
            assert notice(page) != offered and NEXT_MARK not in footer(page)

            # The whole upload: offered with its version and date; the saved edition stays.
            host.publish(next_edition)
            page = device.open(host.url("introduction.html"))
            wait_for_notice(page, offered)
            assert NEXT_MARK not in footer(page), "the new edition was used before the reader agreed"
        host.stop()
        # The app closed and opened again with no network: still the saved edition, and the offer.
        with phone(browser, tmp_path / "profile") as device:
            device.context.set_offline(True)
            page = device.open(host.url("km/index.html"))
            wait_for_notice(page, text["km"]["app_update"].split("{version}")[0])
            assert NEXT_MARK not in footer(page), "after a restart the new edition was used without consent"
            assert notice_problems(page) == []
            page.locator("[data-offline-app] [data-action=offline-later]").click()
            assert page.locator("[data-offline-app]").is_hidden()
            page = device.open(host.url("glossary.html"))
            page.wait_for_timeout(500)
            assert notice(page) != offered, "'Later' did not put the offer off"

            # Consent, from the About page: every page changes to the new edition, offline.
            page = device.open(host.url("about.html"))
            page.locator("[data-offline-status] [data-action=offline-update]").click()
            # A function, not a string: the pages' Content-Security-Policy forbids eval.
            page.wait_for_function("(mark) => document.querySelector('.md-copyright')?.innerText.includes(mark)", arg=NEXT_MARK)
            for relative in ("index.html", "km/about.html", "six-steps/risks.html"):
                assert NEXT_MARK in footer(device.open(host.url(relative))), f"{relative} is still the old edition"
            for pdf in pdfs:  # saved PDFs came along (copied, not downloaded again)
                assert device.page.evaluate("(url) => fetch(url).then((r) => r.ok)", host.url(pdf[0])), pdf[0]
            cached = device.page.evaluate(CACHED_URLS)
            assert [name for name in cached if name.startswith("hb-edition-")] == \
                [f"hb-edition-{serviceworker.read(next_edition)['id']}"], f"old editions left behind: {list(cached)}"
            assert device.errors == []
    finally:
        host.stop()


def test_with_a_site_url_the_about_page_shows_a_qr_code_of_the_handbook_online(browser, built, next_edition: Path):
    context = browser.new_context(viewport=PHONE["viewport"])
    page = context.new_page()
    try:
        page.goto((built.site_dir / "about.html").as_uri())
        assert page.locator(".hb-qr").count() == 0, "a QR code shows although site_url is not set"
        for home in ("", "km/"):
            page.goto((next_edition / home / "about.html").as_uri())
            code = page.locator(".hb-qr__code")
            code.scroll_into_view_if_needed()
            picture = Image.open(io.BytesIO(code.screenshot()))
            read = [result.text for result in zxingcpp.read_barcodes(picture)]
            assert read == [ONLINE + home], f"{home}about.html: a phone camera reads {read}"
            assert page.locator(".hb-qr figcaption a").get_attribute("href") == ONLINE + home
    finally:
        context.close()
