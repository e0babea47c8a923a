/* Worksheet exchange: export a worksheet to a file (encrypted, or plain after a warning), import
 * one (read and checked completely before the form is touched; answers already there are
 * replaced only after asking, with Undo), clear a worksheet, print it. Used by worksheets.js,
 * which hands over the page. Sets window.hbWorksheets.exchange. */
(() => {
  "use strict";

  const { crypto: box, file: files, form, outputs } = window.hbWorksheets;
  const { fill, element, readAnswers, writeAnswers, hasAnswers } = form;

  function create({ config, text, page, state, sheets, ask, say, changed, showState }) {
    async function exportSheet(sheet, encrypted) {
      const wrong = window.hbWorksheets.date.invalid(sheet.root);
      if (wrong) { // the file would hold the date from before, not the text on screen
        say(sheet, text.ws_date_fix_first, true);
        wrong.focus();
        return;
      }
      const answers = readAnswers(sheet);
      const date = outputs.isoDate(Date.now());
      if (encrypted) {
        let file;
        const ok = await ask({ title: text.ws_export_title, text: text.ws_export_text, passphrase: "new", confirm: text.ws_export_confirm,
          check: async ({ passphrase }) => {
            file = files.sealedFile((await box.seal(passphrase, files.FORMAT, sheet.id, answers, config.iterations)).box);
          } });
        if (ok) download(sheet, `${sheet.id}-${date}.json`, file);
      } else if (await ask({ title: text.ws_export_plain_title, warning: text.ws_export_plain_warning, confirm: text.ws_export_plain_confirm })) {
        download(sheet, `${sheet.id}-${date}-not-encrypted.json`, files.plainFile(sheet.id, answers));
      }
    }

    function download(sheet, name, file) {
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 1)], { type: "application/json" }));
      const link = element("a", { href: url, download: name, hidden: "" });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      if (!state.key) sheet.dirty = false;
      say(sheet, fill(text.ws_exported, { file: name }));
      showState();
    }

    const titleOf = (id) => (sheets.find((sheet) => sheet.id === id) || {}).schema?.title || id;

    /* A file is read and checked completely before the form is touched; answers already in the
     * form are replaced only after asking, and the replacement can be undone. */
    async function importFile(sheet, input) {
      const file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      const contents = file.size <= files.LIMITS.fileBytes ? await file.text() : null;
      const checked = contents === null ? { error: "toolarge" } : files.checkFile(contents, sheet.id, sheet.schema, sheets.map((s) => s.id));
      if (checked.error) {
        const message = { corrupt: text.ws_import_corrupt, newer: text.ws_import_newer, invalid: text.ws_import_invalid,
          hidden: text.ws_import_hidden, toolarge: fill(text.ws_import_toolarge, { kb: files.LIMITS.fileBytes / 1024, rows: files.LIMITS.rows }),
          foreign: fill(text.ws_import_foreign, { worksheet: titleOf(checked.worksheet), button: text.ws_import }) }[checked.error];
        say(sheet, message, true);
        return;
      }
      let answers = checked.answers;
      if (checked.sealed) {
        const ok = await ask({ title: text.ws_import_title, text: text.ws_import_text, passphrase: "existing", confirm: text.ws_import_confirm,
          check: async ({ passphrase }) => {
            let value;
            try {
              value = (await box.open(passphrase, checked.sealed)).value;
            } catch {
              return text.ws_wrong_passphrase;
            }
            const problem = files.checkAnswers(sheet.schema, value);
            if (problem) return problem === "hidden" ? text.ws_import_hidden : text.ws_import_invalid;
            answers = value;
            return null;
          } });
        if (!ok) return;
      }
      if (hasAnswers(sheet) && !(await ask({ title: text.ws_import_replace_title, text: text.ws_import_replace_text,
        confirm: text.ws_import_replace_confirm }))) return;
      sheet.undo = readAnswers(sheet);
      writeAnswers(sheet, answers);
      changed(sheet);
      say(sheet, fill(text.ws_imported, { file: file.name }), false, true);
    }

    function undoImport(sheet) {
      if (!sheet.undo) return;
      writeAnswers(sheet, sheet.undo);
      sheet.undo = null;
      changed(sheet);
      say(sheet, text.ws_import_undone);
    }

    async function clearSheet(sheet) {
      if (!(await ask({ title: text.ws_clear_title, text: fill(text.ws_clear_text, { worksheet: sheet.schema.title }), confirm: text.ws_clear_confirm }))) return;
      writeAnswers(sheet, null);
      changed(sheet);
      if (!state.key) sheet.dirty = false;
      say(sheet, text.ws_cleared);
      showState();
    }

    function printSheet(sheet, blank, card = false) {
      const snapshot = readAnswers(sheet);
      const html = document.documentElement;
      if (blank) writeAnswers(sheet, null);
      if (card) outputs.buildCard(page, sheet);
      html.classList.add("hb-printing", ...(card ? ["hb-printing-card"] : []));
      // The worksheet and its title (on the workbook, a heading of the page above the form).
      const title = document.getElementById(sheet.root.getAttribute("aria-labelledby"));
      const printed = [sheet.root, ...(title && !card && !sheet.root.contains(title) ? [title] : [])];
      for (const part of printed) part.classList.add("hb-print-target");
      const done = () => {
        html.classList.remove("hb-printing", "hb-printing-card");
        for (const part of printed) part.classList.remove("hb-print-target");
        if (blank) writeAnswers(sheet, snapshot);
        window.removeEventListener("afterprint", done);
      };
      window.addEventListener("afterprint", done);
      window.print();
    }

    return { exportSheet, importFile, undoImport, clearSheet, printSheet };
  }

  window.hbWorksheets.exchange = { create };
})();
