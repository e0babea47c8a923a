"""What a page costs to open: the search index is loaded once, and only when the reader opens
search (over file:// from the USB stick and over HTTP alike); the fonts a page's text uses are
preloaded so that the text does not jump when they arrive. (The figures, Khmer page weight and
layout shift per page type, are in `make bench`.)"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHAPTER = "six-steps/risks.html"


@pytest.fixture(scope="module")
def http_root(built, tmp_path_factory):
    site = tmp_path_factory.mktemp("www") / "site"
    shutil.copytree(built.site_dir, site)
    server = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1"], cwd=site,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    port = int(server.stdout.readline().split("port ")[1].split(" ")[0])
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait()


def _open(browser, url: str, console: list[str] | None = None):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    if console is not None:
        page.on("console", lambda message: message.type in {"error", "warning"} and console.append(message.text))
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, requests


@pytest.mark.parametrize("served", ["file", "http"])
@pytest.mark.parametrize(("language", "query"), [("en", "vulnerability"), ("km", "សុវត្ថិភាព")])
def test_search_index_loads_once_and_only_when_the_reader_opens_search(browser, bundle_dir, http_root, served,
                                                                       language, query):
    path = CHAPTER if language == "en" else f"km/{CHAPTER}"
    url = (bundle_dir / path).as_uri() if served == "file" else f"{http_root}/{path}"
    context, page, requests = _open(browser, url)
    page.wait_for_timeout(1500)
    index = [r for r in requests if "/search/search_index." in r]
    assert index == [], f"{path} over {served} loads the search index before anyone searches: {index}"
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    index = [r for r in requests if "/search/search_index." in r]
    context.close()
    assert len(index) == 1, f"{path} over {served} loads the search index {len(index)} times: {index}"
    folder = "km/search/" if language == "km" else "/search/"
    assert folder in index[0] and (index[0].endswith(".js") == (served == "file")), index[0]


def test_a_page_opened_from_a_search_result_highlights_the_words_searched(browser, bundle_dir):
    context, page, _ = _open(browser, (bundle_dir / CHAPTER).as_uri() + "?h=risk")
    page.locator("mark[data-md-highlight]").first.wait_for(timeout=15000)
    context.close()


@pytest.mark.parametrize("language", ["en", "km"])
def test_pages_preload_the_font_files_their_text_uses_and_load_each_once(browser, bundle_dir, language):
    for path in ("index.html", "introduction.html", CHAPTER, "cards/arrest.html", "glossary.html"):
        path = path if language == "en" else f"km/{path}"
        errors: list[str] = []
        context, page, requests = _open(browser, (bundle_dir / path).as_uri(), errors)
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_timeout(500)
        preloaded = page.eval_on_selector_all('link[rel=preload][as=font]', "links => links.map(l => l.href)")
        fonts = [r for r in requests if r.endswith(".woff2")]
        context.close()
        assert not errors, f"{path}: {errors}"
        assert preloaded, f"{path} preloads no font"
        assert len(fonts) == len(set(fonts)), f"{path} loads a font twice (preload and use do not match): {fonts}"
        assert set(preloaded) <= set(fonts), f"{path} preloads fonts it never uses: {set(preloaded) - set(fonts)}"
        subset = "khmer" if language == "km" else "latin"
        for weight in ("400", "700"):
            assert any(f"-{subset}-{weight}-" in href for href in preloaded), \
                f"{path} does not preload its {subset} {weight} font: its text jumps when the font arrives"
