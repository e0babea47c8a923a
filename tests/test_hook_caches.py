"""What the hooks keep between calls gives what reading or compiling afresh would: the last page
read with its tree (hooks/page_tree.py), the templates the hooks render, kept compiled between
builds (hooks/templates.py), the app icons drawn by earlier builds (hooks/webapp.py) and the
Khmer words found by earlier builds (hooks/khmer_text.py), across the builds of one process as
`mkdocs serve` runs them."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import lxml.etree
import resvg_py
from jinja2 import FileSystemBytecodeCache
from mkdocs.commands.build import build
from mkdocs.config import load_config

from handbook import settings
from project import edit

sys.path.insert(0, str(settings.ROOT / "hooks"))
import page_tree  # noqa: E402

PAGE = "<!DOCTYPE html>\n<html><head><title>Risks</title></head><body><p>First draft</p></body></html>"


def text_of(document: lxml.etree._Element) -> str:
    return "".join(document.find("body").itertext())


# --- hooks/page_tree.py: the last page read --------------------------------------------------


def test_a_page_another_hook_changed_as_a_string_is_read_again():
    read = page_tree.read(PAGE)
    changed = PAGE.replace("First draft", "Second draft")  # what a hook editing the HTML string returns
    again = page_tree.read(changed)
    assert again is not read and text_of(again) == "Second draft", \
        "a hook reading a page another hook has changed gets the page as it was before the change"


def changed_and_written(html: str) -> str:
    """What a hook changing the page's tree returns (the Khmer pass, the offline checks …)."""
    document = page_tree.read(html)
    document.find("body/p").text = "Second draft"
    return page_tree.write(document)


def test_a_page_written_from_a_tree_is_read_back_as_that_trees_html():
    written = changed_and_written(PAGE)
    read = page_tree.read(written)
    assert lxml.etree.tostring(read.getroottree(), method="html", encoding="unicode") == written, \
        "a hook reading the page just written gets a tree that is not the page's HTML"


def test_the_page_as_it_was_before_its_tree_was_changed_reads_unchanged():
    changed_and_written(PAGE)
    assert text_of(page_tree.read(PAGE)) == "First draft", \
        "a hook reading the page as it was before another hook changed its tree gets the changed tree"


# --- hooks/templates.py: the hooks' templates kept compiled -----------------------------------


def build_as_mkdocs_serve(project: Path, monkeypatch) -> None:
    """One build in this process, with a configuration read afresh and the hooks loaded once for
    every build (MkDocs keeps them by path), as `mkdocs serve` rebuilds on each save."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project)
    build(load_config(str(project / "mkdocs.yml")))


def test_a_hook_template_edited_between_two_builds_is_used_in_the_next(project, monkeypatch):
    build_as_mkdocs_serve(project, monkeypatch)
    handbook = project / "overrides" / "print" / "handbook.html"  # named by hooks/print_page.py
    edit(handbook, "{%- block body %}", "{%- block body %}<p>Saved between two builds</p>")
    later = handbook.stat().st_mtime + 1  # saved a second later (a file's time has coarse steps)
    os.utime(handbook, (later, later))
    build_as_mkdocs_serve(project, monkeypatch)
    assert "Saved between two builds" in (project / "site" / "print-en.html").read_text(encoding="utf-8"), \
        "a template edited while `mkdocs serve` runs is not used in the next build (the old one was kept)"


def test_only_the_templates_the_hooks_render_are_kept_compiled(project, monkeypatch):
    """In extra.templates.cache: the hooks' own templates and what they extend or include
    (print/handbook.html extends print/document.html), never the theme's page templates (main.html,
    what it extends and includes), which MkDocs compiles once per language as a build without our
    hooks does."""
    build_as_mkdocs_serve(project, monkeypatch)
    config = load_config(str(project / "mkdocs.yml"))
    files = {path.name for path in (project / config.extra["templates"]["cache"]).iterdir()}
    theme = config.theme.get_env()
    naming = FileSystemBytecodeCache()  # Jinja names each file after the template's name and path
    kept = {name for name in theme.list_templates(filter_func=lambda name: name.endswith(".html"))
            if naming.pattern % naming.get_cache_key(name, theme.loader.get_source(theme, name)[1]) in files}
    assert {"print/handbook.html", "print/document.html"} <= kept, \
        f"the hooks' templates are not kept compiled between builds (kept: {sorted(kept)})"
    theirs = kept & {"main.html", "base.html", "partials/header.html", "partials/nav.html"}
    assert not theirs, f"the theme's page templates are kept compiled by the hooks: {sorted(theirs)}"


# --- hooks/webapp.py: the app icons kept between builds ---------------------------------------


def test_a_logo_edited_between_two_builds_gives_the_next_build_its_icons(project, monkeypatch):
    build_as_mkdocs_serve(project, monkeypatch)
    logo = project / "overrides" / "assets" / "images" / "logo.svg"  # theme.logo
    edit(logo, 'fill="#1a237e"', 'fill="#b71c1c"')  # the shield turns red
    build_as_mkdocs_serve(project, monkeypatch)
    icon = project / "site" / "assets" / "app" / "icon-192.png"
    drawn_afresh = resvg_py.svg_to_bytes(svg_string=logo.read_text(encoding="utf-8"), width=192, height=192)
    assert icon.read_bytes() == drawn_afresh, \
        "a phone installing the handbook gets the home-screen icon of the logo before it was edited"
    config = load_config(str(project / "mkdocs.yml"))
    kept = list((project / config.extra["offline_app"]["cache"]).iterdir())
    assert len(kept) == 2 * len(config.extra["offline_app"]["icon_sizes"]), \
        f"icons no build uses any more pile up in build/: {len(kept)} files kept"


# --- hooks/khmer_text.py: the Khmer words kept between builds ---------------------------------

NEW_SENTENCE = "អ្នកការពារសិទ្ធិមនុស្សត្រូវការផែនការសុវត្ថិភាព"  # "defenders need a security plan"


def test_khmer_text_added_between_two_builds_is_split_into_words_and_kept(project, monkeypatch):
    build_as_mkdocs_serve(project, monkeypatch)
    page = project / "docs" / "km" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{NEW_SENTENCE}។\n", encoding="utf-8")
    build_as_mkdocs_serve(project, monkeypatch)
    html = (project / "site" / "km" / "index.html").read_text(encoding="utf-8")
    split = [text for text in lxml.etree.HTML(html).xpath("//article//p/text()")
             if text.replace("\u200b", "").startswith(NEW_SENTENCE)]
    assert split and split[0].count("\u200b") >= 3, \
        f"a Khmer sentence added while `mkdocs serve` runs is not split into words: {split}"
    kept = project / load_config(str(project / "mkdocs.yml")).extra["khmer"]["cache"]
    assert any(run.startswith(NEW_SENTENCE) for run in json.loads(kept.read_text(encoding="utf-8"))["words"]), \
        "the words of a Khmer sentence added since the last build are not kept for the next build"
    kept.unlink()  # `make clean` while `mkdocs serve` runs
    build_as_mkdocs_serve(project, monkeypatch)
    assert kept.is_file(), "after `make clean`, the next build does not keep the Khmer words it found again"
