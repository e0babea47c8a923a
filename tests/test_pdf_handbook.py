"""The printed handbook, read the way a reader's PDF viewer would: a PDF per language with cover,
contents and chapters; one bookmark per chapter, going where the contents say; page numbers; the
PDFs in the zip, linked from every page, and their links opening the bundle's pages."""

from __future__ import annotations

import io
import re
import zipfile

import pikepdf
from pypdf import PdfReader

from conftest import built_pages
from handbook import settings
from handbook.typography import format_date, in_digits
from pagetext import page_tree, with_class
from pdfs import (NEEDS_PDFS, ZERO_WIDTH_SPACE, all_pdfs, chapter_titles, contents_entries, foot_of_page,  # noqa: F401
                  handbooks, interface_strings, outline, pdftotext, read_number, squeeze)

pytestmark = NEEDS_PDFS


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


def test_outline_has_one_bookmark_per_chapter_with_the_chapter_title_as_written(built, handbooks):
    for language, path in handbooks.items():
        top = [title for depth, title, _ in outline(PdfReader(path)) if depth == 0]
        chapters = chapter_titles(built, language)
        assert len(chapters) > 20, f"only {len(chapters)} {language} chapters found"
        for chapter in chapters:
            count = top.count(chapter)
            assert count == 1, f"{path.name}: the bookmark '{chapter}' appears {count} times (titles: {top})"
        for _, title, _ in outline(PdfReader(path)):
            assert ZERO_WIDTH_SPACE not in title, f"{path.name}: the bookmark {title!r} holds U+200B"


def test_every_chapter_bookmark_and_contents_entry_go_to_the_page_the_chapter_starts_on(built, handbooks):
    for language, path in handbooks.items():
        reader = PdfReader(path)
        chapters = set(chapter_titles(built, language))
        contents = contents_entries(path, interface_strings()[language]["digits"])
        checked = 0
        for depth, title, page in outline(reader):
            if depth or title not in chapters:
                continue
            listed = contents.get(squeeze(title))
            assert listed, f"{path.name}: the contents do not list '{title}'"
            assert listed == page, \
                f"{path.name}: the contents say '{title}' is on page {listed}, its bookmark goes to page {page}"
            first_page = squeeze(pdftotext(path, page))
            # A chapter's first page shows its title twice: running title and heading.
            assert first_page.count(squeeze(title)) >= 2, \
                f"{path.name}: the bookmark '{title}' goes to page {page}, which does not start that chapter"
            checked += 1
        assert checked == len(chapters), f"{path.name}: checked {checked} of {len(chapters)} chapters"


