"""Worksheet forms: a chapter shows its worksheet to read and opens the workbook at it; every
control has a label; printing shows the answers without the page around them, long ones whole;
a bad declaration stops the build naming the file and the line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import OfflineTab
from pdfs import pdftotext
from project import build, write
from workbook import DECLARATION, RISKS, WORKBOOK, fill_risk, risk_sheet


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
    assert tab.locator("#risk-assessment-title").is_visible(), "the printed worksheet does not say which worksheet it is"


@pytest.mark.parametrize("language", ["", "km/"], ids=["en", "km"])
def test_a_long_answer_prints_whole_from_the_browser(offline_tab: OfflineTab, tmp_path: Path, language: str):
    """Ctrl+P on the workbook: a text area holds on paper all that was typed in it, not the three
    lines it shows on screen."""
    tab = offline_tab.open(f"{language}{WORKBOOK}")
    notes = risk_sheet(tab).locator('[name="risks.0.notes"]')
    notes.fill(" ".join(f"Long note {number}." for number in range(1, 41)))
    printed = tmp_path / "workbook.pdf"
    printed.write_bytes(tab.pdf(format="A4"))  # Chromium fires beforeprint and afterprint, as for Ctrl+P
    text = " ".join(pdftotext(printed).split())
    missing = [number for number in range(1, 41) if f"Long note {number}." not in text]
    assert not missing, f"the printed workbook cuts the notes off: notes {missing[:5]}… of 40 are not on paper"
    assert tab.locator(".hb-ws__printed-text").count() == 0, "the paper copy of the answers stays in the page"
    assert notes.is_visible(), "after printing, the notes field is gone from the screen"
    assert offline_tab.console_errors == []


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
