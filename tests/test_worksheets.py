"""Keeping worksheet answers on this computer, over file:// from the unzipped bundle: nothing is
stored before the reader chooses to keep; kept answers are encrypted and come back after
unlocking; the toolbar offers only what applies; weak passphrases are refused; erase-all, quick
hide and leaving the page leave nothing behind."""

from __future__ import annotations

import json
import re

from conftest import OfflineTab
from workbook import (PASSPHRASE, PLAN, RISKS, WORKBOOK, answer_dialog, fill_risk, keep, risk_sheet, stored, unlock,
                      visible_toolbar)


def test_nothing_is_stored_before_the_user_chooses_to_keep(offline_tab: OfflineTab):
    tab = offline_tab.open(RISKS)
    fill_risk(tab)
    assert "hb-worksheets" not in stored(tab), "answers were written to the browser before the user chose to keep them"
    assert offline_tab.console_errors == []


def test_kept_answers_come_back_after_unlocking_on_this_and_another_worksheet_page(offline_tab: OfflineTab):
    tab = offline_tab.open(RISKS)
    fill_risk(tab)
    keep(tab)
    tab.locator("[data-action=lock]").click()
    assert risk_sheet(tab).locator('[name="risks.0.what"]').input_value() == "", "locking left the answers on screen"
    tab.reload()
    assert risk_sheet(tab).locator('[name="risks.0.what"]').input_value() == ""
    unlock(tab)
    assert risk_sheet(tab).locator('[name="risks.0.what"]').input_value() == "Arrest during a home search"
    assert risk_sheet(tab).locator('[name="risks.0.impact"]').input_value() == "5"
    # A new tab is a new session: it asks for the passphrase, then offers the kept risks.
    other = tab.context.new_page()
    other.goto((offline_tab.root / PLAN).as_uri())
    assert other.locator("[data-action=unlock]").is_visible(), "the security plan page does not offer to unlock"
    unlock(other)
    offered = other.eval_on_selector_all('[data-worksheet="security-plan"] datalist option', "o => o.map(x => x.value)")
    assert "Arrest during a home search" in offered, "the security plan does not offer the risks kept on the risk page"
    assert offline_tab.console_errors == []


def test_kept_answers_never_appear_in_plain_text_in_browser_storage(offline_tab: OfflineTab):
    tab = offline_tab.open(RISKS)
    fill_risk(tab, what="Secret meeting with Sokha")
    risk_sheet(tab).locator('[name="risks.0.notes"]').fill("Notes about the lawyer")
    keep(tab)
    tab.wait_for_timeout(0)
    everything = stored(tab)
    assert "hb-worksheets:vault" in everything, "nothing was kept"
    for secret in ("Sokha", "Secret meeting", "lawyer", PASSPHRASE):
        assert secret not in everything, f"'{secret}' can be read in the browser's storage"
    vault = json.loads(tab.evaluate("localStorage.getItem('hb-worksheets:vault')"))
    assert vault["version"] == 2 and vault["kdf"]["name"] == "PBKDF2-SHA-256" and vault["kdf"]["iterations"] >= 600000


def test_wrong_passphrase_shows_message_and_keeps_answers(offline_tab: OfflineTab):
    tab = offline_tab.open(RISKS)
    fill_risk(tab)
    keep(tab)
    tab.locator("[data-action=lock]").click()
    tab.locator("[data-action=unlock]").click()
    answer_dialog(tab, "not the passphrase")
    error = tab.locator("dialog [role=alert]")
    error.filter(has_text="does not open").wait_for()
    tab.locator("dialog [data-action=cancel]").click()
    before = tab.evaluate("localStorage.getItem('hb-worksheets:vault')")
    unlock(tab)
    assert risk_sheet(tab).locator('[name="risks.0.what"]').input_value() == "Arrest during a home search", \
        "a wrong passphrase lost the kept answers"
    assert before is not None


def test_the_toolbar_shows_only_the_buttons_that_apply(offline_tab: OfflineTab):
    tab = offline_tab.open(WORKBOOK)
    assert visible_toolbar(tab) == {"keep"}, "with nothing kept, only Keep may show"
    fill_risk(tab)
    keep(tab)
    assert visible_toolbar(tab) == {"lock", "erase-all"}, "Keep shows over answers already kept"
    tab.locator("[data-action=lock]").click()
    assert visible_toolbar(tab) == {"unlock", "erase-all"}
    tab.reload()
    assert visible_toolbar(tab) == {"unlock", "erase-all"}, "a reload offers to keep over the kept answers"


def test_weak_passphrases_are_refused_and_a_strong_one_is_suggested(offline_tab: OfflineTab):
    tab = offline_tab.open(WORKBOOK)
    fill_risk(tab)
    tab.locator("[data-action=keep]").click()
    dialog = tab.locator("dialog")
    fields = dialog.locator("input[name=passphrase]")
    for weak, reason in (("12345678", "digits only"), ("password", "most common"), ("Sokha1985", "too easy to guess")):
        fields.nth(0).fill(weak)
        fields.nth(1).fill(weak)
        assert "refused" in dialog.locator("[data-strength]").inner_text()
        dialog.locator("[data-action=confirm]").click()
        dialog.locator("[role=alert]").filter(has_text=reason).wait_for()
    assert "hb-worksheets" not in stored(tab), "a weak passphrase kept the answers"
    dialog.locator("[data-action=suggest]").click()
    words = dialog.locator("[data-suggestion]").inner_text()
    assert len(words.split()) == 5 and fields.nth(0).input_value() == words == fields.nth(1).input_value()
    assert "refused" not in dialog.locator("[data-strength]").inner_text()
    assert "paper" in dialog.inner_text(), "no advice on writing the passphrase down"
    dialog.locator("[data-action=confirm]").click()
    dialog.wait_for(state="detached")
    assert visible_toolbar(tab) == {"lock", "erase-all"}


