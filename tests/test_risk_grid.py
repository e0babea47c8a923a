"""The probability × impact grid is written once, in docs/risk-grid.yml: Step 2's grid and the
workbook's risk matrix, in both languages, shade each box as that file says, and a wrong grid
stops the build naming the file and the line."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
import yaml

from conftest import OfflineTab
from handbook.interface import strings
from handbook.settings import ROOT
from project import build, mistake_stops_the_build, write

GRID_FILE = ROOT / "docs" / "risk-grid.yml"
ZWSP = "\u200b"
FIGURE = "<figure class=\"hb-risk-grid\">\n<!-- risk-grid -->\n<figcaption>{caption}</figcaption>\n</figure>\n"
# The grid upside down and mirrored: a page showing the handbook's own grid does not match it.
OTHER_GRID = [[1, 1, 1, 1, 1], [2, 1, 1, 1, 1], [3, 2, 1, 1, 1], [4, 3, 2, 1, 1], [5, 4, 3, 2, 1]]


def rows_in_file(path: Path = GRID_FILE) -> list[list[int]]:
    """The grid as the file writes it: very high probability first, impact from very low."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["grid"]


def page_grid(html: str) -> tuple[list[str], list[str], list[list[int]]]:
    """Step 2's table as a reader sees it: column names, row names and each box's level."""
    table = lxml.html.fromstring(html).xpath('//table[contains(@class, "hb-risk-grid__table")]')
    assert len(table) == 1, f"the page shows {len(table)} risk grids"
    text = lambda cell: cell.text_content().replace(ZWSP, "").strip()  # noqa: E731
    columns = [text(cell) for cell in table[0].xpath("./thead/tr/th")[1:]]
    body = table[0].xpath("./tbody/tr")
    levels = [[int(cell.get("class").removeprefix("hb-lvl-")) for cell in row.xpath("./td")] for row in body]
    return columns, [text(row.xpath("./th")[0]) for row in body], levels


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ("  - [1, 1, 2, 2, 3]  # very low probability\n", "", "grid:", "'grid' must list 5 rows"),
    ("[2, 2, 3, 3, 4]", "[2, 2, 3, 3]", "[2, 2, 3, 3]", "row 3 of 'grid' must hold 5 levels"),
    ("[3, 3, 4, 5, 5]", "[3, 3, 4, 5, 6]", "[3, 3, 4, 5, 6]", "'6' (row 1, box 5) is not a level"),
    ("[1, 2, 2, 3, 3]", "[1, 2, two, 3, 3]", "[1, 2, two", "'two' (row 4, box 3) is not a level"),
], ids=["four-rows", "four-boxes", "level-6", "a-word"])
def test_a_wrong_risk_grid_stops_the_build_naming_its_line(project: Path, old, new, needle, message):  # noqa: F811
    mistake_stops_the_build(project, "risk-grid.yml", old, new, needle, message)


def test_step_2_draws_the_grid_file_with_the_levels_named_in_each_language(project: Path, config):  # noqa: F811
    grid_file = project / "docs" / "risk-grid.yml"
    grid_file.write_text(yaml.safe_dump({"grid": OTHER_GRID}), encoding="utf-8")
    front = "---\ntitle: {title}\nsources: [ohchr-guidelines]\n{more}---\n\n# {title}\n\n"
    write(project, "en/index.md", front.format(title="Home", more="") + FIGURE.format(caption="The grid."))
    write(project, "km/index.md", front.format(title="ទំព័រដើម", more="review: draft\n") + FIGURE.format(caption="តារាង។"))
    result = build(project)
    assert result.returncode == 0, result.stderr[-1500:]
    for language, page in (("en", "index.html"), ("km", "km/index.html")):
        text = strings(config.mkdocs, language)
        columns, rows, levels = page_grid((project / "site" / page).read_text(encoding="utf-8"))
        assert levels == OTHER_GRID, f"{page}'s grid is not the one docs/risk-grid.yml gives: {levels}"
        named = lambda key, levels: [text[key].replace("{level}", level).casefold() for level in levels]  # noqa: E731
        assert [column.casefold() for column in columns] == named("risk_grid_column", text["ws_levels"]), \
            f"{page}'s columns are not the impact levels from very low to very high: {columns}"
        assert [row.casefold() for row in rows] == named("risk_grid_row", reversed(text["ws_levels"])), \
            f"{page}'s rows are not the probability levels from very high down: {rows}"


