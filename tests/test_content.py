"""The English handbook is complete and its own: every chapter built and reachable, every key
word anchored, every contact of the directory dialable, and the prose written fresh rather than
copied from the sources (legal quotations and contact data excepted)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from handbook.settings import ROOT

SOURCES = ROOT.parent / "shared" / "sources"
CHAPTERS = [
    "introduction.html", "legal-framework.html", "six-steps/index.html", "six-steps/environment.html",
    "six-steps/risks.html", "six-steps/threats.html", "six-steps/capacities.html",
    "six-steps/security-plan.html", "six-steps/review.html", "risks-by-level.html", "examples.html",
    "upr.html", "context.html", "further-reading.html", "directory.html", "annex-notification.html",
    "glossary.html", "about.html",
]
KEY_WORDS = ["security", "protection", "risk", "threat", "vulnerability", "capacity", "security-incident"]
# A run this long, word for word as in a source, is copying rather than a shared phrase or name.
COPIED_RUN_WORDS = 12


def html_of(site: Path, relative: str) -> str:
    path = site / relative
    assert path.exists(), f"{relative} was not built: readers would find no such chapter"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["en", "km"])
def test_every_chapter_is_built_and_in_the_navigation(built, language):
    prefix = "" if language == "en" else "km/"
    home = html_of(built.site_dir, f"{prefix}index.html")
    for chapter in CHAPTERS:
        html_of(built.site_dir, prefix + chapter)
        assert f'href="{chapter}"' in home, f"{prefix}{chapter} is not reachable from the navigation"


def test_each_key_word_has_an_anchor(built):
    page = html_of(built.site_dir, "introduction.html")
    for word in KEY_WORDS:
        assert f'id="{word}"' in page, f"the key word '{word}' has no anchor other pages can link to"


@pytest.mark.parametrize("language", ["en", "km"])
def test_every_contact_in_the_directory_is_shown_with_working_links(built, language):
    directory = yaml.safe_load((built.docs_dir / "directory.yml").read_text(encoding="utf-8"))
    page = html_of(built.site_dir, ("" if language == "en" else "km/") + "directory.html")
    for group in directory["groups"]:
        for organisation in group["organisations"]:
            assert f'id="{organisation["id"]}"' in page, f"{organisation['id']} is missing from the directory"
            for phone in organisation["phones"]:
                assert re.search(rf'<a href="tel:\+\d+">{re.escape(phone)}</a>', page), \
                    f"{organisation['id']}: {phone} is not a link a phone can dial"
            for email in organisation["emails"]:
                assert f'<a href="mailto:{email}">{email}</a>' in page, f"{organisation['id']}: {email} is not a mail link"


class ProseExtractor(HTMLParser):
    """The article's own prose: without quotations, code, link texts, titles in <em>/<cite>,
    contact lists, and any paragraph, item or cell that holds an email, a URL or a phone."""

    EXCLUDED = {"blockquote", "code", "pre", "a", "em", "cite", "dl", "address", "footer", "script", "style", "svg"}
    BLOCKS = {"p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "figcaption"}
    CONTACT = re.compile(r"@|https?://|www\.|\+?\(?\d[\d ()-]{6,}\d|\b(?:Address|Mail|Fax|P\.? ?O\.? Box)\b")

    def __init__(self) -> None:
        super().__init__()
        self.in_article = False
        self.excluded_depth = 0
        self.block: list[str] = []
        self.blocks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article = True
        elif tag in self.EXCLUDED:
            self.excluded_depth += 1
        elif tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
        if tag in self.EXCLUDED:
            self.excluded_depth -= 1
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self.in_article:
            self.block.append(("\0" if self.excluded_depth else "") + data)

    def _flush(self):
        text = "".join(self.block)
        if not self.CONTACT.search(text.replace("\0", "")):
            # Excluded pieces break runs: a copied run must be the page's own words throughout.
            self.blocks.extend(part for part in re.split(r"\0[^\0]*", text) if part.strip())
        self.block = []


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def test_english_prose_is_not_copied_from_the_sources(built):
    source_words = words(" ".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(SOURCES.glob("0*.txt"))))
    source_runs = {tuple(source_words[i:i + COPIED_RUN_WORDS]) for i in range(len(source_words) - COPIED_RUN_WORDS + 1)}
    copied = {}
    for chapter in CHAPTERS:
        extractor = ProseExtractor()
        extractor.feed(html_of(built.site_dir, chapter))
        for block in extractor.blocks:
            block_words = words(block)
            for i in range(len(block_words) - COPIED_RUN_WORDS + 1):
                if tuple(block_words[i:i + COPIED_RUN_WORDS]) in source_runs:
                    copied.setdefault(chapter, []).append(" ".join(block_words[i:i + COPIED_RUN_WORDS]))
                    break
    assert not copied, "sentences copied word for word from the sources:\n" + "\n".join(
        f"  {chapter}: “{runs[0]} …” ({len(runs)} passages)" for chapter, runs in copied.items())


def test_every_page_names_its_source(built):
    for chapter in CHAPTERS:
        assert 'class="hb-page-source"' in html_of(built.site_dir, chapter), f"{chapter} does not name its source"
