"""The PDFs for screen readers and PDF/UA (issue 13): embedded fonts, title, language and tags;
the pdfua checks; running titles and page numbers as artifacts, the text tagged; figures with
alternative text; XMP metadata."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
from pypdf import PdfReader

from handbook.typography import in_digits
from pdfs import NEEDS_PDFS, all_pdfs, handbooks, interface_strings, marked_text, outline, squeeze  # noqa: F401 (fixture)

pytestmark = NEEDS_PDFS


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


def test_pdfs_pass_the_pdf_ua_checks(built):
    """pdfua checks the machine-checkable part of PDF/UA-1: everything tagged or an artifact,
    figures with alternative text, tables, links described, language, title, XMP identifier."""
    from pdfua import validate

    for path in all_pdfs(built):
        report = validate(str(path))
        problems = [f"{finding.rule_id} {finding.location}: {finding.message}" for finding in report.findings]
        assert not problems, f"{path.name} fails PDF/UA checks a screen reader depends on:\n" + "\n".join(problems[:10])


def test_running_titles_and_page_numbers_are_artifacts_and_the_text_is_tagged(built, handbooks):
    for language, path in handbooks.items():
        reader = PdfReader(path)
        chapters = {title: page for depth, title, page in outline(reader) if depth == 0}
        title, page = next((title, page) for title, page in chapters.items() if page > 10)
        text = marked_text(path, page)
        number = in_digits(page, interface_strings()[language]["digits"])  # as the language writes it
        assert squeeze(title) in squeeze(text["artifact"]) and number in text["artifact"], \
            f"{path.name} page {page}: the running title and page number are not artifacts: {text['artifact'][:200]!r}"
        assert squeeze(title) in squeeze(text["tagged"]), \
            f"{path.name} page {page}: the chapter heading is not tagged content"
        assert not text.get("untagged"), f"{path.name} page {page}: untagged text {text['untagged'][:200]!r}"


def structure(path: Path) -> list[pikepdf.Dictionary]:
    with pikepdf.open(path) as document:
        from handbook.pdf_structure import structure_elements

        return [{"S": str(element.get("/S")), "Alt": str(element.get("/Alt", ""))}
                for element in structure_elements(document)]


def test_every_figure_has_alternative_text(built):
    for path in all_pdfs(built):
        figures = [element for element in structure(path) if element["S"] == "/Figure"]
        missing = [element for element in figures if not element["Alt"].strip()]
        assert not missing, f"{path.name}: {len(missing)} of {len(figures)} figures have no alternative text"


def test_xmp_metadata_declares_pdf_ua_with_title_and_language(built):
    for path in all_pdfs(built):
        language = "km" if path.stem.endswith("-km") else "en"
        with pikepdf.open(path) as document:
            metadata = document.open_metadata()
            assert metadata.get("pdfuaid:part") == "1", f"{path.name} does not declare PDF/UA-1 in its XMP metadata"
            assert metadata.get("dc:title") == str(document.docinfo["/Title"]), f"{path.name}: no title in XMP"
            assert language in metadata.get("dc:language", []), f"{path.name}: no language in XMP"
            assert document.Root.MarkInfo.Marked, f"{path.name} is not marked as tagged"


def test_table_headers_are_found_by_their_ids(built):
    """A screen reader finds a cell's header cells (/Headers) by id in the ID tree, a name tree
    searched in name order: a tree left unsorted after renumbering hides some of them."""
    from handbook.pdf_structure import structure_elements

    for path in all_pdfs(built):
        with pikepdf.open(path) as document:
            tree = pikepdf.NameTree(document.Root.StructTreeRoot.IDTree)
            lost = [str(element.ID) for element in structure_elements(document) if "/ID" in element
                    and (str(element.ID) not in tree or tree[str(element.ID)].objgen != element.objgen)]
            assert not lost, f"{path.name}: a screen reader cannot find the elements {lost[:5]} by their ids"
