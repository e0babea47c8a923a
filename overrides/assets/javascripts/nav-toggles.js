/* Material's navigation: a section with a page of its own (Six steps, Quick-reference cards)
 * shows its link and, beside it, the toggle that opens its pages: a label with an icon and no
 * text, which screen readers can only call "clickable", and after which the list of the section's
 * pages is named (aria-labelledby). Both take the section's title. */
(() => {
  "use strict";

  for (const toggle of document.querySelectorAll(".md-nav__container > label.md-nav__link[for]")) {
    const link = toggle.parentElement.querySelector("a.md-nav__link");
    const title = link && link.textContent.replace(/\u200b/g, "").replace(/\s+/g, " ").trim();
    if (title && !toggle.textContent.trim() && !toggle.hasAttribute("aria-label")) toggle.setAttribute("aria-label", title);
  }
})();
