"""`python -m handbook pipeline`: how a build flows through the plugins and our hooks, read from
MkDocs itself (the handlers it registered for each event from mkdocs.yml, in the order it calls
them). The README's "How it is built" shows this text; tests/test_readme.py checks that the two
agree, so a hook added, removed or reordered shows up in the README.
"""

from __future__ import annotations

import textwrap
from typing import Any

# MkDocs' events in the order `mkdocs build` fires them (mkdocs/commands/build.py), by stage.
STAGES = [
    ("once per mkdocs command", ["startup"]),
    ("mkdocs serve, once", ["serve"]),
    ("once per language", ["config", "pre_build", "files", "nav"]),
    ("each page, read and rendered to HTML", ["pre_page", "page_read_source", "page_markdown", "page_content"]),
    ("once per language", ["env"]),
    ("each theme template (404.html, sitemap.xml)", ["pre_template", "template_context", "post_template"]),
    ("each page, written", ["page_context", "post_page"]),
    ("once per language, at the end", ["post_build", "build_error"]),
    ("once per mkdocs command", ["shutdown"]),
]
WIDTH = 100
INDENT = " " * 24


def describe(config: Any) -> str:
    """The events that have handlers, by stage: who acts, in order, with non-zero priorities."""
    names = {id(plugin): name for name, plugin in config.plugins.items()}
    lines = ["mkdocs-static-i18n builds the first language, then each other one from inside the first's",
             "on_post_build (priority -100): every stage below runs once per language. (n) is a",
             "priority: higher runs first; equal ones run in the order of mkdocs.yml.", ""]
    for stage, events in STAGES:
        found = [(event, config.plugins.events.get(event) or []) for event in events]
        found = [(event, handlers) for event, handlers in found if handlers]
        if not found:
            continue
        lines.append(f"{stage}:")
        for event, handlers in found:
            acting = " · ".join(_name(handler, names) for handler in handlers)
            lines.extend(textwrap.wrap(acting, WIDTH, initial_indent=f"  on_{event}".ljust(len(INDENT)),
                                       subsequent_indent=INDENT, break_on_hyphens=False))
    return "\n".join(lines)


def _name(handler: Any, names: dict[int, str]) -> str:
    owner = getattr(handler, "__self__", None)
    name = names.get(id(owner)) if owner is not None else handler.__module__
    name = name.removeprefix("hooks/")
    priority = getattr(handler, "mkdocs_priority", 0)
    return f"{name}({priority:g})" if priority else name
