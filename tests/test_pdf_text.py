"""The PDFs' text: Khmer copies and searches as typed, never printed below 10 pt (issue 14); text
written as TJ arrays, and never at the cost of what a page shows (issue 15)."""

from __future__ import annotations

import re

import pikepdf
import yaml
from pypdf import PdfReader

from handbook import settings
from pagetext import page_tree
from pdfs import ARTICLE, DOTTED_CIRCLE, NEEDS_PDFS, ZERO_WIDTH_SPACE, all_pdfs, handbooks, pdftotext, squeeze  # noqa: F401 (fixture)

pytestmark = NEEDS_PDFS


def test_khmer_pdf_text_copies_as_the_page_text(built, handbooks):
    text = squeeze(pdftotext(handbooks["km"], layout=False))
    assert DOTTED_CIRCLE not in text, "the Khmer PDF shows dotted circles (broken shaping)"
    article = page_tree(built.site_dir / "km" / "index.html").xpath(ARTICLE)[0]
    # Buttons act on the screen only (the home page's "Start projector mode"): paper has none.
    for button in article.xpath(".//button"):
        button.drop_tree()
    paragraphs = [p.text_content() for p in article.xpath(".//p[not(@*)]")]
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


def test_khmer_is_never_printed_below_10_points(built):
    khmer = re.compile("[\u1780-\u17ff]")
    for path in (built.pdf_path("km"), built.pdf_path("km", "worksheets")):
        small: dict[str, float] = {}
        reader = PdfReader(path)
        for page in reader.pages:
            def visit(text, cm, tm, font, size, page_number=reader.get_page_number(page) + 1):
                points = abs(size * tm[3] * cm[3])
                if khmer.search(text) and points < 9.95:
                    small.setdefault(f"p.{page_number}: {text.strip()[:30]}", round(points, 1))
            page.extract_text(visitor_text=visit)
        assert not small, f"{path.name}: Khmer text below 10 pt: {list(small.items())[:10]}"


def khmer_phrases(built: settings.Settings) -> list[str]:
    """A phrase of Khmer as typed (no spaces) from each of five Khmer pages' Markdown."""
    phrases = []
    for page in ("cards/arrest.md", "index.md", "legal-framework.md", "six-steps/risks.md", "directory.md"):
        markdown = (built.docs_dir / "km" / page).read_text(encoding="utf-8").split("---", 2)[-1]
        runs = [run for run in re.findall(r"[\u1780-\u17d3\u17d7\u17dc\u17dd]{20,}", markdown)]
        assert runs, f"docs/km/{page} has no Khmer phrase of 20 characters"
        phrases.append(max(runs, key=len))
    return phrases


def test_khmer_phrases_are_found_in_the_pdf_text_as_typed(built, handbooks):
    text = pdftotext(handbooks["km"]).replace("\n", "")
    assert ZERO_WIDTH_SPACE not in text, "the Khmer PDF's text holds U+200B"
    phrases = khmer_phrases(built) + ["អ្នកត្រូវតែមានសិទ្ធិជួបមេធាវី"]
    missing = [phrase for phrase in phrases if phrase not in text]
    assert not missing, f"searching the Khmer PDF does not find: {missing}"


def test_text_is_written_as_tj_arrays_not_a_move_per_glyph(built):
    for path in all_pdfs(built):
        with pikepdf.open(path) as document:
            content = document.pages[len(document.pages) // 2].Contents.read_bytes()
        moves = content.count(b" Td ")
        assert b"] TJ" in content and moves < 20, \
            f"{path.name}: glyphs are still placed one by one ({moves} moves on a page): the build warned why"


def test_a_merge_that_changes_a_page_is_not_shipped(built, tmp_path, monkeypatch, capsys):
    from handbook import pdf_compact, pdf_finish

    printed = next((settings.ROOT / "build" / "pdf").glob("*worksheets-en/printed.pdf")).read_bytes()

    def shifted(page, fonts):
        content = pdf_compact.compact_page(page, fonts)
        return content.replace(b" Tm\n", b" Tm\n[-4000] TJ\n", 1) if content else content

    monkeypatch.setattr(pdf_finish, "compact_page", shifted)
    target = tmp_path / "pack.pdf"
    finished = pdf_finish.finish(printed, target, title="Pack", language="en", date=built.date, headings=[],
                                 targets={}, site=built.site_dir, scratch=tmp_path / "scratch")
    assert not finished.merged and "WARNING" in finished.warning, "a merge that moved glyphs was shipped"
    with pikepdf.open(target) as document:
        assert b"[-4000] TJ" not in document.pages[1].Contents.read_bytes()


def test_a_line_moved_by_a_fiftieth_of_an_em_is_seen(built, tmp_path, monkeypatch):
    """The visual check renders at a resolution where a glyph is a few pixels: a line of text
    moved by 0.02 em (about 0.2 pt) on one page still changes that page."""
    from handbook import pdf_compact, pdf_finish

    printed = next((settings.ROOT / "build" / "pdf").glob("*worksheets-en/printed.pdf")).read_bytes()
    pages = iter(range(1000))

    def one_line_moved(page, fonts):
        content = pdf_compact.compact_page(page, fonts)
        if next(pages) != 2 or not content:
            return content
        longest = max((line for line in content.split(b"\n") if line.endswith(b"] TJ")), key=len)
        return content.replace(longest, b"[-20 " + longest[1:], 1)

    monkeypatch.setattr(pdf_finish, "compact_page", one_line_moved)
    finished = pdf_finish.finish(printed, tmp_path / "pack.pdf", title="Pack", language="en", date=built.date,
                                 headings=[], targets={}, site=built.site_dir, scratch=tmp_path / "scratch")
    assert not finished.merged and "[3]" in finished.warning, \
        f"a line of page 3 moved by about 0.2 pt went unseen: {finished.warning or 'the merge was shipped'}"
