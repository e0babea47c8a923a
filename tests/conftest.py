"""Shared fixtures: one real build of the handbook per test session, unzipped the way a reader
on a USB stick would, and a headless system Chromium that may load nothing but file:// URLs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from handbook import chromium, settings
from project import sample_project

ROOT = settings.ROOT
# The Chromium the PDFs are printed with (HANDBOOK_CHROMIUM or the system's), started the same way.
CHROMIUM = chromium.path() or "/usr/bin/chromium"
CHROMIUM_ARGS = chromium.ARGS


@pytest.fixture(scope="session")
def config() -> settings.Settings:
    return settings.load()


@pytest.fixture(scope="session")
def built(config: settings.Settings, pytestconfig: pytest.Config) -> settings.Settings:
    """Runs the real `make handbook` build once (unless HANDBOOK_REUSE_BUILD=1 and dist exists),
    showing its stages on the terminal as they happen (the build takes minutes)."""
    if not (os.environ.get("HANDBOOK_REUSE_BUILD") == "1" and config.zip_path.exists()):
        capture = pytestconfig.pluginmanager.getplugin("capturemanager")
        output = []
        with capture.global_and_fixture_disabled():
            print("\nBuilding the handbook once for every test (python -m handbook build) …", flush=True)
            process = subprocess.Popen([sys.executable, "-u", "-m", "handbook", "build"], cwd=ROOT, text=True,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for line in process.stdout:
                output.append(line)
                print(f"  | {line.rstrip()}", flush=True)
            process.wait()
        if process.returncode != 0:
            pytest.fail("make handbook failed:\n" + "".join(output)[-6000:])
    return config


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh sample project (tests/project.py) for a test that edits it and builds it."""
    return sample_project(tmp_path)


@pytest.fixture(scope="session")
def bundle_dir(built: settings.Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip unpacked into a fresh folder, as someone copying it from a USB stick would: the
    handbook's own folder inside it."""
    target = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(built.zip_path) as bundle:
        bundle.extractall(target)
    return target / built.folder


@pytest.fixture(scope="session")
def playwright() -> Playwright:
    """One Playwright for the session (a second one cannot start in the same thread)."""
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Browser:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class OfflineTab:
    """A browser tab on the unzipped bundle that records anything the page tries to fetch
    from outside it (and blocks it), and every console error."""

    page: Page
    root: Path
    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, relative: str) -> Page:
        self.page.goto((self.root / relative).as_uri())
        self.page.wait_for_load_state("load")
        return self.page


@pytest.fixture
def offline_tab(browser: Browser, bundle_dir: Path) -> OfflineTab:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = OfflineTab(page=context.new_page(), root=bundle_dir)

    def only_the_bundle(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            tab.outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_bundle)
    tab.page.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.page.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    yield tab
    context.close()


def built_pages(site: Path, language: str, languages: tuple[str, ...]) -> list[str]:
    """The site's pages in one language, as paths relative to the bundle root."""
    folder = site if language == languages[0] else site / language
    pages = []
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if language == languages[0] and relative.split("/")[0] in languages[1:]:
            continue
        if path.name not in {"404.html", "print_page.html"}:
            pages.append(relative)
    return pages


@pytest.fixture(scope="module")
def khmer_pages(bundle_dir: Path, built) -> list[Path]:
    """The Khmer pages of the unzipped bundle."""
    return [bundle_dir / relative for relative in built_pages(bundle_dir, "km", built.languages)]


def search_index(script: Path) -> dict:
    """A language's search index as the bundle ships it for file:// (search/search_index.js)."""
    text = script.read_text(encoding="utf-8")
    prefix = "var __index = "
    assert text.startswith(prefix), f"{script} does not define Material's __index"
    return json.loads(text[len(prefix):])
