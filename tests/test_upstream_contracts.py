"""What our code assumes about the internals of the packages it builds on: Material for MkDocs
(templates, page configuration, search) and MkDocs itself here, mkdocs-static-i18n (one build per
language) in test_upstream_contracts_i18n.py. None of this is their documented API, so an upgrade
can change it without notice; each test names one assumption and the file that relies on it, so
that an upgrade fails here first, with the reason. The README lists them under "Upgrading Material".
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jinja2
import material
import pytest
from jinja2 import nodes

from handbook.settings import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
# The files of overrides/ that replace one of Material's on purpose, and who uses Material's.
REPLACED = {
    "main.html": "Material's own main.html, the template of every page",
    "partials/actions.html": "partials/content.html includes it: the page's Download PDF buttons",
    "partials/alternate.html": "partials/header.html includes it: the language switch",
    "partials/search.html": "partials/header.html includes it: the search dialog, given an accessible name",
    "partials/copyright.html": "partials/footer.html includes it: the copyright line and 'Made with' in the page's language",
}


def material_file(pattern: str) -> Path:
    found = sorted(MATERIAL.glob(pattern))
    assert len(found) == 1, f"Material has {len(found)} files {pattern}, not one"
    return found[0]


def blocks(path: Path) -> set[str]:
    tree = jinja2.Environment().parse(path.read_text(encoding="utf-8"))
    return {block.name for block in tree.find_all(nodes.Block)}


def test_the_blocks_main_html_overrides_are_blocks_of_materials_base_html():
    """overrides/main.html extends Material's base.html and overrides some of its blocks: a block
    Material renamed or dropped would silently never render (no CSP meta, no worksheets)."""
    ours = blocks(OVERRIDES / "main.html")
    missing = ours - blocks(MATERIAL / "base.html")
    assert not missing, f"overrides/main.html overrides blocks Material's base.html no longer has: {sorted(missing)}"


@pytest.mark.parametrize("relative", sorted(REPLACED))
def test_each_template_we_replace_is_still_materials_and_still_used(relative: str):
    """A replaced partial must still exist in Material and still be included where we expect."""
    assert (MATERIAL / relative).exists(), f"overrides/{relative} replaces Material's {relative}, which is gone"
    if relative.startswith("partials/"):
        includer = {"partials/actions.html": "partials/content.html",
                    "partials/alternate.html": "partials/header.html",
                    "partials/search.html": "partials/header.html",
                    "partials/copyright.html": "partials/footer.html"}[relative]
        assert f'"{relative}"' in (MATERIAL / includer).read_text(encoding="utf-8"), \
            f"Material's {includer} no longer includes {relative} ({REPLACED[relative]})"


def test_our_own_templates_and_assets_do_not_shadow_materials():
    """Every other file of overrides/ is our own: one with the path of a Material file would
    replace it without anyone meaning to (e.g. a new Material partial of the same name)."""
    shadowing = sorted(
        path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*")
        if path.is_file() and (MATERIAL / path.relative_to(OVERRIDES)).exists()
        and path.relative_to(OVERRIDES).as_posix() not in REPLACED
    )
    assert not shadowing, f"these files of overrides/ replace Material's without being meant to: {shadowing}"


def test_khmer_interface_strings_are_a_language_file_material_imports():
    """overrides/partials/languages/km.html gives Material's interface in Khmer: Material
    imports partials/languages/<theme.language>.html and falls back to en.html key by key."""
    language = (MATERIAL / "partials" / "language.html").read_text(encoding="utf-8")
    assert '"partials/languages/" ~ config.theme.language ~ ".html"' in language, \
        "Material no longer picks its interface strings by theme.language (overrides/partials/languages/km.html)"


def config_block(path: Path) -> nodes.Block:
    tree = jinja2.Environment().parse(path.read_text(encoding="utf-8"))
    return next(block for block in tree.find_all(nodes.Block) if block.name == "config")


def config_json(block: nodes.Node) -> dict[str, str]:
    """The fields of the page's settings (the dict that goes through tojson), as Jinja expressions."""
    settings = next((node for node in block.find_all(nodes.Dict)
                     if any(pair.key.as_const() == "base" for pair in node.items)), None)
    assert settings is not None, "the config block no longer writes a dict with base"
    return {pair.key.as_const(): repr(pair.value) for pair in settings.items}


