"""`make bench`: the handbook's speed and size figures, printed as one JSON object.

Goals (not assertions; see the issues): zip ≤ 3 MB with the PDFs, site build ≤ 1.3 × the plain
baseline (the same docs, theme, overrides and assets without our hooks: `_scratch_project`), site
build growing at most 4.4 × with the docs copied four times, a Khmer chapter page ≤ 1.3 × the
English one, layout shift < 0.1 on every page type, search results ≤ 100 ms.
Each figure is one function below returning a dict; add new figures to FIGURES.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Callable

from mkdocs.config import load_config

from handbook import settings

# The site build is timed with the docs once and copied COPIES times (goal: growth at most 4.4×);
# each site build is the median of RUNS (one run on 2 busy cores is noisy).
COPIES = 4
RUNS = 3
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _seconds(command: list[str], runs: int = 1, cwd: Path = settings.ROOT) -> float:
    """Wall time of a command; with several runs, the median (one run on 2 busy cores is noisy)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                       check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 2)


def _scratch_project(scratch: Path, *, copies: int, hooks: bool) -> Path:
    """A config in `scratch` that inherits mkdocs.yml (MkDocs' INHERIT), building the same docs,
    theme, overrides and assets, with our hooks or with only handbook/plain_build.py (which lets
    our templates render with the values our hooks would give left empty). With copies > 1 the
    docs of every language are there `copies` times (docs/<lang>/copy2/ …, in the nav too)."""
    config = load_config(str(settings.ROOT / "mkdocs.yml"))
    docs, nav = config.docs_dir, config.nav
    if copies > 1:
        docs = str(scratch / "docs")
        shutil.copytree(config.docs_dir, docs)
        for language in settings.load().languages:
            for number in range(2, copies + 1):
                shutil.copytree(Path(config.docs_dir) / language, Path(docs) / language / f"copy{number}")
        nav = nav + [{f"Copy {number}": _prefixed(nav, f"copy{number}/")} for number in range(2, copies + 1)]
    cache = settings.ROOT / config.extra["khmer"]["cache"]
    if cache.exists():  # the words of earlier builds, as the handbook's own build has them
        (scratch / cache.relative_to(settings.ROOT)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(cache, scratch / cache.relative_to(settings.ROOT))
    child = {
        "INHERIT": str(settings.ROOT / "mkdocs.yml"),
        "docs_dir": docs,
        "nav": nav,
        "theme": {"custom_dir": str(settings.ROOT / "overrides")},
        "hooks": [str(settings.ROOT / name) for name in config.hooks] if hooks
        else [str(settings.ROOT / "handbook" / "plain_build.py")],
        "strict": hooks,
    }
    path = scratch / "mkdocs.yml"
    path.write_text(json.dumps(child, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    return path


def _prefixed(nav, prefix: str):
    if isinstance(nav, str):
        return prefix + nav
    if isinstance(nav, dict):
        return {title: _prefixed(item, prefix) for title, item in nav.items()}
    return [_prefixed(item, prefix) for item in nav]


def _build_seconds(scratch: Path, *, copies: int, hooks: bool, runs: int) -> float:
    project = scratch / f"{'hooks' if hooks else 'plain'}-x{copies}"
    project.mkdir()
    config = _scratch_project(project, copies=copies, hooks=hooks)
    return _seconds([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(project / "site")],
                    runs=runs)


def build_figures(config: settings.Settings) -> dict:
    """Site build with our hooks against the fair plain baseline (the same docs, theme, overrides
    and assets without our hooks), the growth of both with the docs copied COPIES times, and the
    full `make handbook` (no installs). Each site build is the median of RUNS."""
    with tempfile.TemporaryDirectory() as scratch:
        figures = {}
        for copies in (1, COPIES):
            for hooks in (False, True):
                key = f"{'site' if hooks else 'plain_mkdocs'}_build_seconds" + ("" if copies == 1 else f"_x{copies}")
                figures[key] = _build_seconds(Path(scratch), copies=copies, hooks=hooks, runs=RUNS)
    handbook_seconds = _seconds([sys.executable, "-m", "handbook", "build"])
    return {
        **figures,
        "site_build_ratio_to_plain": round(figures["site_build_seconds"] / figures["plain_mkdocs_build_seconds"], 2),
        f"site_build_growth_x{COPIES}": round(figures[f"site_build_seconds_x{COPIES}"] / figures["site_build_seconds"], 2),
        f"plain_mkdocs_build_growth_x{COPIES}":
            round(figures[f"plain_mkdocs_build_seconds_x{COPIES}"] / figures["plain_mkdocs_build_seconds"], 2),
        "handbook_seconds": handbook_seconds,
    }


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

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
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


def pdf_figures(config: settings.Settings) -> dict:
    """Seconds and bytes per PDF (goal: all four in 20 s, a handbook PDF at most 1.5 MB)."""
    from handbook import pdf

    started = time.perf_counter()
    printed = pdf.print_all_timed(config)
    figures = {"pdf_total_seconds": round(time.perf_counter() - started, 2)}
    for item in printed:
        key = item.path.stem.removeprefix(f"{config.name}-{config.version}-")
        figures[f"pdf_{key}_seconds"] = item.seconds
        figures[f"pdf_{key}_bytes"] = item.path.stat().st_size
        figures[f"pdf_{key}_pages"] = item.pages
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
    """The worksheet script's size, and the time "Unlock" takes in Chromium over file:// with the
    PBKDF2 iteration count of mkdocs.yml (from the confirm click until the answers are back)."""
    from playwright.sync_api import sync_playwright

    script = config.site_dir / "assets" / "javascripts" / "worksheets.js"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    passphrase = "bench passphrase words"
    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto((config.site_dir / "six-steps" / "risks.html").as_uri())
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
        browser.close()
    return {
        "worksheets_js_bytes": script.stat().st_size,
        "worksheets_pbkdf2_iterations": iterations,
        "worksheets_unlock_ms_median_of_3": round(sorted(timings)[1] * 1000, 1),
    }


FIGURES: list[Callable[[settings.Settings], dict]] = [build_figures, size_figures, browser_figures, pdf_figures,
                                                    khmer_figures, worksheet_figures]


def main() -> None:
    config = settings.load()
    results: dict = {}
    for figure in FIGURES:
        print(f"measuring {figure.__name__.removesuffix('_figures')} …", file=sys.stderr, flush=True)
        with contextlib.redirect_stdout(sys.stderr):  # stdout carries the JSON only
            results.update(figure(config))
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
