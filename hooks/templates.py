"""Shared by the hooks that render templates themselves (worksheet forms, the directory, the
print pages …; not a hook itself): ``template(config, name)``, from one environment of the
theme for the whole build.

``config.theme.get_env()`` makes a new environment at each call, which compiles each template it
loads again. Here one environment serves the build's every language (these templates use nothing
of the language but what their hook gives them), and the code Jinja compiles from them is kept
in ``extra.templates.cache`` between builds (Jinja's own bytecode cache: a template whose source
changed is compiled again), as Python keeps the hooks' code in ``__pycache__``. The theme's page
templates do not go through it: MkDocs compiles them once per language, as a build without our
hooks does. Templates rendered here see only what their hook gives them (none of the globals
other hooks add in ``on_env``).
"""

from __future__ import annotations

from pathlib import Path

from handbook import options
from jinja2 import Environment, FileSystemBytecodeCache, Template
from mkdocs.config.defaults import MkDocsConfig


class TemplateOptions(options.Options):
    """where the code compiled from the hooks' templates is kept between builds"""

    SECTION = "templates"
    cache = options.Text(help="a folder for the compiled templates, e.g. build/templates")


_environment: tuple[MkDocsConfig, Environment] | None = None  # the build's, with its configuration


def template(config: MkDocsConfig, name: str) -> Template:
    """The theme's template ``name``, for the build of ``config``."""
    global _environment
    if _environment is None or _environment[0] is not config:  # a new build (make serve builds again)
        cache = Path(config.config_file_path).parent / options.read(config, TemplateOptions).cache
        cache.mkdir(parents=True, exist_ok=True)
        environment = config.theme.get_env()
        environment.bytecode_cache = FileSystemBytecodeCache(str(cache))
        _environment = (config, environment)
    return _environment[1].get_template(name)
