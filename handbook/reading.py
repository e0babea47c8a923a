"""What a reader sees on a print page, read in Chromium before printing: the text of each heading
(for the bookmarks: Chromium's lose the space where a heading wraps, "securityincidents") and
the name of each link target (for the links' descriptions)."""

from __future__ import annotations

from playwright.sync_api import Page

SCRIPT = """() => {
  const text = element => {
    const copy = element.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(link => link.remove());
    return copy.textContent.replace(/\\s+/g, " ").trim();
  };
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]")].map(text);
  const targets = {};
  for (const link of document.querySelectorAll("a[href^='#']")) {
    const id = decodeURIComponent(link.getAttribute("href").slice(1));
    const target = id && !(id in targets) && document.getElementById(id);
    if (!target) continue;
    const heading = target.matches("h1, h2, h3, h4, h5, h6") ? target : target.querySelector("h1, h2, h3, h4, h5, h6");
    targets[id] = text(heading || target).slice(0, 200);
  }
  return { headings, targets };
}"""


def read(page: Page) -> tuple[list[str], dict[str, str]]:
    """The page's headings in order, and each link target's name by its id."""
    found = page.evaluate(SCRIPT)
    return found["headings"], found["targets"]
