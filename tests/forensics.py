"""Helpers for the forensic test (tests/test_forensic_profile.py): a real Chromium with a profile
folder on disk, driven over the DevTools protocol the way a person's browser runs, and a search of
every file the browser left in that folder, as a technician would search a seized laptop."""

from __future__ import annotations

import json
import re
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Playwright

from conftest import CHROMIUM, CHROMIUM_ARGS
from handbook.settings import ROOT

# A vault or exported box as the handbook writes it: {"kdf": {...}, "cipher": {...}, "data": "..."}
# (any format version). Found in UTF-8 and UTF-16LE text of the profile's files.
SEALED = re.compile(r'\{"(?:format|kdf|v)"[^{}]*(?:\{[^{}]*\}[^{}]*)*"data":"[A-Za-z0-9+/=]{24,}"[^{}]*\}')
# A raw 256-bit AES key written as base64 (how the first edition kept the unlocked key).
KEY_CANDIDATE = re.compile(r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])")


def continue_where_you_left_off(profile: Path) -> None:
    """Sets the profile's start-up preference a person sets in Settings → On start-up."""
    default = profile / "Default"
    default.mkdir(parents=True, exist_ok=True)
    (default / "Preferences").write_text(json.dumps({"session": {"restore_on_startup": 1}}), encoding="utf-8")


@contextmanager
def real_chromium(playwright: Playwright, profile: Path, url: str, *, restore: bool = False):
    """Starts the system Chromium on `profile` with `url` (or, with `restore`, the last session),
    yields it connected over CDP, then closes it the way a person does (all files written)."""
    command = [CHROMIUM, "--headless=new", f"--user-data-dir={profile}", "--remote-debugging-port=0",
               "--window-size=1280,900", *CHROMIUM_ARGS]
    command += ["--restore-last-session"] if restore else [url]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    endpoint = None
    deadline = time.monotonic() + 30
    while endpoint is None and time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        if match := re.search(r"DevTools listening on (ws://\S+)", line):
            endpoint = match.group(1)
    if endpoint is None:
        process.kill()
        raise RuntimeError("Chromium did not start with a DevTools endpoint")
    browser: Browser = playwright.chromium.connect_over_cdp(endpoint)
    try:
        yield browser
    finally:
        try:
            browser.new_browser_cdp_session().send("Browser.close")
        except Exception:  # noqa: BLE001 (the browser may already be closing)
            pass
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


def profile_files(profile: Path) -> list[Path]:
    return [path for path in sorted(profile.rglob("*")) if path.is_file() and not path.is_symlink()]


def find_marks(profile: Path, marks: list[str]) -> dict[str, list[str]]:
    """Which marks appear in which profile files, as UTF-8 or UTF-16LE bytes."""
    found: dict[str, list[str]] = {}
    encoded = {mark: (mark.encode("utf-8"), mark.encode("utf-16-le")) for mark in marks}
    for path in profile_files(profile):
        data = path.read_bytes()
        for mark, forms in encoded.items():
            for form, label in zip(forms, ("UTF-8", "UTF-16")):
                if form in data:
                    found.setdefault(mark, []).append(f"{path.relative_to(profile)} ({label})")
    return found


def _texts(data: bytes) -> list[str]:
    texts = [data.decode("utf-8", "ignore")]
    for start in (0, 1):
        texts.append(data[start:].decode("utf-16-le", "ignore"))
    return texts


def sealed_boxes_and_keys(profile: Path) -> tuple[list[str], list[str]]:
    """Every sealed box (vault, backup, export) and every string that could be a raw AES key,
    from every file of the profile."""
    boxes: set[str] = set()
    keys: set[str] = set()
    for path in profile_files(profile):
        for text in _texts(path.read_bytes()):
            boxes.update(SEALED.findall(text))
            keys.update(KEY_CANDIDATE.findall(text))
    return sorted(boxes), sorted(keys)


def what_decrypts(boxes: list[str], keys: list[str], passphrases: list[str]) -> list[str]:
    """Asks the handbook's own worksheet code (in Node) whether any candidate key or string found
    in the profile opens any box found there. Returns a description of each success."""
    script = ROOT / "tests" / "js" / "try-decrypt.js"
    result = subprocess.run(["node", str(script)], input=json.dumps({"boxes": boxes, "keys": keys,
                            "passphrases": passphrases}), capture_output=True, text=True, cwd=ROOT, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"try-decrypt.js failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout)
