"""A sample project for the tests of what a writer gets from the build: the handbook's own
configuration, hooks and theme around a two-page sample site (tests/data/minimal-docs), built
with `mkdocs build --strict` as `make handbook` does, and the edits a writer would make to it.
The ``project`` fixture (tests/conftest.py) gives each test a fresh copy."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from handbook.settings import ROOT

SAMPLE_DOCS = Path(__file__).parent / "data" / "minimal-docs"


def sample_project(folder: Path) -> Path:
    """A copy of the handbook's configuration, hooks and theme around a two-page sample site."""
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copytree(SAMPLE_DOCS, folder / "docs")
    for data_file in (ROOT / "docs").glob("*.yml"):
        shutil.copy(data_file, folder / "docs")
    # The sample leaves pages untranslated on purpose; tests that want strict turn it on.
    configure(folder, translations={"strict": False})
    return folder


def configure(project: Path, *, hooks: list[str] | None = None, **extra: dict) -> None:
    """The project's mkdocs.yml: the handbook's own (MkDocs' INHERIT, relative paths resolved in
    the project), with the sample's nav, the given sections of `extra` and `hooks` changed."""
    child = {"INHERIT": str(ROOT / "mkdocs.yml"), "nav": ["index.md", "about.md"], "extra": extra}
    if hooks is not None:
        child["hooks"] = hooks
    (project / "mkdocs.yml").write_text(json.dumps(child, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def write(project: Path, relative: str, text: str) -> None:
    (project / "docs" / relative).write_text(text, encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    """The file with its first ``old`` written as ``new``, as a writer would change it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}; update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return path.read_text(encoding="utf-8").split(needle)[0].count("\n") + 1


def mistake_stops_the_build(project: Path, data_file: str, old: str, new: str, needle: str, message: str) -> None:
    """docs/<data_file> with ``old`` written as ``new`` stops the build with ``message``, naming the
    file and the line that holds ``needle``."""
    path = project / "docs" / data_file
    edit(path, old, new)
    result = build(project)
    assert result.returncode != 0, f"{data_file} with a mistake was published ({message})"
    assert f"{data_file}:{line_of(path, needle)}: " in result.stderr, result.stderr[-1500:]
    assert message in result.stderr, result.stderr[-1500:]
