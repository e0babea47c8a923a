"""Reads the handbook's settings from mkdocs.yml (the one place they live)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _Loader(yaml.SafeLoader):
    """mkdocs.yml uses MkDocs' !ENV and python tags; this reader only needs plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    name: str
    version: str
    date: dt.date
    languages: tuple[str, ...]
    site_dir: Path
    dist_dir: Path
    docs_dir: Path
    # mkdocs.yml's `extra` as written (the hooks check it at on_config).
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def folder(self) -> str:
        """The one folder the zip unpacks into: the handbook's name and version."""
        return f"{self.name}-{self.version}"

    @property
    def zip_path(self) -> Path:
        return self.dist_dir / f"{self.folder}.zip"

    def pdf_path(self, language: str, kind: str = "handbook") -> Path:
        suffix = language if kind == "handbook" else f"worksheets-{language}"
        return self.dist_dir / f"{self.name}-{self.version}-{suffix}.pdf"

    @property
    def source_date_epoch(self) -> int:
        """Timestamps in the build and the zip: the edition date, so rebuilds are identical."""
        return int(dt.datetime.combine(self.date, dt.time(), tzinfo=dt.timezone.utc).timestamp())


@functools.cache
def load(root: Path = ROOT) -> Settings:
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    handbook = config["extra"]["handbook"]
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return Settings(
        name=handbook["name"],
        version=str(handbook["version"]),
        date=dt.date.fromisoformat(str(handbook["date"])),
        languages=tuple(language["locale"] for language in i18n["languages"]),
        site_dir=root / config.get("site_dir", "site"),
        dist_dir=root / "dist",
        docs_dir=root / config.get("docs_dir", "docs"),
        extra=config.get("extra") or {},
    )


def flatten_nav(nav: list | None) -> list[str]:
    """The pages of a `nav:` list, in order, as paths relative to a language folder."""
    pages: list[str] = []
    for item in nav or []:
        if isinstance(item, str):
            pages.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                pages.extend(flatten_nav(value if isinstance(value, list) else [value]))
    return pages


def nav_pages(root: Path = ROOT) -> list[str]:
    """The pages of `nav:` in mkdocs.yml, in order ("index.md", "cards/arrest.md" …)."""
    return flatten_nav(yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["nav"])
