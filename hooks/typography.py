"""Gives the browser scripts the way the page's language writes numbers and dates, so that
what they write (worksheet row numbers, counts, messages, dates, search result counts) reads
like the rest of the page: Khmer digits and dates on Khmer pages.

MkDocs events handled:
- ``on_post_page``: adds ``<script type="application/json" id="hb-typography">`` with the
  language's `digits`, `months`, `date_format` and `label_separator` (docs/interface.yml) to the
  page's head; ``assets/javascripts/typography.js`` reads it.
"""

from __future__ import annotations

import json

from handbook.interface import strings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

KEYS = {"digits": "digits", "months": "months", "dateFormat": "date_format", "separator": "label_separator"}


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Called with each page's final HTML."""
    text = strings(config)
    data = json.dumps({key: text[name] for key, name in KEYS.items()}, ensure_ascii=False)
    # "</" cannot occur in these strings, so the JSON cannot end the script element early.
    return output.replace("</head>", f'<script type="application/json" id="hb-typography">{data}</script></head>', 1)
