"""Checks that two PDFs look the same: pdftoppm renders every page of both and the pixels are
compared. Glyphs moved by a ten-thousandth of a point may still flip a few edge pixels where
they sit on the renderer's sub-pixel boundary, so a page counts as the same when at most
MAX_CHANGED of its pixels differ by more than MAX_LEVEL grey levels; a line of text out of
place changes hundreds.

What this cannot see, measured on the real PDFs (2026-11-30): the renderer places a glyph on a
grid (a quarter of a pixel across, a whole pixel up and down, at RESOLUTION), so a glyph the
merge moves by a ten-thousandth of a point now and then lands one step over. One such glyph a
page: up to 19 pixels changed, all within 8 pixels of each other; a glyph made to land a step
over changes up to about 30 (an English heading's letter) or 100 (a Khmer heading's vowel
sign). A word of two or three letters moved by 0.02 em (0.2 pt, a seventh of a pixel)
changes 0 to 22 pixels, none at all in a third to a half of the cases. No limit on pixels, a
page's or a small square's, tells the two apart: a word moved by less than a pixel is for a
check of the glyphs' positions, not of their pixels.

A verdict is kept (``keep_pass``): a build whose printing and merge come out the same as the ones
last found to look the same (Chromium's time of printing aside) does not render them again.
Anything else, a new printing, a new merge or new settings here, is rendered and compared."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

from PIL import Image, ImageChops

RESOLUTION = 50  # dots per inch: a glyph is 6 to 10 pixels high
# Shapes (rules, boxes, the contents' leaders) drawn without anti-aliasing: a quarter faster, and
# the merge changes only text, which keeps its anti-aliasing (the same pixels change).
OPTIONS = ["-r", str(RESOLUTION), "-gray", "-aaVector", "no"]
MAX_LEVEL = 32
MAX_CHANGED = 0.0005  # of the page's pixels
SETTINGS = [*OPTIONS, MAX_LEVEL, MAX_CHANGED]  # a verdict kept under other settings does not count
# Two printings of the same page differ in Chromium's time of printing (in the document
# information, its first object) and in the DOM node numbers it names structure elements after
# (handbook/pdf_structure.py numbers them again); a printing's digest leaves both out.
PRINTING_TIME = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9+\-Z']*\)")
NODE_ID = re.compile(rb"\(node\d+\)")


def start_rendering(pdf: Path, folder: Path) -> subprocess.Popen:
    """Starts pdftoppm on every page of ``pdf`` (grey, RESOLUTION) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.pgm"):
        old.unlink()
    return subprocess.Popen(["pdftoppm", *OPTIONS, str(pdf), str(folder / "page")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def differing_pages(before: Path, after: Path) -> list[int]:
    """Numbers of the pages whose renderings differ (all of them if the page counts differ)."""
    first, second = sorted(before.glob("*.pgm")), sorted(after.glob("*.pgm"))
    if len(first) != len(second) or not first:
        return list(range(1, max(len(first), len(second), 1) + 1))
    differing = []
    for number, (one, other) in enumerate(zip(first, second), start=1):
        with Image.open(one) as a, Image.open(other) as b:
            if a.size != b.size:
                differing.append(number)
                continue
            histogram = ImageChops.difference(a, b).histogram()
            if sum(histogram[MAX_LEVEL + 1:]) > MAX_CHANGED * a.size[0] * a.size[1]:
                differing.append(number)
    return differing


def wait(process: subprocess.Popen, pdf: Path) -> None:
    _, error = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"pdftoppm could not render {pdf.name}: {error.decode(errors='replace')[-500:]}")


def printing(data: bytes) -> str:
    """What Chromium printed, as a digest that leaves out its time of printing and its node numbers
    (numbered in order of appearance instead)."""
    head, rest = data[:1024], data[1024:]
    numbers: dict[bytes, bytes] = {}
    data = NODE_ID.sub(lambda found: numbers.setdefault(found[0], b"(%d)" % len(numbers)),
                       PRINTING_TIME.sub(rb"/\1 ()", head) + rest)
    return hashlib.sha256(data).hexdigest()


def merge(pdf: Path) -> str:
    """The finished PDF, as a digest."""
    return hashlib.sha256(pdf.read_bytes()).hexdigest()


def kept_pass(kept: Path) -> tuple[str, str] | None:
    """The printing and merge (``printing``, ``merge``) last found to look the same, if kept
    under these settings."""
    try:
        verdict = json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(verdict, dict) or verdict.get("settings") != SETTINGS:
        return None
    pair = verdict.get("printing"), verdict.get("merge")
    return pair if all(isinstance(digest, str) for digest in pair) else None


def keep_pass(kept: Path, printed: str, merged: str) -> None:
    kept.write_text(json.dumps({"settings": SETTINGS, "printing": printed, "merge": merged}), encoding="utf-8")
