"""The printed PDFs, read the way a reader's PDF viewer or a screen reader would: pages, outline,
contents, fonts, metadata, Khmer text, the worksheet pack, and the links to them on the site.

Needs a build with PDFs (skipped when HANDBOOK_PDF=0). pdftotext and pdffonts are poppler-utils.
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from html import unescape
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import built_pages
from handbook import settings
from handbook.typography import format_date

pytestmark = pytest.mark.skipif(os.environ.get("HANDBOOK_PDF") == "0", reason="built without PDFs (HANDBOOK_PDF=0)")

ZERO_WIDTH_SPACE = "\u200b"
DOTTED_CIRCLE = "\u25cc"  # what a shaping failure shows instead of a Khmer vowel sign


def interface_strings() -> dict:
    return yaml.safe_load((settings.ROOT / "docs" / "interface.yml").read_text(encoding="utf-8"))


def squeeze(text: str) -> str:
    """Text as compared: no whitespace, no U+200B (pdftotext adds spaces and keeps U+200B)."""
    return re.sub(r"\s+", "", text.replace(ZERO_WIDTH_SPACE, ""))


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    command = ["pdftotext", "-enc", "UTF-8", "-layout"]
    if first:
        command += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(command + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number) for every bookmark, in order."""
    entries = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return entries


def chapter_titles(site: Path, language: str) -> list[str]:
    """The title of each page in the print page, in order (what the contents lists as chapters)."""
    html = (settings.ROOT / "build" / "pdf" / "site" / f"print-{language}.html").read_text(encoding="utf-8")
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", t))).replace("¶", "").strip()
            for t in re.findall(r'<li class="hb-toc__chapter">\s*<a [^>]*><span class="hb-toc__text">(.*?)</span>',
                                html, re.DOTALL)]


@pytest.fixture(scope="session")
def handbooks(built: settings.Settings) -> dict[str, Path]:
    return {language: built.pdf_path(language) for language in built.languages}


def test_each_language_has_a_handbook_pdf_with_cover_contents_and_chapters(built, handbooks):
    for language, path in handbooks.items():
        assert path.exists(), f"{path.name} was not made"
        reader = PdfReader(path)
        assert len(reader.pages) >= 30, f"{path.name} has only {len(reader.pages)} pages"
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842), f"{path.name} is not A4"
        cover = squeeze(pdftotext(path, 1))
        date = squeeze(format_date(built.date, interface_strings()[language]))
        assert squeeze(built.version) in cover and date in cover, \
            f"the cover of {path.name} does not show the version and the date as {language} writes it ({date})"
        assert "OHCHR" in cover, f"the cover of {path.name} does not credit the sources"


def test_outline_has_one_bookmark_per_chapter(built, handbooks):
    for language, path in handbooks.items():
        top = [title for depth, title, _ in outline(PdfReader(path)) if depth == 0]
        chapters = chapter_titles(built.site_dir, language)
        assert chapters, f"no chapters found in the {language} print page"
        for chapter in chapters:
            count = sum(squeeze(title) == squeeze(chapter) for title in top)
            assert count == 1, f"{path.name}: the bookmark '{chapter}' appears {count} times"


def test_contents_page_numbers_are_the_pages_the_chapters_start_on(built, handbooks):
    for language, path in handbooks.items():
        pages = [[squeeze(line) for line in pdftotext(path, number).splitlines() if line.strip()]
                 for number in range(1, len(PdfReader(path).pages) + 1)]
        listed = {}
        for number in range(2, 8):
            for line in pdftotext(path, number).splitlines():
                if match := re.match(r"^\s*(.+?)\s+(\d+)\s*$", line):
                    listed.setdefault(squeeze(match[1]), int(match[2]))
        checked = 0
        chapters = chapter_titles(built.site_dir, language)
        for chapter in chapters:
            key = squeeze(chapter)
            # A chapter's first page shows its title twice: running title and heading.
            starts = [number for number, lines in enumerate(pages, start=1) if lines.count(key) >= 2]
            if key in listed and starts:  # titles that wrap onto two lines are skipped
                assert listed[key] == starts[0], \
                    f"{path.name}: the contents say '{chapter}' is on page {listed[key]}, it starts on {starts[0]}"
                checked += 1
        assert checked >= len(chapters) // 2, f"{path.name}: could check only {checked} of {len(chapters)} chapters"


