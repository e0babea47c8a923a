/* Material's navigation: a section with a page of its own (Six steps, Quick-reference cards)
 * shows its link and, beside it, the toggle that opens its pages: a label with an icon and no
 * text, which screen readers can only call "clickable", and after which the list of the section's
 * pages is named (aria-labelledby). The toggle gets the section's title as text that only screen
 * readers read (accessibility.css); a label may not carry aria-label. */
(() => {
  "use strict";

  for (const toggle of document.querySelectorAll(".md-nav__container > label.md-nav__link[for]")) {
    const link = toggle.parentElement.querySelector("a.md-nav__link");
    const title = link && link.textContent.replace(/\u200b/g, "").replace(/\s+/g, " ").trim();
    if (!title || toggle.textContent.trim()) continue;
    const name = document.createElement("span");
    name.className = "hb-unseen";
    name.textContent = title;
    toggle.append(name);
  }
})();
