"""The print-ready PDFs: for each language the whole handbook and the blank worksheet pack.

1. The site build (hooks/print_page.py) leaves at the root of site/ one print page per language
   (``print-<language>.html``: cover, contents with page numbers still 0, every chapter) and one
   with its worksheets alone (``print-worksheets-<language>.html``).
2. Two worker processes (a 2-core machine; handbook/pdf_job.py) each drive the system Chromium
   (handbook/chromium.py): the handbooks are printed until the contents show the right page
   numbers (handbook/contents.py; the numbers the last build settled on, kept in BUILD_DIR, are
   the first guess: an unchanged handbook prints once); the worksheet packs are printed once.
3. Each PDF is finished (handbook/pdf_finish.py): metadata, structure, artifacts, bookmarks,
   glyph runs merged and checked by rendering, object streams.
4. The PDFs go to dist/ and site/pdf/ (the pages' "Download PDF" links point there;
   handbook/bundle.py puts them in the zip's pdf/); the print pages leave site/.

Settings: ``extra.pdf`` in mkdocs.yml (``PdfOptions`` in handbook/settings.py). HANDBOOK_PDF=0 (or
false) skips all this (see handbook/__main__.py).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from handbook import settings
from handbook.interface import strings
from handbook.pdf_job import Job, Printed, run
from handbook.print_pages import HANDBOOK_PAGE, PACK_PAGE

WORKERS = 2
BUILD_DIR = settings.ROOT / "build" / "pdf"  # a scratch folder for each PDF (handbook/pdf_job.py)


def print_all(config: settings.Settings) -> list[Path]:
    """Prints the four PDFs (fewer if a language has no worksheets); returns their paths."""
    return [printed.path for printed in print_all_timed(config)]


def print_all_timed(config: settings.Settings) -> list[Printed]:
    from handbook import chromium

    chromium.find()  # stop now, with the install hint, if there is no Chromium
    jobs = _jobs(config)
    config.dist_dir.mkdir(parents=True, exist_ok=True)
    # The handbooks first: the longest jobs, one per worker; the packs follow.
    order = sorted(jobs, key=lambda job: (job.kind != "handbook", job.language != "km"))
    with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn")) as pool:
        done = {job: printed for job, printed in zip(order, pool.map(run, order))}
    printed = [done[job] for job in jobs]
    for item in printed:
        if item.warning:
            print(f"      {item.warning}", flush=True)
        print(f"      {item.path.name}: {item.pages} pages, {item.path.stat().st_size / 1e6:.2f} MB, "
              f"{item.seconds:.1f} s", flush=True)
    for language in config.languages:
        for name in (HANDBOOK_PAGE, PACK_PAGE):
            (config.site_dir / name.format(language=language)).unlink(missing_ok=True)
    _copy_into_site(config, [item.path for item in printed])
    return printed


def _jobs(config: settings.Settings) -> list[Job]:
    jobs = []
    for language in config.languages:
        source = config.site_dir / HANDBOOK_PAGE.format(language=language)
        if not source.exists():
            raise SystemExit(f"The site build wrote no {source.name} (is hooks/print_page.py listed in mkdocs.yml?).")
        digits = strings(config.mkdocs, language)["digits"]
        jobs.append(_job("handbook", language, source, config.pdf_path(language), config.date, digits))
        pack = config.site_dir / PACK_PAGE.format(language=language)
        if pack.exists():  # hooks/print_page.py writes none for a language without worksheets
            jobs.append(_job("worksheets", language, pack, config.pdf_path(language, "worksheets"), config.date, digits))
        else:
            config.pdf_path(language, "worksheets").unlink(missing_ok=True)
    return jobs


def _job(kind: str, language: str, source: Path, target: Path, date: dt.date, digits: str) -> Job:
    return Job(kind, language, source, target, date, digits, scratch=BUILD_DIR / target.stem)


def _copy_into_site(config: settings.Settings, pdfs: list[Path]) -> None:
    """site/pdf/ too, so the pages' download links work when site/ is served over HTTP."""
    destination = config.site_dir / config.pdf.folder
    shutil.rmtree(destination, ignore_errors=True)
    destination.mkdir(parents=True)
    for pdf in pdfs:
        shutil.copy2(pdf, destination / pdf.name)

