"""YAML as the handbook reads it: the data files of docs/ (interface.yml, directory.yml,
abbreviations.yml, glossary.yml) and the pages' front matter, each parsed once per build, with the
line of every value so that an error names the file and the line.

``mkdocs serve`` keeps the hook modules between rebuilds, so nothing parsed here outlives the
build that asked for it: ``for_build(config)`` is a store tied to that build's configuration
object (mkdocs-static-i18n builds every language with the same one, and ``mkdocs serve`` loads a
new one for each rebuild), and it is gone with it.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any, Callable, NamedTuple

import yaml
from mkdocs.exceptions import PluginError

# libyaml's parser where PyYAML was built with it (Debian's and PyPI's wheels are); the same
# results, several times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Key = tuple  # the path to a value: keys and list indexes, () for the whole document


class Parsed(NamedTuple):
    """A YAML document, the 1-based line of each of its values, and each scalar as written."""

    data: Any
    lines: dict[Key, int]
    written: dict[Key, str]

    def line(self, *path: str | int) -> int:
        """The line of the value at ``path``, or of the nearest enclosing value there is."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def parse(text: str, source: Path | str, *, first_line: int = 1) -> Parsed:
    """``text`` parsed; ``first_line`` is where it starts in ``source`` (front matter starts on
    line 2). Invalid YAML stops the build naming the file and the line."""
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is not None and mark.line >= text.count("\n") and getattr(error, "context_mark", None):
            mark = error.context_mark  # found at the end of the text: where the unclosed [ or ' is
        line = first_line + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error)
        raise PluginError(f"{source}:{line}: not valid YAML ({problem}).") from None
    finally:
        loader.dispose()
    lines: dict[Key, int] = {}
    written: dict[Key, str] = {}
    if node is not None:
        _walk(node, (), first_line, lines, written)
    return Parsed(data, lines, written)


def _walk(node: yaml.Node, path: Key, first_line: int, lines: dict, written: dict) -> None:
    lines[path] = first_line + node.start_mark.line
    if isinstance(node, yaml.ScalarNode):
        written[path] = node.value
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), first_line, lines, written)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                _walk(value, (*path, key.value), first_line, lines, written)
                # A field is where its key is (a list's value starts on the line after).
                lines[(*path, key.value)] = first_line + key.start_mark.line


def read(path: Path) -> Parsed:
    """A YAML file, parsed (no caching: see ``load`` for the hooks)."""
    return parse(path.read_text(encoding="utf-8"), path)


class BuildStore:
    """What one build has parsed, by file (and by what was derived from it)."""

    def __init__(self) -> None:
        self._values: dict[Any, Any] = {}

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        if key not in self._values:
            self._values[key] = compute()
        return self._values[key]


_store: BuildStore = BuildStore()
_owner: Callable[[], object | None] = lambda: None


def for_build(config: object) -> BuildStore:
    """The store of the build ``config`` belongs to: a new, empty one for a new build."""
    global _store, _owner
    if _owner() is not config:
        _store, _owner = BuildStore(), weakref.ref(config)
    return _store


def load(config: object, path: Path) -> Parsed:
    """A YAML file, parsed once per build."""
    return for_build(config).get(("yaml", Path(path)), lambda: read(Path(path)))
