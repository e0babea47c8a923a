"""One PDF, printed and finished in a worker process of handbook/pdf.py. This module is what a
worker imports (a new process, started by ``spawn``): the printing and finishing, never MkDocs,
whose configuration modules alone take a tenth of a second to import."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_NUMBERS = "page-numbers.json"  # in the job's scratch folder: the contents' numbers kept for the next build


@dataclass(frozen=True)
class Job:
    kind: str  # "handbook" or "worksheets"
    language: str
    source: Path
    target: Path
    date: dt.date
    digits: str  # the language's ten digits, 0 to 9 (docs/interface.yml): the contents' page numbers
    scratch: Path  # kept between builds: the renderings of the visual check, the kept page numbers


@dataclass(frozen=True)
class Printed:
    path: Path
    seconds: float
    pages: int
    merged: bool
    warning: str = ""


def run(job: Job) -> Printed:
    """One PDF, with the worker's own Chromium and tab (made for the worker's first PDF and kept
    for its next)."""
    from handbook import chromium, contents, pdf_finish, reading

    started = time.perf_counter()
    page = chromium.open_offline(job.source)
    title = page.title()
    if job.kind == "handbook":
        data = contents.print_with_page_numbers(page, job.source.name, job.scratch / PAGE_NUMBERS,
                                                 digits=job.digits)
    else:
        data = contents.print_pdf(page)
    headings, targets = reading.read(page)
    finished = pdf_finish.finish(data, job.target, title=title, language=job.language, date=job.date,
                                 headings=headings, targets=targets, site=job.source.parent, scratch=job.scratch)
    return Printed(job.target, round(time.perf_counter() - started, 2), finished.pages, finished.merged,
                   finished.warning)
