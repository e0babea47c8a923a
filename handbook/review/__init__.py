"""`python -m handbook review` (`make review`): the review view for native Khmer speakers.

One offline HTML file with every page of the built site, English beside Khmer, block by block
(handbook/review/blocks.py), glossary terms marked (terms.py), a comment box per block, and
review.js to export the comments as one CSV file. Written to dist/review/<name>-<version>-review/
and zipped beside it; the handbook's own bundle does not carry it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from handbook import fonts, interface
from handbook import settings as handbook_settings
from handbook.review.blocks import TOP, align, read_page
from handbook.review.terms import load_terms, mark, missing_in_khmer
from handbook.typography import format_date

HERE = Path(__file__).parent
SOURCE_LANGUAGE = "en"
ASSETS = ("review.css", "review.js")
# The handbook's own fonts (handbook/fonts.py), their stylesheet and licence at the same paths as in the site.
FONTS_LICENCE = "assets/fonts/OFL-noto-sans-khmer.txt"
CSV_COLUMNS = ["page", "section", "row", "english", "khmer", "glossary_terms", "comment", "page_checked"]


def build(config: handbook_settings.Settings) -> Path:
    """Writes the review view from the built site; returns the zip's path."""
    language = next(code for code in config.languages if code != SOURCE_LANGUAGE)
    if not (config.site_dir / language / "index.html").exists():
        raise SystemExit(f"{config.site_dir}/{language}/ is missing: build the handbook first (make handbook).")
    strings = {code: interface.strings(config.mkdocs, code) for code in config.languages}
    terms = load_terms(config.docs_dir)
    pages = [_page(config, relative, language, terms) for relative in handbook_settings.flatten_nav(config.mkdocs.nav)]
    name = f"{config.name}-{config.version}-review"
    out = config.dist_dir / "review" / name
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    env = Environment(loader=FileSystemLoader(HERE), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    client = {"columns": CSV_COLUMNS, "version": config.version, "digits": strings[language]["digits"],
              "languages": [language, SOURCE_LANGUAGE],
              "strings": {key: {code: strings[code][key] for code in (language, SOURCE_LANGUAGE)}
                          for key in strings[language] if key.startswith("review_")}}
    html = env.get_template("review.html").render(
        pages=pages, terms=terms, en=strings[SOURCE_LANGUAGE], km=strings[language], language=language,
        version=config.version, date=format_date(config.date, strings[SOURCE_LANGUAGE]),
        # "</" would end the script element that holds the JSON.
        client=json.dumps(client, ensure_ascii=False).replace("</", "<\\/"), policy=config_policy(),
    )
    (out / "review.html").write_text(html, encoding="utf-8")
    for asset in ASSETS:
        shutil.copyfile(HERE / asset, out / asset)
    overrides = handbook_settings.ROOT / "overrides"
    for relative in [fonts.STYLESHEET, FONTS_LICENCE, *dict.fromkeys(face.file for face in fonts.faces(overrides))]:
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(overrides / relative, out / relative)
    return _zip(out, config)


def config_policy() -> str:
    """Nothing in the review view may reach the network either (as in the handbook)."""
    return ("default-src 'none'; script-src 'self' file:; style-src 'self' file:; font-src 'self' file:; "
            "img-src 'self' file: data:; connect-src 'none'; form-action 'none'; base-uri 'none'; object-src 'none'")


def _page(config: handbook_settings.Settings, relative: str, language: str, terms) -> dict:
    html_path = relative[:-3] + ".html"
    title_en, english = read_page((config.site_dir / html_path).read_text(encoding="utf-8"))
    translated = config.site_dir / language / html_path
    title_km, khmer = read_page(translated.read_text(encoding="utf-8")) if translated.exists() else ("", [])
    rows = []
    for row in align(english, khmer):
        en_pieces, en_terms = mark(row.english or "", terms, khmer=False)
        km_pieces, km_terms = mark(row.khmer or "", terms, khmer=True)
        rows.append({
            "key": f"{relative}|{row.section}|{row.number}", "section": row.section, "number": row.number,
            "top": row.section == TOP, "paired": row.english is not None and row.khmer is not None,
            "english": en_pieces, "khmer": km_pieces,
            "terms": list(dict.fromkeys(term.id for term in en_terms + km_terms)),
            "missing": missing_in_khmer(en_terms, row.khmer or "") if row.khmer is not None else [],
        })
    return {"path": relative, "id": "page-" + hashlib.sha1(relative.encode()).hexdigest()[:8],
            "title_en": title_en, "title_km": title_km, "rows": rows}


def _zip(folder: Path, config: handbook_settings.Settings) -> Path:
    """A reproducible zip of the folder (sorted entries, the edition date on every file)."""
    target = folder.parent / f"{folder.name}.zip"
    timestamp = config.date.timetuple()[:6]
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}", date_time=timestamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return target
