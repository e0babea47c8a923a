"""The visual check of the merged glyph runs (handbook/pdf_visual.py) keeps its verdict: a build
that prints and merges exactly what passed last time is not rendered again, and anything else is,
so that a merge that changes how a page looks is never shipped on an old verdict (issue 15)."""

from __future__ import annotations

import re

import pytest

from handbook import pdf_compact, pdf_finish, pdf_visual, settings
from pdfs import NEEDS_PDFS

pytestmark = NEEDS_PDFS


@pytest.fixture
def printed() -> bytes:
    return next((settings.ROOT / "build" / "pdf").glob("*worksheets-en/printed.pdf")).read_bytes()


@pytest.fixture
def renderings(monkeypatch) -> list[str]:
    """The PDFs pdftoppm is started on, by file name, as the finishing goes."""
    started: list[str] = []
    start = pdf_visual.start_rendering

    def counted(pdf, folder):
        started.append(pdf.name)
        return start(pdf, folder)

    monkeypatch.setattr(pdf_visual, "start_rendering", counted)
    return started


def _finish(data: bytes, built: settings.Settings, tmp_path) -> pdf_finish.Finished:
    return pdf_finish.finish(data, tmp_path / "pack.pdf", title="Pack", language="en", date=built.date, headings=[],
                             targets={}, site=built.site_dir, scratch=tmp_path / "scratch")


def _printed_again(data: bytes) -> bytes:
    """The same page as Chromium prints it again: at another time, and with its structure
    elements named after other DOM node numbers (those of a page loaded again)."""
    head = data[:1024]
    for field in (b"/CreationDate (D:", b"/ModDate (D:"):
        start = head.index(field) + len(field)
        head = head[:start] + (b"1999" if head[start:start + 4] != b"1999" else b"1998") + head[start + 4:]
    return re.sub(rb"\(node(\d{8})\)", lambda found: b"(node%08d)" % (int(found[1]) + 3170), head + data[1024:])


def test_a_printing_and_merge_that_passed_are_not_rendered_again(built, printed, renderings, tmp_path):
    first = _finish(printed, built, tmp_path)
    assert first.merged and sorted(renderings) == ["pack.pdf", "printed.pdf"], \
        f"the first finishing did not render the printing and the merge to compare them: {renderings}"
    renderings.clear()
    again = _finish(_printed_again(printed), built, tmp_path)
    assert again.merged and not renderings, \
        f"the same printing (printed again) and the same merge were rendered again: {renderings}"


def test_a_new_merge_of_a_printing_that_passed_is_checked_again(built, printed, renderings, tmp_path, monkeypatch):
    assert _finish(printed, built, tmp_path).merged

    def shifted(page, fonts):
        content = pdf_compact.compact_page(page, fonts)
        return content.replace(b" Tm\n", b" Tm\n[-4000] TJ\n", 1) if content else content

    renderings.clear()
    with monkeypatch.context() as patch:
        patch.setattr(pdf_finish, "compact_page", shifted)
        moved = _finish(printed, built, tmp_path)
    assert not moved.merged and sorted(renderings) == ["pack.pdf", "printed.pdf"], \
        f"a merge that moves glyphs was shipped on the verdict kept for another merge ({renderings})"
    renderings.clear()
    assert _finish(printed, built, tmp_path).merged and renderings, \
        "after a failed check, the next build trusted a verdict instead of rendering"


def test_a_new_printing_is_checked_again(built, printed, renderings, tmp_path):
    assert _finish(printed, built, tmp_path).merged
    other = next((settings.ROOT / "build" / "pdf").glob("*worksheets-km/printed.pdf")).read_bytes()
    renderings.clear()
    assert _finish(other, built, tmp_path).merged and sorted(renderings) == ["pack.pdf", "printed.pdf"], \
        f"another printing was shipped on the verdict kept for the last one ({renderings})"


@pytest.mark.parametrize("kept", ["", "{", '{"settings": [], "printing": "a", "merge": "b"}', "[1, 2]",
                                  '{"printing": null}'])
def test_a_kept_verdict_that_cannot_be_read_is_not_trusted(built, printed, renderings, tmp_path, kept):
    (tmp_path / "scratch").mkdir()
    (tmp_path / "scratch" / pdf_finish.VISUAL_CHECK).write_text(kept, encoding="utf-8")
    assert _finish(printed, built, tmp_path).merged and len(renderings) == 2, \
        f"the kept verdict {kept!r} was trusted: the PDF went out unchecked"
