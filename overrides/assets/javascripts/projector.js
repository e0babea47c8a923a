/* Projector mode for trainers: large, high-contrast text without the side navigation, and one
 * section (h2) of the page at a time.
 *
 * On and off: the header button [data-action=projector] or Alt+Shift+P; Esc leaves. The choice
 * lasts for the browser session (sessionStorage). While on, <html> carries data-projector.
 * Next section: Page Down or the right arrow (what presentation clickers send); previous: Page
 * Up or the left arrow. Up and down arrows still scroll a long section. Keys typed in a form
 * field (the worksheets) or in the search box are left alone.
 * Settings: extra.projector in mkdocs.yml, handed over by overrides/partials/projector.html.
 */
(() => {
  "use strict";

  const root = document.querySelector("[data-projector-root]");
  if (!root) return;

  const STORAGE_KEY = "hb-projector";
  const HIDDEN = "data-projector-hidden";
  const html = document.documentElement;
  const toggle = root.querySelector("[data-action=projector]");
  const bar = root.querySelector("[data-projector-bar]");
  const counter = root.querySelector("[data-projector-counter]");
  const state = { on: false, sections: [], current: 0 };

  /* The page's sections: what comes before the first h2, then each h2 with what follows it. */
  function findSections() {
    const article = document.querySelector(".md-content article");
    if (!article) return [];
    // English fallback pages in Khmer are wrapped in <div lang="en">: look one level down too.
    const firstHeading = article.querySelector(":scope > h2, :scope > div > h2");
    const container = firstHeading ? firstHeading.parentElement : article;
    const sections = [[]];
    for (const element of container.children) {
      if (element.tagName === "H2") sections.push([]);
      sections[sections.length - 1].push(element);
    }
    return sections.filter((section) => section.length > 0);
  }

  function sectionHolding(element) {
    return state.sections.findIndex((section) => section.some((part) => part.contains(element)));
  }

  /* Where to start: the section holding the #anchor, else the one being read. */
  function startingSection() {
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && sectionHolding(target) >= 0) return sectionHolding(target);
    let reading = 0;
    state.sections.forEach((section, index) => {
      if (section[0].getBoundingClientRect().top < window.innerHeight / 3) reading = index;
    });
    return reading;
  }

  function show(index) {
    state.current = Math.max(0, Math.min(index, state.sections.length - 1));
    state.sections.forEach((section, number) => {
      for (const element of section) element.toggleAttribute(HIDDEN, number !== state.current);
    });
    const digits = (globalThis.hbTypography || { digits: String }).digits;
    counter.textContent = `${digits(state.current + 1)} / ${digits(Math.max(state.sections.length, 1))}`;
    window.scrollTo(0, 0);
  }

  function remember(on) {
    try {
      if (on) sessionStorage.setItem(STORAGE_KEY, "on");
      else sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage can be switched off; the mode then lasts for this page only.
    }
  }

  function remembered() {
    try {
      return sessionStorage.getItem(STORAGE_KEY) === "on";
    } catch {
      return false;
    }
  }

  function setOn(on) {
    state.on = on;
    remember(on);
    toggle.setAttribute("aria-pressed", String(on));
    bar.hidden = !on;
    if (on) {
      html.style.setProperty("--hb-projector-scale", root.dataset.projectorScale);
      html.setAttribute("data-projector", "");
      state.sections = findSections();
      show(startingSection());
    } else {
      html.removeAttribute("data-projector");
      for (const element of document.querySelectorAll(`[${HIDDEN}]`)) element.removeAttribute(HIDDEN);
      state.sections = [];
    }
  }

  function typingSomewhere(target) {
    if (document.getElementById("__search")?.checked) return true;
    return target instanceof Element
      && target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false]), [role=textbox]") !== null;
  }

  const STEPS = { PageDown: 1, ArrowRight: 1, PageUp: -1, ArrowLeft: -1 };

  function onKey(event) {
    if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === "KeyP") {
      event.preventDefault();
      setOn(!state.on);
      return;
    }
    if (!state.on || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (typingSomewhere(event.target)) return;
    if (event.key in STEPS) {
      event.preventDefault();
      show(state.current + STEPS[event.key]);
    } else if (event.key === "Escape") {
      setOn(false);
    }
  }

  toggle.addEventListener("click", () => setOn(!state.on));
  root.querySelector("[data-action=projector-previous]").addEventListener("click", () => show(state.current - 1));
  root.querySelector("[data-action=projector-next]").addEventListener("click", () => show(state.current + 1));
  root.querySelector("[data-action=projector-exit]").addEventListener("click", () => {
    setOn(false);
    toggle.focus();
  });
  document.addEventListener("keydown", onKey);
  // A link to a heading of this page (contents, "see below") opens the section holding it.
  window.addEventListener("hashchange", () => {
    if (!state.on) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && sectionHolding(target) >= 0) show(sectionHolding(target));
  });

  if (remembered()) setOn(true);
})();
