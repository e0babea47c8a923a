"""Owns the search index: one per language, written once, with Khmer titles split into words, and
only the lunr files some index needs. The pages load their index when the reader opens search
(overrides/assets/javascripts/search-index.js).

MkDocs events handled (outer build only: mkdocs-static-i18n runs one nested build per extra
language inside the first build's ``on_post_build``):
- ``on_post_build``: reads the index Material's search plugin wrote for all languages together,
  gives each language its own (``search/search_index.json`` for HTTP and ``search_index.js``
  defining ``__index`` for file://, where Material loads the script instead), puts U+200B
  between the words of the titles of ``extra.khmer.language`` (the search plugin takes a
  section's title from the page title, which hooks/khmer.py leaves as written), and removes the
  lunr language files, segmenters and stemmer support that no index's languages load.
"""

from __future__ import annotations

import json
from pathlib import Path

from handbook.languages import languages as built_languages
from khmer_text import segment_html, segmented_language
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

LUNR = Path("assets") / "javascripts" / "lunr"


@event_priority(-200)  # after mkdocs-static-i18n (-100) has finished every language
def on_post_build(*, config: MkDocsConfig) -> None:
    """Called once a build has written every page."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    site = Path(config.site_dir)
    languages = built_languages(config)  # the source language first: its pages are at the root
    segmented = segmented_language(config)
    merged = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    needed: set[Path] = set()
    default, translated = languages[0], languages[1:]
    for language in languages:
        if language == default:
            folder = site
            docs = [d for d in merged["docs"] if d["location"].split("/")[0] not in translated]
        else:
            folder, prefix = site / language, f"{language}/"
            docs = [dict(d, location=d["location"].removeprefix(prefix))
                    for d in merged["docs"] if d["location"].startswith(prefix)]
        if language == segmented:
            docs = [dict(d, title=segment_html(d["title"])) for d in docs]
        # lunr has no Khmer stemmer; its built-in English pipeline leaves Khmer words as they are.
        lang = [language] if (site / LUNR / "min" / f"lunr.{language}.min.js").exists() else ["en"]
        needed |= lunr_files(lang)
        index = dict(merged, docs=docs, config=dict(merged["config"], lang=lang))
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        (folder / "search").mkdir(exist_ok=True)
        (folder / "search" / "search_index.json").write_text(data, encoding="utf-8")
        (folder / "search" / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")
    for path in sorted((site / LUNR).rglob("*.js")):
        if path.relative_to(site / LUNR) not in needed:
            path.unlink()
    for folder in sorted((site / LUNR).rglob("*"), reverse=True) + [site / LUNR]:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def lunr_files(lang: list[str]) -> set[Path]:
    """The files (under lunr/) Material 9.8's search worker imports for an index's ``lang``
    (setupSearchLanguages in its worker): nothing for English alone."""
    files = set()
    for code in lang:
        if code == "ja":
            files.add(Path("tinyseg.js"))
        elif code in {"hi", "th"}:
            files.add(Path("wordcut.js"))
        if code != "en":
            files.add(Path("min") / f"lunr.{code}.min.js")
    if len(lang) > 1:
        files.add(Path("min") / "lunr.multi.min.js")
    if files:
        files.add(Path("min") / "lunr.stemmer.support.min.js")
    return files
