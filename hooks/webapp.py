"""The handbook as an app on a phone: a web app manifest per language, the home-screen icons drawn
from the handbook's logo, and what the pages need to save themselves for offline use.

Settings: ``extra.offline_app`` in mkdocs.yml; the logo is ``theme.logo``, the colours come from
``theme.palette`` (its first scheme). Strings: the ``app_*`` keys of docs/interface.yml. The
service worker itself is written after the PDFs by handbook/serviceworker.py.

MkDocs events handled:
- ``on_config``: checks ``extra.offline_app`` (``OfflineAppOptions``) and that ``theme.logo`` is an SVG file.
- ``on_env``: makes ``hb_webapp`` (manifest path, theme colour, the script's settings and
  strings in the language being built) available to overrides/partials/offline-app*.html.
- ``on_post_page``: puts the offline status (saved edition, "Save the PDFs for offline") where a
  page holds the marker ``<!-- offline-status -->`` (the About page), after the search plugin has
  read the page (the status is no text to search for); when ``site_url`` is set, with a QR code
  of the language's home online (drawn with segno).
- ``on_post_build``: writes ``manifest.webmanifest`` into each language's home folder, and the
  PNG icons into ``assets/app/``: drawn with resvg, and kept in ``extra.offline_app.cache`` for
  the next build (by what they are drawn from: a changed logo, colour or size is drawn again).
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import json
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

from handbook import options, yamldata
from handbook.interface import build_language, strings
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from templates import template

MARKER = "<!-- offline-status -->"
MANIFEST = "manifest.webmanifest"
ICON_FOLDER = "assets/app"
WORKER = "sw.js"  # written by handbook/serviceworker.py at the site's root (its scope)
SVG = "http://www.w3.org/2000/svg"
# Chrome installs an app only with an icon of at least 144 px; icons above 1024 px only cost bytes.
ICON_RANGE = (144, 1024)
# Material's custom properties for the header's colour and the page background.
THEME_COLOUR, BACKGROUND = "--md-primary-fg-color", "--md-default-bg-color"
COLOURS = (THEME_COLOUR, BACKGROUND)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Called once the configuration is read: wrong offline_app settings or logo stop the build."""
    _settings(config)
    _logo(config)
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Called once per language build, before its pages are rendered."""
    env.globals["hb_webapp"] = _globals(config)
    return env


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Called with each page's final HTML: only pages holding the marker change."""
    if MARKER not in output:
        return output
    return output.replace(MARKER, template(config, "partials/offline-status.html").render(hb_webapp=_globals(config)), 1)


def on_post_build(*, config: MkDocsConfig) -> None:
    """Called after each language's build (mkdocs-static-i18n builds one language at a time)."""
    site = Path(config.site_dir)
    home = _home(config)
    theme_color, background = _colours(config)
    icons = _write_icons(config, site, background) if home == "" else _icon_list(config)
    texts = strings(config)
    up = "../" * home.count("/")
    manifest = {
        "name": config.site_name,
        "short_name": texts["app_short_name"],
        "description": texts["app_description"],
        "lang": build_language(config),
        "dir": config.theme.get("direction") or "ltr",
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "theme_color": theme_color,
        "background_color": background,
        "icons": [dict(icon, src=up + icon["src"]) for icon in icons],
    }
    path = site / home / MANIFEST
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _globals(config: MkDocsConfig) -> dict:
    """What the templates need: the manifest's path from the site root, the theme colour, and the
    settings and strings offline-app.js reads from the page (made once per build and language)."""
    return yamldata.for_build(config).get(("webapp globals", build_language(config)), lambda: _make_globals(config))


def _make_globals(config: MkDocsConfig) -> dict:
    texts = {key.removeprefix("app_"): value for key, value in strings(config).items() if key.startswith("app_")}
    return {
        "manifest": posixpath.join(_home(config), MANIFEST),
        "theme_color": _colours(config)[0],
        "strings": texts,
        "worker": WORKER,
        "qr": _qr(config, texts["qr_label"]),
        "script_json": _script_json({"strings": texts, "remindAfterHours": _settings(config)["remind_after_hours"]}),
    }


