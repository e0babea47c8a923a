"""What worksheets show from their answers: the risk matrix, the incident timeline and its
warning, the capacity counts, the emergency contacts from the directory; and the worksheet
scripts' pure parts (tests/js, run by Node)."""

from __future__ import annotations

import subprocess

from conftest import OfflineTab
from handbook.settings import ROOT
from workbook import RISKS, THREATS, WORKBOOK, fill_risk, risk_sheet


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


def test_pure_parts_pass_their_node_tests():
    result = subprocess.run(["node", "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
