"""A content mistake stops the build with the file, the line and what is wrong, and a missing
translation shows the English page under a notice (or fails, when translations are strict)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pagetext import page_tree
from project import build, configure, write


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


def test_a_link_in_a_page_s_own_html_to_a_missing_id_fails_build_with_file_and_line(project: Path):
    """MkDocs checks Markdown links only: a diagram written in HTML linked to #organizations, a
    heading whose id is organisations, and the click went nowhere (hooks/page_links.py)."""
    write(project, "en/about.md", "---\ntitle: About\nsources: [ohchr-guidelines]\n---\n\n# About\n\n"
          "## Organisations {#organisations}\n\n<p><a href=\"#organizations\">Organizations</a></p>\n")
    result = build(project)
    assert result.returncode != 0, "a link to an id no element of its page has was published"
    assert "en/about.md:10: the link to #organizations leads nowhere" in result.stderr, result.stderr[-2000:]


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
    page = page_tree(project / "site" / "km" / "about.html")
    assert page.get("lang") == "km", "the Khmer page is not marked as Khmer"
    # The Khmer hook puts U+200B between words; the reader sees the words without it.
    assert "មិនទាន់បានបកប្រែ" in page.text_content().replace("\u200b", ""), "the Khmer reader is not told the page is in English"
    assert page.xpath('//div[@lang="en"]'), "the English text on the Khmer site is not marked as English"


def test_strict_translations_fail_on_missing_page(project: Path):
    configure(project, translations={"strict": True})
    result = build(project)
    assert result.returncode != 0, "a missing translation passed with extra.translations.strict on"
    assert "km/about.md: missing" in result.stderr


def test_a_marker_the_page_quotes_as_code_stops_the_build_naming_the_page(project: Path):
    write(project, "en/about.md", "---\ntitle: About\nsources: [ohchr-guidelines]\n---\n\n# About\n\n"
          "## Translations {#translations}\n\nThe directory goes where a page says:\n\n```\n<!-- directory -->\n```\n")
    result = build(project)
    assert result.returncode != 0, "the directory was published as code, its contact lists as text"
    assert "en/about.md: the directory's contact lists did not come out of Markdown" in result.stderr, \
        result.stderr[-2000:]
