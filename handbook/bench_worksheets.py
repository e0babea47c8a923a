"""`make bench`'s figures for the worksheets (handbook/bench.py): the workbook's scripts and data,
the time Unlock takes and the time an import at the size cap takes, in Chromium over file://."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from handbook import chromium as handbook_chromium
from handbook import settings


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
