/* Keeping the workbook's answers on this computer (used by worksheets.js, which hands over the
 * page): Keep seals every worksheet under a new passphrase (worksheet-vault.js), Unlock
 * opens them, each change is saved while unlocked, Lock and Erase all; another tab's changes come
 * in; the toolbar shows only what can be done now. The key lives in `state.key` only, in the
 * page's memory: forget() drops it. Sets window.hbWorksheets.keeping. */
(() => {
  "use strict";

  const { crypto: box, date: dates, file: files, form, vault: vaults } = window.hbWorksheets;
  const { fill, readAnswers, writeAnswers, hasAnswers } = form;

  function create({ config, text, state, sheets, vault, toolbar, ask, say, refresh }) {
    const problemText = (error) => ({ toolarge: text.ws_save_toolarge, full: text.ws_save_failed,
      unavailable: text.ws_storage_unavailable }[error && error.message] || text.ws_save_failed);

    /* Saves one worksheet: re-reads the vault (another tab may have saved), merges, re-seals. The
     * key and the answers are taken at once: leaving the page empties both right after. */
    async function save(sheet) {
      const { key, head } = state;
      if (!key) return;
      const answers = readAnswers(sheet);
      try {
        const current = await vault.reread(key);
        const worksheets = { ...(current ? current.worksheets : state.vault || {}), [sheet.id]: answers };
        const { replaced } = await vault.write(key, head, worksheets);
        if (state.key === key) state.vault = worksheets;
        sheet.dirty = false;
        if (replaced) say(null, text.ws_foreign_replaced, true);
        // A date whose text is not a date is kept as the date the field held before: say so.
        if (dates.invalid(sheet.root)) say(sheet, text.ws_date_not_kept, true);
        else if (sheet.message && sheet.message.textContent === text.ws_date_not_kept) say(sheet, "");
      } catch (error) {
        say(sheet, problemText(error), true);
      }
      showState();
    }

    async function keep() {
      if (vault.kept()) return showState(); // never over answers already kept
      const wrong = sheets.map((sheet) => dates.invalid(sheet.root)).find(Boolean);
      if (wrong) { // what is kept would lose the text typed there (and not say so)
        say(null, text.ws_date_fix_keep, true);
        wrong.focus();
        return;
      }
      const ok = await ask({ title: text.ws_keep_title, text: text.ws_keep_text, passphrase: "new", confirm: text.ws_keep_confirm,
        check: async ({ passphrase }) => {
          const worksheets = Object.fromEntries(sheets.map((sheet) => [sheet.id, readAnswers(sheet)]));
          const { key, head } = await box.seal(passphrase, vaults.FORMAT, "", {}, config.iterations);
          try {
            await vault.write(key, head, worksheets);
          } catch (error) {
            return problemText(error);
          }
          Object.assign(state, { key, head, vault: worksheets });
          return null;
        } });
      if (!ok) return;
      for (const sheet of sheets) sheet.dirty = false;
      showState(text.ws_kept);
    }

    async function unlock() {
      if (!vault.kept()) return showState();
      let opened;
      const ok = await ask({ title: text.ws_unlock_title, text: text.ws_unlock_text, passphrase: "existing", confirm: text.ws_unlock_confirm,
        check: async ({ passphrase }) => {
          opened = await vault.unlock(passphrase);
          return opened ? null : text.ws_wrong_passphrase;
        } });
      if (!ok) return;
      Object.assign(state, { key: opened.key, head: opened.head });
      await restore(opened.worksheets);
      if (opened.v1 || opened.from !== "vault") {
        // Format 1 is written again as format 2; a damaged or replaced vault gives way to the
        // previous copy, itself kept as "replaced".
        try {
          await vault.write(state.key, state.head, state.vault);
        } catch (error) {
          say(null, problemText(error), true);
        }
      }
      showState(opened.from === "vault" ? text.ws_unlocked : text.ws_unlocked_previous);
    }

    /* Puts kept answers into the forms; answers typed before unlocking win and are saved. */
    async function restore(worksheets) {
      state.vault = box.isObject(worksheets) ? worksheets : {};
      for (const sheet of sheets) {
        if (sheet.dirty && hasAnswers(sheet)) await save(sheet);
        else showKept(sheet, state.vault[sheet.id]);
        sheet.dirty = false;
        refresh(sheet);
      }
    }

    /* Shows a worksheet's kept answers, when they fit its schema. */
    function showKept(sheet, kept) {
      if (kept && files.validAnswers(sheet.schema, kept)) writeAnswers(sheet, kept);
    }

    /* Drops the key: it only ever lived in this page's memory. */
    function forget() {
      Object.assign(state, { key: null, head: null, vault: null });
    }

    const emptyAll = () => sheets.forEach((sheet) => {
      writeAnswers(sheet, null);
      sheet.undo = null;
      sheet.dirty = false;
      refresh(sheet);
    });

    async function lock(message = text.ws_locked) {
      for (const [sheet, timer] of state.saveTimers) {
        clearTimeout(timer);
        if (sheet.dirty) await save(sheet);
      }
      state.saveTimers.clear();
      const wasUnlocked = Boolean(state.key);
      forget();
      emptyAll();
      showState(wasUnlocked ? message : undefined);
    }

    async function eraseAll() {
      const page = state.storage === "page"; // the other language's workbook keeps its own: say so
      if (!(await ask({ title: text.ws_erase_title, text: page ? text.ws_erase_text_page : text.ws_erase_text,
        confirm: text.ws_erase_confirm, danger: true }))) return;
      forget();
      vault.erase();
      emptyAll();
      showState(page ? text.ws_erased_page : text.ws_erased);
    }

    /* Another page wrote the handbook's storage: another tab of the workbook (its vault opens with
     * this key: show its answers where this page has none pending) or something else (say so; the
     * answers on screen stay, and the next save keeps the other vault as "replaced"). */
    window.addEventListener("storage", async (event) => {
      if (event.key !== null && !event.key.startsWith(config.prefix)) return;
      if (state.key) {
        const current = await vault.reread(state.key);
        if (current) {
          state.vault = current.worksheets;
          for (const sheet of sheets) {
            if (!sheet.dirty) showKept(sheet, current.worksheets[sheet.id]);
            refresh(sheet);
          }
        } else {
          return showState(text.ws_foreign_changed);
        }
      }
      showState(vault.present() || !state.key ? undefined : text.ws_foreign_changed);
    });

    /* "ok", "unavailable", or "page": opened from a file in a browser that gives each file an
       origin of its own (Firefox: location.origin is "null"), where each page's storage is its
       own, so that the workbook in the other language keeps, and erases, its answers apart. */
    function probeStorage() {
      try {
        localStorage.setItem(`${config.prefix}probe`, "1");
        localStorage.removeItem(`${config.prefix}probe`);
      } catch {
        return "unavailable";
      }
      return location.protocol === "file:" && location.origin === "null" ? "page" : "ok";
    }

    /* The toolbar shows only what can be done now, and where the answers are: from the start,
       before anything is typed, so that the first letter typed does not add a line above the
       field and move the page (a trainer projecting the workbook saw the screen jump). */
    function showState(message) {
      if (!toolbar) return;
      const kept = vault.kept();
      const show = (action, visible) => { toolbar.querySelector(`[data-action=${action}]`).hidden = !visible; };
      show("keep", !kept && !state.key && state.storage !== "unavailable");
      show("unlock", kept && !state.key);
      show("lock", Boolean(state.key));
      show("erase-all", vault.present());
      const lines = [message || (state.key ? fill(text.ws_state_unlocked, { minutes: config.idleLockMinutes })
        : kept ? text.ws_state_locked : text.ws_state_not_kept)];
      if (state.storage === "unavailable") lines.push(text.ws_storage_unavailable);
      // Where kept answers may be when none are kept here (not after a message that says it).
      else if (state.storage === "page" && !kept && !state.key && !message) lines.push(text.ws_storage_isolated);
      say(null, lines.filter(Boolean).join(" "));
    }

    return { save, keep, unlock, lock, eraseAll, forget, emptyAll, probeStorage, showState };
  }

  window.hbWorksheets.keeping = { create };
})();
