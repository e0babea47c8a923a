"""Shared by the offline app tests: a static web host on 127.0.0.1 (stopped, it is a phone with
no network) and a phone: Chromium with a real profile on disk and a 360 × 740 touch screen,
recording every notice the offline app shows."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page

from conftest import CHROMIUM, CHROMIUM_ARGS
from handbook import settings

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
# Every text the notice shows, in order (Playwright cannot see a message that lasts a few ms), and
# what the service worker says when saving fails.
RECORD_NOTICES = """window.hbFailures = [];
navigator.serviceWorker.addEventListener("message", (event) => {
  if (event.data && event.data.type === "failed") window.hbFailures.push(event.data);
});
addEventListener("DOMContentLoaded", () => {
  const message = document.querySelector("[data-offline-message]");
  window.hbNotices = [];
  if (message) new MutationObserver(() => window.hbNotices.push(message.textContent))
    .observe(message, {childList: true, characterData: true, subtree: true});
});"""
CACHED_URLS = """async () => {
  const found = {};
  for (const name of await caches.keys()) {
    found[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
  }
  return found;
}"""


class Host:
    """A static web host serving one folder on 127.0.0.1; stopped, it is a phone with no network.
    Started again, it keeps its address (the same origin, as a real host would)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = 0
        self.process: subprocess.Popen | None = None

    def start(self) -> "Host":
        self.process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1", "--directory", str(self.folder)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.port = int(self.process.stdout.readline().split(" port ")[1].split(" ")[0])
        return self

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait()
            self.process = None

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def publish(self, site: Path) -> None:
        """Replaces what the host serves by another build, the way an upload would."""
        shutil.rmtree(self.folder)
        shutil.copytree(site, self.folder)


@dataclass
class Phone:
    context: BrowserContext
    page: Page
    profile: Path
    errors: list[str] = field(default_factory=list)

    def open(self, url: str) -> Page:
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        return self.page

    def offline(self, host: Host) -> None:
        host.stop()
        self.context.set_offline(True)


@contextlib.contextmanager
def phone(browser, profile: Path):
    """Chromium with a profile on disk (an incognito context cannot install apps)."""
    context = browser.browser_type.launch_persistent_context(str(profile), executable_path=CHROMIUM,
                                                             args=CHROMIUM_ARGS, **PHONE)
    page = context.pages[0] if context.pages else context.new_page()
    page.add_init_script(RECORD_NOTICES)
    device = Phone(context, page, profile)
    page.on("console", lambda message: message.type == "error" and device.errors.append(message.text))
    page.on("pageerror", lambda error: device.errors.append(str(error)))
    try:
        yield device
    finally:
        context.close()


@pytest.fixture(scope="module")
def text() -> dict:
    return yaml.safe_load((settings.ROOT / "docs" / "interface.yml").read_text(encoding="utf-8"))


def notice(page: Page) -> str:
    banner = page.locator("[data-offline-app]")
    return banner.locator("[data-offline-message]").text_content() if banner.is_visible() else ""


def wait_for_notice(page: Page, expected: str, timeout: float = 60000) -> None:
    page.locator("[data-offline-app] [data-offline-message]", has_text=expected).wait_for(timeout=timeout)


def notice_problems(page: Page) -> list[str]:
    """What keeps the notice from being read and touched on a 360 × 740 phone screen."""
    width, height = PHONE["viewport"]["width"], PHONE["viewport"]["height"]
    box = page.locator("[data-offline-app]").bounding_box()
    problems = []
    if box["x"] < 0 or box["x"] + box["width"] > width or box["y"] + box["height"] > height:
        problems.append(f"the notice does not fit the screen: {box}")
    if box["height"] > 0.35 * height:
        problems.append(f"the notice covers {box['height']:.0f} of {height} px of the screen")
    for button in page.locator("[data-offline-app] button:visible").all():
        size = button.bounding_box()
        if size["height"] < 44 or size["width"] < 44:
            problems.append(f"'{button.inner_text()}' is {size['width']:.0f} × {size['height']:.0f} px (44 at least)")
    return problems