def test_pages_after_the_cover_are_numbered(handbooks):
    for path in handbooks.values():
        reader = PdfReader(path)
        for number in (2, len(reader.pages) // 2, len(reader.pages)):
            last_line = [line for line in pdftotext(path, number).splitlines() if line.strip()][-1]
            assert last_line.strip() == str(number), f"{path.name}: page {number} shows '{last_line.strip()}' at the foot"
        cover = [line for line in pdftotext(path, 1).splitlines() if line.strip()][-1].strip()
        assert cover != "1", f"{path.name}: the cover carries a page number"


def all_pdfs(built: settings.Settings) -> list[Path]:
    return sorted(built.dist_dir.glob("*.pdf"))


def test_every_font_is_embedded_and_none_is_type3(built):
    for path in all_pdfs(built):
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert rows, f"{path.name} lists no fonts"
        for row in rows:
            assert "Type 3" not in row, f"{path.name} has a Type 3 font (blurry text, no copying): {row}"
            emb, sub = row.split()[-5:-3]
            assert emb == "yes" and sub == "yes", f"{path.name}: a font is not embedded and subset: {row}"


def test_pdfs_carry_their_title_language_and_tags(built):
    for path in all_pdfs(built):
        reader = PdfReader(path)
        language = "km" if path.stem.endswith("-km") else "en"
        assert reader.metadata.title, f"{path.name} has no title in its properties"
        assert reader.trailer["/Root"].get("/Lang") == language, f"{path.name} does not say its language"
        assert "/StructTreeRoot" in reader.trailer["/Root"], f"{path.name} is not tagged for screen readers"


def test_khmer_pdf_text_copies_as_the_page_text(built, handbooks):
    text = squeeze(pdftotext(handbooks["km"]))
    assert DOTTED_CIRCLE not in text, "the Khmer PDF shows dotted circles (broken shaping)"
    page = (built.site_dir / "km" / "index.html").read_text(encoding="utf-8")
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1]
    paragraphs = [unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p>(.*?)</p>", article, re.DOTALL)]
    khmer = [p for p in paragraphs if re.search("[\u1780-\u17ff]{10}", p)]
    assert khmer, "the Khmer home page has no Khmer paragraph to compare"
    for paragraph in khmer:
        assert squeeze(paragraph) in text, f"copying from the Khmer PDF does not give: {paragraph[:60]}"
    glossary = yaml.safe_load((built.docs_dir / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    site_text = squeeze(" ".join(p.read_text(encoding="utf-8") for p in (built.site_dir / "km").rglob("*.html")))
    used = [term["km"] for term in glossary if squeeze(term["km"]) in site_text]
    assert used, "no glossary term appears on the Khmer pages"
    missing = [term for term in used if squeeze(term) not in text]
    assert not missing, f"glossary terms on the Khmer pages cannot be found in the Khmer PDF: {missing}"


def worksheet_titles(site: Path, language: str, languages) -> dict[str, str]:
    """Each worksheet's id and title on the site's pages in one language."""
    titles = {}
    for relative in built_pages(site, language, languages):
        html = (site / relative).read_text(encoding="utf-8")
        for found in re.findall(r'data-worksheet="([^"]+)"', html):
            heading = re.search(rf'id="{re.escape(found)}-title"[^>]*>(.*?)</h', html, re.DOTALL)
            titles.setdefault(found, unescape(re.sub(r"<[^>]+>", "", heading[1])) if heading else found)
    return titles


def test_worksheet_pack_holds_every_worksheet_each_on_its_own_page(built):
    made = 0
    for language in built.languages:
        titles = worksheet_titles(built.site_dir, language, built.languages)
        path = built.pdf_path(language, "worksheets")
        if not titles:
            assert not path.exists(), f"{path.name} exists but the site has no worksheets"
            continue
        made += 1
        pages = [squeeze(pdftotext(path, number)) for number in range(1, len(PdfReader(path).pages) + 1)]
        first_pages = {}
        for worksheet, title in titles.items():
            found = [number for number, text in enumerate(pages, start=1) if squeeze(title) in text]
            assert found, f"{path.name} lacks the worksheet '{title}'"
            first_pages[worksheet] = found[0]
        assert len(set(first_pages.values())) == len(titles), f"{path.name}: worksheets share a page: {first_pages}"
    if not made:
        pytest.skip("the site has no worksheets yet, so no pack was made")


def test_zip_holds_the_pdfs_and_every_page_links_to_its_language(built, bundle_dir):
    with zipfile.ZipFile(built.zip_path) as bundle:
        names = set(bundle.namelist())
    pdfs = all_pdfs(built)
    for language in built.languages:
        assert built.pdf_path(language) in pdfs
    for path in pdfs:
        assert f"pdf/{path.name}" in names, f"the zip lacks pdf/{path.name}"
        assert (built.site_dir / "pdf" / path.name).exists(), f"site/pdf/ lacks {path.name} (served over HTTP)"
    for language in built.languages:
        for relative in built_pages(bundle_dir, language, built.languages):
            html = (bundle_dir / relative).read_text(encoding="utf-8")
            links = re.findall(r'class="hb-downloads__link" href="([^"]+)"|href="([^"]+)" class="hb-downloads__link"', html)
            hrefs = [a or b for a, b in links]
            assert hrefs, f"{relative} offers no Download PDF link"
            for href in hrefs:
                target = (bundle_dir / relative).parent / href
                assert target.resolve().is_file(), f"{relative}: the link {href} leads nowhere"
                assert target.name.endswith(f"-{language}.pdf"), f"{relative} links to {target.name}, not the {language} PDF"
