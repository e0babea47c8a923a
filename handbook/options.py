"""The hooks' settings under ``extra:`` in mkdocs.yml. Each section is declared once, as a small
config class (MkDocs' own ``Config``, the way Material's plugins declare theirs), beside the code
that uses it, and checked once per build, when the build starts (``on_config``): a wrong, missing
or unknown option stops the build naming mkdocs.yml, the option and what to write.

    class ProjectorOptions(options.Options):
        SECTION = "projector"
        font_scale = options.Number(1.2, 3.0, help="how many times larger text is, e.g. 1.6")

    options.read(config, ProjectorOptions).font_scale
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

from mkdocs.config import base
from mkdocs.exceptions import PluginError

from handbook import yamldata

O = TypeVar("O", bound="Options")


class Options(base.Config):
    """One section of ``extra:`` (``SECTION``); subclasses declare its options."""

    SECTION = ""


def read(config: Any, schema: type[O]) -> O:
    """``extra.<schema.SECTION>`` of this build's configuration, checked (once per build)."""
    return yamldata.for_build(config).get(("options", schema), lambda: check(config, schema))


def check(config: Any, schema: type[O]) -> O:
    """The section checked, or the build stops with the file, the option and the fix."""
    path = config.config_file_path or "mkdocs.yml"
    where = f"{path}: extra.{schema.SECTION}"
    raw = (config.get("extra") or {}).get(schema.SECTION)
    if not isinstance(raw, dict):
        raise PluginError(f"{where} is missing: add it with {', '.join(key for key, _ in schema._schema)} "
                          f"({(schema.__doc__ or '').strip()}).")
    options = schema(config_file_path=path)
    options.load_dict(raw)
    failed, warnings = options.validate()
    for key, error in failed:
        raise PluginError(f"{where}.{key} {error}")
    for key, _ in warnings:
        if key not in options._schema_keys:
            known = ", ".join(name for name, _ in schema._schema)
            raise PluginError(f"{where}.{key} is not an option of extra.{schema.SECTION} (known: {known}).")
    return options


class Option(base.BaseConfigOption):
    """An option with a ``help`` text saying what it is and how to write it."""

    def __init__(self, *, help: str, default: Any = None) -> None:
        super().__init__()
        self.help = help
        self.default = default

    def run_validation(self, value: object) -> Any:
        if value is None:
            raise base.ValidationError(f"is missing ({self.help}).")
        return self.convert(value)

    def convert(self, value: object) -> Any:
        return value

    def wrong(self, what: str, value: object) -> base.ValidationError:
        return base.ValidationError(f"must be {what} ({self.help}), not {value!r}.")


class Flag(Option):
    """true or false; also 1 or 0, as an environment variable read with !ENV gives them."""

    def convert(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise self.wrong("true or false (or 1 or 0)", value)


class Number(Option):
    """A number from ``low`` to ``high``; ``whole`` for counts."""

    def __init__(self, low: float, high: float, *, whole: bool = False, help: str, default: Any = None) -> None:
        super().__init__(help=help, default=default)
        self.low, self.high, self.whole = low, high, whole

    def convert(self, value: object) -> float | int:
        kind = int if self.whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kind) or not self.low <= value <= self.high:
            raise self.wrong(f"a {'whole ' if self.whole else ''}number from {self.low:,} to {self.high:,}", value)
        return value


class Text(Option):
    """A non-empty string, matching ``pattern`` when one is given."""

    def __init__(self, *, pattern: str = "", help: str, default: Any = None) -> None:
        super().__init__(help=help, default=default)
        self.pattern = re.compile(pattern) if pattern else None

    def convert(self, value: object) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip() or (self.pattern and not self.pattern.fullmatch(value)):
            raise self.wrong("text" + (f" like {self.pattern.pattern}" if self.pattern else ""), value)
        return value


class Date(Option):
    """A date written YYYY-MM-DD (quoted or not)."""

    def convert(self, value: object) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.wrong("a date written YYYY-MM-DD", value) from None


class TextList(Option):
    """A non-empty list of strings."""

    def convert(self, value: object) -> list[str]:
        if not isinstance(value, list) or not value or not all(isinstance(item, str) and item for item in value):
            raise self.wrong("a list of text items", value)
        return value


class TextMap(Option):
    """A non-empty mapping of names to text; ``keys`` when the names are fixed."""

    def __init__(self, *, keys: tuple[str, ...] = (), help: str, default: Any = None) -> None:
        super().__init__(help=help, default=default)
        self.keys = keys

    def convert(self, value: object) -> dict[str, str]:
        wanted = f"a mapping of {', '.join(self.keys)}" if self.keys else "a mapping of names to text"
        if not isinstance(value, dict) or not value or not all(isinstance(v, str) and v for v in value.values()):
            raise self.wrong(wanted, value)
        if self.keys and set(value) != set(self.keys):
            raise self.wrong(wanted, value)
        return value
