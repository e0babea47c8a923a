"""Worksheets over file:// from the unzipped bundle: answers stay on the computer, encrypted when
kept; export and import; bad files; erase-all; quick hide; the risk matrix, the incident timeline;
print; and the build refusing a bad declaration."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import OfflineTab
from handbook.settings import ROOT
from test_build_errors import build, project, write  # noqa: F401 (fixture)

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


def test_a_chapter_shows_its_worksheet_to_read_and_opens_the_workbook_at_it(offline_tab: OfflineTab):
    tab = offline_tab.open("six-steps/risks.html")
    sheet = risk_sheet(tab)
    assert sheet.locator('[name="risks.0.what"]').is_disabled(), "the chapter's worksheet can be typed into but not kept"
    assert tab.locator("[data-action=keep], [data-action=unlock]").count() == 0, "a chapter offers to keep answers"
    assert tab.locator("[data-action=hide]").is_visible(), "Hide now is not in the header"
    sheet.locator("[data-action=open-workbook]").click()
    tab.wait_for_url("**/workbook.html#worksheet-risk-assessment")
    assert risk_sheet(tab).locator('[name="risks.0.what"]').is_editable()
    assert risk_sheet(tab).is_visible()
    explained = tab.locator("#risk-assessment-title + p a")
    assert explained.get_attribute("target") == "_blank", "the explanation does not open beside the workbook"
    assert explained.get_attribute("href").startswith("six-steps/risks.html#")
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


@pytest.mark.parametrize("action, passphrase", [("export", PASSPHRASE), ("export-plain", None)])
def test_export_then_import_brings_the_answers_back(offline_tab: OfflineTab, action, passphrase):
    tab = offline_tab.open(RISKS)
    fill_risk(tab)
    sheet = risk_sheet(tab)
    sheet.locator("[data-action=add-row]").click()
    sheet.locator('[name="risks.1.what"]').fill("Phone taken")
    path = export(tab, sheet, action, passphrase)
    text = path.read_text(encoding="utf-8")
    assert ("Phone taken" in text) == (passphrase is None), "the encrypted export shows answers in clear"
    tab.reload()
    assert sheet.locator('[name="risks.0.what"]').input_value() == ""
    sheet.locator("input[type=file][data-action=import]").set_input_files(str(path))
    if passphrase:
        answer_dialog(tab, passphrase)
        tab.locator("dialog").wait_for(state="detached")
    sheet.locator('[name="risks.1.what"]').wait_for()
    assert sheet.locator('[name="risks.0.what"]').input_value() == "Arrest during a home search"
    assert sheet.locator('[name="risks.1.what"]').input_value() == "Phone taken"
    assert offline_tab.console_errors == []


def import_text(tab, sheet, tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    sheet.locator("input[type=file][data-action=import]").set_input_files(str(path))


def test_bad_files_give_a_message_and_change_nothing(offline_tab: OfflineTab, tmp_path: Path):
    tab = offline_tab.open(RISKS)
    fill_risk(tab)
    sheet = risk_sheet(tab)
    exported = export(tab, sheet, "export-plain", None).read_text(encoding="utf-8")
    message = sheet.locator("[data-message]")
    cases = {
        "truncated.json": (exported[: len(exported) // 2], "damaged or incomplete"),
        "other.json": (exported.replace('"risk-assessment"', '"incident-log"'), "another worksheet (Worksheet: your security"),
        "unknown.json": (exported.replace('"risk-assessment"', '"FILE DAMAGED. Call 012"'), "damaged or incomplete"),
        "newer.json": (exported.replace('"version": 2', '"version": 99'), "newer version"),
        "hidden.json": (exported.replace("Arrest during", "Arrest\u202e during"), "hidden control characters"),
        "not-ours.json": ('{"hello": "world"}', "damaged or incomplete"),
        "unknown-field.json": (exported.replace('"what"', '"what_else"'), "do not fit"),
    }
    for name, (text, expected) in cases.items():
        import_text(tab, sheet, tmp_path, name, text)
        message.filter(has_text=expected).wait_for()
        assert sheet.locator('[name="risks.0.what"]').input_value() == "Arrest during a home search", f"{name} changed the answers"
    encrypted = export(tab, sheet, "export", PASSPHRASE).read_text(encoding="utf-8")
    data = json.loads(encrypted)
    data["data"] = data["data"][:-8] + "AAAAAAA="
    import_text(tab, sheet, tmp_path, "tampered.json", json.dumps(data))
    answer_dialog(tab, PASSPHRASE)
    tab.locator("dialog [role=alert]").filter(has_text="does not open").wait_for()
    tab.locator("dialog [data-action=cancel]").click()
    assert sheet.locator('[name="risks.0.what"]').input_value() == "Arrest during a home search"


def test_markup_in_an_imported_file_shows_as_text_and_never_runs(offline_tab: OfflineTab, tmp_path: Path):
    tab = offline_tab.open(RISKS)
    sheet = risk_sheet(tab)
    markup = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    file = {"format": "safer-working-environment/worksheet", "version": 2, "worksheet": "risk-assessment",
            "encrypted": False, "answers": {"rows": {"risks": [{"what": markup, "probability": "3", "impact": "3"}]}}}
    import_text(tab, sheet, tmp_path, f"{markup[:20]}.json".replace("/", "_"), json.dumps(file))
    sheet.locator("[data-message]").filter(has_text="now in the form").wait_for()
    assert sheet.locator('[name="risks.0.what"]').input_value() == markup
    assert markup in sheet.locator(".hb-ws-risk-order").inner_text(), "the risk list does not show the markup as text"
    assert sheet.locator(".hb-ws__output img, .hb-ws__output script").count() == 0, "imported markup became HTML"
    tab.wait_for_timeout(200)
    assert tab.evaluate("window.__pwned") is None, "imported markup ran as code"


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


def test_risk_matrix_puts_each_risk_in_its_cell_most_serious_first(offline_tab: OfflineTab):
    tab = offline_tab.open(RISKS)
    sheet = risk_sheet(tab)
    fill_risk(tab, "Office raided", probability="2", impact="3")
    sheet.locator("[data-action=add-row]").click()
    sheet.locator('[name="risks.1.what"]').fill("Arrest")
    sheet.locator('[name="risks.1.probability"]').select_option("4")
    sheet.locator('[name="risks.1.impact"]').select_option("5")
    assert sheet.locator('[data-cell="p2-i3"] text').text_content() == "1"
    assert sheet.locator('[data-cell="p4-i5"] text').text_content() == "2"
    assert sheet.locator('[data-cell="p5-i5"] text').text_content() == ""
    first = sheet.locator(".hb-ws-risk-order li").first.inner_text()
    assert first.startswith("Arrest"), f"the most serious risk is not listed first: {first}"


def test_incident_log_flags_a_cluster_and_points_to_the_security_plan(offline_tab: OfflineTab):
    tab = offline_tab.open(THREATS)
    sheet = tab.locator('[data-worksheet="incident-log"]')
    for index, date in enumerate(["01/03/2026", "02/01/2026", "20/03/2026"]):  # day/month/year
        if index:
            sheet.locator("[data-action=add-row]").click()
        sheet.locator(f'[name="incidents.{index}.what"]').fill(f"Incident {index + 1}")
        sheet.locator(f'[name="incidents.{index}.date"]').fill(date)
    assert sheet.locator("[data-cluster-warning]").count() == 0, "two incidents in 30 days were flagged"
    times = sheet.locator("[data-timeline] time")
    assert [times.nth(i).get_attribute("datetime") for i in range(times.count())] == ["2026-01-02", "2026-03-01", "2026-03-20"]
    assert times.all_inner_texts() == ["2 January 2026", "1 March 2026", "20 March 2026"], "incident dates do not read day month year"
    sheet.locator("[data-action=add-row]").click()
    sheet.locator('[name="incidents.3.date"]').fill("10/03/2026")
    warning = sheet.locator("[data-cluster-warning]")
    assert "3 incidents within 30 days" in warning.inner_text()
    assert warning.locator("a").get_attribute("href") == "#worksheet-security-plan"


def test_capacities_checklist_counts_per_group(offline_tab: OfflineTab):
    tab = offline_tab.open(WORKBOOK)
    sheet = tab.locator('[data-worksheet="capacities-checklist"]')
    sheet.locator('[name="knowledge_1"]').check()
    sheet.locator('[name="knowledge_3"]').check()
    sheet.locator('[name="own.0.item"]').fill("A lawyer on call")
    sheet.locator('[name="own.0.group"]').select_option("knowledge")
    sheet.locator('[name="own.0.in_place"]').check()
    assert "3 of 5 in place" in sheet.locator('[data-count="knowledge"]').inner_text()


def test_emergency_contacts_take_entries_from_the_directory(offline_tab: OfflineTab):
    tab = offline_tab.open(WORKBOOK)
    sheet = tab.locator('[data-worksheet="emergency-contacts"]')
    picker = sheet.locator("#emergency-contacts-directory")
    cchr = [o for o in picker.locator("option").all_inner_texts() if "CCHR" in o]
    assert cchr, "the directory's organisations are not offered"
    picker.select_option(label=cchr[0])
    sheet.locator("[data-action=add-contact]").click()
    assert "CCHR" in sheet.locator('[name="contacts.0.name"]').input_value()
    assert sheet.locator('[name="contacts.0.phone"]').input_value() == "017 50 50 50"


def test_printing_shows_answers_and_hides_navigation(offline_tab: OfflineTab):
    tab = offline_tab.open(RISKS)
    fill_risk(tab)
    tab.emulate_media(media="print")
    assert risk_sheet(tab).locator('[name="risks.0.what"]').is_visible()
    assert risk_sheet(tab).locator('[name="risks.0.what"]').input_value() == "Arrest during a home search"
    for selector in (".md-header", ".md-sidebar--primary", "[data-worksheet-toolbar]", ".hb-ws__actions"):
        assert not tab.locator(selector).first.is_visible(), f"{selector} shows on paper"
    # "Print" on one worksheet prints it alone (the page's other text is left out).
    tab.emulate_media(media="screen")
    tab.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    risk_sheet(tab).locator("[data-action=print]").click()
    assert tab.evaluate("window.__printed"), "Print did not open the print dialog"
    tab.emulate_media(media="print")
    assert not tab.locator('[data-worksheet="incident-log"]').is_visible(), "printing one worksheet also prints the others"
    assert not tab.locator(".md-content h1").is_visible(), "printing one worksheet also prints the page's text"
    assert risk_sheet(tab).locator('[name="risks.0.what"]').is_visible()


def test_every_worksheet_control_has_a_label(offline_tab: OfflineTab, built):
    pages = {WORKBOOK, "six-steps/risks.html", "six-steps/threats.html", "six-steps/security-plan.html",
             "six-steps/capacities.html", "upr.html", "directory.html", "examples.html"}
    found = set()
    for page in sorted(pages):
        tab = offline_tab.open(page)
        found |= set(tab.eval_on_selector_all("[data-worksheet]", "f => f.map(x => x.dataset.worksheet)"))
        unlabelled = tab.evaluate("""() => [...document.querySelectorAll('[data-worksheet] [name]')]
            .filter(c => !c.labels || c.labels.length === 0).map(c => c.name)""")
        assert unlabelled == [], f"{page}: fields without a label: {unlabelled}"
    assert len(found) == 10, f"worksheets found: {sorted(found)}"
    assert offline_tab.console_errors == []


def test_pure_parts_pass_their_node_tests():
    result = subprocess.run(["node", "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


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


@pytest.mark.parametrize("worksheet_id, extra, message", [
    ("risk-assessment", "      - name: second\n        label: Second\n        type: slider", "unknown type 'slider'"),
    ("risk-assessment", "      - name: first\n        label: Again\n        type: text", "the name 'first' is used twice"),
    ("risk-assessment", "      - name: second\n        type: text", "the field 'second' has no 'label'"),
    ("no-such-sheet", "", "unknown worksheet id 'no-such-sheet'"),
])
def test_bad_declaration_fails_the_build_with_file_and_line(project: Path, worksheet_id, extra, message):  # noqa: F811
    write(project, "en/index.md", DECLARATION.format(id=worksheet_id, extra=extra))
    result = build(project)
    assert result.returncode != 0, "a bad worksheet declaration was published"
    assert message in result.stderr, result.stderr[-1500:]
    assert re.search(r"en/index\.md:\d+: worksheet:", result.stderr), "the error does not name the file and line"


def test_khmer_pages_show_the_worksheets_in_khmer_and_read_english_exports(offline_tab: OfflineTab, tmp_path: Path):
    tab = offline_tab.open(RISKS)
    fill_risk(tab)
    exported = export(tab, risk_sheet(tab), "export-plain", None)
    tab = offline_tab.open(f"km/{RISKS}")
    sheet = risk_sheet(tab)
    assert "ហានិភ័យ" in sheet.locator("legend").first.inner_text(), "the Khmer worksheet is not in Khmer"
    # (hooks/khmer.py puts zero-width spaces between Khmer words)
    assert "ខ្ពស់ខ្លាំង" in sheet.locator('[name="risks.0.impact"]').inner_text().replace("\u200b", "")
    assert "លាក់" in tab.locator("[data-action=hide]").inner_text().replace("\u200b", "")
    sheet.locator("input[type=file][data-action=import]").set_input_files(str(exported))
    sheet.locator('[data-cell="p4-i5"] text').filter(has_text="១").wait_for()
    assert sheet.locator('[name="risks.0.what"]').input_value() == "Arrest during a home search"


def visible_toolbar(tab) -> set[str]:
    return {action for action in ("keep", "unlock", "lock", "erase-all")
            if tab.locator(f"[data-worksheet-toolbar] [data-action={action}]").is_visible()}


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


def test_an_import_over_answers_asks_first_and_can_be_undone(offline_tab: OfflineTab):
    tab = offline_tab.open(WORKBOOK)
    sheet = risk_sheet(tab)
    fill_risk(tab, what="From the file")
    exported = export(tab, sheet, "export-plain", None)
    sheet.locator('[name="risks.0.what"]').fill("Typed here")
    sheet.locator("input[type=file][data-action=import]").set_input_files(str(exported))
    tab.locator("dialog").filter(has_text="Replace the answers").wait_for()
    tab.locator("dialog [data-action=cancel]").click()
    assert sheet.locator('[name="risks.0.what"]').input_value() == "Typed here", "import replaced answers after Cancel"
    sheet.locator("input[type=file][data-action=import]").set_input_files(str(exported))
    tab.locator("dialog [data-action=confirm]").click()
    assert sheet.locator('[name="risks.0.what"]').input_value() == "From the file"
    sheet.locator("[data-message] [data-action=undo]").click()
    assert sheet.locator('[name="risks.0.what"]').input_value() == "Typed here", "Undo did not bring the answers back"


def test_messages_appear_next_to_the_button_that_caused_them(offline_tab: OfflineTab):
    tab = offline_tab.open(WORKBOOK)
    sheet = risk_sheet(tab)
    fill_risk(tab)
    export(tab, sheet, "export-plain", None)
    message = sheet.locator("[data-message]")
    message.filter(has_text="saved in the file").wait_for()
    assert message.get_attribute("role") == "status", "the message is not read out by screen readers"
    button = sheet.locator("[data-action=export-plain]").bounding_box()
    shown = message.bounding_box()
    assert abs(shown["y"] - button["y"]) < 250, f"the message shows {abs(shown['y'] - button['y']):.0f} px away from the Export button"