def test_a_translated_pages_configuration_is_materials_with_its_own_base():
    """Material writes the page's settings as JSON (tojson) in <script id="__config">, with "base"
    (base_url: the way back to the site's root), where its search loads search/ from and resolves
    results against; khmer-search.js reads the element too. overrides/main.html's config block
    keeps Material's block for the source language and, on a translated page, writes the same
    settings with base at the language's folder (it searches its own index). Any other
    difference, such as a renamed search worker after an upgrade, would break search there."""
    material_block = config_block(MATERIAL / "base.html")
    assert '<script id="__config" type="application/json">' in (MATERIAL / "base.html").read_text(encoding="utf-8"), \
        "Material's __config element is gone"
    assert any(isinstance(node, nodes.Filter) and node.name == "tojson" for node in material_block.find_all(nodes.Filter)), \
        "Material's __config is no longer written with tojson"
    materials = config_json(material_block)
    assert materials["base"] == repr(nodes.Name("base_url", "load")), f"Material's __config base is {materials['base']}"
    ours_block = config_block(OVERRIDES / "main.html")
    translated = next(node for node in ours_block.find_all(nodes.If)).body
    ours = {}
    for node in translated:
        ours.update(config_json(node) if any(True for _ in node.find_all(nodes.Dict)) else {})
    assert ours.pop("base") != materials.pop("base"), "overrides/main.html keeps Material's base on translated pages"
    assert ours == materials, (f"overrides/main.html's __config differs from Material's (besides base) in "
                               f"{sorted(key for key in ours.keys() | materials.keys() if ours.get(key) != materials.get(key))}")
    setup = [repr(node) for node in material_block.body if not isinstance(node, nodes.Output)]
    assert setup == [repr(node) for node in translated if not isinstance(node, nodes.Output)], \
        "overrides/main.html's config block no longer sets up the values as Material's does"


def test_over_file_urls_material_loads_the_search_index_as_a_script_defining_index():
    """Over file:// (the USB bundle) Material's bundle cannot fetch search_index.json: it loads
    search/search_index.js, relative to __config's base, and reads the global __index.
    hooks/search_index.py writes that file for each language; khmer-search.js reads window.__index."""
    bundle = material_file("assets/javascripts/bundle.*.min.js").read_text(encoding="utf-8")
    loader = re.search(r'location\.protocol==="file:"\?[^?]{0,80}"search/search_index\.js"[^;]{0,80}__index', bundle)
    assert loader, "Material's bundle no longer loads search/search_index.js and its __index over file://"


def test_the_search_worker_answers_setup_with_ready_and_a_query_with_results():
    """khmer-search.js and search-typos.js rewrite the messages the page posts to Material's search
    worker: type 2 (QUERY, the query as a string) khmer-search.js splits into Khmer words and
    search-typos.js sends as lunr's boosted prefix and fuzzy searches (word*^10 word~1); type 0
    (SETUP) is the index, answered with 1 (READY); a query is answered with 3 (RESULT). Run here
    in Node on a two-page index."""
    fields = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}
    index = {"config": {"lang": ["en"], "separator": r"[\s\u200b\-]+", "pipeline": ["stopWordFilter"], "fields": fields},
             "docs": [{"location": "risks.html", "title": "Risks", "text": "Assess each risk."},
                      {"location": "km/risks.html", "title": "ហានិភ័យ", "text": "វាយតម្លៃ\u200bហានិភ័យ"}]}
    # The page sends the index with its options (what bundle.js sends when search.suggest is off).
    messages = [{"type": 0, "data": dict(index, options={"suggest": False})}, {"type": 2, "data": "ហានិភ័យ"},
                {"type": 2, "data": "asess*^10 asess~1"}]
    replies = run_search_worker(messages)["replies"]
    assert [reply["type"] for reply in replies] == [1, 3, 3], f"the search worker answered {replies}"
    found = [item["location"] for group in replies[1]["data"]["items"] for item in group]
    assert found == ["km/risks.html"], f"a Khmer word separated by U+200B was not found: {found}"
    found = [item["location"] for group in replies[2]["data"]["items"] for item in group]
    assert found == ["risks.html"], f"lunr's fuzzy search (asess~1) did not find 'Assess': {found}"


