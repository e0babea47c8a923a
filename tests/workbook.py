"""Shared by the worksheet tests: "My workbook" opened from the unzipped bundle, and what a reader
does there (fill in a risk, keep, unlock, export, import)."""

from __future__ import annotations

from pathlib import Path

PASSPHRASE = "blue river morning"
# Worksheets are filled in and kept on the workbook page; chapters show them to read and print.
WORKBOOK = "workbook.html"
RISKS = WORKBOOK
THREATS = WORKBOOK
PLAN = WORKBOOK


def risk_sheet(tab):
    return tab.locator('[data-worksheet="risk-assessment"]')


def fill_risk(tab, what="Arrest during a home search", probability="4", impact="5"):
    sheet = risk_sheet(tab)
    sheet.locator('[name="risks.0.what"]').fill(what)
    sheet.locator('[name="risks.0.probability"]').select_option(probability)
    sheet.locator('[name="risks.0.impact"]').select_option(impact)


def answer_dialog(tab, passphrase=PASSPHRASE):
    tab.locator("dialog input[type=password][name=passphrase]").first.wait_for()
    for field in tab.locator("dialog input[type=password][name=passphrase]").all():
        field.fill(passphrase)
    tab.locator("dialog [data-action=confirm]").click()


def keep(tab, passphrase=PASSPHRASE):
    tab.locator("[data-action=keep]").click()
    answer_dialog(tab, passphrase)
    tab.locator("dialog").wait_for(state="detached")


def unlock(tab, passphrase=PASSPHRASE):
    tab.locator("[data-action=unlock]").click()
    answer_dialog(tab, passphrase)
    tab.locator("dialog").wait_for(state="detached")


def stored(tab) -> str:
    """Everything in the page's browser storage, cookies and IndexedDB names, as one string."""
    return tab.evaluate("""async () => JSON.stringify({
        local: Object.entries(localStorage), session: Object.entries(sessionStorage),
        cookies: document.cookie, idb: (await indexedDB.databases()).map(d => d.name)})""")


def export(tab, sheet, action: str, passphrase: str | None = PASSPHRASE) -> Path:
    with tab.expect_download() as download:
        sheet.locator(f"[data-action={action}]").click()
        if passphrase:
            answer_dialog(tab, passphrase)
        else:
            tab.locator("dialog [data-action=confirm]").click()
    path = Path(download.value.path())
    return path


def import_text(tab, sheet, tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    sheet.locator("input[type=file][data-action=import]").set_input_files(str(path))


def visible_toolbar(tab) -> set[str]:
    return {action for action in ("keep", "unlock", "lock", "erase-all")
            if tab.locator(f"[data-worksheet-toolbar] [data-action={action}]").is_visible()}


DECLARATION = """---
title: Home
sources: [ohchr-guidelines]
---

# Home

```worksheet
id: {id}
title: A worksheet
parts:
  - legend: Part
    fields:
      - name: first
        label: First
        type: text
{extra}
```
"""
