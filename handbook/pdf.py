"""The print-ready PDFs: for each language the whole handbook and the worksheet pack.

1. A second MkDocs build into build/pdf/site with the print-site plugin on
   (HANDBOOK_PRINT_SITE=true); hooks/pdf.py leaves one print page per language,
   ``print-<language>.html``, with a cover and a contents whose page numbers are still 0.
2. The system Chromium (Playwright with ``executable_path``; it never downloads a browser)
   prints it, reads from the PDF's named destinations on which page each heading landed, fills
   the contents in and prints again, until the numbers no longer move.
3. The worksheet pack is the same print page reduced to its ``form[data-worksheet]`` elements
   (hooks/worksheets.py), emptied, one per page, the emergency-contacts card last.
4. pikepdf sets the document title and language and packs the PDF's objects; the PDFs go to dist/ and site/pdf/ (the pages'
   "Download PDF" links point there; handbook/bundle.py puts them in the zip's pdf/).

Settings: ``extra.pdf`` in mkdocs.yml. HANDBOOK_PDF=0 skips all this (see handbook/__main__.py).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
import pikepdf

from handbook import settings
from handbook.interface import strings
from handbook.languages import site_name

BUILD_DIR = settings.ROOT / "build" / "pdf"
# Without these, Chromium tries to reach Google's services at start (there is no network here).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
INSTALL_HINT = ("Chromium is needed to print the PDFs and was not found. Install it with `make system` "
                "(or `sudo apt-get install chromium`), or build without PDFs: HANDBOOK_PDF=0 make handbook")
WALLET_CARD = "emergency-contacts"
# Blank rows printed for a worksheet part where the reader adds rows (risks, incidents …).
BLANK_ROWS = 3
# Passes until the contents' page numbers stop moving (the second pass almost always settles).
MAX_PASSES = 4


@dataclass
class Printed:
    path: Path
    seconds: float
    pages: int


def print_all(config: settings.Settings) -> list[Path]:
    """Builds and prints the four PDFs (fewer if a language has no worksheets); returns their paths."""
    return [printed.path for printed in print_all_timed(config)]


def print_all_timed(config: settings.Settings) -> list[Printed]:
    chromium = find_chromium()
    options = config.extra["pdf"]
    started = time.perf_counter()
    site = build_print_site(config)
    print(f"      print pages built in {time.perf_counter() - started:.1f} s", flush=True)
    printed: list[Printed] = []
    config.dist_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for language in config.languages:
                source = site / f"print-{language}.html"
                title = site_name(config.mkdocs, language)
                handbook = print_handbook(browser, source, config.pdf_path(language), title=title,
                                          language=language, date=config.date)
                printed.append(handbook)
                _report(handbook)
                text = strings(config.mkdocs, language)
                pack = print_worksheets(browser, source, config.pdf_path(language, "worksheets"),
                                        title=f"{title} – {text['pdf_worksheets_title']}",
                                        language=language, date=config.date, text=text)
                if pack is None:
                    print(f"      no worksheets in the '{language}' pages: no worksheet pack", flush=True)
                else:
                    printed.append(pack)
                    _report(pack)
        finally:
            browser.close()
    _copy_into_site(config, [p.path for p in printed], options["folder"])
    return printed


def find_chromium() -> str:
    """The system Chromium, or the build stops saying how to install it."""
    for candidate in (os.environ.get("HANDBOOK_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    sys.exit(INSTALL_HINT)


def build_print_site(config: settings.Settings) -> Path:
    """MkDocs with print-site on, into build/pdf/site; returns that folder."""
    site = BUILD_DIR / "site"
    env = dict(os.environ, HANDBOOK_PRINT_SITE="true", SOURCE_DATE_EPOCH=str(config.source_date_epoch),
               NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    result = subprocess.run(command, cwd=settings.ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        problems = [line for line in (result.stdout + result.stderr).splitlines()
                    if line.startswith(("ERROR", "WARNING")) or "Error" in line]
        sys.exit("The print pages did not build:\n  " + "\n  ".join(problems[-20:] or [result.stderr[-2000:]]))
    for language in config.languages:
        if not (site / f"print-{language}.html").exists():
            sys.exit(f"The print build wrote no print-{language}.html (is hooks/pdf.py listed in mkdocs.yml?).")
    return site


def print_handbook(browser: Browser, source: Path, target: Path, *, title: str, language: str,
                   date: dt.date) -> Printed:
    """The whole handbook: print, fill the contents' page numbers in, print again."""
    started = time.perf_counter()
    page = _open(browser, source)
    try:
        targets = page.eval_on_selector_all("[data-toc-target]", "els => els.map(el => el.dataset.tocTarget)")
        numbers: dict[str, int] = {}
        for _ in range(MAX_PASSES):
            data = _pdf(page)
            landed = heading_pages(data)
            missing = sorted(set(targets) - set(landed))
            if missing:
                raise SystemExit(f"{source.name}: these headings are not in the PDF: {', '.join(missing[:10])}")
            found = {target: landed[target] for target in targets}
            if found == numbers:
                break
            numbers = found
            page.evaluate("""numbers => document.querySelectorAll("[data-toc-target]")
                .forEach(el => { el.textContent = numbers[el.dataset.tocTarget]; })""", numbers)
        else:
            raise SystemExit(f"{source.name}: the contents' page numbers did not settle after {MAX_PASSES} printings.")
    finally:
        page.context.close()
    pages = _finish(data, target, title=title, language=language, date=date)
    return Printed(target, round(time.perf_counter() - started, 2), pages)


