"""Projector mode for trainers (overrides/assets/javascripts/projector.js): hands its settings
and interface strings to the header template.

Settings: ``extra.projector`` in mkdocs.yml (``font_scale``: how many times larger the text is
while projecting). Strings: the ``projector_*`` keys of docs/interface.yml.

MkDocs events handled:
- ``on_config``: checks ``extra.projector.font_scale``.
- ``on_env``: makes ``hb_projector`` (font scale, strings of the language being built) available
  to overrides/partials/projector.html.
"""

from __future__ import annotations

from handbook import options
from handbook.interface import strings
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


class ProjectorOptions(options.Options):
    """projector mode for trainers"""

    SECTION = "projector"
    # Smaller is not worth a mode of its own; larger no longer fits a line on screen.
    font_scale = options.Number(1.2, 3.0, help="how many times larger text is on a projector, e.g. 1.6")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once the configuration is read: a wrong font_scale stops the build."""
    _font_scale(config)
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Called once the theme's template environment exists, before any page is rendered."""
    texts = {key.removeprefix("projector_"): value for key, value in strings(config).items()
             if key.startswith("projector_")}
    env.globals["hb_projector"] = {"font_scale": _font_scale(config), "strings": texts}
    return env


def _font_scale(config: MkDocsConfig) -> float:
    return float(options.read(config, ProjectorOptions).font_scale)
