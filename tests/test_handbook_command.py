"""`python -m handbook` as a team runs it: `build` without PDFs when HANDBOOK_PDF says so (0 or
false, read the one way MkDocs reads it for the pages too), and `stamp`, which records the
English version a translation follows."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from handbook import settings, stamps
from handbook.interface import strings
from pagetext import article_text
from project import build, write


def handbook(project: Path, *arguments: str, **environment: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **environment)
    return subprocess.run([sys.executable, "-m", "handbook", *arguments, "--config-file", str(project / "mkdocs.yml")],
                          cwd=project, capture_output=True, text=True, env=env)


@pytest.mark.parametrize("value", ["0", "false"])
def test_a_build_without_pdfs_prints_none_ships_none_and_links_none(project: Path, value: str, monkeypatch):
    result = handbook(project, "build", HANDBOOK_PDF=value)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    monkeypatch.setenv("HANDBOOK_PDF", value)
    config = settings.load(project)
    assert not config.pdfs_enabled, f"HANDBOOK_PDF={value} reads as 'print the PDFs'"
    assert "PDFs skipped" in result.stdout, f"HANDBOOK_PDF={value}: the build did not skip the PDFs"
    assert not list((project / "dist").glob("*.pdf")), f"HANDBOOK_PDF={value}: PDFs were printed anyway"
    with zipfile.ZipFile(config.zip_path) as bundle:
        names = bundle.namelist()
        readme = bundle.read(f"{config.folder}/README.txt").decode("utf-8")
    assert not [name for name in names if name.endswith(".pdf")], f"HANDBOOK_PDF={value}: the zip holds PDFs"
    for language in config.languages:
        assert strings(config.mkdocs, language)["bundle_readme_no_pdfs"].strip() in readme, \
            f"HANDBOOK_PDF={value}: the zip's README does not say the PDFs are missing ({language})"
        assert strings(config.mkdocs, language)["download_pdf"] not in (project / "site" / (
            "index.html" if language == config.languages[0] else f"{language}/index.html")).read_text(encoding="utf-8"), \
            f"HANDBOOK_PDF={value}: the {language} pages offer a PDF that is not there"


def test_a_pdf_setting_that_is_neither_true_nor_false_stops_the_build(project: Path):
    result = handbook(project, "build", HANDBOOK_PDF="maybe")
    assert result.returncode != 0, "HANDBOOK_PDF=maybe built something"
    assert "mkdocs.yml: extra.pdf.enabled must be true or false (or 1 or 0)" in result.stderr, result.stderr[-1500:]
    assert not (project / "dist").exists(), "a wrong HANDBOOK_PDF left a bundle behind"


def test_stamp_records_the_english_version_and_the_outdated_notice_goes(project: Path):
    english = "---\ntitle: Home\nsources: [ohchr-guidelines]\n---\n\n# Home\n\nThe English page, changed.\n"
    write(project, "en/index.md", english)
    translated = project / "docs" / "km" / "index.md"
    translated.write_text(translated.read_text(encoding="utf-8").replace("review: draft\n", "review: draft\ntranslates: 0123456789ab\n"),
                          encoding="utf-8")
    assert build(project).returncode == 0
    khmer = strings(settings.load(project).mkdocs, "km")
    page = _words(article_text(project / "site" / "km" / "index.html"))
    assert _words(khmer["outdated_notice"]) in page, "a translation of an older English page does not say so"
    assert _words(khmer["draft_notice"]) in page, "a translation no native speaker has reviewed does not say so"

    result = handbook(project, "stamp", str(translated))
    assert result.returncode == 0, result.stderr
    version = stamps.source_hash(project / "docs" / "en" / "index.md")
    assert f'translates: "{version}"' in translated.read_text(encoding="utf-8").split("---")[1], \
        "stamp did not record the English page's version in the front matter"
    assert translated.read_text(encoding="utf-8").count("translates:") == 1, "stamp added a second stamp"
    assert build(project).returncode == 0
    assert _words(khmer["outdated_notice"]) not in _words(article_text(project / "site" / "km" / "index.html")), \
        "the page still says it is outdated after stamp"


def test_stamp_refuses_an_english_page(project: Path):
    result = handbook(project, "stamp", str(project / "docs" / "en" / "index.md"))
    assert result.returncode != 0
    assert "not a translated page" in result.stderr, result.stderr


def _words(text: str) -> str:
    return " ".join(text.replace("\u200b", "").split())
