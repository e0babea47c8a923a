/* The workbook page (hooks/worksheets.py): fill in the worksheets, keep the answers on this
 * computer only encrypted (worksheet-vault.js), unlock and lock, export and import files
 * (worksheet-file.js), print. The other worksheet-*.js scripts each hold one concern (import and
 * export: worksheet-exchange.js); this one ties them to the page.
 * The key is a non-extractable CryptoKey held in this page's memory only: never written to any
 * storage, window.name or the URL. Leaving the page (also into the Back/Forward cache), "Lock
 * now", "Hide now" and the idle lock drop it and empty every field; the forms are
 * autocomplete="off", so the browser keeps no copy of what was typed in its session files. */
(() => {
  "use strict";

  const configElement = document.getElementById("hb-worksheets-config");
  if (!configElement) return;
  const { crypto: box, file: files, form, outputs, dialog, vault: vaults } = window.hbWorksheets;
  const { fill, element, readAnswers, writeAnswers, hasAnswers, addRow } = form;

  const config = JSON.parse(configElement.textContent);
  const text = config.strings;
  const lists = config.passphrase;
  const idleMs = config.idleLockMinutes * 60000;
  const toolbar = document.querySelector("[data-worksheet-toolbar]");
  const vault = vaults.create(config.prefix, () => window.localStorage);
  const state = { key: null, head: null, storage: "ok", hiding: false, leaving: false, lastActivity: Date.now(),
    vault: null, saveTimers: new Map() };
  const page = { config, text, language: document.documentElement.lang, readAnswers, addRow, changed: (sheet) => changed(sheet) };
  const sheets = [...document.querySelectorAll("form[data-worksheet]:not(.hb-ws--preview)")].map(setUpSheet);
  const ask = (options) => dialog.ask(text, lists, options);
  const exchange = window.hbWorksheets.exchange.create({ config, text, page, state, sheets, ask, say,
    changed: (sheet) => changed(sheet), showState: (message) => showState(message) });
  const { exportSheet, importFile, undoImport, clearSheet, printSheet } = exchange;

  function setUpSheet(root) {
    const sheet = { root, id: root.dataset.worksheet, schema: form.schemaOf(root), dirty: false, message: root.querySelector("[data-message]") };
    root.addEventListener("submit", (event) => event.preventDefault());
    window.hbWorksheets.date.watch(root, text, config.dateExample);
    root.addEventListener("input", () => changed(sheet));
    root.addEventListener("change", (event) => {
      if (event.target.matches("input[type=file][data-action=import]")) importFile(sheet, event.target);
      else changed(sheet);
    });
    root.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (button && root.contains(button)) sheetAction(sheet, button.dataset.action, button);
    });
    return sheet;
  }

  const sheetActions = {
    export: (sheet) => exportSheet(sheet, true),
    "export-plain": (sheet) => exportSheet(sheet, false),
    print: (sheet) => printSheet(sheet, false),
    "print-blank": (sheet) => printSheet(sheet, true),
    "print-card": (sheet) => printSheet(sheet, false, true),
    clear: (sheet) => clearSheet(sheet),
    "add-contact": (sheet) => outputs.addContact(page, sheet),
    undo: (sheet) => undoImport(sheet),
  };

  function sheetAction(sheet, action, button) {
    if (Object.hasOwn(sheetActions, action)) sheetActions[action](sheet);
    else if (action === "add-row") {
      addRow(button.closest("[data-rows]")).querySelector("[data-field]").focus();
      changed(sheet);
    } else if (action === "remove-row") {
      form.removeRow(button);
      changed(sheet);
    }
  }

  /* A message where the user is looking: in the worksheet, or in the toolbar; read out by
   * screen readers (role=status). `undo` adds an Undo button. */
  function say(sheet, message, isError = false, undo = false) {
    const target = sheet ? sheet.message : toolbar && toolbar.querySelector("[data-state]");
    if (!target) return;
    target.replaceChildren(document.createTextNode(message));
    if (undo) target.append(" ", form.button(text.ws_undo, { "data-action": "undo" }));
    target.classList.toggle("hb-ws__message--error", isError);
  }

  function refresh(sheet) {
    outputs.render(page, sheet);
    fillSuggestions(sheet);
  }

  function changed(sheet) {
    sheet.dirty = true;
    refresh(sheet);
    if (state.key) {
      clearTimeout(state.saveTimers.get(sheet));
      state.saveTimers.set(sheet, setTimeout(() => save(sheet), 300));
    }
    showState();
  }

  /* Inputs with data-suggest="<worksheet>.<repeat>.<field>" offer that worksheet's answers. */
  function fillSuggestions(sheet) {
    for (const control of sheet.root.querySelectorAll("[data-suggest]")) {
      const [worksheet, repeat, field] = control.dataset.suggest.split(".");
      const other = sheets.find((candidate) => candidate.id === worksheet);
      const source = other ? readAnswers(other) : state.vault && state.vault[worksheet];
      const values = ((source && source.rows && source.rows[repeat]) || []).map((row) => row[field]).filter(Boolean);
      const list = control.list || control.parentElement.querySelector("datalist");
      if (list) list.replaceChildren(...values.map((value) => element("option", { value })));
    }
  }

  /* ----- keeping, unlocking, locking ----- */

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
    } catch (error) {
      say(sheet, problemText(error), true);
    }
    showState();
  }

  async function keep() {
    if (vault.kept()) return showState(); // never over answers already kept
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
      const kept = state.vault[sheet.id];
      if (sheet.dirty && hasAnswers(sheet)) await save(sheet);
      else if (kept && files.validAnswers(sheet.schema, kept)) writeAnswers(sheet, kept);
      sheet.dirty = false;
      refresh(sheet);
    }
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
    if (!(await ask({ title: text.ws_erase_title, text: text.ws_erase_text, confirm: text.ws_erase_confirm, danger: true }))) return;
    forget();
    vault.erase();
    emptyAll();
    showState(text.ws_erased);
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
          const kept = current.worksheets[sheet.id];
          if (!sheet.dirty && kept && files.validAnswers(sheet.schema, kept)) writeAnswers(sheet, kept);
          refresh(sheet);
        }
      } else {
        return showState(text.ws_foreign_changed);
      }
    }
    showState(vault.present() || !state.key ? undefined : text.ws_foreign_changed);
  });

  function probeStorage() {
    try {
      localStorage.setItem(`${config.prefix}probe`, "1");
      localStorage.removeItem(`${config.prefix}probe`);
      return "ok";
    } catch {
      return "unavailable";
    }
  }

  /* The toolbar shows only what can be done now, and where the answers are. */
  function showState(message) {
    if (!toolbar) return;
    const kept = vault.kept();
    const show = (action, visible) => { toolbar.querySelector(`[data-action=${action}]`).hidden = !visible; };
    show("keep", !kept && !state.key && state.storage !== "unavailable");
    show("unlock", kept && !state.key);
    show("lock", Boolean(state.key));
    show("erase-all", vault.present());
    const lines = [message || (state.key ? fill(text.ws_state_unlocked, { minutes: config.idleLockMinutes })
      : kept ? text.ws_state_locked : sheets.some((sheet) => sheet.dirty) ? text.ws_state_not_kept : "")];
    if (state.storage === "unavailable") lines.push(text.ws_storage_unavailable);
    say(null, lines.filter(Boolean).join(" "));
  }

  /* ----- leaving, idling, hiding ----- */

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

  const toolbarActions = { keep, unlock, lock: () => lock(), "erase-all": eraseAll };
  toolbar?.addEventListener("click", (event) => {
    const action = event.target.closest("button[data-action]")?.dataset.action;
    if (Object.hasOwn(toolbarActions, action)) toolbarActions[action]();
  });

  /* After every script of the page has run: typography.js (loaded after the forms) writes the
   * numbers and dates that the outputs show. */
  function start() {
    state.storage = probeStorage();
    for (const sheet of sheets) {
      for (const part of sheet.root.querySelectorAll("[data-rows]")) form.renumber(part);
      refresh(sheet);
    }
    showState();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
