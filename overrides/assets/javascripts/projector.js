/* Projector mode for trainers: large, high-contrast text without the side navigation, shown one
 * screen at a time, so that a presentation clicker (which sends only Page Down and Page Up)
 * walks through the whole page.
 *
 * Screens (projector-screens.js works them out; projector-reading.js finds the text being read
 * again after the page reflows): each section of the page begins on a new
 * screen; a long section goes on over as many screens as it needs, each starting with the first
 * line that the screen before could not show whole. A curtain hides what lies below the last
 * whole line (the next screen shows it), another what lies above the first (the screen before
 * showed it), so nothing is cut in half and nothing is ever skipped.
 * The last screen ends with the footer and its link to the next page. The counter counts
 * screens ("4 / 19").
 *
 * Keys: Page Down or the right arrow, next screen (on the last screen: the next page); Page Up
 * or the left arrow, previous screen (on the first: the previous page's last screen). Up and
 * down arrows, the wheel and touch still scroll freely (the curtains go until the next step).
 * A scroll that leaves the text where it was on screen is the browser's, not the reader's: it
 * keeps the text in place when something above it grows (scroll anchoring); the screen stays.
 * While the search is open over a phone's page (Material locks its scrolling), the screen waits
 * and comes back as it was.
 * Keys typed in the search box, and in a form field (the worksheets) all but the clicker's, are
 * left alone.
 *
 * On and off: the header button [data-action=projector], any [data-projector-start] button, or
 * Alt+Shift+P; Esc leaves, at the same place in the text. The mode lasts for the browser session
 * (sessionStorage). While on, <html> carries data-projector. Settings: extra.projector in
 * mkdocs.yml, handed over by overrides/partials/projector.html.
 */