def _qr(config: MkDocsConfig, label: str) -> dict | None:
    """The address of the language's home online and its QR code (SVG), when site_url is set."""
    if not config.site_url:
        return None
    import segno  # only when site_url is set

    url = config.site_url.rstrip("/") + "/" + _home(config)
    code = segno.make(url, error="m").svg_inline(omitsize=True, svgclass="hb-qr__code", dark="#000", light="#fff",
                                                 title=label)
    return {"url": url, "svg": code.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)}


def _script_json(value: dict) -> str:
    """JSON to put inside <script type="application/json">: Khmer as it is (a third of the bytes of
    \\u escapes, on every page), and nothing that could close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class IconSizes(options.Option):
    """Icon sizes in pixels; Chrome installs an app only with one of at least ICON_RANGE[0]."""

    def convert(self, value: object) -> list[int]:
        low, high = ICON_RANGE
        if not isinstance(value, list) or not value or max(value, default=0) < low or not all(
                isinstance(size, int) and not isinstance(size, bool) and 48 <= size <= high for size in value):
            raise self.wrong(f"a list of sizes in pixels from 48 to {high}, one of them at least {low}", value)
        return value


class OfflineAppOptions(options.Options):
    """the handbook as an app on a phone"""

    SECTION = "offline_app"
    icon_sizes = IconSizes(help="the home-screen icons' sizes; Android asks for 192 and 512")
    maskable_logo_share = options.Number(0.3, 0.8, help="the part of a maskable icon the logo fills")
    skip = options.TextList(help="files of site/ a reader never asks for, as globs relative to site/")
    remind_after_hours = options.Number(0.1, 24 * 365, help="hours before a reader who chose 'Later' hears of "
                                                            "a newer edition again")
    cache = options.Text(help="a folder keeping the icons drawn by earlier builds, e.g. build/icons")


def _settings(config: MkDocsConfig) -> OfflineAppOptions:
    return options.read(config, OfflineAppOptions)


def _home(config: MkDocsConfig) -> str:
    """The language's home folder relative to the site root: '' for the default language."""
    language = build_language(config)
    i18n = config.plugins.get("i18n")
    if i18n is None or language == i18n.config.languages[0].locale:
        return ""
    return f"{language}/"


def _logo(config: MkDocsConfig) -> Path:
    logo = config.theme.get("logo")
    if not logo or not str(logo).endswith(".svg"):
        raise PluginError(f"mkdocs.yml: theme.logo must be an SVG file (the app icons are drawn from it), "
                          f"not {logo!r}.")
    for folder in [config.docs_dir, *config.theme.dirs]:
        if (Path(folder) / logo).is_file():
            return Path(folder) / logo
    raise PluginError(f"mkdocs.yml: theme.logo {logo!r} is in neither docs/ nor the theme's folders.")


def _colours(config: MkDocsConfig) -> tuple[str, str]:
    """The primary colour and the page background of the first palette, as Material's own
    stylesheets define them (what the reader sees in the header and behind the text)."""
    palette = config.theme.get("palette") or {}
    first = palette[0] if isinstance(palette, list) else palette
    primary, scheme = first.get("primary", "indigo"), first.get("scheme", "default")
    # Each language's build lists the theme's folders anew (mkdocs-static-i18n adds its own once more).
    folders = tuple(dict.fromkeys(config.theme.dirs))
    variables = yamldata.for_build(config).get(("material colours", folders), lambda: _colour_variables(folders))
    theme = variables.get(f"[data-md-color-primary={primary}]", {}).get(THEME_COLOUR)
    background = variables.get(f"[data-md-color-scheme={scheme}]", {}).get(BACKGROUND)
    if not theme or not background or not theme.startswith("#") or not background.startswith("#"):
        raise PluginError(f"mkdocs.yml: theme.palette primary {primary!r} and scheme {scheme!r} have no plain "
                          f"colour in Material's stylesheets; use one of Material's named colours.")
    return theme, background


