"""The probability × impact grid of Step 2 (docs/*/six-steps/risks.md), drawn from
docs/risk-grid.yml (read and checked by handbook/risk_grid.py) where the page holds the marker
``<!-- risk-grid -->``, through overrides/partials/risk-grid.html: rows and columns named in the
page's language (``ws_levels`` and ``risk_grid_*`` in docs/interface.yml), each box in its
level's shade (``hb-lvl-N``, diagram-risk-grid.css). The page's Markdown keeps the figure and its
caption. The worksheet's risk matrix takes the same grid from the worksheet's schema
(hooks/worksheets.py).

MkDocs events handled:
- ``on_config``: reads and checks docs/risk-grid.yml (a mistake stops the build naming the line).
- ``on_page_markdown``: replaces the marker with the grid's table.
"""

from __future__ import annotations

from handbook import risk_grid
from handbook.interface import INTERFACE_FILE, strings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from templates import template

MARKER = "<!-- risk-grid -->"
TEMPLATE = "partials/risk-grid.html"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called at the start of each build (and each `mkdocs serve` rebuild)."""
    risk_grid.load(config)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Called for each page before it is rendered; acts only on the page with the marker."""
    if MARKER not in markdown:
        return None
    grid, text = risk_grid.load(config), strings(config)
    levels = text["ws_levels"]
    # From very high probability (the top row) down; the notes name the two extreme corners.
    rows = [{"label": _heading(text, "risk_grid_row", levels[probability - 1]),
             "boxes": [{"level": level, "note": ""} for level in grid[probability - 1]]}
            for probability in range(risk_grid.SIZE, 0, -1)]
    rows[0]["boxes"][-1]["note"] = text["risk_grid_most"]
    rows[-1]["boxes"][0]["note"] = text["risk_grid_least"]
    table = template(config, TEMPLATE).render(
        text=text, columns=[_heading(text, "risk_grid_column", level) for level in levels], rows=rows)
    return markdown.replace(MARKER, "\n".join(line for line in table.split("\n") if line.strip()))


def _heading(text: dict, key: str, level: str) -> str:
    """A row's or a column's name: its level in the language's pattern, starting as a sentence."""
    if text[key].count("{level}") != 1:
        raise PluginError(f"docs/{INTERFACE_FILE}: {key} must hold {{level}} once (where the level's name goes): "
                          f"{text[key]!r}")
    name = text[key].replace("{level}", level)
    return name[:1].upper() + name[1:]
