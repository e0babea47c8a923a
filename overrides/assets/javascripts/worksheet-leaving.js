/* Leaving, idling and hiding on the workbook page (used by worksheets.js, which hands over the
 * page): answers not kept are offered for export before the reader leaves; the idle lock;
 * "Hide now" and leaving the page (also into the Back/Forward cache) drop the key and empty every
 * field. Sets window.hbWorksheets.leaving. */
(() => {
  "use strict";

  const { form } = window.hbWorksheets;
  const { fill, hasAnswers } = form;

  function watch({ config, text, state, sheets, ask, exportSheet, save, lock, forget, emptyAll, showState }) {
    const idleMs = config.idleLockMinutes * 60000;

    const unsaved = () => !state.key && !state.hiding && !state.leaving && sheets.some((sheet) => sheet.dirty && hasAnswers(sheet));

    window.addEventListener("beforeunload", (event) => {
      if (!unsaved()) return;
      event.preventDefault();
      event.returnValue = "";
    });

    /* A link to another page, with answers not saved: offer to export them first. */
    document.addEventListener("click", async (event) => {
      const link = event.target.closest("a[href]");
      if (!link || event.defaultPrevented || link.target || link.hasAttribute("download") || !unsaved()) return;
      const url = new URL(link.href, location.href);
      if (url.href.split("#")[0] === location.href.split("#")[0]) return;
      event.preventDefault();
      const dirty = sheets.find((sheet) => sheet.dirty && hasAnswers(sheet));
      const choice = await ask({ title: text.ws_leave_title, text: text.ws_leave_text, confirm: text.ws_leave_confirm,
        choices: [{ name: "export", label: text.ws_export }] });
      if (choice === "export") return exportSheet(dirty, true);
      if (choice) {
        state.leaving = true;
        location.href = url.href;
      }
    }, true);

    for (const type of ["keydown", "pointerdown", "input", "scroll"]) {
      document.addEventListener(type, () => { state.lastActivity = Date.now(); }, { passive: true, capture: true });
    }
    setInterval(() => {
      if (state.key && Date.now() - state.lastActivity > idleMs) lock(fill(text.ws_idle_locked, { minutes: config.idleLockMinutes }));
    }, 5000);

    /* "Hide now" (assets/javascripts/hide.js) leaves the page at once: nothing may stay behind. */
    window.addEventListener("hb:hide", () => {
      state.hiding = true;
      forget();
      emptyAll();
    });

    /* Leaving the page, also into the Back/Forward cache: nothing may stay in the forms or in
     * memory for Back, Forward or session restore to show. */
    window.addEventListener("pagehide", () => {
      for (const [sheet, timer] of state.saveTimers) {
        clearTimeout(timer);
        if (sheet.dirty) save(sheet); // reads the answers now, seals them with the key it holds
      }
      state.saveTimers.clear();
      forget();
      emptyAll();
    });
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) showState();
    });
  }

  window.hbWorksheets.leaving = { watch };
})();
