"""The handbook's contents with real page numbers: Chromium prints, the named destinations of the
PDF say on which page each heading landed, the numbers go into the contents, and Chromium prints
again until they no longer move (the second printing almost always settles).

The numbers the last printing settled on are kept (``kept``, in build/) and shown from the
start: a handbook that has not changed since prints once. Without them (the first build, or
after ``make clean``) the first printing only learns where headings land, so it is untagged (a
third faster); the printings after it are tagged, and the last one is the PDF.

The numbers are written in the language's own digits (``digits`` of docs/interface.yml, through
handbook/typography.py): ២៣ in the Khmer handbook. What is kept stays a number (23).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
from playwright.sync_api import Page

from handbook.typography import in_digits

# Passes until the contents' page numbers stop moving.
MAX_PASSES = 4
TARGETS = "[data-toc-target]"


def print_pdf(page: Page, *, tagged: bool = True) -> bytes:
    return page.pdf(prefer_css_page_size=True, print_background=True, outline=tagged, tagged=tagged)


def print_with_page_numbers(page: Page, name: str, kept: Path, *, digits: str) -> bytes:
    """The tagged PDF of ``page`` once its contents show the pages their headings are on, written
    in ``digits`` (the language's ten digits, 0 to 9); the numbers are kept in ``kept`` for the
    next printing."""
    targets = page.eval_on_selector_all(TARGETS, "els => els.map(el => el.dataset.tocTarget)")
    if not targets:
        return print_pdf(page)
    numbers = _kept_numbers(kept, targets)
    tagged = bool(numbers)  # guessed numbers may be right: this printing may be the PDF
    for _ in range(MAX_PASSES):
        if numbers:
            written = {target: in_digits(number, digits) for target, number in numbers.items()}
            page.evaluate("""numbers => document.querySelectorAll("[data-toc-target]")
                .forEach(el => { el.textContent = numbers[el.dataset.tocTarget]; })""", written)
        data = print_pdf(page, tagged=tagged)
        landed = heading_pages(data)
        missing = sorted(set(targets) - set(landed))
        if missing:
            raise SystemExit(f"{name}: these headings are not in the PDF: {', '.join(missing[:10])}")
        found = {target: landed[target] for target in targets}
        if found == numbers and tagged:
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_text(json.dumps(found, indent=0, sort_keys=True), encoding="utf-8")
            return data
        numbers, tagged = found, True
    raise SystemExit(f"{name}: the contents' page numbers did not settle after {MAX_PASSES} printings.")


def _kept_numbers(kept: Path, targets: list[str]) -> dict[str, int]:
    """The numbers the last printing of this handbook settled on, if they are for these headings."""
    try:
        numbers = json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    valid = isinstance(numbers, dict) and sorted(numbers) == sorted(targets) \
        and all(type(number) is int for number in numbers.values())
    return numbers if valid else {}


def heading_pages(data: bytes) -> dict[str, int]:
    """Page number (1 = the cover) of every named destination Chromium wrote for a link target."""
    with pikepdf.open(io.BytesIO(data)) as document:
        pages = {page.obj.objgen: number for number, page in enumerate(document.pages, start=1)}
        destinations = document.Root.get("/Dests") or {}
        numbers = {}
        for name, destination in destinations.items():
            target = destination.get("/D") if isinstance(destination, pikepdf.Dictionary) else destination
            numbers[name.lstrip("/")] = pages[target[0].objgen]
        return numbers

