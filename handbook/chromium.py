"""The system Chromium that prints the PDFs (and that `make bench` and the tests drive): where it
is, how it starts, and a tab that may load nothing but local files. Playwright drives it with
``executable_path``; it never downloads a browser. ``HANDBOOK_CHROMIUM`` names another Chromium
binary."""

from __future__ import annotations

import multiprocessing.util
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

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


@dataclass
class _Tab:
    playwright: Playwright
    browser: Browser
    page: Page
    problems: list[str]


_kept: _Tab | None = None


def open_offline(source: Path) -> Page:
    """``source`` in this process's tab, which may load nothing but local files and lays pages
    out for print from the start (loaded for the screen, each printing would first restyle and
    reshape the whole page: three times slower); stops on page errors. Chromium and the tab are
    made at the first use and kept for the next page (a PDF worker prints several: a launch
    costs a second of CPU, a new tab as much as loading a small page) until the process ends."""
    tab = _kept or _start()
    tab.problems.clear()
    tab.page.goto(source.resolve().as_uri())
    tab.page.evaluate("document.fonts.ready.then(() => true)")
    if tab.problems:
        raise SystemExit(f"{source.name} did not render:\n  " + "\n  ".join(tab.problems[:10]))
    return tab.page


def _start() -> _Tab:
    global _kept
    playwright = sync_playwright().start()
    browser = launch(playwright, find())
    context = browser.new_context()
    page = context.new_page()
    page.emulate_media(media="print")
    problems: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else (problems.append(f"tried to load {route.request.url}"), route.abort()))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: request.url.startswith("file:")
            and problems.append(f"missing file {request.url}"))
    _kept = _Tab(playwright, browser, page, problems)
    multiprocessing.util.Finalize(None, _close_kept, exitpriority=10)
    return _kept


def _close_kept() -> None:
    global _kept
    if _kept is not None:
        tab, _kept = _kept, None
        tab.browser.close()
        tab.playwright.stop()
