"""`make bench`'s figures for reading (handbook/bench.py): the home page's first paint, search
time, the bytes a page costs over HTTP and the layout shift of each page type, in Chromium."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from handbook import chromium as handbook_chromium
from handbook import settings


# Each search time is the median of this many searches (one search on 2 shared cores is noisy).
SEARCHES = 5


def browser_figures(config: settings.Settings) -> dict:
    """First contentful paint of the home page and search time, over file:// in Chromium."""
    from playwright.sync_api import sync_playwright

    chromium = handbook_chromium.find()
    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=handbook_chromium.ARGS)
        page = browser.new_page()
        page.goto((config.site_dir / "index.html").as_uri())
        page.wait_for_load_state("load")
        paint = page.evaluate(
            "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
        figures["home_first_contentful_paint_ms"] = round(paint, 1) if paint is not None else None
        for language, page_path, query in (("en", "index.html", "vulnerability"),
                                           ("km", "km/index.html", "សុវត្ថិភាព")):
            page.goto((config.site_dir / page_path).as_uri())
            box = page.locator("input.md-search__input")
            box.click()
            page.wait_for_timeout(1500)  # let the worker load the index; query time is what we measure
            times = []
            for _ in range(SEARCHES):
                box.fill("")
                box.dispatch_event("keyup")
                page.locator(".md-search-result__item").first.wait_for(state="detached", timeout=10000)
                box.fill(query)
                started = time.perf_counter()
                box.dispatch_event("keyup")  # Material searches on keyup
                page.locator(".md-search-result__item").first.wait_for(timeout=10000)
                times.append((time.perf_counter() - started) * 1000)
            figures[f"search_ms_{language}"] = round(statistics.median(times), 1)
        browser.close()
    return figures


# One page of each kind, for page weight and layout shift.
PAGE_TYPES = {"home": "index.html", "chapter": "introduction.html", "section": "six-steps/index.html",
              "worksheet": "six-steps/risks.html", "card": "cards/arrest.html", "directory": "directory.html",
              "glossary": "glossary.html"}
LAYOUT_SHIFT = """window.__hbShift = 0; new PerformanceObserver((list) => { for (const entry of list.getEntries())
  if (!entry.hadRecentInput) window.__hbShift += entry.value; }).observe({type: "layout-shift", buffered: true});"""


def page_figures(config: settings.Settings) -> dict:
    """Bytes a page costs when served over HTTP (goal: a Khmer chapter ≤ 1.3 × the English one),
    and the cumulative layout shift of each page type over file:// in both languages, on a laptop
    and a phone screen, the worst of three loads (goal: < 0.1)."""
    from playwright.sync_api import sync_playwright

    chromium = handbook_chromium.find()
    figures: dict = {}
    server = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1"], cwd=config.site_dir,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = int(server.stdout.readline().split("port ")[1].split(" ")[0])
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=handbook_chromium.ARGS)
            for language in config.languages:
                prefix = "" if language == config.languages[0] else f"{language}/"
                for kind in ("chapter", "worksheet"):
                    figures[f"page_bytes_{kind}_{language}"] = _page_bytes(
                        browser, f"http://127.0.0.1:{port}/{prefix}{PAGE_TYPES[kind]}")
            for kind in ("chapter", "worksheet"):
                figures[f"page_weight_ratio_{kind}_km_to_en"] = round(
                    figures[f"page_bytes_{kind}_km"] / figures[f"page_bytes_{kind}_en"], 2)
            for width, height in ((1366, 768), (360, 740)):
                for language in config.languages:
                    prefix = "" if language == config.languages[0] else f"{language}/"
                    for kind, path in PAGE_TYPES.items():
                        url = (config.site_dir / f"{prefix}{path}").as_uri()
                        shifts = [_layout_shift(browser, url, width, height) for _ in range(3)]
                        figures[f"layout_shift_{kind}_{language}_{width}"] = round(max(shifts), 3)
            browser.close()
    finally:
        server.terminate()
        server.wait()
    shifts = [value for key, value in figures.items() if key.startswith("layout_shift_")]
    figures["layout_shift_worst"] = max(shifts)
    return figures


def _page_bytes(browser, url: str) -> int:
    """Bytes transferred (headers and bodies) until the page has loaded and the network is idle."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(1000)
    total = sum(request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"] for request in responses)
    context.close()
    return total


def _layout_shift(browser, url: str, width: int, height: int) -> float:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFT)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)
    shift = page.evaluate("window.__hbShift")
    context.close()
    return shift
