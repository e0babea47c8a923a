/* "Hide now" on every page (overrides/partials/hide.html): the header button or Alt+Shift+H
 * (no browser or Material shortcut; event.code works with the Khmer keyboard layout too).
 * It tells the worksheets to lock and empty themselves (the "hb:hide" event, handled by
 * worksheets.js), then replaces this page with an empty one (extra.worksheets.hide_url), so
 * Back does not return to it. */
(() => {
  "use strict";

  const button = document.querySelector(".hb-hide__button[data-hide-url]");
  if (!button) return;
  button.hidden = false;

  function hide() {
    window.dispatchEvent(new Event("hb:hide"));
    document.body.hidden = true;
    location.replace(button.dataset.hideUrl);
  }

  button.addEventListener("click", hide);
  document.addEventListener("keydown", (event) => {
    if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === "KeyH") {
      event.preventDefault();
      hide();
    }
  });
})();
