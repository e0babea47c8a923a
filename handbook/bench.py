"""`make bench`: the handbook's speed and size figures, printed as one JSON object.

Goals (not assertions; see the issues): zip ≤ 3 MB with the PDFs, site build ≤ 1.3 × the plain
baseline (the same docs, theme, overrides and assets without our hooks: `_scratch_project`), site
build growing at most 4.4 × with the docs copied four times, PDF stage ≤ 4 × the site build, a
handbook PDF ≤ 1 MB, a worksheet pack ≤ 0.2 MB and ≤ 20 pages, a Khmer chapter page ≤ 1.3 × the English one,
layout shift < 0.1 on every page type, search results ≤ 100 ms,
bytes a phone stores for the site without PDFs ≤ 2.5 MB.
Each figure is one function returning a dict, here or in a module of its concern (bench_build.py,
bench_pages.py, bench_worksheets.py, bench_offline_app.py); add new figures to FIGURES.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import traceback
import zipfile
from typing import Callable

from handbook import search_words, serviceworker, settings
from handbook.bench_build import build_figures
from handbook.bench_offline_app import offline_app_figures
from handbook.bench_pages import browser_figures, page_figures
from handbook.bench_worksheets import worksheet_figures


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


def pdf_figures(config: settings.Settings) -> dict:
    """The PDF stage (goal: at most 4 × the site build of the same run) and bytes per PDF (goals:
    a handbook at most 1 MB, a worksheet pack at most 0.2 MB) and pages per PDF (goal: a worksheet
    pack of at most 20 pages, a workshop handout). The site build leaves the print
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
        khmer.segment_document(page)
    finished, cpu = time.perf_counter(), time.process_time() - cpu
    for page in pages:  # a rebuild: every word kept from the build before
        khmer.segment_document(page)
    rebuilt = time.perf_counter()
    index = config.site_dir / "km" / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    words = {word for word in search_words.words(data) if khmer.KHMER_RUN.search(word)}
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
