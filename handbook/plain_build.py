"""The only hook of `make bench`'s plain baseline build (handbook/bench.py): the same docs, theme,
overrides and assets as the handbook, without any of hooks/. Our templates read values that those
hooks provide (download links, projector settings, worksheet data, interface strings); here every
such value renders empty (Jinja's ChainableUndefined), so the baseline pays for rendering our
templates but for none of our processing.

MkDocs events handled:
- ``on_env``: makes undefined template values render empty instead of failing.
"""

from __future__ import annotations

from jinja2 import ChainableUndefined, Environment


def on_env(env: Environment, *, config, files) -> Environment:
    """Called once per language when the Jinja environment is ready."""
    env.undefined = ChainableUndefined
    return env
