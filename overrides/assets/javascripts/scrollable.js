/* Regions that scroll sideways (a wide table on a phone, the risk matrix on a phone) can be
 * scrolled from the keyboard: while a region is wider than its box it is a tab stop
 * (tabindex=0), and arrow keys scroll it; once it fits, it is not (WCAG 2.1.1; axe's
 * scrollable-region-focusable). Regions are looked at again when the window is resized and when
 * a script draws a new one (the worksheets redraw the matrix as answers change).
 */
(() => {
  "use strict";

  const REGIONS = ".md-typeset__scrollwrap, .hb-ws-matrix";
  const MARK = "data-hb-scrollable";

  function update() {
    for (const region of document.querySelectorAll(REGIONS)) {
      const scrolls = region.scrollWidth > region.clientWidth + 1;
      if (scrolls && !region.hasAttribute("tabindex")) {
        region.tabIndex = 0;
        region.setAttribute(MARK, "");
      } else if (!scrolls && region.hasAttribute(MARK)) {
        region.removeAttribute("tabindex");
        region.removeAttribute(MARK);
      }
    }
  }

  let pending = 0;
  function soon() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  }

  window.addEventListener("resize", soon);
  new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
  update();
})();
