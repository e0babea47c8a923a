"""A newer edition of the handbook published online waits for the reader's consent on the phone,
survives a restart offline, and is never used half-saved; with a site_url, the About page shows
a QR code of the handbook online."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page

from handbook import serviceworker, settings
from phone import CACHED_URLS, PHONE, Host, notice, notice_problems, phone, text, wait_for_notice  # noqa: F401 (fixture)


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
               .replace("\nsite_name: ", f"\nsite_url: {ONLINE}\nsite_name: ", 1))
    # The footer of every page in every language: the site's copyright line and each language's own.
    changed = re.sub(r"(\n *copyright: >-\n *)", rf"\g<1>{NEXT_MARK} ", changed)
    assert changed.count("9.9.9") == 1 and "2027-01-15" in changed and ONLINE in changed
    assert changed.count(NEXT_MARK) == len(built.languages), "not every language's copyright line got the mark"
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
