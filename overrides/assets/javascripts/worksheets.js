/* The workbook page (hooks/worksheets.py): fill in the worksheets, keep the answers on this
 * computer only encrypted (worksheet-vault.js), unlock and lock, export and import files
 * (worksheet-file.js), print. The other worksheet-*.js scripts each hold one concern (keeping,
 * unlocking and locking: worksheet-keeping.js; import and export: worksheet-exchange.js;
 * leaving, the idle lock and hiding: worksheet-leaving.js); this one ties them to the page.
 * The key is a non-extractable CryptoKey held in this page's memory only: never written to any
 * storage, window.name or the URL. Leaving the page (also into the Back/Forward cache), "Lock
 * now", "Hide now" and the idle lock drop it and empty every field; the forms are
 * autocomplete="off", so the browser keeps no copy of what was typed in its session files. */
(() => {
  "use strict";

  const configElement = document.getElementById("hb-worksheets-config");
  if (!configElement) return;
  const { form, outputs, dialog, vault: vaults } = window.hbWorksheets;
  const { element, readAnswers, addRow } = form;

  const config = JSON.parse(configElement.textContent);
  const text = config.strings;
  const lists = config.passphrase;
  const toolbar = document.querySelector("[data-worksheet-toolbar]");
  const vault = vaults.create(config.prefix, () => window.localStorage);
  const state = { key: null, head: null, storage: "ok", hiding: false, leaving: false, lastActivity: Date.now(),
    vault: null, saveTimers: new Map() };
  const page = { config, text, language: document.documentElement.lang, readAnswers, addRow, changed: (sheet) => changed(sheet) };
  const sheets = [...document.querySelectorAll("form[data-worksheet]:not(.hb-ws--preview)")].map(setUpSheet);
  const ask = (options) => dialog.ask(text, lists, options);
  const keeping = window.hbWorksheets.keeping.create({ config, text, state, sheets, vault, toolbar, ask, say, refresh });
  const { save, keep, unlock, lock, eraseAll, probeStorage, showState } = keeping;
  const exchange = window.hbWorksheets.exchange.create({ config, text, page, state, sheets, ask, say, changed, showState });
  const { exportSheet, importFile, undoImport, clearSheet, printSheet } = exchange;
  window.hbWorksheets.leaving.watch({ config, text, state, sheets, ask, exportSheet, ...keeping });

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

  const toolbarActions = { keep, unlock, lock: () => lock(), "erase-all": eraseAll };
  toolbar?.addEventListener("click", (event) => {
    const action = event.target.closest("button[data-action]")?.dataset.action;
    if (Object.hasOwn(toolbarActions, action)) toolbarActions[action]();
  });
  // Where the toolbar stays at the top of the window, a heading jumped to lands below it
  // (worksheets.css; not on a phone, nor in projector mode, where it scrolls away).
  if (toolbar) {
    new ResizeObserver(() => document.documentElement.style.setProperty("--hb-ws-toolbar-height",
      `${getComputedStyle(toolbar).position === "sticky" ? toolbar.offsetHeight : 0}px`)).observe(toolbar);
  }

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