def _colour_variables(folders: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """The COLOURS custom properties of the theme's stylesheets, by selector (read once per build,
    not once per language)."""
    import tinycss2  # only here: once per build

    variables: dict[str, dict[str, str]] = {}
    for folder in folders:
        for css in sorted((Path(folder) / "assets" / "stylesheets").glob("*.min.css")):
            for rule in tinycss2.parse_stylesheet(_defining(css.read_text(encoding="utf-8")), True, True):
                if rule.type != "qualified-rule":
                    continue
                declarations = tinycss2.parse_blocks_contents(rule.content, True, True)
                found = {d.name: tinycss2.serialize(d.value).strip() for d in declarations
                         if d.type == "declaration" and d.name in COLOURS}
                for selector in tinycss2.serialize(rule.prelude).split(","):
                    variables.setdefault(selector.strip(), {}).update(found)
    return variables


def _defining(css: str) -> str:
    """The part of a stylesheet that the parser needs to read: up to the end of the last rule
    that defines one of COLOURS (Material's main stylesheet defines them in its first 3 KB; its
    137 KB took a fifth of a second to tokenize). Where that rule ends is found as text, so the
    part may end inside a later rule: the parser closes it, and only whole rules before it count."""
    last = max(css.rfind(f"{name}:") for name in COLOURS)
    if last == -1:
        return ""
    end = css.find("}", last)
    return css if end == -1 else css[:end + 1]


def _icon_list(config: MkDocsConfig) -> list[dict]:
    icons = []
    for size in _settings(config)["icon_sizes"]:
        for purpose in ("any", "maskable"):
            name = f"icon-{size}.png" if purpose == "any" else f"icon-maskable-{size}.png"
            icons.append({"src": f"{ICON_FOLDER}/{name}", "sizes": f"{size}x{size}", "type": "image/png",
                          "purpose": purpose})
    return icons


def _write_icons(config: MkDocsConfig, site: Path, background: str) -> list[dict]:
    """The logo as it is (purpose any), and centred on the page background with room around it
    for Android's round or squircle masks (purpose maskable)."""
    logo = _logo(config).read_text(encoding="utf-8")
    maskable = _maskable(logo, background, _settings(config)["maskable_logo_share"])
    cache = Path(config.config_file_path).parent / _settings(config)["cache"]
    cache.mkdir(parents=True, exist_ok=True)
    icons = _icon_list(config)
    (site / ICON_FOLDER).mkdir(parents=True, exist_ok=True)
    drawn, renderer = set(), f"resvg_py=={importlib.metadata.version('resvg_py')}"
    for icon in icons:
        size = int(icon["sizes"].split("x")[0])
        source = logo if icon["purpose"] == "any" else maskable
        drawn_from = f"{source}\n{size}\n{renderer}".encode("utf-8")
        kept = cache / f"{hashlib.sha256(drawn_from).hexdigest()}.png"
        if not kept.is_file():
            import resvg_py  # only for an icon no earlier build drew

            kept.write_bytes(resvg_py.svg_to_bytes(svg_string=source, width=size, height=size))
        (site / icon["src"]).write_bytes(kept.read_bytes())
        drawn.add(kept)
    for old in set(cache.glob("*.png")) - drawn:  # a logo, colour or size no longer used
        old.unlink()
    return icons


def _maskable(logo: str, background: str, share: float) -> str:
    ET.register_namespace("", SVG)
    inner = ET.fromstring(logo)
    side, margin = 1000, round(1000 * (1 - share) / 2)
    for name, value in (("x", margin), ("y", margin), ("width", side - 2 * margin), ("height", side - 2 * margin)):
        inner.set(name, str(value))
    outer = ET.Element(f"{{{SVG}}}svg", {"viewBox": f"0 0 {side} {side}", "width": str(side), "height": str(side)})
    ET.SubElement(outer, f"{{{SVG}}}rect", {"width": "100%", "height": "100%", "fill": background})
    outer.append(inner)
    return ET.tostring(outer, encoding="unicode")
