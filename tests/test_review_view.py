"""A native Khmer speaker can review the translation offline: `make review` gives one page per
handbook page with English beside Khmer, block by block, the glossary terms highlighted and a
comment box per block; the comments leave as one CSV file a spreadsheet opens, come back in
with Load comments, and nothing is stored in the browser unless the reviewer exports."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import CHROMIUM, CHROMIUM_ARGS
from handbook import review
from handbook.settings import nav_pages
from handbook.review.blocks import read_page

MARKER = "REVIEW-COMMENT-7f3a9c ឃាត់ខ្លួន"


@pytest.fixture(scope="module")
def review_folder(built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make review` on the session's build, unzipped as a reviewer would."""
    target = review.build(dataclasses.replace(built, dist_dir=tmp_path_factory.mktemp("dist")))
    unpacked = tmp_path_factory.mktemp("reviewer")
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert all(name.startswith(target.name.removesuffix(".zip") + "/") for name in names), \
            "the review zip does not unpack into one folder"
        archive.extractall(unpacked)
    return unpacked / target.name.removesuffix(".zip")


class Rows(HTMLParser):
    """The review view's rows: page, key, glossary marks, and the text of each column."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pages: list[str] = []
        self.rows: list[dict] = []
        self.column: str | None = None
        self.depth = 0
        self.controls: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section" and "data-page" in attributes:
            self.pages.append(attributes["data-page"])
        if "data-key" in attributes:
            self.rows.append({"key": attributes["data-key"], "en": "", "km": "", "marks": {"en": [], "km": []}})
        classes = attributes.get("class") or ""
        if "rv-text--en" in classes or "rv-text--km" in classes:
            self.column, self.depth = ("en" if "--en" in classes else "km"), 0
        elif self.column:
            self.depth += 1
            if tag == "mark":
                self.rows[-1]["marks"][self.column].append(attributes.get("data-term"))
        if tag in {"textarea", "input", "select", "form"}:
            self.controls.append({"tag": tag, **attributes})

    def handle_endtag(self, tag):
        if self.column:
            if self.depth == 0:
                self.column = None
            else:
                self.depth -= 1

    def handle_data(self, data):
        if self.column:
            self.rows[-1][self.column] += data


@pytest.fixture(scope="module")
def view(review_folder: Path) -> Rows:
    parser = Rows()
    parser.feed((review_folder / "review.html").read_text(encoding="utf-8"))
    return parser


def test_review_view_has_every_page_with_english_and_khmer_side_by_side(view: Rows, built):
    assert view.pages == nav_pages(), "the review view does not hold every page in order"
    for page in view.pages:
        html = page[:-3] + ".html"
        _, english = read_page((built.site_dir / html).read_text(encoding="utf-8"))
        _, khmer = read_page((built.site_dir / "km" / html).read_text(encoding="utf-8"))
        rows = [row for row in view.rows if row["key"].startswith(page + "|")]
        assert len(rows) >= max(sum(len(s.blocks) for s in english), sum(len(s.blocks) for s in khmer)), \
            f"{page}: blocks of the page are missing from the review view"
    unpaired = [row["key"] for row in view.rows if not row["en"].strip() or not row["km"].strip()]
    assert len(unpaired) <= 3, f"English and Khmer blocks out of step (sections or block counts differ): {unpaired}"


def test_blocks_are_aligned_by_heading_id_and_order(view: Rows):
    rows = {row["key"]: row for row in view.rows}
    custody = rows["cards/arrest.md|time-limits|5"]
    assert "After 24 hours in custody" in custody["en"] and "ក្រោយ ២៤ ម៉ោងនៃការឃាត់ខ្លួន" in custody["km"], custody
    heading = rows["six-steps/threats.md|time-limits|1"]
    assert heading["en"].strip() == "Time limits" and heading["km"].strip() == "រយៈពេលកំណត់", heading


def test_glossary_terms_of_each_block_are_highlighted_in_both_languages(view: Rows):
    rows = {row["key"]: row for row in view.rows}
    custody = rows["cards/arrest.md|time-limits|5"]
    assert "police-custody" in custody["marks"]["en"] and "police-custody" in custody["marks"]["km"], custody["marks"]
    assert sum(bool(row["marks"]["km"]) for row in view.rows) > 300, "few Khmer glossary terms are highlighted"


def test_no_control_lets_the_browser_remember_what_the_reviewer_types(view: Rows):
    remembering = [control for control in view.controls if control.get("autocomplete") != "off"]
    assert not remembering, f"controls without autocomplete=off: {remembering[:3]}"
    assert sum(control["tag"] == "textarea" for control in view.controls) == len(view.rows), "a block has no comment box"


def open_view(browser: Browser, folder: Path, width: int = 1366, height: int = 768):
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "blob:"))
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((folder / "review.html").as_uri())
    return context, page, outside, errors


def test_comments_export_as_one_csv_a_spreadsheet_opens_and_load_back(browser: Browser, review_folder: Path,
                                                                     tmp_path: Path):
    context, page, outside, errors = open_view(browser, review_folder)
    page.select_option("#rv-page", value=page.locator('section[data-page="cards/arrest.md"]').get_attribute("id"))
    row = page.locator('[data-key="cards/arrest.md|time-limits|5"]')
    row.locator("textarea").fill(MARKER)
    card = page.locator('section[data-page="cards/arrest.md"]')
    card.locator("[data-page-checked]").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export comments").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.endswith(".csv")
    raw = saved.read_bytes()
    assert raw.startswith("\ufeff".encode()), "the CSV lacks the BOM spreadsheets need to read Khmer as UTF-8"
    records = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(records[0]) == review.CSV_COLUMNS
    comment = next(record for record in records if record["comment"])
    assert comment["page"] == "cards/arrest.md" and comment["section"] == "time-limits" and comment["row"] == "5"
    assert comment["comment"] == MARKER and "custody" in comment["english"] and "ឃាត់ខ្លួន" in comment["khmer"]
    assert "police-custody" in comment["glossary_terms"] and comment["page_checked"] == "yes"
    assert saved.name in page.locator("[data-status]").inner_text(), "the reviewer is not told where the comments went"
    context.close()

    context, page, outside_again, errors_again = open_view(browser, review_folder)
    page.locator("input[data-action=load]").set_input_files(str(saved))
    page.locator("[data-status]").filter(has_text=saved.name).wait_for()
    page.select_option("#rv-page", value=page.locator('section[data-page="cards/arrest.md"]').get_attribute("id"))
    assert page.locator('[data-key="cards/arrest.md|time-limits|5"] textarea').input_value() == MARKER
    assert page.locator('section[data-page="cards/arrest.md"] [data-page-checked]').is_checked()
    broken = tmp_path / "broken.csv"
    broken.write_text('"page","section"\n"x', encoding="utf-8")
    page.locator("input[data-action=load]").set_input_files(str(broken))
    page.locator("[data-status]").filter(has_text="cannot be read").wait_for()
    assert page.locator('[data-key="cards/arrest.md|time-limits|5"] textarea').input_value() == MARKER, \
        "a broken file changed the comments"
    assert not page.evaluate("() => localStorage.length + sessionStorage.length"), "the view stored something"
    context.close()
    assert outside + outside_again == [] and errors + errors_again == []


def test_what_the_reviewer_types_is_not_written_to_the_browser_profile(browser: Browser, review_folder: Path,
                                                                     tmp_path: Path):
    """The real threat: a reviewer types comments, leaves without exporting and closes the
    browser; nothing they typed may be in the profile's files."""
    profile = tmp_path / "profile"
    context = browser.browser_type.launch_persistent_context(str(profile), executable_path=CHROMIUM,
                                                             args=CHROMIUM_ARGS)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto((review_folder / "review.html").as_uri())
    page.locator("textarea").first.fill(MARKER)
    page.locator("textarea").nth(1).type(MARKER)
    page.goto("about:blank")
    page.go_back()
    page.wait_for_load_state("load")
    assert page.locator("textarea").first.input_value() == "", "the browser restored a comment from history"
    context.close()
    needles = [MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), MARKER.split()[0].encode("utf-8")]
    found = [path.relative_to(profile).as_posix() for path in profile.rglob("*") if path.is_file()
             and any(needle in path.read_bytes() for needle in needles)]
    shutil.rmtree(profile, ignore_errors=True)
    assert not found, f"the comment typed in the review view was written to the browser profile: {found}"


