"""Worksheet files: an export (encrypted or plain) imports back, in either language; a bad,
tampered or hostile file gives a message and changes nothing; an import over answers asks first
and can be undone; messages show next to the button that caused them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import OfflineTab
from workbook import PASSPHRASE, RISKS, WORKBOOK, answer_dialog, export, fill_risk, import_text, risk_sheet


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


def test_bad_files_give_a_message_and_change_nothing(offline_tab: OfflineTab, tmp_path: Path):
    tab = offline_tab.open(RISKS)
    fill_risk(tab)
    sheet = risk_sheet(tab)
    exported = export(tab, sheet, "export-plain", None).read_text(encoding="utf-8")
    message = sheet.locator("[data-message]")
    cases = {
        "truncated.json": (exported[: len(exported) // 2], "damaged or incomplete"),
        "other.json": (exported.replace('"risk-assessment"', '"incident-log"'),  # all worksheets are on this page
                       'another worksheet (Worksheet: your security incident book): import it there, with its "Import from a file"'),
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
