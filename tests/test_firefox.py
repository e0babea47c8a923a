"""Firefox ESR on the unzipped bundle (tests/firefox/workbook.js, puppeteer-core over WebDriver
BiDi, Debian's firefox-esr, no downloaded browser), with its profile on disk: keep / reload /
unlock / lock (with a date typed day/month/year), Hide and Back, Erase; then the profile's files are
searched for what was typed, its session files (mozLz4) decompressed first."""

from __future__ import annotations

import json
import secrets
import shutil
import string
import subprocess
from pathlib import Path

import lz4.block

from handbook.settings import ROOT
from test_worksheets import PASSPHRASE

FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"


def readable(path: Path) -> bytes:
    """A file's bytes as a technician reads them: Firefox's mozLz4 files decompressed."""
    data = path.read_bytes()
    if data.startswith(b"mozLz40\0"):
        try:
            return lz4.block.decompress(data[8:])
        except lz4.block.LZ4BlockError:
            return data
    return data


def test_firefox_keeps_unlocks_hides_and_leaves_nothing_in_its_profile(bundle_dir: Path, tmp_path: Path):
    profile = tmp_path / "firefox-profile"
    profile.mkdir()
    marks = ["".join(secrets.choice(string.ascii_uppercase) for _ in range(16)) for _ in range(3)]
    result = subprocess.run(["node", str(ROOT / "tests" / "firefox" / "workbook.js"), str(bundle_dir), str(profile), PASSPHRASE, *marks],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.stdout, f"the Firefox run printed nothing:\n{result.stderr[-3000:]}"
    report = json.loads(result.stdout)
    problems = list(report["problems"])
    assert report["facts"]["toolbarAtStart"] == [True, False, False], f"Firefox shows the wrong buttons: {report['facts']}"
    assert "separately for each page" not in report["facts"]["status"], "Firefox warns about per-page storage"
    assert report["facts"]["storageAfterErase"] == [], "Erase left handbook data in Firefox"
    facts = report["facts"]
    assert facts["dateShown"] == ["27/11/2018", "27 November 2018", "", "27/11/2018", "27 November 2018", ""], \
        f"a date typed day/month/year in Firefox shows as {facts['dateShown']}"
    assert facts["impossibleDate"][0] == "31/02/2024" and "February 2024 has 29 days" in facts["impossibleDate"][2], \
        f"Firefox shows 31/02/2024 as {facts['impossibleDate']}"
    assert facts["dateUnlocked"] == "27/11/2018", f"Firefox brings the kept date back as {facts['dateUnlocked']!r}"
    for path in sorted(p for p in profile.rglob("*") if p.is_file()):
        data = readable(path)
        for mark in [*marks, PASSPHRASE]:
            for form in (mark.encode("utf-8"), mark.encode("utf-16-le")):
                if form in data:
                    problems.append(f"'{mark}' is readable in {path.relative_to(profile)}")
    assert not problems, "In Firefox:\n- " + "\n- ".join(problems)
