"""Dates in the worksheets, as a reader types them on the workbook page over file://: day/month/year
in both languages (Khmer digits on Khmer pages, either digit set accepted), never the browser's
mm/dd/yyyy; kept, exported and imported as the same ISO dates (yyyy-mm-dd) as before, so kept
answers, files and the incident timeline work unchanged; a date that does not exist gets a
message in the page's language and loses nothing; the blank worksheet pack prints the format."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import OfflineTab
from handbook.settings import ROOT
from page_checks import SMALL_KHMER, SMALLEST, axe_problems
from project import build, write
from pdfs import pdftotext, squeeze, worksheet_schemas
from workbook import DECLARATION, WORKBOOK, export, keep, unlock, visible_toolbar

ZWSP = "\u200b"
PLAN = '[data-worksheet="security-plan"]'
INCIDENTS = '[data-worksheet="incident-log"]'
STRINGS = yaml.safe_load((ROOT / "docs" / "interface.yml").read_text(encoding="utf-8"))


def type_date(field, text: str) -> None:
    """Types into a date field as a person does, and leaves it (Tab)."""
    field.click()
    field.press("Control+A")
    field.press_sequentially(text)
    field.press("Tab")


def words(field) -> str:
    """What the page writes under a date field: the date in words, or why it is not a date."""
    return field.evaluate("""(control) => (control.getAttribute("aria-describedby") || "").split(" ")
        .map((id) => document.getElementById(id)).filter((node) => node && node.dataset.datePart !== "format")
        .map((node) => node.textContent).join(" ").trim()""").replace(ZWSP, "")


def test_a_date_typed_on_the_english_workbook_shows_as_day_month_year(offline_tab: OfflineTab):
    tab = offline_tab.open(WORKBOOK)
    field = tab.locator(f'{PLAN} [name="date"]')
    assert field.get_attribute("type") == "text", "the date is a native date input, which shows the browser's mm/dd/yyyy"
    assert field.get_attribute("autocomplete") == "off", "what is typed in a date could reach the browser's form state"
    assert field.evaluate("(control) => control.labels.length") == 1
    hint = tab.locator(f'#{field.get_attribute("id")}-format')
    assert field.get_attribute("id") + "-format" in field.get_attribute("aria-describedby").split()
    assert hint.inner_text() == "Day/month/year, for example 27/11/2018", f"the format hint reads {hint.inner_text()!r}"
    type_date(field, "27/11/2018")
    assert field.input_value() == "27/11/2018"
    assert words(field) == "27 November 2018", f"under the date: {words(field)!r}"
    type_date(field, "3.4.2025")
    assert field.input_value() == "03/04/2025", "the date is not written back as dd/mm/yyyy"
    assert words(field) == "3 April 2025", "3.4.2025 is not read day first"
    type_date(field, "២៧/១១/២០១៨")
    assert field.input_value() == "27/11/2018", "Khmer digits typed on the English page are not read"
    assert field.get_attribute("aria-invalid") is None
    assert offline_tab.console_errors == []


def test_a_date_typed_on_the_khmer_workbook_shows_in_khmer_digits(offline_tab: OfflineTab):
    tab = offline_tab.open(f"km/{WORKBOOK}")
    field = tab.locator(f'{PLAN} [name="date"]')
    hint = tab.locator(f'#{field.get_attribute("id")}-format').inner_text().replace(ZWSP, "")
    assert hint == STRINGS["km"]["ws_date_hint"].format(example="២៧/១១/២០១៨"), f"the Khmer format hint reads {hint!r}"
    assert not re.search(r"[0-9]|mm|dd|yyyy", hint)
    type_date(field, "27/11/2018")
    assert field.input_value() == "២៧/១១/២០១៨", f"ASCII digits typed on the Khmer page show as {field.input_value()!r}"
    assert words(field) == "ថ្ងៃទី២៧ ខែវិច្ឆិកា ឆ្នាំ២០១៨", f"under the date: {words(field)!r}"
    type_date(field, "៣/៤/២០២៥")
    assert field.input_value() == "០៣/០៤/២០២៥"
    assert words(field) == "ថ្ងៃទី៣ ខែមេសា ឆ្នាំ២០២៥", "Khmer digits are not read day first"
    assert offline_tab.console_errors == []


@pytest.mark.parametrize("language", ["en", "km"])
def test_kept_dates_come_back_after_reload_and_unlock(offline_tab: OfflineTab, language):
    prefix = "" if language == "en" else "km/"
    tab = offline_tab.open(prefix + WORKBOOK)
    plan = tab.locator(PLAN)
    type_date(plan.locator('[name="date"]'), "01/02/2024")
    type_date(plan.locator('[name="next_review"]'), "29/02/2024")
    incident = tab.locator(f'{INCIDENTS} [name="incidents.0.date"]')
    type_date(incident, "31/12/2023")
    keep(tab)
    tab.reload()
    assert plan.locator('[name="date"]').input_value() == "", "a reload shows the kept date without unlocking"
    unlock(tab)
    shown = [plan.locator('[name="date"]').input_value(), plan.locator('[name="next_review"]').input_value(), incident.input_value()]
    expected = ["01/02/2024", "29/02/2024", "31/12/2023"]
    if language == "km":
        expected = [text.translate(str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")) for text in expected]
    assert shown == expected, f"after unlocking, the dates read {shown}"
    # Kept and exported as before: ISO dates, whatever the page's language.
    answers = json.loads(export(tab, plan, "export-plain", None).read_text(encoding="utf-8"))["answers"]
    assert (answers["fields"]["date"], answers["fields"]["next_review"]) == ("2024-02-01", "2024-02-29")
    assert offline_tab.console_errors == []


def test_an_imported_file_with_iso_dates_shows_them_day_first(offline_tab: OfflineTab, tmp_path: Path):
    """Files exported before the date field changed hold ISO dates: they open as they did. A date
    not on the calendar (an edited file) shows as it is, with its message, and stays as it was."""
    file = tmp_path / "security-plan.json"
    file.write_text(json.dumps({"format": "safer-working-environment/worksheet", "version": 2, "worksheet": "security-plan",
                                "encrypted": False, "answers": {"fields": {"version": "3", "date": "2018-11-27", "next_review": "2023-02-29"},
                                                                "rows": {"actions": [{"by_when": "2019-01-05"}]}}}))
    for page, expected in ((WORKBOOK, ("27/11/2018", "05/01/2019")), (f"km/{WORKBOOK}", ("២៧/១១/២០១៨", "០៥/០១/២០១៩"))):
        tab = offline_tab.open(page)
        plan = tab.locator(PLAN)
        plan.locator("input[type=file][data-action=import]").set_input_files(str(file))
        tab.wait_for_function(f"() => document.querySelector('{PLAN} [name=version]').value === '3'")
        assert (plan.locator('[name="date"]').input_value(), plan.locator('[name="actions.0.by_when"]').input_value()) == expected
        review = plan.locator('[name="next_review"]')
        assert review.input_value() == "2023-02-29" and review.get_attribute("aria-invalid") == "true"
        language = "km" if page.startswith("km/") else "en"
        assert "28" in words(review).translate(str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")), f"the message reads {words(review)!r}"
        plan.locator('[name="version"]').fill("4")
        answers = tab.evaluate(f"() => window.hbWorksheets.form.readAnswers({{root: document.querySelector('{PLAN}'), "
                               f"schema: window.hbWorksheets.form.schemaOf(document.querySelector('{PLAN}'))}})")
        assert answers["fields"]["next_review"] == "2023-02-29", f"{language}: the imported date changed to {answers['fields']['next_review']!r}"
    assert offline_tab.console_errors == []


@pytest.mark.parametrize("language", ["en", "km"])
def test_the_incident_timeline_orders_dates_typed_day_first(offline_tab: OfflineTab, language):
    tab = offline_tab.open(("" if language == "en" else "km/") + WORKBOOK)
    sheet = tab.locator(INCIDENTS)
    for index, date in enumerate(["01/03/2026", "02/01/2026", "20/03/2026"]):
        if index:
            sheet.locator("[data-action=add-row]").click()
        sheet.locator(f'[name="incidents.{index}.what"]').fill(f"Incident {index + 1}")
        type_date(sheet.locator(f'[name="incidents.{index}.date"]'), date)
    times = sheet.locator("[data-timeline] time")
    assert [times.nth(i).get_attribute("datetime") for i in range(times.count())] == ["2026-01-02", "2026-03-01", "2026-03-20"]
    texts = [text.replace(ZWSP, "") for text in times.all_inner_texts()]
    if language == "en":
        assert texts == ["2 January 2026", "1 March 2026", "20 March 2026"]
    else:
        assert texts == ["ថ្ងៃទី២ ខែមករា ឆ្នាំ២០២៦", "ថ្ងៃទី១ ខែមីនា ឆ្នាំ២០២៦", "ថ្ងៃទី២០ ខែមីនា ឆ្នាំ២០២៦"], texts


@pytest.mark.parametrize("language", ["en", "km"])
def test_a_date_that_does_not_exist_gets_a_message_and_loses_nothing(offline_tab: OfflineTab, language):
    tab = offline_tab.open(("" if language == "en" else "km/") + WORKBOOK)
    text = STRINGS[language]
    plan = tab.locator(PLAN)
    plan.locator('[name="version"]').fill("Version 4")
    field = plan.locator('[name="date"]')
    type_date(field, "27/11/2018")
    keep(tab)

    type_date(field, "31/02/2024")
    error = tab.locator(f'#{field.get_attribute("id")}-error')
    month = text["months"][1]
    days = "29" if language == "en" else "២៩"
    year = "2024" if language == "en" else "២០២៤"
    expected = text["ws_date_impossible"].format(month=month, year=year, days=days)
    assert error.inner_text().replace(ZWSP, "") == expected, f"the message reads {error.inner_text()!r}"
    assert error.is_visible()
    assert error.get_attribute("aria-live") == "polite", "screen readers are not told"
    assert field.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") in field.get_attribute("aria-describedby").split()
    assert field.input_value() == "31/02/2024", "the typed text was removed"
    assert plan.locator('[name="version"]').input_value() == "Version 4", "another answer was lost"
    tab.wait_for_function(f"""(expected) => document.querySelector('{PLAN} [data-message]').textContent
        .replaceAll('{ZWSP}', '') === expected""", arg=text["ws_date_not_kept"])  # saved while unlocked: the page says what was not

    type_date(field, "soon")
    example = "27/11/2018" if language == "en" else "២៧/១១/២០១៨"
    assert error.inner_text().replace(ZWSP, "") == text["ws_date_invalid"].format(example=example)
    assert field.input_value() == "soon"

    # Exporting now would write the date from before: the page says so instead.
    plan.locator("[data-action=export-plain]").click()
    assert plan.locator("[data-message]").inner_text().replace(ZWSP, "") == text["ws_date_fix_first"]
    assert tab.locator("dialog").count() == 0
    assert tab.evaluate("document.activeElement.name") == "date", "the export did not lead to the date to correct"

    # What was kept stays kept: the date from before, and the other answers.
    tab.wait_for_timeout(800)
    tab.reload()
    unlock(tab)
    kept = "27/11/2018" if language == "en" else "២៧/១១/២០១៨"
    assert field.input_value() == kept, "a date typed wrong replaced the kept date"
    assert plan.locator('[name="version"]').input_value() == "Version 4"

    # Corrected, the message goes and the new date is kept.
    type_date(field, "29/02/2024")
    assert error.inner_text() == "" and not error.is_visible()
    assert field.get_attribute("aria-invalid") is None
    assert offline_tab.console_errors == []


@pytest.mark.parametrize("language", ["en", "km"])
def test_answers_are_not_kept_while_a_date_cannot_be_read(offline_tab: OfflineTab, language):
    """Keep would keep the date the field held before (none here), not the text typed there, and
    say the answers were kept: it says what to correct instead, and keeps once it is corrected."""
    tab = offline_tab.open(("" if language == "en" else "km/") + WORKBOOK)
    text = STRINGS[language]
    tab.locator(f'{INCIDENTS} [name="incidents.0.what"]').fill("Followed home after the meeting")
    incident = tab.locator(f'{INCIDENTS} [name="incidents.0.date"]')
    type_date(incident, "31/02/2024")
    tab.locator("[data-action=keep]").click()
    state = tab.locator("[data-worksheet-toolbar] [data-state]")
    assert state.inner_text().replace(ZWSP, "") == text["ws_date_fix_keep"], \
        f"Keep with a date that cannot be read says {state.inner_text()!r}, not what to correct"
    assert tab.locator("dialog").count() == 0, "Keep asked for a passphrase although the date typed would be lost"
    assert tab.evaluate("document.activeElement.name") == "incidents.0.date", "Keep did not lead to the date to correct"
    assert visible_toolbar(tab) == {"keep"}, "the answers were kept with the date typed lost"

    type_date(incident, "29/02/2024")
    keep(tab)
    tab.reload()
    unlock(tab)
    expected = "29/02/2024" if language == "en" else "២៩/០២/២០២៤"
    assert incident.input_value() == expected, f"after Keep, reload and Unlock the incident's date reads {incident.input_value()!r}"
    assert offline_tab.console_errors == []


@pytest.mark.skipif(os.environ.get("HANDBOOK_PDF") == "0", reason="built without PDFs (HANDBOOK_PDF=0)")
def test_the_blank_worksheet_pack_prints_each_date_as_a_blank_with_its_format(built):
    for language in built.languages:
        path = built.pdf_path(language, "worksheets")
        text = "".join(squeeze(pdftotext(path, number)) for number in range(1, len(PdfReader(path).pages) + 1))
        hint = squeeze(STRINGS[language]["ws_date_hint"].split("{example}")[0])
        schemas = worksheet_schemas(built, language)
        # Every date field of every worksheet, once at least (a list's rows print it once per row).
        dates = sum(field["type"] == "date" for schema in schemas for part in schema["parts"] for field in part["fields"])
        assert text.count(hint) >= dates > 0, f"{path.name}: {text.count(hint)} date formats printed for {dates} date fields"
        assert not re.search(r"mm/dd/yyyy|dd/mm/yyyy|yyyy", text, re.IGNORECASE), f"{path.name} prints a browser's date control"


def dates_typed(browser, bundle_dir: Path, language: str, **options):
    """The workbook in `language` with a date typed right and one that does not exist."""
    context = browser.new_context(**options)
    tab = context.new_page()
    tab.goto((bundle_dir / ("" if language == "en" else language) / WORKBOOK).as_uri())
    plan = tab.locator(PLAN)
    type_date(plan.locator('[name="date"]'), "27/11/2018")
    type_date(plan.locator('[name="next_review"]'), "31/02/2024")
    return context, tab


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "km"])
def test_date_fields_with_their_message_pass_axe(browser, bundle_dir: Path, language, scheme):
    context, tab = dates_typed(browser, bundle_dir, language, viewport={"width": 360, "height": 740}, color_scheme=scheme)
    tab.evaluate("(form) => { for (const other of document.querySelectorAll('form[data-worksheet]')) if (other !== form) other.remove(); }",
                 tab.locator(PLAN).element_handle())
    problems = axe_problems(tab)
    context.close()
    assert not problems, f"{language}, {scheme}: " + "\n".join(problems)


@pytest.mark.parametrize("width", [360, 1366])
def test_khmer_date_hints_and_messages_are_not_smaller_than_15_px(browser, bundle_dir: Path, width):
    context, tab = dates_typed(browser, bundle_dir, "km", viewport={"width": width, "height": 740})
    shown = tab.locator(f"{PLAN} [data-date-part]:not(:empty)").count()
    small = tab.evaluate(SMALL_KHMER, SMALLEST)
    context.close()
    assert shown == 5, f"{shown} hints and messages show, not 5 (three dates' formats, one date in words, one error)"
    assert not small, f"at {width} px, Khmer date hints or messages below {SMALLEST} px: {small[:6]}"

def test_a_date_hint_without_its_example_fails_the_build(project: Path):  # noqa: F811
    interface = project / "docs" / "interface.yml"
    hint = STRINGS["en"]["ws_date_hint"]
    interface.write_text(interface.read_text(encoding="utf-8").replace(hint, "Day/month/year"), encoding="utf-8")
    write(project, "en/index.md", DECLARATION.format(id="security-plan", extra="      - {name: when, label: When, type: date}"))
    result = build(project)
    assert result.returncode != 0, "a date hint without its example was published"
    assert "ws_date_hint must hold {example} once" in result.stderr, result.stderr[-1500:]
