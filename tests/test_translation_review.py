"""Readers and reviewers know the state of each translation: a translation that follows the
current English page shows no "outdated" notice (whatever its stamp looks like), each Khmer page
records whether a native speaker reviewed it, and the build and the About page list every page
with its state, reviewer, date and whether the English changed since."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from handbook.settings import ROOT
from pagetext import article_text
from project import build, write

# The notice as docs/interface.yml words it (outdated_notice).
OUTDATED_KM = " ".join(yaml.safe_load((ROOT / "docs" / "interface.yml").read_text(encoding="utf-8"))["km"]["outdated_notice"].split())
ENGLISH_ABOUT = "---\ntitle: About\nsources: [ohchr-guidelines]\n---\n\n# About\n\n## Translations {#translations}\n"


def english_page_with_stamp(leading_zero: bool) -> tuple[str, str]:
    """An English About page whose version stamp is all digits (YAML reads it as a number)."""
    for n in range(1_000_000):
        text = f"{ENGLISH_ABOUT}\n<!-- {n} -->\n"
        stamp = hashlib.sha256(text.encode()).hexdigest()[:12]
        if stamp.isdigit() and stamp.startswith("0") == leading_zero:
            return text, stamp
    raise AssertionError("no all-digit stamp found")


@pytest.mark.parametrize("leading_zero", [False, True], ids=["digits", "leading-zero"])
def test_a_current_translation_with_an_all_digit_stamp_shows_no_outdated_notice(project: Path, leading_zero):
    english, stamp = english_page_with_stamp(leading_zero)
    write(project, "en/about.md", english)
    write(project, "km/about.md", f"---\ntranslates: {stamp}\ntitle: អំពី\nsources: [ohchr-guidelines]\n"
                                  "review: draft\n---\n\n# អំពី\n\n## ការបកប្រែ {#translations}\n")
    result = build(project)
    assert result.returncode == 0, result.stderr[-1500:]
    assert "km/about.md: outdated" not in result.stderr, f"the build reports a current translation stamped {stamp} as outdated"
    page = article_text(project / "site" / "km" / "about.html")
    assert OUTDATED_KM not in page, f"the page stamped translates: {stamp} says the English page has changed"


def test_no_khmer_page_says_the_english_changed_when_it_is_current(built):
    """The build is strict about translations, so every Khmer page is current: none may show the
    outdated notice (six-steps/threats did, with its all-digit stamp 137867123100)."""
    shown = [page.relative_to(built.site_dir).as_posix() for page in sorted((built.site_dir / "km").rglob("*.html"))
             if page.name != "404.html" and OUTDATED_KM in article_text(page)]
    assert not shown, f"these current Khmer pages say the English page has changed: {shown}"


@pytest.mark.parametrize(("front_matter", "message"), [
    ("title: ទំព័រដើម\nsources: [ohchr-guidelines]\n", "a translated page needs 'review: draft'"),
    ("title: ទំព័រដើម\nsources: [ohchr-guidelines]\nreview: reviewed\nreviewed_on: 2026-11-30\n",
     "'review: reviewed' needs 'reviewed_by'"),
    ("title: ទំព័រដើម\nsources: [ohchr-guidelines]\nreview: reviewed\nreviewed_by: Sok\nreviewed_on: last week\n",
     "'reviewed_on' must be a date"),
], ids=["no-state", "no-reviewer", "not-a-date"])
def test_a_khmer_page_without_a_valid_review_state_fails_the_build(project: Path, front_matter, message):
    write(project, "km/index.md", f"---\n{front_matter}---\n\n# ទំព័រដើម\n")
    result = build(project)
    assert result.returncode != 0, "a Khmer page without a valid review state was published"
    assert "km/index.md" in result.stderr and message in result.stderr, result.stderr[-1500:]


def test_a_reviewed_page_shows_its_reviewer_and_date_in_the_status_table(project: Path):
    write(project, "km/index.md", "---\ntitle: ទំព័រដើម\nsources: [ohchr-guidelines]\nreview: reviewed\n"
                                  "reviewed_by: Sok Dara (legal reviewer)\nreviewed_on: 2026-11-30\n---\n\n# ទំព័រដើម\n")
    write(project, "en/about.md", ENGLISH_ABOUT + "\n<!-- translation-status -->\n")
    result = build(project)
    assert result.returncode == 0, result.stderr[-1500:]
    assert "index.md" in result.stderr and "reviewed" in result.stderr and "Sok Dara" in result.stderr, \
        "the build does not print the translation status"
    about = article_text(project / "site" / "about.html")
    assert "Sok Dara (legal reviewer)" in about and "30 November 2026" in about and "Reviewed" in about
    assert "Not translated" in about, "a page without a translation is missing from the table"


def test_the_status_table_lists_every_page_in_both_languages(built):
    english_pages = sorted(p.relative_to(ROOT / "docs" / "en").as_posix() for p in (ROOT / "docs" / "en").rglob("*.md"))
    for about in ("about.html", "km/about.html"):
        html = (built.site_dir / about).read_text(encoding="utf-8")
        listed = sorted(_rows(html))
        assert listed == english_pages, f"{about}: the translation status lists {listed}, not every page"


def test_the_build_prints_the_status_of_every_page(built):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(ROOT / "build" / "status-check")],
                            cwd=ROOT, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
                                                                          "HANDBOOK_PDF": "0"})
    assert result.returncode == 0, result.stderr[-2000:]
    printed = [line.split("translation:", 1)[1].split()[0] for line in result.stderr.splitlines()
               if "translation:   " in line]
    english_pages = {p.relative_to(ROOT / "docs" / "en").as_posix() for p in (ROOT / "docs" / "en").rglob("*.md")}
    assert set(printed) == english_pages, f"the build's status table lacks {sorted(english_pages - set(printed))}"


def _rows(html: str) -> list[str]:
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        def __init__(self):
            super().__init__()
            self.pages: list[str] = []

        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            if tag == "tr" and "data-page" in attributes:
                self.pages.append(attributes["data-page"])

    parser = Rows()
    parser.feed(html)
    return parser.pages
