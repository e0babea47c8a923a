"""The theme's Jinja environment for the templates the hooks render themselves (a form, the
directory, the print pages …), made once per build and language: each ``theme.get_env()``
starts with no compiled template, so a hook that asked for its own would compile its templates
again every time.

It is not the environment MkDocs renders the pages with (hooks give that one globals in
``on_env``); a hook passes what its template needs as arguments.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from handbook import yamldata
from handbook.languages import build_language


def environment(config: Any) -> Environment:
    """The theme's templates for the language being built, compiled at most once per build."""
    key = ("theme environment", build_language(config), tuple(config.theme.dirs))
    return yamldata.for_build(config).get(key, config.theme.get_env)
