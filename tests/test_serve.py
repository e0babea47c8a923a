"""A writer previewing with `make serve` sees each edit at the next rebuild: `mkdocs serve` keeps
the hook modules loaded between rebuilds and loads mkdocs.yml afresh for each one, so the data
files the hooks read (docs/directory.yml, docs/abbreviations.yml, docs/interface.yml) must be
read again by every build, not kept from the first."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from pagetext import article_text
from project import edit, write

PAGE = ("---\ntitle: About\nsources: [ohchr-guidelines]\n---\n\n# About\n\n## Translations {#translations}\n\n"
        "Every HRD should know who to call.\n\n<!-- directory -->\n")


def rebuild(project: Path) -> str:
    """What `mkdocs serve` does on each save: mkdocs.yml loaded again, the same Python process
    (hook modules included) builds the site. Returns the English About page's HTML."""
    build(load_config(str(project / "mkdocs.yml")), dirty=False)
    return (project / "site" / "about.html").read_text(encoding="utf-8")


def test_edits_to_the_data_files_show_at_the_next_rebuild(project: Path):
    write(project, "en/about.md", PAGE)
    data = project / "docs"
    before = rebuild(project)
    assert "Cambodian Centre for Human Rights (CCHR)" in article_text(project / "site" / "about.html")
    assert 'title="human rights defender"' in before
    assert "Source" in before

    edit(data / "directory.yml", '{en: "Cambodian Centre for Human Rights (CCHR)"',
         '{en: "Cambodian Centre for Human Rights (CCHR), renamed"')
    edit(data / "abbreviations.yml", "en: human rights defender\n", "en: defender of human rights\n")
    edit(data / "interface.yml", 'source_label: "Source:"', 'source_label: "Where this comes from:"')
    after = rebuild(project)

    text = article_text(project / "site" / "about.html")
    assert "Cambodian Centre for Human Rights (CCHR), renamed" in text, \
        "an organisation renamed in directory.yml keeps its old name until the server is restarted"
    assert 'title="defender of human rights"' in after, \
        "an abbreviation explained anew in abbreviations.yml keeps its old meaning until the server is restarted"
    assert "Where this comes from:" in after, \
        "a string changed in interface.yml keeps its old wording until the server is restarted"