def test_khmer_suggestions_are_khmer_words_of_the_handbook(offline_tab: OfflineTab):
    tab = offline_tab.open(f"km/{WORKBOOK}")
    tab.locator("[data-action=keep]").click()
    tab.locator("dialog [data-action=suggest]").click()
    words = tab.locator("dialog [data-suggestion]").inner_text().split()
    assert len(words) == 5 and all(re.fullmatch(r"[\u1780-\u17ff\u200b]+", word) for word in words), words
    assert "ក្រដាស" in tab.locator("dialog").inner_text().replace("\u200b", ""), "no Khmer advice on writing it down"


def test_erase_all_leaves_no_storage_behind(offline_tab: OfflineTab):
    tab = offline_tab.open(RISKS)
    fill_risk(tab)
    keep(tab)
    tab.locator("[data-action=erase-all]").click()
    tab.locator("dialog [data-action=confirm]").click()
    tab.locator("dialog").wait_for(state="detached")
    assert "hb-worksheets" not in stored(tab), "erase-all left handbook data in the browser"
    assert risk_sheet(tab).locator('[name="risks.0.what"]').input_value() == ""
    assert tab.locator("[data-action=keep]").is_visible()


def test_quick_hide_locks_the_answers_and_leaves_the_page(offline_tab: OfflineTab):
    tab = offline_tab.open(RISKS)
    fill_risk(tab)
    keep(tab)
    tab.keyboard.press("Alt+Shift+H")
    tab.wait_for_url("about:blank")
    tab.goto((offline_tab.root / RISKS).as_uri())
    assert tab.locator("[data-action=unlock]").is_visible(), "after hiding, the answers are not locked"
    assert risk_sheet(tab).locator('[name="risks.0.what"]').input_value() == ""
    tab.locator("[data-action=hide]").click()
    tab.wait_for_url("about:blank")


def test_leaving_with_unsaved_answers_offers_export(offline_tab: OfflineTab):
    tab = offline_tab.open(RISKS)
    fill_risk(tab)
    tab.locator(".md-nav__link[href='introduction.html']").first.click()
    dialog = tab.locator("dialog")
    dialog.wait_for()
    assert dialog.locator("[data-choice=export]").is_visible(), "leaving does not offer to export the answers"
    dialog.locator("[data-action=cancel]").click()
    assert tab.url.endswith(RISKS)


def test_a_worksheet_jumped_to_shows_its_title_below_the_toolbar(browser, bundle_dir):
    """The Keep/Lock toolbar stays at the top of the workbook: a worksheet opened from the table of
    contents or a link must land with its title below it, not hidden under it."""
    for language, width, height in (("en", 1366, 768), ("km", 360, 740)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        workbook = bundle_dir / ("" if language == "en" else "km") / WORKBOOK
        page.goto(workbook.as_uri())
        titles = page.evaluate("[...document.querySelectorAll('.md-content h2[id]')].map((heading) => heading.id)")
        for title in (titles[2], titles[-1]):
            page.goto(f"{workbook.as_uri()}#{title}")
            page.wait_for_timeout(300)
            toolbar, heading = page.evaluate("""(id) => [document.querySelector('[data-worksheet-toolbar]'),
                document.getElementById(id)].map((element) => element.getBoundingClientRect().toJSON())""", title)
            assert heading["top"] >= toolbar["bottom"] - 1 and heading["bottom"] <= height, \
                f"{language} at {width} px: the worksheet title #{title} is at {heading['top']:.0f}-{heading['bottom']:.0f} px, " \
                f"under the toolbar ({toolbar['top']:.0f}-{toolbar['bottom']:.0f} px) or off the screen"
        context.close()


def test_on_a_phone_the_toolbar_leaves_the_screen_to_the_worksheets(browser, bundle_dir):
    """Header and toolbar together took 193 of a phone's 740 pixels on every screen of the
    workbook: on a phone the toolbar stays at the top of the page (Hide now, in the header, locks
    from anywhere), and a worksheet jumped to starts right below the header."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    workbook = bundle_dir / "km" / WORKBOOK
    page.goto(workbook.as_uri())
    title = page.evaluate("document.querySelectorAll('.md-content h2[id]')[2].id")
    page.goto(f"{workbook.as_uri()}#{title}")
    page.wait_for_timeout(300)
    header, toolbar, heading = page.evaluate("""(id) => ['.md-header', '[data-worksheet-toolbar]', `#${id}`]
        .map((selector) => document.querySelector(selector).getBoundingClientRect().toJSON())""", title)
    context.close()
    assert toolbar["bottom"] <= header["bottom"], f"on a phone the toolbar stays on screen ({toolbar['top']:.0f}-{toolbar['bottom']:.0f} px)"
    assert header["bottom"] <= heading["top"] <= header["bottom"] + 80, \
        f"on a phone the worksheet jumped to starts at {heading['top']:.0f} px, the header ends at {header['bottom']:.0f} px"
