"""Turns what Chromium printed into the PDF that ships:

- the title, language and edition date in the document information and the XMP metadata, with
  the PDF/UA identifier, and viewers asked to show the title;
- structure ids numbered in document order, bookmarks on the right pages, running titles, page
  numbers and backgrounds marked as artifacts (handbook/pdf_structure.py);
- glyph runs merged into TJ arrays (handbook/pdf_compact.py) and the objects packed into object
  streams: together they halve the file.

The merged PDF is rendered page by page against the printed one (handbook/pdf_visual.py); if any
page differs, the PDF ships without the merge and the build says so. Nothing else changes what a
page shows. A printing and merge that came out the same as the last ones found to look the same
are not rendered again (the verdict is kept in the scratch folder, ``VISUAL_CHECK``).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from handbook import pdf_visual
from handbook.pdf_compact import Fonts, compact_page
from handbook.pdf_structure import (describe_links, figures_of_text_as_groups, fix_bookmarks, mark_artifacts,
                                     relative_links, renumber_ids, structure_elements, unwrap_marked_content)

VISUAL_CHECK = "visual-check.json"  # in the scratch folder: the last printing and merge found to look the same


@dataclass(frozen=True)
class Finished:
    pages: int
    merged: bool  # glyph runs merged (False: the visual check failed, the runs stay as printed)
    warning: str = ""


def finish(data: bytes, target: Path, *, title: str, language: str, date: dt.date, headings: list[str],
           targets: dict[str, str], site: Path, scratch: Path) -> Finished:
    """Writes ``target`` from Chromium's ``data``. ``headings`` are the page's headings as shown,
    ``targets`` the names of its link targets by id, ``site`` the folder of the printed page."""
    facts = {"title": title, "language": language, "date": date, "headings": headings, "targets": targets,
             "site": site}
    scratch.mkdir(parents=True, exist_ok=True)
    printed = scratch / "printed.pdf"
    printed.write_bytes(data)
    kept, printing = scratch / VISUAL_CHECK, pdf_visual.printing(data)
    passed = pdf_visual.kept_pass(kept)
    # The printing is rendered while the merge is written, unless it is the one that passed last time.
    before = None if passed and passed[0] == printing else pdf_visual.start_rendering(printed, scratch / "before")
    pages = _write(data, target, **facts, merge=True)
    merge = pdf_visual.merge(target)
    if passed == (printing, merge):
        return Finished(pages, merged=True)
    before = before or pdf_visual.start_rendering(printed, scratch / "before")
    after = pdf_visual.start_rendering(target, scratch / "after")
    pdf_visual.wait(before, printed)
    pdf_visual.wait(after, target)
    differing = pdf_visual.differing_pages(scratch / "before", scratch / "after")
    if not differing:
        pdf_visual.keep_pass(kept, printing, merge)
        return Finished(pages, merged=True)
    kept.unlink(missing_ok=True)
    _write(data, target, **facts, merge=False)
    return Finished(pages, merged=False, warning=(
        f"WARNING: {target.name}: merging glyph runs changed how pages {differing[:10]} look; "
        "the PDF keeps Chromium's runs (larger, but as printed)."))


def _write(data: bytes, target: Path, *, title: str, language: str, date: dt.date, headings: list[str],
           targets: dict[str, str], site: Path, merge: bool) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    with pikepdf.open(io.BytesIO(data)) as document:
        _describe(document, title=title, language=language, date=date)
        elements = list(structure_elements(document))  # walked once for the three passes over it
        renumber_ids(document, elements)
        fix_bookmarks(document, headings)
        figures_of_text_as_groups(elements)
        unwrap_marked_content(document, elements)
        relative_links(document, site)
        describe_links(document, targets)
        fonts = Fonts()
        for page in document.pages:
            if "/Annots" in page.obj:
                page.obj.Tabs = pikepdf.Name.S  # PDF/UA: links in the order of the structure
            contents = page.obj.get("/Contents")
            if not isinstance(contents, pikepdf.Stream):
                continue
            content = (compact_page(page, fonts) if merge else None) or contents.read_bytes()
            contents.write(mark_artifacts(content))
        pikepdf.settings.set_flate_compression_level(9)
        document.save(target, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                      compress_streams=True, recompress_flate=True, deterministic_id=True)
        return len(document.pages)


def _describe(document: pikepdf.Pdf, *, title: str, language: str, date: dt.date) -> None:
    # The edition date, not the time of printing: the same commit gives the same zip.
    stamp = f"D:{date:%Y%m%d}000000Z"
    document.docinfo["/Title"] = title
    document.docinfo["/CreationDate"] = stamp
    document.docinfo["/ModDate"] = stamp
    document.Root.Lang = pikepdf.String(language)
    document.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
        metadata["dc:title"] = title
        metadata["dc:language"] = [language]
        metadata["pdfuaid:part"] = "1"
        metadata["xmp:CreateDate"] = f"{date:%Y-%m-%d}T00:00:00Z"
        metadata["xmp:ModifyDate"] = f"{date:%Y-%m-%d}T00:00:00Z"
        metadata["xmp:MetadataDate"] = f"{date:%Y-%m-%d}T00:00:00Z"
