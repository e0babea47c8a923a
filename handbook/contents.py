"""The handbook's contents with real page numbers: Chromium prints, the named destinations of the
PDF say on which page each heading landed, the numbers go into the contents, and Chromium prints
again until they no longer move (the second printing almost always settles).

The first printing only learns where headings land, so it is untagged (a third faster); the
printings after it are tagged, and the last one is the PDF.
"""

from __future__ import annotations

import io

import pikepdf
from playwright.sync_api import Page

# Passes until the contents' page numbers stop moving.
MAX_PASSES = 4
TARGETS = "[data-toc-target]"


def print_pdf(page: Page, *, tagged: bool = True) -> bytes:
    return page.pdf(prefer_css_page_size=True, print_background=True, outline=tagged, tagged=tagged)


def print_with_page_numbers(page: Page, name: str) -> bytes:
    """The tagged PDF of ``page`` once its contents show the pages their headings are on."""
    targets = page.eval_on_selector_all(TARGETS, "els => els.map(el => el.dataset.tocTarget)")
    if not targets:
        return print_pdf(page)
    numbers: dict[str, int] = {}
    tagged = False
    for _ in range(MAX_PASSES):
        data = print_pdf(page, tagged=tagged)
        landed = heading_pages(data)
        missing = sorted(set(targets) - set(landed))
        if missing:
            raise SystemExit(f"{name}: these headings are not in the PDF: {', '.join(missing[:10])}")
        found = {target: landed[target] for target in targets}
        if found == numbers and tagged:
            return data
        numbers, tagged = found, True
        page.evaluate("""numbers => document.querySelectorAll("[data-toc-target]")
            .forEach(el => { el.textContent = numbers[el.dataset.tocTarget]; })""", numbers)
    raise SystemExit(f"{name}: the contents' page numbers did not settle after {MAX_PASSES} printings.")


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

