"""Makes the built site self-contained for file:// and checks that it is.

MkDocs events handled (outer build only: mkdocs-static-i18n runs one nested build per extra
language inside the first build's ``on_post_build``):
- ``on_post_page``: points Material's ``base`` (where it loads ``search/`` from and resolves
  results against) at the language's own folder on translated pages, so they search their own
  index.
- ``on_post_build``: gives each language a search index of its own pages only, drops what the
  bundle never uses (source maps, lunr languages other than ours), and fails the build if any
  page, stylesheet or script loads something from outside the site.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.offline")

# Resource references that a browser fetches by itself (links to read elsewhere are fine).
EXTERNAL_RESOURCE = re.compile(
    r"""(?:<(?:script|img|iframe|source|audio|video|embed)\b[^>]*?\ssrc|<link\b[^>]*?\shref)=["']?(?:https?:)?//"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)

# Material's "base" in the page's JSON config (overrides/main.html keeps Material's config block).
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Called with each page's final HTML (Material resolves URLs against base: it must end in /)."""
    language = config.theme["language"]
    i18n = config.plugins.get("i18n")
    if i18n is None or language == i18n.config.languages[0].locale:
        return output
    return CONFIG_BASE.sub(lambda match: f"{match[1]}{match[2]}/{language}/{match[3]}", output, count=1)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has finished every language
def on_post_build(*, config: MkDocsConfig) -> None:
    """Called once a build has written every page."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    site = Path(config.site_dir)
    languages = [language.locale for language in i18n.config.languages if language.build]
    _split_search_index(site, languages)
    _remove_unused_assets(site, languages)
    _check_no_external_resources(site)


def _split_search_index(site: Path, languages: list[str]) -> None:
    """mkdocs-static-i18n merges all languages into the root index: give each language its own."""
    merged = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    default, translated = languages[0], languages[1:]
    for language in languages:
        if language == default:
            folder = site
            docs = [d for d in merged["docs"] if d["location"].split("/")[0] not in translated]
        else:
            folder, prefix = site / language, f"{language}/"
            docs = [dict(d, location=d["location"].removeprefix(prefix))
                    for d in merged["docs"] if d["location"].startswith(prefix)]
        # lunr has no Khmer stemmer; its built-in English pipeline leaves Khmer words as they are.
        has_stemmer = (site / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{language}.min.js").exists()
        index = dict(merged, docs=docs, config=dict(merged["config"], lang=[language if has_stemmer else "en"]))
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        (folder / "search").mkdir(exist_ok=True)
        (folder / "search" / "search_index.json").write_text(data, encoding="utf-8")
        (folder / "search" / "search_index.js").write_text(f"var __index = {data}", encoding="utf-8")


def _remove_unused_assets(site: Path, languages: list[str]) -> None:
    for source_map in site.rglob("*.map"):
        source_map.unlink()
    for lunr_language in site.rglob("assets/javascripts/lunr/min/lunr.*.min.js"):
        code = lunr_language.name.split(".")[1]
        if code not in languages and code not in {"stemmer", "multi"}:
            lunr_language.unlink()


def _check_no_external_resources(site: Path) -> None:
    offenders = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in {".html", ".css", ".js"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in EXTERNAL_RESOURCE.finditer(text):
            offenders.append(f"{path.relative_to(site)}: {text[match.start():match.end() + 40]!r}")
    if offenders:
        raise PluginError("The site would load files from the internet:\n  " + "\n  ".join(offenders[:20]))
