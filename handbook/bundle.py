"""Packs site/ (and any PDFs) into the offline zip that is copied onto USB sticks, with a
bilingual README.txt on top and the zip's SHA-256 in dist/SHA256SUMS.

The zip is reproducible: entries sorted, every timestamp the edition date, fixed permissions.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import yaml

from handbook.settings import Settings
from handbook.typography import format_date

README_NAME = "README.txt"
# Rebuilt by the web server's own tools; a file:// reader never uses them. The 404 page is a web
# server's error page: its links start at the server's root (/assets/...), which file:// cannot
# follow, and a reader of the zip never meets it.
SKIPPED = {"sitemap.xml", "sitemap.xml.gz", "404.html"}


def readme_text(settings: Settings, pdfs: list[Path], pdfs_skipped: bool) -> str:
    """README.txt in every language, from the `bundle_readme` strings in docs/interface.yml."""
    strings = yaml.safe_load((settings.docs_dir / "interface.yml").read_text(encoding="utf-8"))
    parts = []
    for language in settings.languages:
        text = strings[language]
        date = format_date(settings.date, text)
        lines = [text["bundle_readme"].strip().format(version=settings.version, date=date)]
        if pdfs:
            lines.append(text["bundle_readme_pdfs"].strip())
            lines.extend(f"  {pdf.name}" for pdf in pdfs)
        elif pdfs_skipped:
            lines.append(text["bundle_readme_no_pdfs"].strip())
        parts.append("\n".join(lines))
    return ("\n\n" + "=" * 60 + "\n\n").join(parts) + "\n"


def write_bundle(settings: Settings, pdfs: list[Path], pdfs_skipped: bool = False) -> Path:
    settings.dist_dir.mkdir(parents=True, exist_ok=True)
    for old in settings.dist_dir.glob("*.zip"):
        old.unlink()
    timestamp = settings.date.timetuple()[:6]
    entries: list[tuple[str, bytes]] = [(README_NAME, readme_text(settings, pdfs, pdfs_skipped).encode("utf-8"))]
    pdf_entries = [(f"pdf/{pdf.name}", pdf.read_bytes()) for pdf in sorted(pdfs)]
    pdf_names = {name for name, _ in pdf_entries}
    for path in sorted(settings.site_dir.rglob("*")):
        name = path.relative_to(settings.site_dir).as_posix()
        # handbook/pdf.py also copies the PDFs into site/pdf/ (for site/ served over HTTP).
        if path.is_file() and path.name not in SKIPPED and name not in pdf_names:
            entries.append((name, path.read_bytes()))
    entries.extend(pdf_entries)
    with zipfile.ZipFile(settings.zip_path, "w") as bundle:
        for name, data in sorted(entries, key=lambda entry: (entry[0] != README_NAME, entry[0])):
            info = zipfile.ZipInfo(name, date_time=timestamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, data, compresslevel=9)
    digest = hashlib.sha256(settings.zip_path.read_bytes()).hexdigest()
    (settings.dist_dir / "SHA256SUMS").write_text(f"{digest}  {settings.zip_path.name}\n", encoding="utf-8")
    return settings.zip_path
