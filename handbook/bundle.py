"""Packs site/ (and any PDFs) into the offline zip that is copied onto USB sticks: one folder named
after the handbook and its version, with a bilingual README.txt on top. Next to the zip,
dist/SHA256SUMS holds the SHA-256 of the zip and of each PDF, signed into SHA256SUMS.minisig when
HANDBOOK_SIGNING_KEY names a minisign key (handbook/signing.py).

The zip is reproducible: entries sorted, every timestamp the edition date, fixed permissions.
"""

from __future__ import annotations

import fnmatch
import hashlib
import zipfile
from pathlib import Path

from handbook import interface, serviceworker, signing
from handbook.settings import Settings
from handbook.typography import format_date, localize_digits

README_NAME = "README.txt"
CHECKSUMS_NAME = "SHA256SUMS"
# Besides the files a reader never asks for (extra.offline_app.skip): over file:// Material loads
# each language's search index as search/search_index.js; the .json copy is for site/ served over
# HTTP (the phone app keeps it).
HTTP_ONLY = "*/search_index.json"


def readme_text(settings: Settings, pdfs: list[Path], pdfs_skipped: bool, public_key: str | None) -> str:
    """README.txt in every language, from the `bundle_readme*` strings in docs/interface.yml, with
    each language's own digits and dates (handbook/typography.py)."""
    parts = []
    for language in settings.languages:
        text = interface.strings(settings.mkdocs, language)
        values = {"version": localize_digits(settings.version, text), "date": format_date(settings.date, text),
                  "zip": settings.zip_path.name, "folder": settings.folder, "public_key": public_key}
        lines = [text["bundle_readme"].strip().format(**values), "", text["bundle_readme_check"].strip().format(**values)]
        lines += ["", text["bundle_readme_signed" if public_key else "bundle_readme_unsigned"].strip().format(**values)]
        if pdfs:
            lines += ["", text["bundle_readme_pdfs"].strip()]
            lines.extend(f"  pdf/{pdf.name}" for pdf in pdfs)
        elif pdfs_skipped:
            lines += ["", text["bundle_readme_no_pdfs"].strip()]
        parts.append("\n".join(lines))
    return ("\n\n" + "=" * 60 + "\n\n").join(parts) + "\n"


def write_bundle(settings: Settings, pdfs: list[Path], pdfs_skipped: bool = False) -> Path:
    """Writes the zip, SHA256SUMS and, with a signing key, SHA256SUMS.minisig; returns the zip."""
    secret = signing.key_path()
    public_key = signing.public_key(secret) if secret else None
    settings.dist_dir.mkdir(parents=True, exist_ok=True)
    for old in [*settings.dist_dir.glob("*.zip"), *settings.dist_dir.glob(CHECKSUMS_NAME + "*")]:
        old.unlink()
    timestamp = settings.date.timetuple()[:6]
    readme = readme_text(settings, pdfs, pdfs_skipped, public_key).encode("utf-8")
    entries: list[tuple[str, bytes]] = [(README_NAME, readme)]
    pdf_entries = [(f"pdf/{pdf.name}", pdf.read_bytes()) for pdf in sorted(pdfs)]
    pdf_names = {name for name, _ in pdf_entries}
    for path in sorted(settings.site_dir.rglob("*")):
        name = path.relative_to(settings.site_dir).as_posix()
        # handbook/pdf.py also copies the PDFs into site/pdf/ (for site/ served over HTTP).
        if (path.is_file() and not serviceworker.never_asked_for(settings, name)
                and not fnmatch.fnmatch(name, HTTP_ONLY) and name not in pdf_names):
            entries.append((name, path.read_bytes()))
    entries.extend(pdf_entries)
    with zipfile.ZipFile(settings.zip_path, "w") as bundle:
        folder = zipfile.ZipInfo(f"{settings.folder}/", date_time=timestamp)
        folder.external_attr = (0o40755 << 16) | 0x10  # a directory, for unzip tools and Windows alike
        bundle.writestr(folder, b"")
        for name, data in sorted(entries, key=lambda entry: (entry[0] != README_NAME, entry[0])):
            info = zipfile.ZipInfo(f"{settings.folder}/{name}", date_time=timestamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, data, compresslevel=9)
    checksums = settings.dist_dir / CHECKSUMS_NAME
    lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n" for path in [settings.zip_path, *pdfs]]
    checksums.write_text("".join(lines), encoding="utf-8")
    if secret:
        signing.sign(secret, checksums, f"{settings.folder} {settings.date.isoformat()}")
    return settings.zip_path
