"""Gives the browser scripts the way the page's language writes numbers and dates, so that
what they write (worksheet row numbers, counts, messages, dates, search result counts) reads
like the rest of the page: Khmer digits and dates on Khmer pages.

MkDocs events handled:
- ``on_env``: gives the templates ``hb_typography``, the language's `digits`, `months`,
  `date_format` and `label_separator` (docs/interface.yml) as JSON; overrides/main.html writes
  it at the end of every page's head (``<script type="application/json" id="hb-typography">``),
  where ``assets/javascripts/typography.js`` reads it (not on 404.html, which has no page);
  and ``hb_counter_style``, the same digits as the CSS counter style that numbers the pages a
  reader prints from the browser (overrides/main.html, the page numbers of print.css).
"""

from __future__ import annotations

import json

from handbook.interface import strings
from handbook.typography import counter_style
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

KEYS = {"digits": "digits", "months": "months", "dateFormat": "date_format", "separator": "label_separator"}


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Called once per language when the theme's templates are ready."""
    text = strings(config)
    data = json.dumps({key: text[name] for key, name in KEYS.items()}, ensure_ascii=False)
    if "</" in data:  # would end the script element early
        raise PluginError(f"docs/interface.yml: digits, months, date_format and label_separator must not hold '</': {data}")
    env.globals["hb_typography"] = Markup(data)
    env.globals["hb_counter_style"] = Markup(counter_style(text["digits"]))
    return env
