/* Answers on paper, whole: a text area prints at its height on the screen, its words beyond it
 * cut off, and no form control breaks across pages. While the page prints (Ctrl+P, or a
 * worksheet's Print), each filled text area and text field of the worksheets shows on paper as
 * text, in a copy beside it that screens and screen readers never get
 * (worksheet-printing.css); the copies go when printing is done, or the page is left. */
(() => {
  "use strict";

  const CONTROLS = "[data-worksheet] textarea, [data-worksheet] input[type=text]";
  const COPY = "hb-ws__printed-text";
  const COPIED = "hb-ws__printed-control";

  function show() {
    remove();
    for (const control of document.querySelectorAll(CONTROLS)) {
      if (!control.value.trim()) continue; // an empty text area prints as lines to write on
      const copy = document.createElement("div");
      copy.className = COPY;
      copy.setAttribute("aria-hidden", "true");
      copy.textContent = control.value;
      control.classList.add(COPIED);
      control.after(copy);
    }
  }

  function remove() {
    for (const copy of document.querySelectorAll(`.${COPY}`)) copy.remove();
    for (const control of document.querySelectorAll(`.${COPIED}`)) control.classList.remove(COPIED);
  }

  window.addEventListener("beforeprint", show);
  window.addEventListener("afterprint", remove);
  window.addEventListener("pagehide", remove); // no copy of an answer in a page kept for Back
})();
