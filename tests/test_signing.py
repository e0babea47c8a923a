"""Signed releases: with HANDBOOK_SIGNING_KEY pointing at a minisign secret key the bundle's
SHA256SUMS is signed and the public key is printed on the About page and in README.txt; a key that
is missing, unreadable or wrong stops the build with a message that says so. Every key here is a
throw-away key made by the test."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from handbook import bundle, settings, signing


@pytest.fixture(scope="module")
def throwaway_key(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("keys")
    secret, public = folder / "test.key", folder / "test.pub"
    subprocess.run(["minisign", "-G", "-W", "-s", str(secret), "-p", str(public)], check=True,
                   capture_output=True, stdin=subprocess.DEVNULL)
    return secret, public.read_text().splitlines()[1]


def _mkdocs_build(tmp_path: Path, key: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, HANDBOOK_SIGNING_KEY=key, HANDBOOK_PDF="0", NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
                          cwd=settings.ROOT, env=env, capture_output=True, text=True)


def test_a_signed_bundle_has_a_signature_that_verifies_and_names_its_key_in_readme(built, throwaway_key, tmp_path,
                                                                                  monkeypatch):
    secret, public = throwaway_key
    monkeypatch.setenv(signing.KEY_VARIABLE, str(secret))
    copy = dataclasses.replace(built, dist_dir=tmp_path)
    zip_path = bundle.write_bundle(copy, [])
    checksums, signature = tmp_path / "SHA256SUMS", tmp_path / "SHA256SUMS.minisig"
    result = subprocess.run(["minisign", "-V", "-m", str(checksums), "-x", str(signature), "-P", public],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"the signature does not verify with the key: {result.stderr}"
    assert f"{built.folder} {built.date.isoformat()}" in result.stdout, "the trusted comment does not name the edition"
    first = signature.read_bytes()
    bundle.write_bundle(copy, [])
    assert signature.read_bytes() == first, "signing the same bundle twice gave different signatures"
    with zipfile.ZipFile(zip_path) as packed:
        readme = packed.read(f"{built.folder}/README.txt").decode("utf-8")
    assert readme.count(public) >= 4, "README.txt does not give the public key in both languages"
    assert "minisign -Vm SHA256SUMS" in readme


def test_a_signed_build_prints_the_public_key_on_the_about_page(throwaway_key, tmp_path):
    secret, public = throwaway_key
    result = _mkdocs_build(tmp_path, str(secret))
    assert result.returncode == 0, result.stderr[-3000:]
    for about in (tmp_path / "site" / "about.html", tmp_path / "site" / "km" / "about.html"):
        html = about.read_text(encoding="utf-8")
        assert public in html, f"{about.relative_to(tmp_path)} does not show the public key"
        assert "not signed" not in html and "មិនត្រូវបានចុះហត្ថលេខា" not in html


@pytest.mark.parametrize("problem", ["missing", "unreadable", "wrong"])
def test_a_missing_unreadable_or_wrong_key_stops_the_build_with_a_clear_message(problem, tmp_path):
    key = tmp_path / "release.key"
    expected = {"missing": "no such file", "unreadable": "cannot be read", "wrong": "not a usable minisign secret key"}
    if problem == "unreadable":
        key.mkdir()  # tests run as root, who can read any file: a folder cannot be read as a key either
    elif problem == "wrong":
        key.write_text("untrusted comment: not a key\nAAAA\n")
    result = _mkdocs_build(tmp_path, str(key))
    assert result.returncode != 0, f"the build went on with a {problem} signing key"
    assert expected[problem] in result.stderr and str(key) in result.stderr, result.stderr[-2000:]
    assert not (tmp_path / "site" / "index.html").exists(), "pages were built before the key was checked"
