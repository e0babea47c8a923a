"""Firefox ESR on the unzipped bundle (puppeteer-core over WebDriver BiDi, Debian's firefox-esr, no
downloaded browser; tests/firefox/launch.js gives Firefox a reader's file:// policy, each file an
origin of its own), with its profile on disk:

- tests/firefox/search.js: search in English (a misspelled word too) and in Khmer, from pages at
  the top and in folders;
- tests/firefox/workbook.js: keep / reload / unlock / lock (with a date typed day/month/year),
  Hide and Back, Erase; then the profile's files are searched for what was typed, its session
  files (mozLz4) decompressed first."""

from __future__ import annotations

import json
import secrets
import shutil
import string
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import lz4.block
import pytest

from handbook.settings import ROOT
from pagetext import article_text
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
    assert "separately for each page" not in report["facts"]["status"], "Firefox warns about per-page storage"
    assert report["facts"]["storageAfterErase"] == [], "Erase left handbook data in Firefox"
    facts = report["facts"]
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
