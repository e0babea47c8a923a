"""`make bench`: the handbook's speed and size figures, printed as one JSON object.

Goals (not assertions; see the issues): zip ≤ 3 MB with the PDFs, site build ≤ 1.3 × the plain
baseline (the same docs, theme, overrides and assets without our hooks: `_scratch_project`), site
build growing at most 4.4 × with the docs copied four times, PDF stage ≤ 4 × the site build, a
handbook PDF ≤ 1 MB, a worksheet pack ≤ 0.2 MB, a Khmer chapter page ≤ 1.3 × the English one,
layout shift < 0.1 on every page type, search results ≤ 100 ms,
bytes a phone stores for the site without PDFs ≤ 2.5 MB.
Each figure is one function below returning a dict; add new figures to FIGURES.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path
from typing import Callable

from handbook import chromium as handbook_chromium
from handbook import serviceworker, settings
from handbook.bench_build import build_figures


def size_figures(config: settings.Settings) -> dict:
    pages = [p for p in config.site_dir.rglob("*.html")]
    largest = max(pages, key=lambda p: p.stat().st_size)
    with zipfile.ZipFile(config.zip_path) as bundle:
        entries = len(bundle.namelist())
    return {
        "zip_bytes": config.zip_path.stat().st_size,
        "zip_entries": entries,
        "largest_page": largest.relative_to(config.site_dir).as_posix(),
        "largest_page_bytes": largest.stat().st_size,
    }


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
            box.fill(query)
            started = time.perf_counter()
            box.dispatch_event("keyup")  # Material searches on keyup
            page.locator(".md-search-result__item").first.wait_for(timeout=10000)
            figures[f"search_ms_{language}"] = round((time.perf_counter() - started) * 1000, 1)
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


def pdf_figures(config: settings.Settings) -> dict:
    """The PDF stage (goal: at most 4 × the site build of the same run) and bytes per PDF (goals:
    a handbook at most 1 MB, a worksheet pack at most 0.2 MB). The site build leaves the print
    pages that the PDF stage prints, so it runs first (its time is not counted)."""
    from handbook import pdf

    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=settings.ROOT,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), check=True, capture_output=True)
    started = time.perf_counter()
    printed = pdf.print_all_timed(config)
    figures = {"pdf_total_seconds": round(time.perf_counter() - started, 2)}
    serviceworker.write(config)  # the site as `make handbook` leaves it, for offline_app_figures
    for item in printed:
        key = item.path.stem.removeprefix(f"{config.name}-{config.version}-")
        figures[f"pdf_{key}_seconds"] = item.seconds
        figures[f"pdf_{key}_bytes"] = item.path.stat().st_size
        figures[f"pdf_{key}_pages"] = item.pages
        figures[f"pdf_{key}_runs_merged"] = item.merged
    return figures


def khmer_figures(config: settings.Settings) -> dict:
    """Word segmentation of the whole built Khmer site (every page, navigation included, from a
    cold cache, as hooks/khmer.py does it during a build) and the Khmer search index size."""
    sys.path.insert(0, str(settings.ROOT / "hooks"))
    import khmer_text as khmer

    pages = [p.read_text(encoding="utf-8").replace(khmer.ZWSP, "") for p in (config.site_dir / "km").rglob("*.html")]
    khmer._words.clear()  # a cold build: no words kept from earlier builds
    started = time.perf_counter()
    khmer.words("សុវត្ថិភាព")  # loads the segmenter's model
    loaded, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        khmer.segment_html(page)
    finished, cpu = time.perf_counter(), time.process_time() - cpu
    for page in pages:  # a rebuild: every word kept from the build before
        khmer.segment_html(page)
    rebuilt = time.perf_counter()
    index = config.site_dir / "km" / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    separator = re.compile(data["config"]["separator"])
    words = {w for doc in data["docs"] for w in separator.split(re.sub(r"<[^>]*>", " ", f"{doc['title']} {doc['text']}"))
             if khmer.KHMER_RUN.search(w)}
    return {
        "khmer_segmenter_load_seconds": round(loaded - started, 3),
        "khmer_segmentation_seconds": round(finished - loaded, 3),
        # CPU time of the same work: what it takes on an idle machine (the wall time above grows
        # when others build at the same time).
        "khmer_segmentation_cpu_seconds": round(cpu, 3),
        "khmer_segmentation_rebuild_seconds": round(rebuilt - finished, 3),
        "khmer_segmented_pages": len(pages),
        "khmer_segmented_characters": sum(len(run) for page in pages for run in khmer.KHMER_RUN.findall(page)),
        "khmer_search_index_bytes": index.stat().st_size,
        "khmer_search_index_words": len(words),
    }


def worksheet_figures(config: settings.Settings) -> dict:
    """The workbook's scripts and data (goal: at most 100 KB per page, word lists and the strength
    estimator included), the time "Unlock" takes in Chromium over file:// at the PBKDF2 iteration
    count of mkdocs.yml (from the confirm click until the answers are back), and the time an
    import of a file at the size cap takes (from choosing the file until the form is filled)."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(settings.ROOT / "hooks"))
    import worksheet_forms

    scripts = config.site_dir / "assets" / "javascripts"
    script_bytes = sum((scripts / name).stat().st_size for name in worksheet_forms.SCRIPTS)
    chromium = handbook_chromium.find()
    passphrase = "bench passphrase words"
    timings = []
    figures: dict = {"worksheets_scripts_bytes": script_bytes,
                     "worksheets_estimator_bytes": (scripts / "vendor" / "zxcvbn-ts-core.min.js").stat().st_size}
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as scratch:
        browser = playwright.chromium.launch(executable_path=chromium, args=handbook_chromium.ARGS)
        page = browser.new_page()
        for language, relative in (("en", "workbook.html"), ("km", "km/workbook.html")):
            page.goto((config.site_dir / relative).as_uri())
            data = len(page.evaluate("document.getElementById('hb-worksheets-config').textContent").encode("utf-8"))
            figures[f"worksheets_page_bytes_{language}"] = script_bytes + data
        page.goto((config.site_dir / "workbook.html").as_uri())
        iterations = page.evaluate("JSON.parse(document.getElementById('hb-worksheets-config').textContent).iterations")
        page.locator('[name="risks.0.what"]').fill("A risk")
        page.locator("[data-action=keep]").click()
        for field in page.locator("dialog input[name=passphrase]").all():
            field.fill(passphrase)
        page.locator("dialog [data-action=confirm]").click()
        page.locator("dialog").wait_for(state="detached")
        for _ in range(3):
            page.locator("[data-action=lock]").click()
            page.locator("[data-action=unlock]").click()
            page.locator("dialog input[name=passphrase]").fill(passphrase)
            started = time.perf_counter()
            page.locator("dialog [data-action=confirm]").click()
            page.locator("dialog").wait_for(state="detached")
            timings.append(time.perf_counter() - started)
        page.evaluate("localStorage.clear(); sessionStorage.clear()")
        # A plain file at the import cap: as many long risks as fit.
        limits = page.evaluate("window.hbWorksheets.file.LIMITS")
        row = {"what": "x" * 2000, "source": "y" * 200, "probability": "3", "impact": "4", "notes": "z" * 200}
        rows = limits["rows"]
        while True:
            text = json.dumps({"format": "safer-working-environment/worksheet", "version": 2, "worksheet": "risk-assessment",
                               "encrypted": False, "answers": {"rows": {"risks": [row] * rows}}})
            if len(text) <= limits["fileBytes"]:
                break
            rows -= 1
        capped = Path(scratch) / "capped.json"
        capped.write_text(text, encoding="utf-8")
        page.reload()
        started = time.perf_counter()
        page.locator('[data-worksheet="risk-assessment"] input[type=file]').set_input_files(str(capped))
        page.locator(f'[name="risks.{rows - 1}.what"]').wait_for(state="attached")
        figures["worksheets_import_at_cap_ms"] = round((time.perf_counter() - started) * 1000, 1)
        figures["worksheets_import_cap"] = {"bytes": len(text), "rows": rows}
        browser.close()
    figures["worksheets_pbkdf2_iterations"] = iterations
    figures["worksheets_unlock_ms_median_of_3"] = round(sorted(timings)[1] * 1000, 1)
    return figures


