"""A mistake in the data files (docs/directory.yml, docs/abbreviations.yml) or in the settings of
mkdocs.yml stops the build at its start, naming the file, the line or the option, and what to
write; a page that would load anything from the internet stops it too, and so does a print page
when the PDF stage prints it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from handbook.print_pages import HANDBOOK_PAGE
from handbook.settings import ROOT
from project import build, configure, edit, line_of, mistake_stops_the_build, write


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ('        phones: ["017 50 50 50"]\n', "", "id: cchr", "'cchr' lacks 'phones'"),
    ("      - id: adhoc\n", "      - id: cchr\n", "id: cchr\n        name: {en: \"Cambodian Human Rights and",
     "the id 'cchr' is used twice"),
    ('["017 50 50 50"]', '["017 50 50 50", "ask at the office"]', '["017 50 50 50", "ask',
     "'ask at the office' is not a number a phone can dial"),
    ('        checked: ""\n', "        checked: last year\n", "checked: last year", "'checked' must be the date"),
], ids=["missing-field", "duplicate-id", "not-a-number", "not-a-date"])
def test_a_mistake_in_the_directory_stops_the_build_naming_its_line(project: Path, old, new, needle, message):
    mistake_stops_the_build(project, "directory.yml", old, new, needle, message)


def test_abbreviations_are_explained_in_the_language_of_the_page(project: Path):
    write(project, "en/index.md", "---\ntitle: Home\nsources: [ohchr-guidelines]\n---\n\n# Home\n\nEvery HRD.\n")
    (project / "docs" / "km" / "index.md").write_text(
        "---\ntitle: ទំព័រដើម\nsources: [ohchr-guidelines]\nreview: draft\n---\n\n# ទំព័រដើម\n\nHRD ទាំងអស់។\n",
        encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr[-1500:]
    english = (project / "site" / "index.html").read_text(encoding="utf-8")
    khmer = (project / "site" / "km" / "index.html").read_text(encoding="utf-8").replace("\u200b", "")
    assert '<abbr title="human rights defender">HRD</abbr>' in english, "HRD is not explained on the English page"
    assert '<abbr title="អ្នកការពារសិទ្ធិមនុស្ស">HRD</abbr>' in khmer, "HRD is not explained in Khmer on the Khmer page"


def test_an_abbreviation_without_an_english_meaning_stops_the_build(project: Path):
    abbreviations = project / "docs" / "abbreviations.yml"
    edit(abbreviations, "HRD:\n  en: human rights defender\n", "HRD:\n  en: \"\"\n")
    result = build(project)
    assert result.returncode != 0, "an abbreviation with no meaning was published"
    assert f"abbreviations.yml:{line_of(abbreviations, 'HRD:')}: 'HRD' has no meaning in 'en'" in result.stderr, \
        result.stderr[-1500:]


@pytest.mark.parametrize(("extra", "message"), [
    ({"projector": {"font_scale": "big"}},
     "extra.projector.font_scale must be a number from 1.2 to 3.0 (how many times larger text is on a projector"),
    ({"offline_app": {"icon_sizes": [64]}}, "extra.offline_app.icon_sizes must be a list of sizes in pixels"),
    ({"translations": {"strict": "sometimes"}}, "extra.translations.strict must be true or false"),
    ({"translations": {"strict": False, "stict": True}}, "extra.translations.stict is not an option of extra.translations"),
    ({"handbook": {"date": "26 November"}}, "extra.handbook.date must be a date written YYYY-MM-DD"),
    ({"worksheets": {"pbkdf2_iterations": "600k"}},
     "extra.worksheets.pbkdf2_iterations must be a whole number from 600,000 to 2,000,000"),
    ({"worksheets": {"incident_cluster": {"count": 1, "days": 30}}},
     "extra.worksheets.incident_cluster must be {count: <2 or more>, days: <1 or more>}"),
], ids=["font-scale", "icon-sizes", "strict", "unknown-option", "edition-date", "iterations", "incident-cluster"])
def test_a_wrong_setting_stops_the_build_naming_the_option_and_the_fix(project: Path, extra: dict, message: str):
    configure(project, **{"translations": {"strict": False}, **extra})
    result = build(project)
    assert result.returncode != 0, f"a build with {extra} went ahead"
    assert "mkdocs.yml: " + message in result.stderr, result.stderr[-1500:]


@pytest.mark.parametrize("markup", ['<img src="https://example.org/tracker.png" alt="">',
                                    '<div style="background: url(https://example.org/tracker.png)"></div>',
                                    '<style>p { background: url("https://example.org/tracker.png") }</style>'],
                         ids=["image", "style-attribute", "style-element"])
def test_a_page_that_would_load_from_the_internet_stops_the_build(project: Path, markup: str):
    write(project, "en/index.md", "---\ntitle: Home\nsources: [ohchr-guidelines]\n---\n\n# Home\n\n"
          f"{markup}\n")
    result = build(project)
    assert result.returncode != 0, f"a page that loads from the internet ({markup}) was published"
    assert "The site would load files from the internet" in result.stderr, result.stderr[-1500:]
    assert "index.html" in result.stderr and "https://example.org/tracker.png" in result.stderr


def test_a_print_page_that_would_load_from_the_internet_stops_the_pdf_stage(tmp_path: Path):
    """The print pages are no part of the bundle (hooks/offline.py leaves them to the PDF stage):
    handbook/pdf.py opens each in this tab, which refuses and reports any request outside site/."""
    page = tmp_path / HANDBOOK_PAGE.format(language="en")
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>Print</title></head><body><h1>Handbook</h1>'
                    '<img src="https://example.org/tracker.png" alt=""></body></html>', encoding="utf-8")
    opening = "import sys; from pathlib import Path; from handbook import chromium; chromium.open_offline(Path(sys.argv[1]))"
    result = subprocess.run([sys.executable, "-c", opening, str(page)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0, "a print page that loads from the internet was printed"
    assert "tried to load https://example.org/tracker.png" in result.stderr, result.stderr[-1500:]