(() => {
  "use strict";

  const root = document.querySelector("[data-projector-root]");
  if (!root) return;

  const STORAGE_KEY = "hb-projector";
  const START_AT_END = "hb-projector-end"; // set when Page Up leaves for the previous page
  const html = document.documentElement;
  const toggle = root.querySelector("[data-action=projector]");
  const bar = root.querySelector("[data-projector-bar]");
  const counter = root.querySelector("[data-projector-counter]");
  const nextButton = root.querySelector("[data-action=projector-next]");
  const nextPage = document.querySelector("link[rel=next]");
  const previousPage = document.querySelector("link[rel=prev]");
  // Below the screen's last whole line, and above its first one (between the header and the
  // screen's top, the end of the screen before would show).
  const [curtain, curtainAbove] = ["", " hb-projector__curtain--above"].map((modifier) => {
    const element = document.createElement("div");
    element.className = `hb-projector__curtain${modifier}`;
    element.setAttribute("aria-hidden", "true");
    element.hidden = true;
    return element;
  });
  const showCurtains = (shown) => { curtain.hidden = curtainAbove.hidden = !shown; };
  // scrolledTo: where show() scrolled (null once the reader scrolls); reading: the text at the top
  // of the screen shown, readingAt: where show() left it in the window.
  const state = { on: false, screens: [], current: 0, scrolledTo: null, reading: null, readingAt: null };
  const readingPoint = window.hbProjectorReading; // projector-reading.js

  /* The strip of the window that text may use: below the header, above the bar. */
  function band() {
    const header = document.querySelector(".md-header");
    const gap = parseFloat(getComputedStyle(html).fontSize) * 0.4;
    const top = (header ? header.getBoundingClientRect().bottom : 0) + gap;
    const bottom = (bar.hidden ? window.innerHeight : bar.getBoundingClientRect().top) - gap;
    return { top, height: Math.max(bottom - top, 40) };
  }

  function pageTop(element) {
    return element.getBoundingClientRect().top + window.scrollY;
  }

  /* --- Showing a screen ---------------------------------------------------------------------- */

  function show(index) {
    state.current = Math.max(0, Math.min(index, state.screens.length - 1));
    const screen = state.screens[state.current];
    const { top: bandTop } = band();
    window.scrollTo({ top: Math.max(0, screen.top - bandTop), behavior: "instant" });
    state.scrolledTo = window.scrollY;
    state.reading = readingPoint.at(screen.top, screen.cut);
    state.readingAt = readingPoint.top(state.reading) === null ? null : readingPoint.top(state.reading) - window.scrollY;
    placeCurtain();
    updateBar();
  }

  /* What is being read now: the text at the top of the window's strip (null at the page's top). */
  function readingNow() {
    if (window.scrollY === 0) return null;
    const { top, height } = band();
    return readingPoint.at(window.scrollY + top, window.scrollY + top + height);
  }

  function placeCurtain() {
    const screen = state.screens[state.current];
    curtain.style.top = `${Math.max(0, screen.cut - window.scrollY)}px`;
    curtainAbove.style.height = `${Math.max(0, screen.top - window.scrollY)}px`;
    showCurtains(true);
  }

  function updateBar() {
    const last = state.current === state.screens.length - 1;
    const digits = (globalThis.hbTypography || { digits: String }).digits; // ១២ on Khmer pages
    counter.textContent = `${digits(state.current + 1)} / ${digits(state.screens.length)}`;
    const leaving = last && nextPage;
    nextButton.classList.toggle("hb-projector__button--page", Boolean(leaving));
    nextButton.setAttribute("aria-label", leaving ? nextButton.dataset.labelPage : nextButton.dataset.label);
    nextButton.title = nextButton.getAttribute("aria-label");
    nextButton.querySelector("[data-projector-next-text]").hidden = !leaving;
  }

  /* The screen holding a point of the page (the last one starting at or above it). */
  function screenAt(pageY) {
    let found = 0;
    state.screens.forEach((screen, index) => {
      if (screen.top <= pageY + 2) found = index;
    });
    return found;
  }

  function step(direction) {
    // After free scrolling, step on from the screen being read.
    if (state.scrolledTo === null) state.current = screenAt(window.scrollY + band().top);
    const target = state.current + direction;
    if (target >= state.screens.length && nextPage) {
      location.href = nextPage.href;
    } else if (target < 0 && previousPage) {
      remember(START_AT_END, true);
      location.href = previousPage.href;
    } else {
      show(target);
    }
  }

  function relayOut() {
    if (!state.on || scrollLocked()) return;
    const wasLast = state.current === state.screens.length - 1;
    state.screens = window.hbProjectorScreens(band());
    if (state.scrolledTo === null) {
      state.current = screenAt(window.scrollY + band().top);
      updateBar();
    } else if (wasLast && state.current > 0) {
      show(state.screens.length - 1);
    } else {
      // The screen that holds the text read at the top; the same number when there is none.
      const top = readingPoint.top(state.reading);
      show(top === null ? state.current : screenAt(top));
    }
  }

  /* --- On and off ---------------------------------------------------------------------------- */

  function remember(key, on) {
    try {
      if (on) sessionStorage.setItem(key, "on");
      else sessionStorage.removeItem(key);
    } catch {
      // Storage can be switched off; the mode then lasts for this page only.
    }
  }

  function remembered(key) {
    try {
      return sessionStorage.getItem(key) === "on";
    } catch {
      return false;
    }
  }

  function startingScreen(reading) {
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) return screenAt(pageTop(target));
    if (remembered(START_AT_END)) {
      remember(START_AT_END, false);
      return state.screens.length - 1;
    }
    const top = readingPoint.top(reading);
    return top === null ? 0 : screenAt(top);
  }

  function setOn(on) {
    if (on === state.on) return;
    state.on = on;
    remember(STORAGE_KEY, on);
    toggle.setAttribute("aria-pressed", String(on));
    const reading = readingNow();
    bar.hidden = !on;
    if (on) {
      html.style.setProperty("--hb-projector-scale", root.dataset.projectorScale);
      html.setAttribute("data-projector", "");
      document.body.append(curtain, curtainAbove);
      state.screens = window.hbProjectorScreens(band());
      show(startingScreen(reading));
    } else {
      html.removeAttribute("data-projector");
      showCurtains(false);
      state.screens = [];
      const top = readingPoint.top(reading);
      if (top !== null) window.scrollTo({ top: top - band().top, behavior: "instant" });
    }
  }

  function searching() {
    return document.getElementById("__search")?.checked;
  }

  /* Material's search over a phone's page: the page is fixed in place, the window at its top. */
  function scrollLocked() {
    return document.body.hasAttribute("data-md-scrolllock");
  }

  function typingIn(target) {
    return target instanceof Element
      && target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false]), [role=textbox]");
  }

  const STEPS = { PageDown: 1, ArrowRight: 1, PageUp: -1, ArrowLeft: -1 };
  const CLICKER = new Set(["PageDown", "PageUp"]);

  function onKey(event) {
    if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === "KeyP") {
      event.preventDefault();
      setOn(!state.on);
      return;
    }
    if (!state.on || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || searching()) return;
    // In a form field only the clicker's keys step (not in a list, where they choose).
    const field = typingIn(event.target);
    if (field && !(CLICKER.has(event.key) && field.tagName !== "SELECT")) return;
    if (event.key in STEPS) {
      event.preventDefault();
      if (field) field.blur();
      step(STEPS[event.key]);
    } else if (event.key === "Escape") {
      setOn(false);
    }
  }

  /* Scrolling by hand (wheel, touch, arrows, find in page): the curtain goes, the counter
     follows the screen being read. The browser's own scrolls are not the reader's: keeping the
     text in place (the screen is laid out again, as the page has changed) and locking the page
     under the search. */
  function onScroll() {
    if (!state.on || scrollLocked()) return;
    if (state.scrolledTo === null) {
      state.current = screenAt(window.scrollY + band().top);
      updateBar();
    } else if (Math.abs(window.scrollY - state.scrolledTo) <= 2) {
      // Where show() left the page.
    } else if (state.readingAt !== null && Math.abs(readingPoint.top(state.reading) - window.scrollY - state.readingAt) <= 2) {
      state.scrolledTo = window.scrollY;
      laidOut();
    } else {
      state.scrolledTo = null;
      showCurtains(false);
    }
  }

  toggle.addEventListener("click", () => setOn(!state.on));
  for (const start of document.querySelectorAll("[data-projector-start]")) {
    start.addEventListener("click", () => setOn(true));
  }
  root.querySelector("[data-action=projector-previous]").addEventListener("click", () => step(-1));
  nextButton.addEventListener("click", () => step(1));
  root.querySelector("[data-action=projector-exit]").addEventListener("click", () => {
    setOn(false);
    toggle.focus();
  });
  document.addEventListener("keydown", onKey);
  window.addEventListener("scroll", onScroll, { passive: true });
  // Text that reflows (fonts arriving, a window resized, a worksheet row added) moves the cuts.
  let pending = 0;
  function laidOut() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(relayOut);
  }
  new ResizeObserver(laidOut).observe(document.body);
  // The search closed over a phone's page: Material has scrolled back to where the page was.
  new MutationObserver(laidOut).observe(document.body, { attributes: true, attributeFilter: ["data-md-scrolllock"] });
  // A link to a heading of this page (contents, "see below") opens the screen holding it.
  window.addEventListener("hashchange", () => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (state.on && target) show(screenAt(pageTop(target)));
  });

  if (remembered(STORAGE_KEY)) setOn(true);
})();
