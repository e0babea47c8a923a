"""Ends the About page with "Check your copy": how to check the zip this handbook came in, and
the public key its checksums are signed with (handbook/signing.py), or that this copy is unsigned.

MkDocs events handled:
- ``on_config``: checks ``extra.handbook`` (``check_page``) and reads HANDBOOK_SIGNING_KEY; a
  key that is missing, unreadable or not a minisign secret key stops the build here, before any
  page is built.
- ``on_page_markdown``: appends the section to the page ``extra.handbook.check_page`` names.
"""

from __future__ import annotations

from handbook import options, signing
from handbook.interface import strings
from handbook.settings import HandbookOptions
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

SECTION_ID = "check-your-copy"
_public_key: str | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once per build with the configuration."""
    global _public_key
    options.read(config, HandbookOptions)
    secret = signing.key_path()
    try:
        _public_key = signing.public_key(secret) if secret else None
    except signing.SigningError as error:
        raise PluginError(f"Cannot sign this build: {error}") from None
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Called for each page before it is rendered; acts only on the check page."""
    # docs/<language>/<page>: the check page in any language (or the English one it falls back to)
    if page.file.src_uri.partition("/")[2] != options.read(config, HandbookOptions).check_page:
        return None
    text = strings(config)
    section = [f"## {text['release_heading']} {{#{SECTION_ID}}}", text["release_text"]]
    if _public_key:
        section += [text["release_signed"], f"```text\n{_public_key}\n```"]
    else:
        section.append(text["release_unsigned"])
    return markdown.rstrip() + "\n\n" + "\n\n".join(section) + "\n"
