"""The English handbook is complete and its own: every chapter built and reachable, every key
word anchored, every contact of the directory dialable, and the prose written fresh rather than
copied from the sources (legal quotations and contact data excepted)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook import directory, frontmatter
from handbook.settings import ROOT, nav_pages

# The source documents (not in this repository): HANDBOOK_SOURCES, or the nearest shared/sources
# above the project (../shared/sources beside the main checkout, ../../shared from a worktree).
SOURCES = Path(os.environ.get("HANDBOOK_SOURCES") or next(
    (folder / "shared" / "sources" for folder in ROOT.parents if (folder / "shared" / "sources").is_dir()),
    ROOT.parent / "shared" / "sources"))
KEY_WORDS = ["security", "protection", "risk", "threat", "vulnerability", "capacity", "security-incident"]
# A run this long, word for word as in a source, is copying rather than a shared phrase or name.
COPIED_RUN_WORDS = 12


def chapters() -> list[str]:
    """Every page of the navigation, as built ("six-steps/risks.html")."""
    return [page.removesuffix(".md") + ".html" for page in nav_pages()]


def html_of(site: Path, relative: str) -> str:
    path = site / relative
    assert path.exists(), f"{relative} was not built: readers would find no such chapter"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["en", "km"])
def test_every_chapter_is_built_and_in_the_navigation(built, language):
    prefix = "" if language == "en" else "km/"
    home = html_of(built.site_dir, f"{prefix}index.html")
    for chapter in chapters():
        html_of(built.site_dir, prefix + chapter)
        if chapter != "index.html":
            assert f'href="{chapter}"' in home, f"{prefix}{chapter} is not reachable from the navigation"


def test_each_key_word_has_an_anchor(built):
    page = html_of(built.site_dir, "introduction.html")
    for word in KEY_WORDS:
        assert f'id="{word}"' in page, f"the key word '{word}' has no anchor other pages can link to"


@pytest.mark.parametrize("language", ["en", "km"])
def test_every_contact_in_the_directory_is_shown_with_working_links(built, language):
    contacts = directory.load(built.mkdocs)
    page = html_of(built.site_dir, ("" if language == "en" else "km/") + "directory.html")
    links = Links()
    links.feed(page)
    for group in contacts["groups"]:
        for organisation in group["organisations"]:
            assert f'id="{organisation["id"]}"' in page, f"{organisation['id']} is missing from the directory"
            for phone in organisation["phones"]:
                assert phone in links.tel, f"{organisation['id']}: {phone} is not a link a phone can dial"
                assert_dials(phone, links.tel[phone], str(contacts["country_code"]))
            for email in organisation["emails"]:
                assert links.mailto.get(email) == f"mailto:{email}", f"{organisation['id']}: {email} is not a mail link"


def assert_dials(phone: str, href: str, country_code: str) -> None:
    """A tel: link dials the number as written, from any country: with its country code (the
    directory's, for a number written from inside the country, starting with 0)."""
    dialled = href.removeprefix("tel:+")
    assert href.startswith("tel:+") and dialled.isdigit(), f"{phone}: {href} is not an international number"
    written = re.sub(r"\D", "", re.split(r"ext", phone.replace("(0)", ""), flags=re.IGNORECASE)[0])
    if phone.strip().startswith("0"):
        assert dialled == country_code + written[1:], f"{phone}: {href} does not dial +{country_code} {written[1:]}"
    else:
        assert written.startswith(dialled) and len(dialled) >= 8, f"{phone}: {href} is not the number written"


class Links(HTMLParser):
    """The tel: and mailto: links of a page, by the text they show."""

    def __init__(self) -> None:
        super().__init__()
        self.tel: dict[str, str] = {}
        self.mailto: dict[str, str] = {}
        self.href: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.href, self.text = dict(attrs).get("href") or "", []

    def handle_data(self, data):
        if self.href is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self.href is not None:
            text = "".join(self.text).replace("\u200b", "").strip()
            if self.href.startswith("tel:"):
                self.tel[text] = self.href
            elif self.href.startswith("mailto:"):
                self.mailto[text] = self.href
            self.href = None


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
    sources = sorted(SOURCES.glob("0*.txt"))
    assert sources, (f"the source documents to compare with are missing: {SOURCES} holds no 0*.txt; "
                     "set HANDBOOK_SOURCES to the folder that has them")
    source_words = words(" ".join(p.read_text(encoding="utf-8", errors="replace") for p in sources))
    source_runs = {tuple(source_words[i:i + COPIED_RUN_WORDS]) for i in range(len(source_words) - COPIED_RUN_WORDS + 1)}
    copied = {}
    for chapter in chapters():
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


class SourceLine(HTMLParser):
    """The items of the page's source line (<footer class="hb-page-source">)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.items: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth or (tag == "footer" and "hb-page-source" in (dict(attrs).get("class") or "")):
            self.depth += 1
            if tag == "li":
                self.items.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.items:
            self.items[-1] += data


@pytest.mark.parametrize("language", ["en", "km"])
def test_every_page_names_the_sources_its_front_matter_lists(built, language):
    titles = built.extra["handbook"]["sources"]
    for chapter in chapters():
        page = chapter.removesuffix(".html") + ".md"
        keys = frontmatter.read(built.mkdocs, built.docs_dir / language / page).fields["sources"]
        line = SourceLine()
        line.feed(html_of(built.site_dir, ("" if language == "en" else "km/") + chapter))
        shown = [" ".join(item.replace("\u200b", "").split()) for item in line.items]
        assert shown == [" ".join(titles[key].split()) for key in keys], \
            f"{language}/{page}: the source line shows {shown}, not the titles of {keys}"
