"""Content-Security-Policy without 'unsafe-inline' for scripts: each page's policy (the <meta> of
overrides/main.html, from ``extra.content_security_policy`` in mkdocs.yml) gets the SHA-256 hash of
every inline script that page holds (Material's few lines that read saved settings before the
page draws), computed from the finished HTML. An injected ``onerror`` or ``<script>`` then never
runs. JSON data blocks (``type="application/json"``) are not scripts and need no hash; the search
worker's frame runs no inline script (vendor/iframe-worker-inner.js).

MkDocs events handled:
- ``on_config``: the policy must have a ``script-src`` without ``'unsafe-inline'``.
- ``on_env``: gives the templates the policy's ``<meta>`` (``hb_csp_meta``), which
  overrides/main.html writes at the top of every page's head.
- ``on_post_page`` (last): adds the hashes of the page's inline scripts to its policy.
- ``on_post_build`` (after hooks/print_page.py writes the print pages, before the next language):
  the same for the print pages.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape
from pathlib import Path

import page_tree
from page_tree import DATA_TYPES
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

SCRIPT_TAG = re.compile("<script", re.IGNORECASE)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once per build: the policy is checked before any page is written."""
    _policy(config)
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Called once per language when the theme's templates are ready."""
    env.globals["hb_csp_meta"] = Markup(meta(_policy(config)))
    return env


@event_priority(-100)  # after every hook that changes the HTML
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Called with each page's final HTML."""
    return with_hashes(output, page.file.src_uri, _policy(config))


@event_priority(-60)  # hooks/print_page.py writes print-<language>.html at -50; i18n moves on at -100
def on_post_build(*, config: MkDocsConfig) -> None:
    """Called after a language's pages are written: the print pages get their hashes too."""
    for path in Path(config.site_dir).glob("print*.html"):
        text = path.read_text(encoding="utf-8")
        path.write_text(with_hashes(text, path.name, _policy(config)), encoding="utf-8")


def meta(policy: str) -> str:
    """The policy's ``<meta>``, as the pages hold it."""
    content = escape(policy, quote=False).replace('"', "&quot;")
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script, as the browser hashes it (read with lxml: hooks/page_tree.py;
    a page without the letters "<script" has none, and is not read: the print pages)."""
    if not SCRIPT_TAG.search(html):
        return []
    return [script.text or "" for script in page_tree.read(html).iter("script")
            if script.get("src") is None and (script.get("type") or "").lower() not in DATA_TYPES]


def with_hashes(html: str, name: str, policy: str) -> str:
    """The page with 'sha256-…' of each of its inline scripts in its policy's script-src (the
    page holds the policy's ``<meta>`` as ``meta`` writes it: overrides/main.html)."""
    scripts = inline_scripts(html)
    if not scripts:
        return html
    written = meta(policy)
    if written not in html:
        raise PluginError(f"{name}: the page has inline scripts but not the Content-Security-Policy <meta> "
                          "(hb_csp_meta, overrides/main.html) to allow them.")
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"
                     for script in scripts})
    directives = [directive.strip() for directive in policy.split(";") if directive.strip()]
    updated = "; ".join(f"{directive} {' '.join(hashes)}" if directive.split()[0] == "script-src" else directive
                        for directive in directives)
    return html.replace(written, meta(updated), 1)


def _policy(config: MkDocsConfig) -> str:
    """``extra.content_security_policy``, checked: its script-src allows no inline script."""
    policy = str(config.extra.get("content_security_policy") or "")
    directives = {part.split()[0]: part for part in (piece.strip() for piece in policy.split(";")) if part}
    where = f"{config.config_file_path}: extra.content_security_policy"
    if "script-src" not in directives:
        raise PluginError(f"{where} needs a script-src (the hooks add the hashes of the pages' inline scripts).")
    if "'unsafe-inline'" in directives["script-src"]:
        raise PluginError(f"{where}: script-src must not allow 'unsafe-inline'; hooks/csp.py adds each inline script's hash.")
    return policy
