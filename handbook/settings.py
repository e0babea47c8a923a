"""The handbook's settings for the steps after MkDocs (PDFs, zip, bench, tests), read from
mkdocs.yml by MkDocs itself (``mkdocs.config.load_config``): the values, ``!ENV`` variables
included, are exactly those the hooks see in a build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from handbook import languages as handbook_languages
from handbook import options

ROOT = Path(__file__).resolve().parent.parent


class HandbookOptions(options.Options):
    """the handbook's name, version, edition date and the titles of its sources"""

    SECTION = "handbook"
    name = options.Text(pattern=r"[a-z0-9][a-z0-9-]*", help="the zip's and the PDFs' file names start with it")
    version = options.Text(help="the edition's version, e.g. \"0.1.0\"")
    date = options.Date(help="the edition date: timestamps in the zip, 'information as of' notices")
    sources = options.TextMap(help="the title of each source a page's `sources:` may name")
    check_page = options.Text(pattern=r"[a-z0-9][a-z0-9/-]*\.md",
                              help="the page that ends with 'Check your copy' (hooks/release.py), e.g. about.md")


def pdf_name(handbook: HandbookOptions, language: str, kind: str = "handbook") -> str:
    """The file name of a PDF: the handbook (``kind`` "handbook") or its blank worksheet pack
    ("worksheets") in ``language``; the same in dist/, the zip's and site/'s pdf/ and the links."""
    suffix = language if kind == "handbook" else f"worksheets-{language}"
    return f"{handbook.name}-{handbook.version}-{suffix}.pdf"


class PdfOptions(options.Options):
    """the print-ready PDFs"""

    SECTION = "pdf"
    enabled = options.Flag(help="whether to print the PDFs; HANDBOOK_PDF=0 or HANDBOOK_PDF=false turns them off")
    folder = options.Text(pattern=r"[a-z0-9-]+", help="the folder of the zip and of site/ holding the PDFs")
    size = options.Text(help="the paper size, as CSS @page writes it: A4, letter")
    margin = options.TextMap(keys=("top", "right", "bottom", "left"), help="the page margins, e.g. top: 22mm")
    toc_levels = options.Number(1, 6, whole=True, help="heading levels in the printed contents: 1 chapters, 2 sections")


@dataclass(frozen=True)
class Settings:
    name: str
    version: str
    date: dt.date
    languages: tuple[str, ...]
    site_dir: Path
    dist_dir: Path
    docs_dir: Path
    # mkdocs.yml's `extra`, as the hooks see it.
    extra: dict = field(default_factory=dict, compare=False)
    # The whole configuration, as MkDocs loaded it (for handbook.interface and the like).
    mkdocs: MkDocsConfig | None = field(default=None, compare=False, repr=False)
    # The project's folder (where mkdocs.yml is).
    root: Path = ROOT

    @property
    def folder(self) -> str:
        """The one folder the zip unpacks into: the handbook's name and version."""
        return f"{self.name}-{self.version}"

    @property
    def zip_path(self) -> Path:
        return self.dist_dir / f"{self.folder}.zip"

    def pdf_path(self, language: str, kind: str = "handbook") -> Path:
        return self.dist_dir / pdf_name(options.read(self.mkdocs, HandbookOptions), language, kind)

    @property
    def pdf(self) -> PdfOptions:
        """``extra.pdf``, checked."""
        return options.read(self.mkdocs, PdfOptions)

    @property
    def pdfs_enabled(self) -> bool:
        """Whether this build prints the PDFs (``extra.pdf.enabled``, from HANDBOOK_PDF)."""
        return self.pdf.enabled

    @property
    def source_date_epoch(self) -> int:
        """Timestamps in the build and the zip: the edition date, so rebuilds are identical."""
        return int(dt.datetime.combine(self.date, dt.time(), tzinfo=dt.timezone.utc).timestamp())


def load(root: Path = ROOT) -> Settings:
    """The settings of the project at ``root`` (its mkdocs.yml, read now: environment included)."""
    config = load_mkdocs(root / "mkdocs.yml")
    handbook = options.read(config, HandbookOptions)
    return Settings(
        name=handbook.name,
        version=handbook.version,
        date=handbook.date,
        languages=tuple(handbook_languages.languages(config)),
        site_dir=Path(config.site_dir),
        dist_dir=root / "dist",
        docs_dir=Path(config.docs_dir),
        extra=config.extra,
        mkdocs=config,
        root=root,
    )


def load_mkdocs(path: Path) -> MkDocsConfig:
    """mkdocs.yml loaded and checked by MkDocs, as ``mkdocs build`` would (a broken configuration
    stops with MkDocs' own error)."""
    return load_config(str(path))


def nav_pages(root: Path = ROOT) -> list[str]:
    """The pages of `nav:` in mkdocs.yml, in order ("index.md", "cards/arrest.md" …)."""
    return flatten_nav(load(root).mkdocs.nav)


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
