"""The words the theme takes from mkdocs.yml rather than from its language files, in the language
being built (docs/interface.yml): the names of the light/dark toggle, the title of the headings'
permanent links, and the footer's "Made with" (overrides/partials/copyright.html). Without this,
every Khmer page carries them in English.

MkDocs events handled:
- ``on_config`` (after mkdocs-static-i18n has switched to the language, for every language):
  the toggle's names (``palette_to_dark``, ``palette_to_light``) and the permanent link's title
  (``permalink_title``).
- ``on_env``: gives overrides/partials/copyright.html ``hb_made_with``.
"""

from __future__ import annotations

from handbook.interface import strings
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

# The toggle of each palette, by the scheme it switches from.
TOGGLE_NAMES = {"default": "palette_to_dark", "slate": "palette_to_light"}


@event_priority(-110)  # after mkdocs-static-i18n (-100) has set the language of this build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once per language with the configuration."""
    text = strings(config)
    for palette in config.theme.get("palette") or []:
        if isinstance(palette, dict) and isinstance(palette.get("toggle"), dict) and palette.get("scheme") in TOGGLE_NAMES:
            palette["toggle"]["name"] = text[TOGGLE_NAMES[palette["scheme"]]]
    toc = config.mdx_configs.get("toc")
    if isinstance(toc, dict) and toc.get("permalink"):
        toc["permalink_title"] = text["permalink_title"]
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Called once per language when the theme's templates are ready."""
    env.globals["hb_made_with"] = strings(config)["made_with"]
    return env