def print_worksheets(browser: Browser, source: Path, target: Path, *, title: str, language: str,
                     date: dt.date, text: dict) -> Printed | None:
    """Every worksheet of the print page as a blank form on a page of its own; None if there are none."""
    started = time.perf_counter()
    page = _open(browser, source)
    try:
        count = page.evaluate(PACK_SCRIPT, {
            "title": text["pdf_worksheets_title"], "intro": text["pdf_worksheets_intro"],
            "cut": text["pdf_wallet_card"], "wallet": WALLET_CARD, "rows": BLANK_ROWS,
        })
        if count == 0:
            target.unlink(missing_ok=True)
            return None
        data = _pdf(page)
    finally:
        page.context.close()
    pages = _finish(data, target, title=title, language=language, date=date)
    return Printed(target, round(time.perf_counter() - started, 2), pages)


# Runs in the print page: keeps only the worksheets, blank, each on a new page. Repeated parts
# get a few empty rows from their <template>; buttons and messages are dropped.
PACK_SCRIPT = """
({title, intro, cut, wallet, rows}) => {
  const root = document.getElementById("print-site-page");
  const forms = [...root.querySelectorAll("form[data-worksheet]")];
  if (forms.length === 0) return 0;
  const seen = new Set();
  const sheets = [];
  for (const form of forms) {
    const id = form.dataset.worksheet;
    if (seen.has(id)) continue;
    seen.add(id);
    const sheet = document.createElement("section");
    sheet.className = "hb-pack__sheet" + (id === wallet ? " hb-pack__sheet--wallet" : "");
    sheet.dataset.sheet = id;
    const copy = form.cloneNode(true);
    copy.reset?.();
    copy.querySelectorAll("input, textarea, select").forEach(field => {
      if (field.type === "checkbox" || field.type === "radio") field.checked = false;
      else if (field.type !== "file") { field.value = ""; field.removeAttribute("value"); }
      field.removeAttribute("placeholder");
    });
    copy.querySelectorAll("[data-rows]").forEach(part => {
      const template = part.querySelector("template[data-row-template]");
      const list = part.querySelector("[data-row-list]");
      if (!template || !list) return;
      while (list.children.length < rows) {
        const row = template.content.firstElementChild.cloneNode(true);
        const index = list.children.length;
        row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(el => {
          for (const attribute of ["name", "id", "for", "aria-describedby"]) {
            const value = el.getAttribute(attribute);
            if (value) el.setAttribute(attribute, value.replaceAll("__i__", String(index)));
          }
        });
        const number = row.querySelector("[data-row-number]");
        if (number) number.textContent = String(index + 1);
        list.append(row);
      }
    });
    copy.querySelectorAll("button, template, .hb-ws__actions, [data-message], [data-output], input[type=file], datalist")
      .forEach(el => el.remove());
    if (id === wallet) {
      const note = document.createElement("p");
      note.className = "hb-pack__cut";
      note.textContent = cut;
      sheet.append(note);
    }
    sheet.prepend(copy);
    sheets.push([id === wallet, sheet]);
  }
  sheets.sort((a, b) => Number(a[0]) - Number(b[0]));
  const front = document.createElement("section");
  front.className = "hb-pack__intro";
  const heading = document.createElement("h1");
  heading.className = "hb-pack__title";
  heading.textContent = title;
  const text = document.createElement("p");
  text.textContent = intro;
  front.append(heading, text);
  root.replaceChildren(front, ...sheets.map(([, sheet]) => sheet));
  document.documentElement.dataset.print = "worksheets";
  return sheets.length;
}
"""


