"""The handbook's commands after installs:

- `python -m handbook build`: the whole `make handbook`. Stages, each announced on its own line:
  the site (mkdocs build --strict), the PDFs, the zip and its checksums (signed when
  HANDBOOK_SIGNING_KEY names a minisign secret key), then a short summary.
  HANDBOOK_PDF=0 (or false) skips the PDFs (the zip's README then says they are missing).
- `python -m handbook review`: the review view for native speakers (`make review`).
- `python -m handbook stamp docs/km/<page>.md …`: records in each translated page the version of
  the English page it now translates (README "A translation").
- `python -m handbook pipeline`: which plugin and hook acts at each MkDocs event, in order (the
  README's "How it is built").
- `python -m handbook bench`: `make bench` (handbook/bench.py). Run from here, not as
  `python -m handbook.bench`, so that the PDF workers (new processes, which import the module the
  command runs) import only what they print with, as in `make handbook`.

`--config-file` names another project's mkdocs.yml (the tests build small sample projects).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

from handbook import bundle, pipeline, serviceworker, settings, signing, stamps


def build_site(config: settings.Settings) -> tuple[dict[str, int], list[str]]:
    """Runs mkdocs build --strict, echoing its progress; returns pages per language and warnings."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(config.source_date_epoch), NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(config.site_dir)]
    process = subprocess.Popen(command, cwd=config.root, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    warnings, output = [], []
    for line in process.stdout:
        output.append(line)
        if match := re.search(r"Building '(\w+)' documentation", line):
            print(f"      building the '{match.group(1)}' pages …", flush=True)
        elif line.startswith(("WARNING", "ERROR")) or "Error" in line:
            warnings.append(line.rstrip())
            print(f"      {line.rstrip()}", flush=True)
        elif "translation:" in line:
            print(f"      {line.split('translation:', 1)[1].strip()}", flush=True)
    if process.wait() != 0:
        sys.exit("The site did not build; the messages above name the file and what is wrong.")
    pages = {}
    for language in config.languages:
        folder = config.site_dir if language == config.languages[0] else config.site_dir / language
        found = [p for p in folder.rglob("*.html") if language != config.languages[0]
                 or not any(p.is_relative_to(config.site_dir / other) for other in config.languages[1:])]
        # The print pages (hooks/print_page.py) are printed into PDFs, then removed.
        pages[language] = len([p for p in found if p.name != "404.html" and not p.name.startswith("print-")])
    return pages, warnings


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m handbook")
    parser.add_argument("command", choices=["build", "review", "stamp", "pipeline", "bench"])
    parser.add_argument("pages", nargs="*", type=Path, help="stamp: the translated pages to stamp")
    parser.add_argument("--config-file", type=Path, default=settings.ROOT / "mkdocs.yml")
    arguments = parser.parse_args()
    if arguments.command == "bench":
        from handbook import bench

        return bench.main()
    try:
        config = settings.load(arguments.config_file.resolve().parent)
        if arguments.command == "stamp":
            for page in arguments.pages or parser.error("stamp needs the translated pages to stamp"):
                print(stamps.stamp(config.mkdocs, page))
        elif arguments.command == "pipeline":
            print(pipeline.describe(config.mkdocs))
        elif arguments.command == "review":
            review(config)
        else:
            build(config)
    except PluginError as error:
        sys.exit(str(error))


def build(config: settings.Settings) -> None:
    started = time.monotonic()
    want_pdfs = config.pdfs_enabled

    print("[1/3] Building the site (mkdocs build --strict) …", flush=True)
    pages, warnings = build_site(config)

    pdfs: list[Path] = []
    if want_pdfs:
        print("[2/3] Printing the PDFs …", flush=True)
        from handbook import pdf

        pdfs = pdf.print_all(config)
    else:
        print("[2/3] PDFs skipped (HANDBOOK_PDF is 0 or false)", flush=True)

    print("[3/3] Packing the offline bundle …", flush=True)
    worker = serviceworker.write(config)
    print(f"      service worker for phones: {worker.relative_to(config.root)}", flush=True)
    try:
        zip_path = bundle.write_bundle(config, pdfs, pdfs_skipped=not want_pdfs)
    except signing.SigningError as error:
        sys.exit(f"The bundle was not signed: {error}")
    digest = hashlib.sha256(zip_path.read_bytes()).hexdigest()

    print("\nDone in {:.0f} s.".format(time.monotonic() - started))
    print("  pages:    " + ", ".join(f"{count} {language}" for language, count in pages.items()))
    print(f"  site:     {config.site_dir.relative_to(config.root)}/ (open index.html)")
    for path in pdfs:
        print(f"  pdf:      {path.relative_to(config.root)} ({path.stat().st_size / 1e6:.2f} MB)")
    print(f"  zip:      {zip_path.relative_to(config.root)} ({zip_path.stat().st_size / 1e6:.2f} MB, unpacks into {config.folder}/)")
    print(f"  sha256:   {digest} (dist/{bundle.CHECKSUMS_NAME})")
    if signing.key_path():
        print(f"  signed:   dist/{bundle.CHECKSUMS_NAME}{signing.SIGNATURE_SUFFIX}, public key "
              f"{signing.public_key(signing.key_path())}")
    else:
        print(f"  signed:   no, the bundle is unsigned (set {signing.KEY_VARIABLE} to a minisign secret key to sign it)")
    print(f"  warnings: {len(warnings)}")


def review(config: settings.Settings) -> None:
    """`make review`: the site as the docs are now, then the review view beside the bundle."""
    from handbook import review as review_view

    print("[1/2] Building the site (mkdocs build --strict) …", flush=True)
    build_site(config)
    print("[2/2] Writing the review view …", flush=True)
    target = review_view.build(config)
    folder = target.parent / target.name.removesuffix(".zip")
    print(f"\n  review:   {folder.relative_to(config.root)}/review.html (open it in a web browser)")
    print(f"  zip:      {target.relative_to(config.root)} ({target.stat().st_size / 1e6:.2f} MB), to send to reviewers")


if __name__ == "__main__":
    main()
