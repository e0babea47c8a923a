"""Makes the built site self-contained for file:// and checks that it is. (A translated page
searches its own language's index: overrides/main.html's ``config`` block sets Material's base.)

MkDocs event handled (outer build only: mkdocs-static-i18n runs one nested build per extra
language inside the first build's ``on_post_build``):
- ``on_post_build`` (after hooks/search_index.py): drops the source maps the bundle never uses,
  and fails the build if any page, stylesheet or script loads something from outside the site.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.offline")

# Resource references that a browser fetches by itself (links to read elsewhere are fine).
EXTERNAL_RESOURCE = re.compile(
    r"""(?:<(?:script|img|iframe|source|audio|video|embed)\b[^>]*?\ssrc|<link\b[^>]*?\shref)=["']?(?:https?:)?//"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


@event_priority(-250)  # after mkdocs-static-i18n (-100) and hooks/search_index.py (-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """Called once a build has written every page."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    site = Path(config.site_dir)
    for source_map in site.rglob("*.map"):
        source_map.unlink()
    _check_no_external_resources(site)


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