def heading_pages(data: bytes) -> dict[str, int]:
    """Page number (1 = the cover) of every named destination Chromium wrote for a link target."""
    with pikepdf.open(io.BytesIO(data)) as document:
        pages = {page.obj.objgen: number for number, page in enumerate(document.pages, start=1)}
        destinations = document.Root.get("/Dests") or {}
        numbers = {}
        for name, destination in destinations.items():
            target = destination.get("/D") if isinstance(destination, pikepdf.Dictionary) else destination
            numbers[name.lstrip("/")] = pages[target[0].objgen]
        return numbers


def _open(browser: Browser, source: Path) -> Page:
    """The print page in a fresh tab that may load nothing but local files; fails on page errors."""
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else (problems.append(f"tried to load {route.request.url}"), route.abort()))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: request.url.startswith("file:")
            and problems.append(f"missing file {request.url}"))
    page.goto(source.resolve().as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    if problems:
        context.close()
        raise SystemExit(f"{source.name} did not render:\n  " + "\n  ".join(problems[:10]))
    return page


def _pdf(page: Page) -> bytes:
    return page.pdf(prefer_css_page_size=True, print_background=True, outline=True, tagged=True)


def _finish(data: bytes, target: Path, *, title: str, language: str, date: dt.date) -> int:
    """Title and language in the metadata, and object streams: Chromium writes the tagged
    structure as plain objects, which doubles the file; compressed, the PDF is half the size."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with pikepdf.open(io.BytesIO(data)) as document:
        document.docinfo["/Title"] = title
        # The edition date, not the time of printing: the same commit gives the same zip.
        stamp = f"D:{date:%Y%m%d}000000Z"
        document.docinfo["/CreationDate"] = stamp
        document.docinfo["/ModDate"] = stamp
        document.Root.Lang = pikepdf.String(language)
        _renumber_structure_ids(document)
        document.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        document.save(target, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                      compress_streams=True, recompress_flate=True, deterministic_id=True)
        return len(document.pages)


def _renumber_structure_ids(document: pikepdf.Pdf) -> None:
    """Chromium names tagged elements after its DOM node numbers ("node00001178"), which shift
    from one print to the next; numbering them by rank keeps the order and makes prints identical."""
    elements = [o for o in document.objects
                if isinstance(o, pikepdf.Dictionary) and isinstance(o.get("/ID"), pikepdf.String)]
    old_ids = sorted({str(element.ID) for element in elements}, key=lambda name: (len(name), name))
    new_id = {old: f"node{rank:08d}" for rank, old in enumerate(old_ids, start=1)}
    for element in elements:
        element.ID = pikepdf.String(new_id[str(element.ID)])
    # Table cells point at their header cells by ID (/A << /Headers [...] >>).
    for element in document.objects:
        if not isinstance(element, pikepdf.Dictionary) or "/A" not in element:
            continue
        attributes = element.A if isinstance(element.A, pikepdf.Array) else [element.A]
        for attribute in attributes:
            if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
                attribute.Headers = pikepdf.Array(
                    [pikepdf.String(new_id.get(str(h), str(h))) for h in attribute.Headers])

    def rename_tree(node: pikepdf.Dictionary) -> None:
        if "/Limits" in node:
            node.Limits = pikepdf.Array([pikepdf.String(new_id.get(str(k), str(k))) for k in node.Limits])
        if "/Names" in node:
            names = list(node.Names)
            for index in range(0, len(names), 2):
                names[index] = pikepdf.String(new_id.get(str(names[index]), str(names[index])))
            node.Names = pikepdf.Array(names)
        for kid in node.get("/Kids", []):
            rename_tree(kid)

    tree = document.Root.get("/StructTreeRoot")
    if tree is not None and "/IDTree" in tree:
        rename_tree(tree.IDTree)


def _copy_into_site(config: settings.Settings, pdfs: list[Path], folder: str) -> None:
    """site/pdf/ too, so the pages' download links work when site/ is served over HTTP."""
    destination = config.site_dir / folder
    shutil.rmtree(destination, ignore_errors=True)
    destination.mkdir(parents=True)
    for pdf in pdfs:
        shutil.copy2(pdf, destination / pdf.name)


def _report(printed: Printed) -> None:
    print(f"      {printed.path.name}: {printed.pages} pages, {printed.path.stat().st_size / 1e6:.2f} MB, "
          f"{printed.seconds:.1f} s", flush=True)
