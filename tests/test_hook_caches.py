"""What the hooks keep between calls gives what reading or compiling afresh would: the last page
read with its tree (hooks/page_tree.py) and the templates the hooks render compiled once
(hooks/templates.py), across the builds of one process as `mkdocs serve` runs them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import lxml.etree
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


# --- hooks/templates.py: templates compiled once a build -------------------------------------


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


def test_only_the_templates_the_hooks_name_are_kept_compiled(project, monkeypatch):
    """Not the theme's page templates (main.html, what it extends and includes), nor what a named
    template extends or includes (print/handbook.html extends print/document.html)."""
    build_as_mkdocs_serve(project, monkeypatch)
    templates = sys.modules["templates"]  # as the hooks imported it
    environment = next(iter(templates._environments.values()))
    keys = {templates._compiled.get_cache_key(name, environment.loader.get_source(environment, name)[1]): name
            for name in environment.list_templates(filter_func=lambda name: name.endswith(".html"))}
    # (What other tests' projects left, built in this process from other folders, has other keys.)
    kept = {keys[key] for key in templates._compiled.code if key in keys}
    assert "print/handbook.html" in kept, f"the print page's template is not kept compiled: {sorted(kept)}"
    assert kept <= templates._compiled.names, \
        f"templates no hook names are kept compiled: {sorted(kept - templates._compiled.names)}"
    theirs = kept & {"main.html", "base.html", "print/document.html", "print/front.html"}
    assert not theirs, f"kept compiled for the whole build though no hook names them: {sorted(theirs)}"