def run_search_worker(messages: list[dict]) -> dict:
    """Material's search worker run in Node: its replies and the lunr files it asked for."""
    worker = material_file("assets/javascripts/workers/search.*.min.js")
    result = subprocess.run(["node", str(ROOT / "tests" / "js" / "material-search-worker.js"), str(worker),
                             json.dumps(messages)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


@pytest.mark.parametrize("lang", [["en"], ["km"], ["en", "km"], ["ja"], ["th"]])
def test_the_search_worker_loads_the_lunr_files_search_index_py_keeps(lang: list[str]):
    """hooks/search_index.py removes the lunr files (assets/javascripts/lunr/) that no index needs,
    and knows which by the rules of Material's search worker (setupSearchLanguages): a language
    file per language but English, a segmenter for Japanese, Hindi and Thai, the multi-language
    file for several, and the stemmer support with any of them. The worker asks for exactly those."""
    import sys

    sys.path.insert(0, str(ROOT / "hooks"))
    from search_index import lunr_files

    index = {"config": {"lang": lang, "separator": r"[\s\-]+", "pipeline": [], "fields": {"title": {}, "text": {}}},
             "docs": [], "options": {"suggest": False}}
    asked = run_search_worker([{"type": 0, "data": index}])["imported"]
    expected = {f"../lunr/{path.as_posix()}" for path in lunr_files(lang)}
    assert set(asked) == expected, f"for lang {lang} Material's worker loads {sorted(asked)}, not {sorted(expected)}"


def test_material_asks_for_the_search_index_the_ways_search_index_js_holds_back():
    """overrides/assets/javascripts/search-index.js holds back Material's request for the search
    index until search is opened: over HTTP an XMLHttpRequest for search/search_index.json, over
    file:// a <script> that Material appends to document.head."""
    bundle = material_file("assets/javascripts/bundle.*.min.js").read_text(encoding="utf-8")
    assert 'new URL("search/search_index.json",' in bundle, "Material no longer requests search/search_index.json"
    assert re.search(r'new XMLHttpRequest;return \w+\.open\("GET"', bundle), \
        "Material's JSON requests no longer go through XMLHttpRequest (search-index.js wraps its send)"
    assert re.search(r'"script",\{src:\w+\}\);return \w+\(\(\)=>\(document\.head\.appendChild\(', bundle), \
        "Material no longer loads scripts with document.head.appendChild (search-index.js wraps it)"


def material_names_we_use() -> dict[str, set[str]]:
    """Material's CSS classes and element ids that our templates, styles, scripts and hooks use."""
    used: dict[str, set[str]] = {}
    files = [*OVERRIDES.rglob("*.html"), *OVERRIDES.rglob("*.css"), *OVERRIDES.rglob("*.js"), *(ROOT / "hooks").glob("*.py")]
    for path in files:
        if "vendor" in path.parts:
            continue
        for name in re.findall(r"(?<![\w-])(?:md-[a-z][a-z0-9_-]*[a-z0-9]|__[a-z]+)\b", path.read_text(encoding="utf-8")):
            used.setdefault(name, set()).add(path.relative_to(ROOT).as_posix())
    return used


def test_materials_classes_and_ids_we_use_still_exist():
    """Our CSS styles, our scripts query and our hooks look for Material's classes (md-header,
    md-search__input …) and ids (__config, __search): each must still be in Material's templates,
    styles or scripts, or what relies on it silently does nothing."""
    material_text = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in MATERIAL.rglob("*")
                              if path.suffix in {".html", ".css", ".js", ".py"} and path.is_file())
    gone = {name: sorted(users) for name, users in material_names_we_use().items() if name not in material_text}
    assert not gone, "Material no longer has these classes or ids; they are used by:\n  " + "\n  ".join(
        f"{name}: {', '.join(users)}" for name, users in sorted(gone.items()))


def test_a_pages_toc_gives_the_headings_hooks_print_page_prints_in_the_contents():
    """hooks/print_page.py builds the printed contents from each page's ``toc`` (MkDocs' table of
    contents, read from the rendered page): the page title first, at level 1, its sections as its
    children, each with the id of its heading in the HTML and its title."""
    from markdown import Markdown
    from mkdocs.structure.toc import get_toc

    md = Markdown(extensions=["toc"])
    html = md.convert("# Risks\n\n## Assess each risk\n\n### Threats\n")
    toc = list(get_toc(md.toc_tokens))
    assert [(link.level, link.id, link.title) for link in toc] == [(1, "risks", "Risks")], f"the toc starts {toc}"
    section = toc[0].children[0]
    assert (section.level, section.id, section.title) == (2, "assess-each-risk", "Assess each risk"), section
    assert [(link.level, link.id) for link in section.children] == [(3, "threats")], section.children
    assert f'id="{section.id}"' in html, "the toc's ids are not the ids of the headings in the page"


def test_mkdocs_finds_front_matter_with_the_pattern_our_helper_uses():
    """handbook/frontmatter.py finds a page's front matter with MkDocs' own pattern, so that its
    line numbers match the Markdown MkDocs hands to the hooks."""
    from mkdocs.utils.meta import YAML_RE, get_data

    page = "---\ntitle: A\n---\n\n# A\n"
    assert YAML_RE.match(page) and get_data(page) == ("# A\n", {"title": "A"}), \
        "MkDocs no longer splits front matter as handbook/frontmatter.py does"


def test_the_app_colours_read_from_the_start_of_materials_stylesheets_are_those_of_the_whole(monkeypatch):
    """hooks/webapp.py reads Material's stylesheets only up to the last rule defining the colours
    it needs; were a later rule to redefine one, the app's header colour would differ from the page's."""
    import sys

    sys.path.insert(0, str(ROOT / "hooks"))
    import webapp

    folders = (str(Path(material.__file__).parent / "templates"),)
    partly = {selector: found for selector, found in webapp._colour_variables(folders).items() if found}
    monkeypatch.setattr(webapp, "_defining", lambda css: css)
    whole = {selector: found for selector, found in webapp._colour_variables(folders).items() if found}
    assert partly == whole and any(webapp.THEME_COLOUR in values for values in whole.values()), \
        "the colours read from the start of Material's stylesheets are not those of the whole stylesheets"