@pytest.mark.parametrize("prefix", ["", "km/"])
def test_step_2_and_the_workbooks_risk_matrix_shade_each_box_as_the_grid_file_says(offline_tab: OfflineTab, prefix: str):
    expected = {f"p{5 - row}-i{column + 1}": level for row, levels in enumerate(rows_in_file())
                for column, level in enumerate(levels)}
    tab = offline_tab.open(f"{prefix}six-steps/risks.html")
    grid = tab.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.hb-risk-grid__table tbody tr')]
        .flatMap((row, index) => [...row.querySelectorAll('td')].map((cell, column) =>
            [`p${5 - index}-i${column + 1}`, [cell.className, getComputedStyle(cell).backgroundColor]])))""")
    tab = offline_tab.open(f"{prefix}workbook.html")
    tab.locator('[data-worksheet="risk-assessment"] .hb-ws-matrix [data-cell]').first.wait_for()
    matrix = tab.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.hb-ws-matrix [data-cell]')]
        .map((cell) => [cell.dataset.cell, [cell.querySelector('rect').getAttribute('class'),
                                            getComputedStyle(cell.querySelector('rect')).fill]]))""")
    for name, shown in (("Step 2's grid", grid), ("the workbook's risk matrix", matrix)):
        wrong = {box: shown.get(box, ["missing"])[0] for box, level in expected.items()
                 if shown.get(box, ["missing"])[0] != f"hb-lvl-{level}"}
        assert not wrong, f"{prefix or 'English '}{name} shades boxes otherwise than docs/risk-grid.yml: {wrong}"
    shades: dict[int, set[str]] = {}
    for box, level in expected.items():
        shades.setdefault(level, set()).update({grid[box][1], matrix[box][1]})
    assert all(len(colours) == 1 for colours in shades.values()) and len({*map(frozenset, shades.values())}) == 5, \
        f"the grid and the matrix do not paint each of the five levels in one shade of its own: {shades}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_more_serious_the_risk_the_darker_its_box_in_light_and_dark_mode(browser, bundle_dir: Path, scheme: str):
    """The captions say "the darker the box, the more serious the risk": on the dark page too
    (a grey shade over a dark page would make the most serious box the lightest)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto((bundle_dir / "six-steps" / "risks.html").as_uri())
    # Each level's box as seen: its shade laid over the page's own colour, as a brightness 0-255.
    brightness = page.evaluate("""() => {
        const rgba = (text) => text.match(/[\\d.]+/g).map(Number).concat([1]).slice(0, 4);
        const [r0, g0, b0] = rgba(getComputedStyle(document.body).backgroundColor);
        return Object.fromEntries([1, 2, 3, 4, 5].map((level) => {
            const [r, g, b, a] = rgba(getComputedStyle(document.querySelector(`.hb-risk-grid__table td.hb-lvl-${level}`)).backgroundColor);
            return [level, Math.round(0.2126 * (r * a + r0 * (1 - a)) + 0.7152 * (g * a + g0 * (1 - a)) + 0.0722 * (b * a + b0 * (1 - a)))];
        }));
    }""")
    context.close()
    levels = [brightness[str(level)] for level in range(1, 6)]
    assert levels == sorted(levels, reverse=True) and len(set(levels)) == 5, \
        f"in {scheme} mode the boxes of risk levels 1 to 5 are not darker and darker: brightness {levels}"
