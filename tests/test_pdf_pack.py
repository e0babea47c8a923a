"""The worksheets on paper (issue 13): the blank worksheet pack holds every field of every
worksheet as tagged text, each worksheet from a page of its own on one sheet, blank rows
numbered as the language writes, all at one level of the outline; the printed handbook prints
each chapter's worksheet whole."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from handbook import print_pages
from handbook.typography import localize_digits
from pdfs import (NEEDS_PDFS, handbooks, interface_strings, marked_text, outline, pack_pages, pdftotext,  # noqa: F401
                  squeeze, tagged_text, worksheet_schemas, worksheet_texts, worksheet_titles)

pytestmark = NEEDS_PDFS


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
                    wanted = [squeeze(f"{part['row']} {number(n)}") for n in range(1, print_pages.BLANK_ROWS["columns"] + 1)]
                    missing = [entry for entry in wanted if entry not in cells]
                    assert not missing, f"{path.name}: '{part['legend']}' has no column {missing}"
                    continue
                # A row for each entry, numbered in a column headed "Risk", "Contact" …
                assert squeeze(part["row"]) in cells, f"{path.name}: '{part['legend']}' has no column '{part['row']}'"
                count = print_pages.BLANK_ROWS["long" if any(f["type"] == "textarea" for f in part["fields"]) else "short"]
                after = iter(cells[cells.index(squeeze(part["row"])):])
                missing = [n for n in range(1, count + 1) if number(n) not in after]  # in order, after the header
                assert not missing, f"{path.name}: '{part['legend']}' lacks the blank rows {missing} of {count}"


def test_the_handbook_prints_every_field_of_each_chapters_worksheet(built, handbooks):
    for language, path in handbooks.items():
        text = squeeze(pdftotext(path, layout=False))
        for schema in worksheet_schemas(built, language):
            missing = [item for item in worksheet_texts(schema) if item not in text]
            assert not missing, f"{path.name}: '{schema['title']}' is printed without {missing[:5]}"


def test_the_pack_lists_every_worksheet_at_the_same_level_of_its_outline(built):
    for language in built.languages:
        path = built.pdf_path(language, "worksheets")
        titles = worksheet_titles(built.site_dir, language, built.languages)
        entries = outline(PdfReader(path))
        levels = {depth for depth, title, _ in entries if squeeze(title) in {squeeze(t) for t in titles.values()}}
        assert len(levels) == 1, f"{path.name}: worksheets sit at outline levels {sorted(levels)}: {entries}"
