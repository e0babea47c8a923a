"""The idle lock (extra.worksheets.idle_lock_minutes): a workbook left unlocked and untouched locks
itself, empties every field and drops the key; the answers come back only with the passphrase.
Time is Playwright's clock, so the test waits for no real minutes."""

from __future__ import annotations

import json

from conftest import OfflineTab
from workbook import PASSPHRASE, WORKBOOK, fill_risk, keep, risk_sheet, unlock, visible_toolbar

RISK = "Arrest during a home search"


def filled_fields(tab) -> list[str]:
    """The names of the workbook's text fields that hold something."""
    return tab.evaluate("""() => [...document.querySelectorAll('form[data-worksheet] input:not([type=checkbox]):not([type=radio]):not([type=file]), form[data-worksheet] textarea')]
        .filter((field) => field.value).map((field) => field.name || field.id)""")


def kept_workbook(offline_tab: OfflineTab):
    """The workbook on Playwright's clock with a risk typed and kept (so unlocked), and its idle
    lock minutes."""
    offline_tab.page.clock.install()
    tab = offline_tab.open(WORKBOOK)
    fill_risk(tab, what=RISK)
    keep(tab, PASSPHRASE)
    assert visible_toolbar(tab) == {"lock", "erase-all"}
    return tab, json.loads(tab.locator("#hb-worksheets-config").text_content())["idleLockMinutes"]


def test_an_untouched_unlocked_workbook_locks_itself_and_empties_every_field(offline_tab: OfflineTab):
    tab, minutes = kept_workbook(offline_tab)

    tab.clock.run_for(int(minutes * 60_000) - 30_000)
    assert risk_sheet(tab).locator('[name="risks.0.what"]').input_value() == RISK, \
        f"the workbook locked before {minutes:g} minutes without activity"

    tab.clock.run_for(40_000)
    assert filled_fields(tab) == [], f"after {minutes:g} idle minutes these fields still show answers"
    assert visible_toolbar(tab) == {"unlock", "erase-all"}, "after the idle lock the workbook does not offer Unlock"
    state = tab.locator("[data-worksheet-toolbar] [data-state]").inner_text()
    assert f"{minutes:g} minutes without activity" in state, f"the page does not say why it locked: {state!r}"

    unlock(tab, PASSPHRASE)
    assert risk_sheet(tab).locator('[name="risks.0.what"]').input_value() == RISK, "the passphrase did not bring the answers back"
    assert offline_tab.console_errors == []


def test_activity_keeps_the_workbook_unlocked(offline_tab: OfflineTab):
    tab, minutes = kept_workbook(offline_tab)
    field = risk_sheet(tab).locator('[name="risks.0.what"]')
    for _ in range(3):  # typing every two thirds of the idle time, three times over
        tab.clock.run_for(int(minutes * 40_000))
        field.press("End")
        field.type(".")
    assert field.input_value() == RISK + "...", "the workbook locked while the user was typing in it"
    assert visible_toolbar(tab) == {"lock", "erase-all"}
