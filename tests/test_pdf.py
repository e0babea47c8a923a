"""The printed PDFs, read the way a reader's PDF viewer or a screen reader would: pages, outline,
contents, fonts, metadata, Khmer text, the worksheet pack, and the links to them on the site.

Needs a build with PDFs (skipped when HANDBOOK_PDF=0). pdftotext and pdffonts are poppler-utils.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from html import unescape
from pathlib import Path

import pytest
import yaml
import pikepdf
from pypdf import PdfReader

from conftest import built_pages
from handbook import pdf, settings
from handbook.typography import format_date, localize_digits

pytestmark = pytest.mark.skipif(not settings.load().pdfs_enabled, reason="built without PDFs (HANDBOOK_PDF is 0 or false)")

ZERO_WIDTH_SPACE = "\u200b"
DOTTED_CIRCLE = "\u25cc"  # what a shaping failure shows instead of a Khmer vowel sign


def interface_strings() -> dict:
    return yaml.safe_load((settings.ROOT / "docs" / "interface.yml").read_text(encoding="utf-8"))


def squeeze(text: str) -> str:
    """Text as compared: no whitespace, no U+200B (pdftotext adds spaces and keeps U+200B)."""
    return re.sub(r"\s+", "", text.replace(ZERO_WIDTH_SPACE, ""))


def pdftotext(path: Path, first: int | None = None, last: int | None = None, *, layout: bool = True) -> str:
    """The text as laid out on the page, or (``layout`` false) in the PDF's own order, the order
    a reader's copy gives (a page printed in two columns, like the home page's cards, reads
    across both columns when laid out)."""
    command = ["pdftotext", "-enc", "UTF-8", "-layout" if layout else "-raw"]
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


def workbook_page(built: settings.Settings, language: str) -> str:
    """"My workbook" in one language, relative to the bundle root."""
    page = built.extra["worksheets"]["workbook_page"].removesuffix(".md") + ".html"
    return page if language == built.languages[0] else f"{language}/{page}"


def chapter_titles(built: settings.Settings, language: str) -> list[str]:
    """The title (first heading) of every page of the site in one language but "My workbook"
    (where worksheets are filled in on screen; on paper each is in its chapter): the chapters."""
    titles = []
    for relative in built_pages(built.site_dir, language, built.languages):
        if relative == workbook_page(built, language):
            continue
        html = (built.site_dir / relative).read_text(encoding="utf-8")
        article = html.split('<article class="md-content__inner md-typeset">', 1)[1]
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.DOTALL)
        titles.append(" ".join(unescape(re.sub(r"<[^>]+>", "", heading[1])).replace("¶", "").replace(ZERO_WIDTH_SPACE, "").split()))
    return titles


def contents_entries(path: Path) -> dict[str, int]:
    """Each entry of the printed contents (title without whitespace) and the page it gives; an
    entry that wraps ends on the line with the number."""
    entries, pending = {}, ""
    for number in range(2, 9):
        lines = pdftotext(path, number).splitlines()
        for line in lines[1:] if number == 2 else lines:  # page 2 starts with the heading "Contents"
            if match := re.match(r"^\s*(.*?)\s*(\d+)\s*$", line):
                entries.setdefault(squeeze(pending + match[1]), int(match[2]))
                pending = ""
            elif line.strip():
                pending += line
    return entries


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
        contents = contents_entries(path)
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
    text = squeeze(pdftotext(handbooks["km"], layout=False))
    assert DOTTED_CIRCLE not in text, "the Khmer PDF shows dotted circles (broken shaping)"
    page = (built.site_dir / "km" / "index.html").read_text(encoding="utf-8")
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1]
    # Buttons act on the screen only (the home page's "Start projector mode"): paper has none.
    article = re.sub(r"<button\b.*?</button>", "", article, flags=re.DOTALL)
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
            html = (bundle_dir / relative).read_text(encoding="utf-8")
            links = re.findall(r'class="hb-downloads__link" href="([^"]+)"|href="([^"]+)" class="hb-downloads__link"', html)
            hrefs = [a or b for a, b in links]
            assert hrefs, f"{relative} offers no Download PDF link"
            for href in hrefs:
                target = (bundle_dir / relative).parent / href
                assert target.resolve().is_file(), f"{relative}: the link {href} leads nowhere"
                assert target.name.endswith(f"-{language}.pdf"), f"{relative} links to {target.name}, not the {language} PDF"


# Accessible PDFs (issue 13) -----------------------------------------------------------------


def test_pdfs_pass_the_pdf_ua_checks(built):
    """pdfua checks the machine-checkable part of PDF/UA-1: everything tagged or an artifact,
    figures with alternative text, tables, links described, language, title, XMP identifier."""
    from pdfua import validate

    for path in all_pdfs(built):
        report = validate(str(path))
        problems = [f"{finding.rule_id} {finding.location}: {finding.message}" for finding in report.findings]
        assert not problems, f"{path.name} fails PDF/UA checks a screen reader depends on:\n" + "\n".join(problems[:10])


def marked_text(path: Path, page_number: int) -> dict:
    """The text a page draws inside artifacts, inside tagged content and outside both, read from
    its content stream (ActualText where a span gives it, else the fonts' ToUnicode maps), and
    (``sequences``) the text of each tagged sequence (a cell, a line of a paragraph …) apart."""
    from handbook.pdf_compact import Font

    with pikepdf.open(path) as document:
        page = document.pages[page_number - 1]
        fonts = {str(name): Font(font) for name, font in page.Resources.Font.items()}
        found = {"artifact": "", "tagged": "", "untagged": ""}
        sequences: list[str] = []
        stack: list[tuple[str, str | None]] = []  # (kind of content, ActualText)
        font = None

        def kind() -> str:
            return next((kind for kind, _ in reversed(stack) if kind), "untagged")

        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BDC", "BMC"):
                properties = operands[1] if len(operands) > 1 else None
                tagged = isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
                actual = properties.get("/ActualText") if isinstance(properties, pikepdf.Dictionary) else None
                stack.append(("artifact" if operands[0] == "/Artifact" else "tagged" if tagged else "",
                              str(actual) if actual is not None else None))
                if tagged:
                    sequences.append("")
            elif name == "EMC" and stack:
                _, actual = stack.pop()
                if actual is not None:
                    found[kind()] += actual
                    if kind() == "tagged":
                        sequences[-1] += actual
            elif name == "Tf":
                font = fonts.get(str(operands[0]))
            elif name in ("Tj", "TJ") and font is not None and not any(actual for _, actual in stack):
                strings = operands[0] if name == "TJ" else [operands[0]]
                codes = b"".join(bytes(item) for item in strings if isinstance(item, pikepdf.String)).hex().upper()
                drawn = "".join(font.text.get(codes[i:i + 4].encode(), "") for i in range(0, len(codes), 4))
                found[kind()] += drawn
                if kind() == "tagged":
                    sequences[-1] += drawn
        return {**found, "sequences": sequences}


def test_running_titles_and_page_numbers_are_artifacts_and_the_text_is_tagged(built, handbooks):
    for language, path in handbooks.items():
        reader = PdfReader(path)
        chapters = {title: page for depth, title, page in outline(reader) if depth == 0}
        title, page = next((title, page) for title, page in chapters.items() if page > 10)
        text = marked_text(path, page)
        assert squeeze(title) in squeeze(text["artifact"]) and str(page) in text["artifact"], \
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


# Khmer text extraction (issue 14) ------------------------------------------------------------


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


# Size: glyph runs merged, and never at the cost of what a page shows (issue 15) --------------


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


# The worksheets on paper (issue 13) ----------------------------------------------------------


def worksheet_schemas(built: settings.Settings, language: str) -> list[dict]:
    """Every worksheet's schema as "My workbook" holds it (the JSON beside each form), in order."""
    html = (built.site_dir / workbook_page(built, language)).read_text(encoding="utf-8")
    found = re.findall(r'<script type="application/json" data-worksheet-schema>(.*?)</script>', html, re.DOTALL)
    return [json.loads(text.replace(ZERO_WIDTH_SPACE, "")) for text in found]


def worksheet_texts(schema: dict) -> list[str]:
    """What a worksheet asks on paper: title, intro, every part's legend and help, every field's
    label and help, every choice (the five levels too), every item's label and help."""
    texts = [schema["title"], schema["intro"]]
    for part in schema["parts"]:
        texts += [part["legend"], part["help"]]
        for field in part["fields"]:
            texts += [field["label"], field["help"], *(option["label"] for option in field["options"])]
        for item in part["items"]:
            texts += [item["label"], item["help"]]
    return [squeeze(text) for text in texts if text]


def pack_pages(built: settings.Settings, language: str) -> tuple[Path, dict[str, range]]:
    """The pack of a language and the pages of each worksheet (from its bookmark to the page
    before the next worksheet's)."""
    path = built.pdf_path(language, "worksheets")
    reader = PdfReader(path)
    titles = {squeeze(schema["title"]): schema["id"] for schema in worksheet_schemas(built, language)}
    starts = sorted((page, titles[squeeze(title)]) for _, title, page in outline(reader) if squeeze(title) in titles)
    ends = [page for page, _ in starts[1:]] + [len(reader.pages) + 1]
    return path, {worksheet: range(start, end) for (start, worksheet), end in zip(starts, ends)}


def tagged_text(path: Path, pages) -> str:
    return "".join(squeeze(marked_text(path, number)["tagged"]) for number in pages)


def test_every_field_of_every_worksheet_is_on_its_pages_of_the_pack_as_tagged_text(built):
    for language in built.languages:
        schemas = worksheet_schemas(built, language)
        path, pages = pack_pages(built, language)
        assert sorted(pages) == sorted(schema["id"] for schema in schemas), \
            f"{path.name}: the outline lists the worksheets {sorted(pages)}"
        for schema in schemas:
            text = tagged_text(path, pages[schema["id"]])
            missing = [item for item in worksheet_texts(schema) if item not in text]
            assert not missing, (f"{path.name}, pages {list(pages[schema['id']])}: '{schema['title']}' lacks, "
                                 f"or a screen reader cannot reach: {missing[:5]}")


def test_each_worksheet_of_the_pack_starts_a_page_of_its_own(built):
    made = 0
    for language in built.languages:
        path = built.pdf_path(language, "worksheets")
        schemas = worksheet_schemas(built, language)
        if not schemas:
            assert not path.exists(), f"{path.name} exists but the site has no worksheets"
            continue
        made += 1
        _, pages = pack_pages(built, language)
        for schema in schemas:
            first = squeeze(pdftotext(path, pages[schema["id"]].start))
            assert first.startswith(squeeze(schema["title"])), \
                f"{path.name}: page {pages[schema['id']].start} does not start with '{schema['title']}': {first[:80]}"
    if not made:
        pytest.skip("the site has no worksheets yet, so no pack was made")


def test_each_worksheet_of_the_pack_fits_on_one_sheet_printed_on_both_sides(built):
    for language in built.languages:
        path, pages = pack_pages(built, language)
        long = {worksheet: len(numbers) for worksheet, numbers in pages.items() if len(numbers) > 2}
        assert not long, f"{path.name}: worksheets that take more than two pages: {long}"


def test_each_part_where_rows_are_added_has_blank_rows_numbered_as_the_language_writes(built):
    strings = interface_strings()
    for language in built.languages:
        path, pages = pack_pages(built, language)
        for schema in worksheet_schemas(built, language):
            cells = [squeeze(text) for number in pages[schema["id"]] for text in marked_text(path, number)["sequences"]]
            for part in (part for part in schema["parts"] if part["repeat"]):
                number = lambda n: localize_digits(str(n), strings[language])  # noqa: E731
                if len(part["fields"]) > 5:  # a column for each entry, headed "Threat 1", "Threat 2" …
                    wanted = [squeeze(f"{part['row']} {number(n)}") for n in range(1, pdf.BLANK_ROWS["columns"] + 1)]
                    missing = [entry for entry in wanted if entry not in cells]
                    assert not missing, f"{path.name}: '{part['legend']}' has no column {missing}"
                    continue
                # A row for each entry, numbered in a column headed "Risk", "Contact" …
                assert squeeze(part["row"]) in cells, f"{path.name}: '{part['legend']}' has no column '{part['row']}'"
                count = pdf.BLANK_ROWS["long" if any(f["type"] == "textarea" for f in part["fields"]) else "short"]
                after = iter(cells[cells.index(squeeze(part["row"])):])
                missing = [n for n in range(1, count + 1) if number(n) not in after]  # in order, after the header
                assert not missing, f"{path.name}: '{part['legend']}' lacks the blank rows {missing} of {count}"


def test_the_handbook_prints_every_field_of_each_chapters_worksheet(built, handbooks):
    for language, path in handbooks.items():
        text = squeeze(pdftotext(path, layout=False))
        for schema in worksheet_schemas(built, language):
            missing = [item for item in worksheet_texts(schema) if item not in text]
            assert not missing, f"{path.name}: '{schema['title']}' is printed without {missing[:5]}"


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


def test_the_pack_lists_every_worksheet_at_the_same_level_of_its_outline(built):
    for language in built.languages:
        path = built.pdf_path(language, "worksheets")
        titles = worksheet_titles(built.site_dir, language, built.languages)
        entries = outline(PdfReader(path))
        levels = {depth for depth, title, _ in entries if squeeze(title) in {squeeze(t) for t in titles.values()}}
        assert len(levels) == 1, f"{path.name}: worksheets sit at outline levels {sorted(levels)}: {entries}"