def test_pages_after_the_cover_are_numbered(built, handbooks):
    for language, path in handbooks.items():
        digits = interface_strings()[language]["digits"]
        reader = PdfReader(path)
        for number in (2, len(reader.pages) // 2, len(reader.pages)):
            foot = foot_of_page(path, number)
            assert read_number(foot, digits) == number, f"{path.name}: page {number} shows '{foot}' at the foot"
        cover = foot_of_page(path, 1)
        assert read_number(cover, digits) != 1, f"{path.name}: the cover carries a page number"


def test_khmer_pdfs_number_their_pages_in_khmer_digits(built):
    """The contents and the foot of every page write page numbers as the Khmer pages of the site
    write numbers: ២៣, not 23 (the digits of docs/interface.yml)."""
    digits = interface_strings()["km"]["digits"]
    assert digits != "0123456789", "docs/interface.yml gives Khmer Western digits"
    pdfs = [path for path in (built.pdf_path("km"), built.pdf_path("km", "worksheets")) if path.exists()]
    assert built.pdf_path("km") in pdfs, "there is no Khmer handbook PDF"
    for path in pdfs:
        pages = len(PdfReader(path).pages)
        for number in range(2, pages + 1):
            foot = foot_of_page(path, number)
            written = in_digits(foot, digits)
            assert read_number(foot, digits) == number, \
                f"{path.name}: a Khmer reader sees '{foot}' at the foot of page {number}, not '{written}'"
    handbook = built.pdf_path("km")
    entries = contents_entries(handbook, digits)
    assert len(entries) > 50, f"{handbook.name}: the contents do not give their page numbers in Khmer digits ({digits})"
    contents = "\n".join(pdftotext(handbook, number) for number in range(2, min(entries.values())))
    western = [line.strip() for line in contents.splitlines() if re.search(r"[0-9]+\s*$", line)]
    assert not western, f"{handbook.name}: a Khmer reader sees page numbers in Western digits in the contents: {western[:5]}"
    for path in pdfs[1:]:  # the worksheet pack writes no other number
        western = re.findall(r"\S*[0-9]+\S*", pdftotext(path))
        assert not western, f"{path.name}: a Khmer reader sees Western digits: {western[:10]}"


def test_nav_sections_are_titled_in_the_handbooks_language(built, handbooks):
    """A nav section's title, printed above its first page, is the one the site's navigation
    shows in that language (the i18n plugin's nav_translations in mkdocs.yml)."""
    languages = {entry.locale: entry for entry in built.mkdocs.plugins["i18n"].config.languages}
    for language, path in handbooks.items():
        if languages[language].default:
            continue
        text = squeeze(pdftotext(path))
        for english, translated in (languages[language].nav_translations or {}).items():
            assert squeeze(english) not in text, \
                f"{path.name}: a reader sees the English section title '{english}' where the site shows '{translated}'"
            assert squeeze(translated) in text, f"{path.name} never shows the section title '{translated}'"


def test_zip_holds_the_pdfs_and_every_page_links_to_its_language(built, bundle_dir):
    with zipfile.ZipFile(built.zip_path) as bundle:
        names = set(bundle.namelist())
    pdfs = all_pdfs(built)
    for language in built.languages:
        assert built.pdf_path(language) in pdfs
    for path in pdfs:
        assert f"{built.folder}/pdf/{path.name}" in names, f"the zip lacks pdf/{path.name}"
        assert (built.site_dir / "pdf" / path.name).exists(), f"site/pdf/ lacks {path.name} (served over HTTP)"
    for language in built.languages:
        for relative in built_pages(bundle_dir, language, built.languages):
            hrefs = page_tree(bundle_dir / relative).xpath(f"//a[{with_class('hb-downloads__link')}]/@href")
            assert hrefs, f"{relative} offers no Download PDF link"
            for href in hrefs:
                target = (bundle_dir / relative).parent / href
                assert target.resolve().is_file(), f"{relative}: the link {href} leads nowhere"
                assert target.name.endswith(f"-{language}.pdf"), f"{relative} links to {target.name}, not the {language} PDF"


def test_pdf_links_open_the_bundles_pages_and_name_no_folder_of_the_build_machine(built, bundle_dir):
    """Chromium prints links to pages outside the print page (the workbook, the Khmer pages on
    About) as file:// addresses on the build machine; the PDFs in the zip link relatively."""
    folder = built.pdf.folder
    for path in sorted((bundle_dir / folder).glob("*.pdf")):
        with pikepdf.open(path) as document:
            for number, page in enumerate(document.pages, start=1):
                for annotation in page.obj.get("/Annots", []):
                    action = annotation.get("/A")
                    if not isinstance(action, pikepdf.Dictionary) or "/URI" not in action:
                        continue
                    uri = str(action.URI)
                    assert not uri.startswith("file:"), f"{path.name} p. {number} links to {uri}, a file on the build machine"
                    if "://" not in uri and not uri.startswith("mailto:") and not uri.startswith("tel:"):
                        opened = (bundle_dir / folder / uri.split("#")[0]).resolve()
                        assert opened.is_file(), f"{path.name} p. {number}: the link {uri} opens nothing in the bundle"
            plain = io.BytesIO()
            document.save(plain, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
        assert str(settings.ROOT).encode() not in plain.getvalue(), f"{path.name} names the build machine's folder {settings.ROOT}"
