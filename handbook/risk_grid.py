"""The probability × impact grid, docs/risk-grid.yml: how serious a risk is (1 to 5) in each box.
Read once per build and checked, so that the grid of Step 2 (hooks/risk_grid.py) and the risk
matrix of the risk-assessment worksheet, on screen (worksheet-outputs.js) and on paper
(overrides/print/sheet.html), which read it from the worksheet's schema, show the same grid, and
a mistake stops the build naming the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from handbook import yamldata

GRID_FILE = "risk-grid.yml"
SIZE = 5  # levels of probability and of impact (a worksheet's `level` field: very low … very high)


def load(config: Any) -> list[list[int]]:
    """The grid of this build's docs, checked: ``grid[probability - 1][impact - 1]``."""
    path = Path(config.docs_dir) / GRID_FILE
    return yamldata.for_build(config).get(("risk grid",), lambda: check(path, yamldata.load(config, path)))


def check(path: Path, parsed: yamldata.Parsed) -> list[list[int]]:
    """Five rows of five levels, each a whole number from 1 to 5. The file lists the rows from
    very high probability down, as the page shows them; the grid returned starts at very low."""
    rows = parsed.data.get("grid") if isinstance(parsed.data, dict) else None
    if not isinstance(rows, list) or len(rows) != SIZE:
        found = f"{len(rows)} rows" if isinstance(rows, list) else "no list of rows"
        raise PluginError(f"{path}:{parsed.line('grid')}: 'grid' must list {SIZE} rows, one per probability "
                          f"from very high (first) to very low (last); it has {found}.")
    for r, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != SIZE:
            found = f"{len(row)} boxes" if isinstance(row, list) else f"'{parsed.written.get(('grid', r), row)}'"
            raise PluginError(f"{path}:{parsed.line('grid', r)}: row {r + 1} of 'grid' must hold {SIZE} levels, one "
                              f"per impact from very low to very high, such as [1, 2, 2, 3, 3]; it has {found}.")
        for c, level in enumerate(row):
            if type(level) is not int or not 1 <= level <= SIZE:
                raise PluginError(f"{path}:{parsed.line('grid', r, c)}: '{parsed.written.get(('grid', r, c), level)}' "
                                  f"(row {r + 1}, box {c + 1}) is not a level: write a whole number from 1 (least "
                                  f"serious, lightest) to {SIZE} (most serious, darkest).")
    return [list(row) for row in reversed(rows)]
