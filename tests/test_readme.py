"""The README describes the code as it is: the pipeline diagram is what MkDocs runs, and the
"Upgrading Material" list names every check of tests/test_upstream_contracts*.py."""

from __future__ import annotations

import ast
import re

from handbook import pipeline
from handbook.settings import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_pipeline_is_the_one_mkdocs_runs(config):
    shown = re.search(r"<!-- pipeline -->\n```text\n(.*?)\n```\n<!-- /pipeline -->", README, re.DOTALL)
    assert shown, "README.md has no pipeline between <!-- pipeline --> and <!-- /pipeline -->"
    assert shown.group(1) == pipeline.describe(config.mkdocs), \
        "README.md's pipeline differs from mkdocs.yml's hooks: paste the output of `python -m handbook pipeline`"


def test_the_readme_lists_every_upstream_assumption_we_test():
    section = README.split("### Upgrading Material", 1)[1].split("\n## ", 1)[0]
    tests = {node.name for path in (ROOT / "tests").glob("test_upstream_contracts*.py")
             for node in ast.parse(path.read_text(encoding="utf-8")).body
             if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}
    listed = set(re.findall(r"`(test_\w+)`", section))
    assert tests - listed == set(), f"README's 'Upgrading Material' does not list {sorted(tests - listed)}"
    assert listed - tests == set(), f"README's 'Upgrading Material' lists checks that do not exist: {sorted(listed - tests)}"
