"""`make bench`'s figures for the phone app (handbook/bench.py): the time until the site is saved
for offline use, what the browser then stores, and the size of the service worker."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time

from handbook import chromium as handbook_chromium
from handbook import interface, serviceworker, settings


def offline_app_figures(config: settings.Settings) -> dict:
    """The site published on a local web server, opened once on a phone-sized Chromium: the time
    until it says "Saved for offline use", what the browser then stores (without the PDFs; goal
    ≤ 2.5 MB for both languages), and the size of the service worker script."""
    from playwright.sync_api import sync_playwright

    saved_text = interface.strings(config.mkdocs, config.languages[0])["app_saved"]
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
