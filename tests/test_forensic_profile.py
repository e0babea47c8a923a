"""What a police technician finds on a seized laptop: the handbook used in a real Chromium with
its profile folder on disk (not a throw-away test context), the browser closed and reopened with
"continue where you left off", then every file of the profile searched for what was typed (UTF-8
and UTF-16) and for anything that opens the kept answers without the passphrase."""

from __future__ import annotations

import secrets
import string
from pathlib import Path

from playwright.sync_api import Page, Playwright

from forensics import continue_where_you_left_off, find_marks, real_chromium, sealed_boxes_and_keys, what_decrypts
from workbook import PASSPHRASE, answer_dialog

WORK_PAGE = "workbook.html"
OTHER_PAGE = "six-steps/threats.html"
WHAT = '[data-worksheet="risk-assessment"] [name="risks.0.what"]'
NOTES = '[data-worksheet="risk-assessment"] [name="risks.0.notes"]'
INCIDENT = '[data-worksheet="incident-log"] [name="incidents.0.what"]'
INCIDENT_DATE = '[data-worksheet="incident-log"] [name="incidents.0.date"]'
# A ticked box is saved in session files by its name, unless the form says autocomplete="off".
TICKED = '[data-worksheet="capacities-checklist"] input[type=checkbox]'


def mark(purpose: str) -> str:
    """A word nobody else would type (random letters, no run of four shared with another mark)."""
    return purpose + "".join(secrets.choice(string.ascii_uppercase) for _ in range(14))


def open_page(browser, root: Path, relative: str) -> Page:
    page = browser.contexts[0].pages[0] if browser.contexts[0].pages else browser.contexts[0].new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto((root / relative).as_uri())
    page.wait_for_load_state("load")
    return page


def unlock_if_locked(page: Page) -> None:
    page.locator("[data-action=unlock]").first.wait_for(state="attached")
    if page.locator("[data-action=unlock]").first.is_visible():
        page.locator("[data-action=unlock]").first.click()
        answer_dialog(page, PASSPHRASE)
        page.locator("dialog").wait_for(state="detached")


def values_on_screen(page: Page) -> str:
    """Every value in every worksheet control of every tab, as one string."""
    texts = []
    for tab in page.context.pages:
        texts.append(tab.evaluate("""() => [...document.querySelectorAll('[data-worksheet] [name]')]
            .map(c => c.type === 'checkbox' ? '' : c.value).join(' ')"""))
    return " ".join(texts)


def restored_page(browser) -> Page:
    """The tab the browser reopened by itself ("continue where you left off")."""
    page = browser.contexts[0].pages[0]
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)
    return page


def test_a_seized_profile_holds_no_answer_and_nothing_that_opens_the_kept_ones(playwright: Playwright, bundle_dir: Path,
                                                                            tmp_path: Path):
    profile = tmp_path / "profile"
    continue_where_you_left_off(profile)
    marks = {name: mark(name) for name in ("unkept", "kept", "otherpage", "afterunlock", "beforehide")}
    # A date typed day/month/year (a text field): neither as typed nor as kept (ISO) in the profile.
    day, month, year = secrets.randbelow(18) + 10, secrets.randbelow(3) + 10, secrets.randbelow(60) + 2040
    dates = {"typed date": f"{day}/{month}/{year}", "kept date": f"{year}-{month}-{day}"}
    problems: list[str] = []
    # 1. Type without keeping, then keep, type more (saved encrypted), move to another page and
    #    back (locked and empty again), type while locked, unlock, type, lock. Close the browser.
    with real_chromium(playwright, profile, (bundle_dir / WORK_PAGE).as_uri()) as browser:
        page = open_page(browser, bundle_dir, WORK_PAGE)
        page.locator(WHAT).fill(marks["unkept"])
        page.locator(INCIDENT_DATE).fill(dates["typed date"])
        ticked = page.locator(TICKED).first
        ticked.check()
        traces = {**dates, "ticked box (its name)": ticked.get_attribute("name")}
        page.wait_for_timeout(3000)  # Chromium saves the session a few seconds after a change
        page.locator("[data-action=keep]").click()
        answer_dialog(page, PASSPHRASE)
        page.locator("dialog").wait_for(state="detached")
        page.locator(NOTES).fill(marks["kept"])
        page.wait_for_timeout(1500)
        page.goto((bundle_dir / OTHER_PAGE).as_uri())
        page.wait_for_timeout(1000)
        page.go_back()
        page.wait_for_load_state("load")
        if any(value in values_on_screen(page) for value in marks.values()):
            problems.append("Back to the workbook shows the answers without unlocking")
        page.locator(INCIDENT).fill(marks["otherpage"])  # typed while locked: not kept
        page.wait_for_timeout(3000)
        unlock_if_locked(page)
        page.locator(NOTES).fill(marks["afterunlock"])
        page.wait_for_timeout(1500)
        page.locator("[data-action=lock]").click()
        if any(value in values_on_screen(page) for value in marks.values()):
            problems.append("after Lock, answers are still on screen")
        page.wait_for_timeout(3000)

    # 2. Reopen: "continue where you left off" must bring back locked, empty pages.
    with real_chromium(playwright, profile, "", restore=True) as browser:
        page = restored_page(browser)
        if any(value in values_on_screen(page) for value in marks.values()):
            problems.append("session restore brought typed answers back on screen")
        if page.locator("[data-action=lock]").count() and page.locator("[data-action=lock]").first.is_visible():
            problems.append("session restore reopened the worksheets unlocked")

        # 3. Hide and Back: unlock, type, go to another page, Alt+Shift+H there, Back twice.
        page = open_page(browser, bundle_dir, WORK_PAGE)
        unlock_if_locked(page)
        page.locator(WHAT).fill(marks["beforehide"])
        page.wait_for_timeout(1000)
        page.goto((bundle_dir / OTHER_PAGE).as_uri())
        page.keyboard.press("Alt+Shift+H")
        page.wait_for_url("about:blank")
        page.go_back()
        page.go_back()
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        if any(value in values_on_screen(page) for value in marks.values()):
            problems.append("Back after Hide shows the answers again")

        # 4. Erase everything, close.
        page.locator("[data-action=erase-all]").first.click()
        page.locator("dialog [data-action=confirm]").click()
        page.locator("dialog").wait_for(state="detached")
        page.wait_for_timeout(3000)

    # 5. Reopen once more with session restore, then close: what the next person finds.
    with real_chromium(playwright, profile, "", restore=True) as browser:
        if any(value in values_on_screen(restored_page(browser)) for value in marks.values()):
            problems.append("session restore after Erase brought typed answers back on screen")

    found = find_marks(profile, [*marks.values(), *traces.values(), PASSPHRASE])
    for name, value in [*marks.items(), *traces.items(), ("passphrase", PASSPHRASE)]:
        if value in found:
            problems.append(f"the {name} text is readable in the profile: {', '.join(found[value][:4])}")
    boxes, keys = sealed_boxes_and_keys(profile)
    assert boxes, "the test found no kept (encrypted) answers in the profile: did Keep work?"
    opened = what_decrypts(boxes, keys, [])
    if opened:
        problems.append(f"the profile holds a key that opens the kept answers without the passphrase: {opened[:2]}")
    assert not problems, "A seized laptop gives away answers:\n- " + "\n- ".join(problems)

