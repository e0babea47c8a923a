"""Shared by the hooks that render templates themselves (worksheet forms, the directory, the
print pages …; not a hook itself): ``template(config, name)``, from one environment of the
theme per language built.

``config.theme.get_env()`` makes a new environment at each call, which compiles each template it
loads again. Here each language's build makes one, and the code compiled from the templates
named (not from those they extend or include) is kept for the whole build, so the second
language does not compile them again either. The theme's page templates are not affected: the
build compiles them once per language, as a build without our hooks does. Templates rendered
here see only what their hook gives them (none of the globals other hooks add in ``on_env``).
"""

from __future__ import annotations

from handbook.interface import build_language
from jinja2 import BytecodeCache, Environment, Template
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig


class _Compiled(BytecodeCache):
    """The compiled code of the templates in ``names`` (and of nothing else), kept in memory."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        # Not named (key ""): compiled as without this cache, and not kept.
        key = self.get_cache_key(name, filename) if name in self.names else ""
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key:
            self.code[bucket.key] = bucket.bytecode_to_string()


_compiled = _Compiled()
_environments: dict[tuple[int, str], Environment] = {}  # by configuration and language


def template(config: MkDocsConfig, name: str) -> Template:
    """The theme's template ``name`` for the language being built."""
    _compiled.names.add(name)
    key = (id(config), build_language(config))
    if key not in _environments:
        _environments.clear()  # a new build, or the next language: the last one's are done
        _environments[key] = config.theme.get_env()
        _environments[key].bytecode_cache = _compiled
    return _environments[key].get_template(name)
