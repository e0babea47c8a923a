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
RISKS = "six-steps/risks.html"
THREATS = "six-steps/threats.html"
PLAN = "six-steps/security-plan.html"


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
    assert vault["kdf"]["iterations"] >= 600000 and vault["cipher"]["name"] == "AES-GCM"


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
        "other.json": (exported.replace('"risk-assessment"', '"incident-log"'), "another worksheet"),
        "newer.json": (exported.replace('"version": 1', '"version": 99'), "newer version"),
        "not-ours.json": ('{"hello": "world"}', "damaged or incomplete"),
        "unknown-field.json": (exported.replace('"what"', '"what_else"'), "do not fit"),
    }
    for name, (text, expected) in cases.items():
        import_text(tab, sheet, tmp_path, name, text)
        message.filter(has_text=expected).wait_for()
        assert sheet.locator('[name="risks.0.what"]').input_value() == "Arrest during a home search", f"{name} changed the answers"
    encrypted = export(tab, sheet, "export", PASSPHRASE).read_text(encoding="utf-8")
    data = json.loads(encrypted)
    data["sealed"]["data"] = data["sealed"]["data"][:-8] + "AAAAAAA="
    import_text(tab, sheet, tmp_path, "tampered.json", json.dumps(data))
    answer_dialog(tab, PASSPHRASE)
    tab.locator("dialog [role=alert]").filter(has_text="does not open").wait_for()
    tab.locator("dialog [data-action=cancel]").click()
    assert sheet.locator('[name="risks.0.what"]').input_value() == "Arrest during a home search"


def test_markup_in_an_imported_file_shows_as_text_and_never_runs(offline_tab: OfflineTab, tmp_path: Path):
    tab = offline_tab.open(RISKS)
    sheet = risk_sheet(tab)
    markup = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    file = {"format": "safer-working-environment/worksheet", "version": 1, "worksheet": "risk-assessment",
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
    tab.locator("a[href='threats.html']").last.click()
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
    for index, date in enumerate(["2026-03-01", "2026-01-02", "2026-03-20"]):
        if index:
            sheet.locator("[data-action=add-row]").click()
        sheet.locator(f'[name="incidents.{index}.what"]').fill(f"Incident {index + 1}")
        sheet.locator(f'[name="incidents.{index}.date"]').fill(date)
    assert sheet.locator("[data-cluster-warning]").count() == 0, "two incidents in 30 days were flagged"
    times = sheet.locator("[data-timeline] time")
    assert [times.nth(i).get_attribute("datetime") for i in range(times.count())] == ["2026-01-02", "2026-03-01", "2026-03-20"]
    assert times.all_inner_texts() == ["2 January 2026", "1 March 2026", "20 March 2026"]
    sheet.locator("[data-action=add-row]").click()
    sheet.locator('[name="incidents.3.date"]').fill("2026-03-10")
    warning = sheet.locator("[data-cluster-warning]")
    assert "3 incidents within 30 days" in warning.inner_text()
    assert warning.locator("a").get_attribute("href") == "security-plan.html"


def test_capacities_checklist_counts_per_group(offline_tab: OfflineTab):
    tab = offline_tab.open("examples.html")
    sheet = tab.locator('[data-worksheet="capacities-checklist"]')
    sheet.locator('[name="knowledge_1"]').check()
    sheet.locator('[name="knowledge_3"]').check()
    sheet.locator('[name="own.0.item"]').fill("A lawyer on call")
    sheet.locator('[name="own.0.group"]').select_option("knowledge")
    sheet.locator('[name="own.0.in_place"]').check()
    assert "3 of 5 in place" in sheet.locator('[data-count="knowledge"]').inner_text()


def test_emergency_contacts_take_entries_from_the_directory(offline_tab: OfflineTab):
    tab = offline_tab.open("directory.html")
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
    assert not tab.locator("#probability").is_visible(), "printing one worksheet also prints the page's text"
    assert risk_sheet(tab).locator('[name="risks.0.what"]').is_visible()


def test_every_worksheet_control_has_a_label(offline_tab: OfflineTab, built):
    pages = {"six-steps/risks.html", THREATS, PLAN, "six-steps/capacities.html", "upr.html", "directory.html", "examples.html"}
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
