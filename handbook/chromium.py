"""The system Chromium that prints the PDFs (and that `make bench` and the tests drive): where it
is, how it starts, and a tab that may load nothing but local files. Playwright drives it with
``executable_path``; it never downloads a browser. ``HANDBOOK_CHROMIUM`` names another Chromium
binary."""

from __future__ import annotations

import contextlib
import multiprocessing.util
import os
import shutil
import sys
from pathlib import Path
from typing import Iterator

from playwright.sync_api import Browser, Page, Playwright, sync_playwright

# Without these, Chromium tries to reach Google's services at start (there is no network here).
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
INSTALL_HINT = ("Chromium is needed to print the PDFs and was not found. Install it with `make system` "
                "(or `sudo apt-get install chromium`), or build without PDFs: HANDBOOK_PDF=0 make handbook")


def path() -> str | None:
    """The Chromium to run: ``HANDBOOK_CHROMIUM``, else the system's; None when there is none."""
    for candidate in (os.environ.get("HANDBOOK_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def find() -> str:
    """The Chromium to run, or the build stops saying how to install it."""
    return path() or sys.exit(INSTALL_HINT)


def launch(playwright: Playwright, executable: str) -> Browser:
    return playwright.chromium.launch(executable_path=executable, args=ARGS)


_kept: tuple[Playwright, Browser] | None = None


@contextlib.contextmanager
def kept_browser() -> Iterator[Browser]:
    """This process's Chromium: launched at its first use and kept for the next (a PDF worker
    prints several PDFs), closed when the process ends. The tabs opened while in use are closed
    at the end of the use, so each use starts with none."""
    global _kept
    if _kept is None:
        playwright = sync_playwright().start()
        _kept = (playwright, launch(playwright, find()))
        multiprocessing.util.Finalize(None, _close_kept, exitpriority=10)
    browser = _kept[1]
    try:
        yield browser
    finally:
        for context in browser.contexts:
            context.close()


def _close_kept() -> None:
    global _kept
    if _kept is not None:
        playwright, browser = _kept
        _kept = None
        browser.close()
        playwright.stop()


def open_offline(browser: Browser, source: Path) -> Page:
    """``source`` in a fresh tab that may load nothing but local files, laid out for print from
    the start; stops on page errors. (Loaded for the screen, each printing would first restyle
    and reshape the whole page for print: three times slower.)"""
    context = browser.new_context()
    page = context.new_page()
    page.emulate_media(media="print")
    problems: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else (problems.append(f"tried to load {route.request.url}"), route.abort()))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: request.url.startswith("file:")
            and problems.append(f"missing file {request.url}"))
    page.goto(source.resolve().as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    if problems:
        context.close()
        raise SystemExit(f"{source.name} did not render:\n  " + "\n  ".join(problems[:10]))
    return page