@pytest.mark.parametrize("width, height", [(1366, 768), (360, 740)])
def test_review_view_fits_the_screen(browser: Browser, review_folder: Path, width, height):
    context, page, outside, errors = open_view(browser, review_folder, width, height)
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    columns = page.evaluate("""() => getComputedStyle(document.querySelector('.rv-row')).gridTemplateColumns.split(' ').length""")
    context.close()
    assert scroll <= width, f"at {width}px the review view scrolls sideways ({scroll}px wide)"
    assert columns == (3 if width > 800 else 1), f"at {width}px the rows have {columns} columns"
    assert outside == [] and errors == []


def test_review_view_shows_khmer_in_the_handbooks_own_font(browser: Browser, review_folder: Path):
    """The review view links the handbook's fonts.css and ships its font files: Khmer text is set
    in the bundled Noto Sans Khmer, not in whatever the reviewer's computer has."""
    context, page, outside, errors = open_view(browser, review_folder)
    loaded = page.evaluate("""() => document.fonts.ready.then(() => [...document.fonts]
        .filter((face) => face.status === "loaded").map((face) => `${face.family.replaceAll('"', "")} ${face.weight} ${face.unicodeRange}`))""")
    context.close()
    assert any(face.startswith("Noto Sans Khmer 400") and "U+1780-17FF" in face.upper() for face in loaded), \
        f"the review view's Khmer text is not set in the bundled font (faces loaded: {loaded})"
    assert outside == [] and errors == []
