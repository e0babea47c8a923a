"""A content mistake stops the build with the file, the line and what is wrong, and a missing
translation shows the English page under a notice (or fails, when translations are strict)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.settings import ROOT

SAMPLE_DOCS = Path(__file__).parent / "data" / "minimal-docs"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return sample_project(tmp_path)


def sample_project(folder: Path) -> Path:
    """A copy of the handbook's configuration, hooks and theme around a two-page sample site."""
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copytree(SAMPLE_DOCS, folder / "docs")
    for data_file in (ROOT / "docs").glob("*.yml"):
        shutil.copy(data_file, folder / "docs")
    # The sample leaves pages untranslated on purpose; tests that want strict turn it on.
    configure(folder, translations={"strict": False})
    return folder


def configure(project: Path, *, hooks: list[str] | None = None, **extra: dict) -> None:
    """The project's mkdocs.yml: the handbook's own (MkDocs' INHERIT, relative paths resolved in
    the project), with the sample's nav, the given sections of `extra` and `hooks` changed."""
    child = {"INHERIT": str(ROOT / "mkdocs.yml"), "nav": ["index.md", "about.md"], "extra": extra}
    if hooks is not None:
        child["hooks"] = hooks
    (project / "mkdocs.yml").write_text(json.dumps(child, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def write(project: Path, relative: str, text: str) -> None:
    (project / "docs" / relative).write_text(text, encoding="utf-8")


def test_sample_site_builds(project: Path):
    result = build(project)
    assert result.returncode == 0, result.stderr


def test_broken_link_fails_build_with_file_and_line(project: Path):
    write(project, "en/about.md", "---\ntitle: About\nsources: [ohchr-guidelines]\n---\n\n# About\n\n"
          "## Translations {#translations}\n\nSee [the plan](no-such-page.md).\n")
    result = build(project)
    assert result.returncode != 0, "a link to a page that does not exist was published"
    assert "en/about.md:10: the link 'no-such-page.md' points to a page that does not exist" in result.stderr


def test_broken_anchor_fails_build(project: Path):
    write(project, "en/index.md", "---\ntitle: Home\nsources: [ohchr-guidelines]\n---\n\n# Home\n\n"
          "[about](about.md#nowhere)\n")
    result = build(project)
    assert result.returncode != 0, "a link to a missing anchor was published"
    assert "nowhere" in result.stderr and "en/index.md" in result.stderr


def test_page_missing_from_nav_fails_build(project: Path):
    write(project, "en/orphan.md", "---\ntitle: Orphan\nsources: [ohchr-guidelines]\n---\n\n# Orphan\n")
    result = build(project)
    assert result.returncode != 0, "a page no reader can reach from the navigation was published"
    assert "orphan.md" in result.stderr


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("title: About\nsources: [ohchr-guidelines\n", "en/about.md:3: the front matter is not valid YAML"),
        ("title: About\nsources: [ohchr-guidelines]\nauthor: me\n", "en/about.md:4: unknown front-matter field 'author'"),
        ("title: About\nsources: [my-notes]\n", "en/about.md:3: unknown source 'my-notes'"),
        ("title: About\n", "en/about.md:1: 'sources' must list"),
    ],
)
def test_invalid_front_matter_fails_build_with_file_and_line(project: Path, front_matter: str, message: str):
    write(project, "en/about.md", f"---\n{front_matter}---\n\n# About\n\n## Translations {{#translations}}\n")
    result = build(project)
    assert result.returncode != 0, "a page with broken front matter was published"
    assert message in result.stderr, result.stderr[-2000:]


def test_missing_translation_shows_english_under_notice(project: Path):
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "km/about.md: missing" in result.stderr, "the build does not report the missing translation"
    # Without the U+200B that hooks/khmer.py puts between Khmer words.
    # The Khmer hook puts U+200B between words; the reader sees the words without it.
    page = (project / "site" / "km" / "about.html").read_text(encoding="utf-8").replace("\u200b", "").replace("\u200b", "")
    assert 'lang="km"' in page.split("<html", 1)[1].split(">", 1)[0], "the Khmer page is not marked as Khmer"
    assert "មិនទាន់បានបកប្រែ" in page, "the Khmer reader is not told the page is in English"
    assert '<div lang="en">' in page, "the English text on the Khmer site is not marked as English"


def test_strict_translations_fail_on_missing_page(project: Path):
    configure(project, translations={"strict": True})
    result = build(project)
    assert result.returncode != 0, "a missing translation passed with extra.translations.strict on"
    assert "km/about.md: missing" in result.stderr
