"""What our code assumes about mkdocs-static-i18n's internals (one build per language, the
context it gives templates, the search index it merges), checked on a build of the sample site
with hooks that note what they see. See test_upstream_contracts.py for Material and MkDocs, and
the README's "Upgrading Material".
"""

from __future__ import annotations

import json

import mkdocs_static_i18n
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from handbook.settings import ROOT
from project import configure, sample_project

# Hooks that note what they see at each event, in probe.jsonl beside mkdocs.yml.
PROBE = """
import json, pathlib
from mkdocs.plugins import event_priority

def note(config, *event):
    with open(pathlib.Path(config.config_file_path).parent / "probe.jsonl", "a") as log:
        log.write(json.dumps(event) + "\\n")
"""
PROBE_EARLY = PROBE + """
def on_config(config):
    note(config, "on_config", config.theme["language"])

def on_files(files, *, config):
    note(config, "on_files", config.theme["language"])

def on_page_context(context, *, page, config, nav):
    note(config, "on_page_context", config.theme["language"], context.get("i18n_page_locale"),
         sorted(item["lang"] for item in config.extra.get("alternate", [])),
         [entry.locale for entry in context["i18n_config"].languages if entry.default])

@event_priority(0)
def on_post_build(*, config):
    note(config, "on_post_build", config.theme["language"], config.plugins["i18n"].building)
"""
PROBE_LATE = PROBE + """
@event_priority(-150)  # after i18n (-100), before hooks/search_index.py (-200)
def on_post_build(*, config):
    index = pathlib.Path(config.site_dir, "search", "search_index.json")
    folders = sorted({doc["location"].split("#")[0].split("/")[0] for doc in json.loads(index.read_text())["docs"]})
    note(config, "merged index", config.plugins["i18n"].building, folders)
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory) -> list[list]:
    """A build of the sample site with hooks that note what mkdocs-static-i18n shows them."""
    project = sample_project(tmp_path_factory.mktemp("probe"))
    (project / "hooks" / "probe_early.py").write_text(PROBE_EARLY, encoding="utf-8")
    (project / "hooks" / "probe_late.py").write_text(PROBE_LATE, encoding="utf-8")
    hooks = [*load_config(str(ROOT / "mkdocs.yml")).hooks, "hooks/probe_early.py", "hooks/probe_late.py"]
    configure(project, hooks=hooks, translations={"strict": False})
    build(load_config(str(project / "mkdocs.yml")))
    return [json.loads(line) for line in (project / "probe.jsonl").read_text(encoding="utf-8").splitlines()]


def test_i18n_builds_one_language_at_a_time_and_says_which_in_theme_language(probe):
    """mkdocs-static-i18n runs the whole build once per language, the others from inside the
    first build's on_post_build, and sets theme.language to the language being built in its own
    on_config (priority -100, after ours): from on_files on, handbook/languages.py's
    build_language and every hook that renders strings rely on it. (At our on_config it still
    names the language built before: no hook reads it there.)"""
    configs = [event[1] for event in probe if event[0] == "on_config"]
    assert len(configs) == 2, f"on_config ran {len(configs)} times, not once per language"
    files = [event[1] for event in probe if event[0] == "on_files"]
    assert files == ["en", "km"], f"on_files saw theme.language {files}, not en then km"
    pages = {event[1] for event in probe if event[0] == "on_page_context"}
    assert pages == {"en", "km"}, f"pages were rendered with theme.language {pages}"


def test_i18n_sets_building_while_it_builds_the_other_languages(probe):
    """hooks/search_index.py, hooks/offline.py and hooks/khmer.py act once, on the outer build
    (i18n.building is false), after i18n's on_post_build (priority -100) has built every other
    language; hooks/print_page.py writes a language's print pages before (-50)."""
    post = [event[1:] for event in probe if event[0] == "on_post_build"]
    assert post == [["en", False], ["km", True]], f"on_post_build saw (language, building) {post}"


def test_i18n_merges_every_language_into_the_root_search_index(probe):
    """After its on_post_build, i18n leaves one search index at the root with every language's
    pages, the translated ones under their folder (km/…): hooks/search_index.py splits it per language."""
    merged = [event[1:] for event in probe if event[0] == "merged index"]
    assert merged[-1] == [False, ["about.html", "index.html", "km"]], \
        f"the root search index after i18n holds {merged[-1]}, not both languages' pages"


def test_i18n_gives_templates_the_page_language_and_the_alternates(probe):
    """overrides/main.html reads i18n_page_locale, config.extra.alternate (the home page's
    language buttons) and i18n_config's languages (the config block: which one is the source
    language, marked default); i18n puts them in each page's context."""
    contexts = [event for event in probe if event[0] == "on_page_context"]
    assert all(event[2] == event[1] for event in contexts), f"i18n_page_locale differs from the build's: {contexts}"
    assert all(event[3] == ["en", "km"] for event in contexts), f"config.extra.alternate lacks a language: {contexts}"
    assert all(event[4] == ["en"] for event in contexts), f"i18n_config does not mark English alone as default: {contexts}"


def test_i18n_language_entries_have_the_fields_we_read():
    """handbook/languages.py reads locale, build, default and site_name of each entry of the
    i18n plugin's languages."""
    from mkdocs_static_i18n.config import I18nPluginLanguage

    fields = {name for name, _ in I18nPluginLanguage._schema}
    assert {"locale", "build", "default", "site_name", "name"} <= fields, \
        f"mkdocs-static-i18n {mkdocs_static_i18n.__name__} language entries have only {sorted(fields)}"


PROBE_NAV = PROBE + """
@event_priority(-110)  # where hooks/print_page.py reads the navigation
def on_nav(nav, *, config, files):
    note(config, "on_nav", config.theme["language"], [item.title for item in nav.items if item.is_section])
"""


def test_i18n_translates_the_nav_sections_titles_in_its_on_nav(tmp_path):
    """hooks/print_page.py prints a nav section's title above the section's first page, as it
    reads it at its on_nav (priority -110): by then i18n's on_nav (-100) has given the section
    its title in the language being built (the language's nav_translations)."""
    section = "Quick-reference cards"
    translations = {entry.locale: entry.nav_translations or {}
                    for entry in load_config(str(ROOT / "mkdocs.yml")).plugins["i18n"].config.languages}
    assert section in translations["km"], f"mkdocs.yml no longer translates the nav section '{section}'; update this test"
    project = sample_project(tmp_path)
    (project / "hooks" / "probe_nav.py").write_text(PROBE_NAV, encoding="utf-8")
    configure(project, hooks=[*load_config(str(ROOT / "mkdocs.yml")).hooks, "hooks/probe_nav.py"],
              translations={"strict": False})
    settings = json.loads((project / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["nav"] = ["index.md", {section: ["about.md"]}]
    (project / "mkdocs.yml").write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
    build(load_config(str(project / "mkdocs.yml")))
    seen = [event[1:] for event in (json.loads(line) for line in
                                    (project / "probe.jsonl").read_text(encoding="utf-8").splitlines())]
    assert seen == [["en", [section]], ["km", [translations["km"][section]]]], \
        f"after i18n's on_nav the nav sections are titled {seen}, not translated in each language"
