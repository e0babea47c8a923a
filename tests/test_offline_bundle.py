"""The bundle works from a USB stick with no network: every page, search, the language switch,
the zip's README, checksum and reproducibility, and the same site served over HTTP."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import OfflineTab, built_pages
from handbook import settings


def test_every_page_opens_from_the_usb_stick_without_network_or_errors(offline_tab: OfflineTab, built):
    for language in built.languages:
        for relative in built_pages(offline_tab.root, language, built.languages):
            page = offline_tab.open(relative)
            policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
            assert "connect-src 'self'" in policy, f"{relative}: nothing stops the page from phoning home"
    assert offline_tab.outside_requests == [], "pages tried to reach the internet"
    assert offline_tab.console_errors == [], "the browser console shows errors"


def test_every_html_file_of_the_zip_opens_over_file_without_errors(offline_tab: OfflineTab, built):
    pages = set(built_pages(offline_tab.root, built.languages[0], built.languages))
    for language in built.languages[1:]:
        pages |= set(built_pages(offline_tab.root, language, built.languages))
    others = sorted(p.relative_to(offline_tab.root).as_posix() for p in offline_tab.root.rglob("*.html")
                    if p.relative_to(offline_tab.root).as_posix() not in pages)
    for relative in others:
        offline_tab.open(relative)
    assert offline_tab.outside_requests == [] and offline_tab.console_errors == [], \
        f"{others} in the zip fail over file://: {offline_tab.console_errors[:3]}"


def search(offline_tab: OfflineTab, page: str, query: str) -> list[str]:
    tab = offline_tab.open(page)
    tab.locator("input.md-search__input").click()
    tab.keyboard.type(query)
    tab.locator(".md-search-result__meta").filter(has_not_text="Initializing").wait_for()
    tab.locator(".md-search-result__item").first.wait_for(timeout=5000)
    return tab.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")


def test_search_in_english_finds_english_pages_only(offline_tab: OfflineTab):
    results = search(offline_tab, "index.html", "vulnerability")
    assert results, "searching the English site for 'vulnerability' finds nothing"
    assert not [r for r in results if "/km/" in r], "English search shows Khmer pages"
    assert offline_tab.outside_requests == []


def test_search_in_khmer_finds_khmer_pages_only(offline_tab: OfflineTab):
    results = search(offline_tab, "km/index.html", "សុវត្ថិភាព")
    assert results, "searching the Khmer site for សុវត្ថិភាព (security) finds nothing"
    assert all("/km/" in r for r in results), "Khmer search shows English pages"


def test_language_switch_leads_to_the_same_page_in_the_other_language_and_back(offline_tab: OfflineTab, built):
    for relative in built_pages(offline_tab.root, "en", built.languages):
        tab = offline_tab.open(relative)
        tab.locator("[data-action=switch-language][hreflang=km]").click()
        tab.wait_for_load_state("load")
        assert tab.evaluate("document.documentElement.lang") == "km", f"{relative}: switch did not reach Khmer"
        assert tab.url.endswith(f"/km/{relative}"), f"{relative}: the switch went to {tab.url}"
        tab.locator("[data-action=switch-language][hreflang=en]").click()
        tab.wait_for_load_state("load")
        assert tab.url.endswith(f"/{relative}") and "/km/" not in tab.url, f"{relative}: the way back went to {tab.url}"
    assert offline_tab.outside_requests == []


def test_zip_starts_with_a_bilingual_readme_and_holds_no_source_maps(built):
    with zipfile.ZipFile(built.zip_path) as bundle:
        names = bundle.namelist()
        readme = bundle.read("README.txt").decode("utf-8")
    assert names[0] == "README.txt"
    assert "index.html" in readme and "km/index.html" in readme and "បើក" in readme
    assert not [n for n in names if n.endswith(".map")], "source maps were shipped"
    lunr = [n for n in names if "/lunr/min/lunr." in n]
    assert all(n.split("lunr.")[-1].split(".")[0] in {"stemmer", "multi"} for n in lunr), lunr
    assert list(built.dist_dir.glob("*.zip")) == [built.zip_path], "dist/ must hold exactly one zip"


def test_sha256sums_matches_the_zip(built):
    expected = hashlib.sha256(built.zip_path.read_bytes()).hexdigest()
    assert (built.dist_dir / "SHA256SUMS").read_text() == f"{expected}  {built.zip_path.name}\n"


def test_two_builds_of_the_same_commit_give_the_same_zip(built, tmp_path):
    first = tmp_path / "first.zip"
    shutil.copy(built.zip_path, first)
    result = subprocess.run([sys.executable, "-m", "handbook", "build"], cwd=settings.ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    with zipfile.ZipFile(first) as before, zipfile.ZipFile(built.zip_path) as after:
        old = {info.filename: info.CRC for info in before.infolist()}
        new = {info.filename: info.CRC for info in after.infolist()}
    changed = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    assert not changed, f"rebuilding the same commit changed {len(changed)} files in the zip: {changed[:10]}"
    assert built.zip_path.read_bytes() == first.read_bytes(), "same files, but the zip's bytes differ"


@pytest.fixture
def http_site(built, tmp_path: Path):
    site = tmp_path / "www"
    shutil.copytree(built.site_dir, site)
    server = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1"], cwd=site,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = server.stdout.readline()
    port = int(line.split("port ")[1].split(" ")[0])
    yield f"http://127.0.0.1:{port}"
    server.terminate()


def test_the_same_site_works_when_served_over_http(browser, http_site):
    context = browser.new_context()
    page = context.new_page()
    errors, outside = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(http_site)
                  else (outside.append(route.request.url), route.abort()))
    for path in ("index.html", "km/index.html"):
        page.goto(f"{http_site}/{path}")
        page.locator("input.md-search__input").click()
        page.keyboard.type("security" if path == "index.html" else "សុវត្ថិភាព")
        page.locator(".md-search-result__item").first.wait_for(timeout=5000)
    context.close()
    assert outside == [] and errors == []