def offline_app_figures(config: settings.Settings) -> dict:
    """The site published on a local web server, opened once on a phone-sized Chromium: the time
    until it says "Saved for offline use", what the browser then stores (without the PDFs; goal
    ≤ 2.5 MB for both languages), and the size of the service worker script."""
    import yaml
    from playwright.sync_api import sync_playwright

    saved_text = yaml.safe_load((config.docs_dir / "interface.yml").read_text(encoding="utf-8"))["en"]["app_saved"]
    chromium = handbook_chromium.find()
    server = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory",
                               str(config.site_dir)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(server.stdout.readline().split(" port ")[1].split(" ")[0])
        with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=chromium, args=handbook_chromium.ARGS, viewport={"width": 360, "height": 740},
                is_mobile=True, has_touch=True)
            page = context.pages[0]
            started = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/index.html")
            page.locator("[data-offline-message]", has_text=saved_text).wait_for(timeout=120000)
            seconds = time.perf_counter() - started
            estimate = page.evaluate("navigator.storage.estimate()")
            context.close()
    finally:
        server.terminate()
        server.wait()
    worker = config.site_dir / serviceworker.NAME
    listed = serviceworker.read(config.site_dir)
    return {
        "offline_app_saved_seconds": round(seconds, 2),
        "offline_app_stored_bytes": estimate["usage"],
        "offline_app_files": len(listed["files"]),
        "offline_app_files_uncompressed_bytes": sum(entry[2] for entry in listed["files"]),
        "offline_app_pdf_bytes_on_request": sum(entry[2] for entry in listed["pdfs"]),
        "service_worker_bytes": worker.stat().st_size,
    }


FIGURES: list[Callable[[settings.Settings], dict]] = [build_figures, size_figures, browser_figures, page_figures,
                                                    pdf_figures, khmer_figures, worksheet_figures, offline_app_figures]


def main() -> None:
    config = settings.load()
    results: dict = {}
    failed = []
    for figure in FIGURES:
        name = figure.__name__.removesuffix("_figures")
        print(f"measuring {name} …", file=sys.stderr, flush=True)
        try:
            with contextlib.redirect_stdout(sys.stderr):  # stdout carries the JSON only
                results.update(figure(config))
        except Exception:  # one broken measurement must not lose the others' figures
            traceback.print_exc()
            results[f"{name}_failed"] = traceback.format_exc(limit=1).strip().splitlines()[-1]
            failed.append(name)
    if "pdf_total_seconds" in results and "site_build_seconds" in results:
        results["pdf_stage_ratio_to_site_build"] = round(results["pdf_total_seconds"] / results["site_build_seconds"], 2)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    if failed:
        sys.exit(f"make bench: not measured: {', '.join(failed)} (the messages above say why)")


if __name__ == "__main__":
    main()
