"""The bundle works from a USB stick with no network: every page, search, the language switch,
the zip's README, checksum and reproducibility, and the same site served over HTTP."""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import OfflineTab, built_pages, search_index
from handbook import serviceworker, settings
from handbook.typography import format_date


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


def test_zip_unpacks_into_one_folder_named_after_the_handbook_and_version(built):
    with zipfile.ZipFile(built.zip_path) as bundle:
        names = bundle.namelist()
    outside = [name for name in names if not name.startswith(f"{built.folder}/")]
    assert not outside, f"unzipping spills {len(outside)} files next to the folder, e.g. {outside[:3]}"
    assert names[:2] == [f"{built.folder}/", f"{built.folder}/README.txt"], names[:2]
    assert f"{built.folder}/index.html" in names and f"{built.folder}/km/index.html" in names


def test_zip_holds_no_source_maps_nor_search_languages_no_index_needs(built, bundle_dir):
    shipped = [path.relative_to(bundle_dir).as_posix() for path in bundle_dir.rglob("*") if path.is_file()]
    assert not [name for name in shipped if name.endswith(".map")], "source maps were shipped"
    languages = {lang for index in bundle_dir.rglob("search_index.js")
                 for lang in search_index(index)["config"]["lang"]}
    lunr = sorted(name for name in shipped if "/lunr/" in name)
    if languages == {"en"}:  # Material's worker loads nothing from lunr/ for an English-pipeline index
        assert lunr == [], f"files no search index loads were shipped: {lunr}"
    assert list(built.dist_dir.glob("*.zip")) == [built.zip_path], "dist/ must hold exactly one zip"


def test_the_zip_and_the_phone_app_leave_out_only_what_a_reader_never_opens(built, bundle_dir):
    """extra.offline_app.skip (the sitemaps, the web server's 404 page) is left out of both; the
    zip, read over file://, also leaves out each search index's .json (it loads search_index.js),
    which the phone app, served over HTTP, keeps."""
    site = {path.relative_to(built.site_dir).as_posix() for path in built.site_dir.rglob("*") if path.is_file()}
    shipped = {path.relative_to(bundle_dir).as_posix() for path in bundle_dir.rglob("*") if path.is_file()}
    phone = {entry[0] for entry in serviceworker.read(built.site_dir)["files"]}
    for pattern in built.extra["offline_app"]["skip"]:
        assert fnmatch.filter(site, pattern), f"site/ has no {pattern}: extra.offline_app.skip names nothing"
        assert not fnmatch.filter(shipped, pattern), f"the zip holds {pattern}, a file a reader never opens"
        assert not fnmatch.filter(phone, pattern), f"the phone app stores {pattern}, a file a reader never opens"
    for language in built.languages:
        folder = "" if language == built.languages[0] else f"{language}/"
        assert f"{folder}search/search_index.js" in shipped and f"{folder}search/search_index.json" not in shipped, \
            f"the zip does not hold {folder}search/search_index.js alone"
        assert f"{folder}search/search_index.json" in phone, f"the phone app, over HTTP, cannot search in {language}"


def _readme(built) -> tuple[str, str]:
    with zipfile.ZipFile(built.zip_path) as bundle:
        readme = bundle.read(f"{built.folder}/README.txt").decode("utf-8")
    english, khmer = readme.split("=" * 60)
    return english, khmer


def test_readme_says_how_to_open_and_check_the_zip_on_every_system_in_both_languages(built):
    zip_name = built.zip_path.name
    for text in _readme(built):
        for command in (f"certutil -hashfile {zip_name} SHA256", f"shasum -a 256 {zip_name}",
                        f"sha256sum {zip_name}", "Android", "SHA-256", built.folder):
            assert command in text, f"README.txt does not say {command!r} in every language"
    english, khmer = _readme(built)
    assert "index.html" in english and "somewhere other than this USB" in english
    assert "km/index.html" in khmer and "បើក" in khmer and "ក្រៅពី USB នេះ" in khmer


def test_khmer_readme_writes_numbers_in_khmer_digits_and_labels_with_the_khmer_colon(built):
    _, khmer = _readme(built)
    digits = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
    assert f"កំណែ៖ {built.version.translate(digits)}" in khmer, "the Khmer version is not in Khmer digits"
    strings = yaml.safe_load((built.docs_dir / "interface.yml").read_text(encoding="utf-8"))["km"]
    assert f"កាលបរិច្ឆេទ៖ {format_date(built.date, strings)}" in khmer, "the Khmer date is not written the Khmer way"
    assert not re.search(r"[\u1780-\u17ff)]\s*:", khmer), "a Khmer label ends with ':' instead of '៖'"
    prose = [line for line in khmer.splitlines() if re.search("[\u1780-\u17ff]", line)
             and not re.search(r"certutil|shasum|sha256sum|minisign|SHA|\.zip|\.pdf|\.html", line)]
    assert not [line for line in prose if re.search("[0-9]", line)], "Khmer sentences with Western digits"


def test_sha256sums_lists_the_zip_and_the_pdfs_and_an_unsigned_build_says_so(built, bundle_dir):
    lines = (built.dist_dir / "SHA256SUMS").read_text().splitlines()
    expected = hashlib.sha256(built.zip_path.read_bytes()).hexdigest()
    assert lines[0] == f"{expected}  {built.zip_path.name}"
    for line in lines[1:]:
        digest, name = line.split("  ")
        assert hashlib.sha256((built.dist_dir / name).read_bytes()).hexdigest() == digest, name
    if not os.environ.get("HANDBOOK_SIGNING_KEY"):
        assert not (built.dist_dir / "SHA256SUMS.minisig").exists()
        about = (bundle_dir / "about.html").read_text(encoding="utf-8")
        assert 'id="check-your-copy"' in about and "not signed" in about, "the About page does not say it is unsigned"
        assert "not signed" in _readme(built)[0]


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
