// Runs in the worksheets' print page (overrides/print/worksheets.html: the forms of "My workbook",
// each titled with an <h2>, so the pack's bookmarks list them side by side) before handbook/pdf.py
// prints the blank worksheet pack: every worksheet emptied and on a page of its own, parts where
// the reader adds rows given a few empty rows from their <template>, buttons and messages gone,
// the emergency-contacts card (cut out and carried) last. Returns how many worksheets there are.
({ rows, wallet }) => {
  const root = document.getElementById("print-site-page");
  const intro = root.querySelector(".hb-pack__intro");
  const digits = intro.dataset.digits;  // the language's own, as on the page
  const forms = [...root.querySelectorAll("form[data-worksheet]")];
  const sheets = forms.map(form => {
    const id = form.dataset.worksheet;
    const sheet = document.createElement("section");
    sheet.className = "hb-pack__sheet" + (id === wallet ? " hb-pack__sheet--wallet" : "");
    sheet.dataset.sheet = id;
    form.reset?.();
    form.querySelectorAll("input, textarea, select").forEach(field => {
      if (field.type === "checkbox" || field.type === "radio") field.checked = false;
      else if (field.type !== "file") { field.value = ""; field.removeAttribute("value"); }
      field.removeAttribute("placeholder");
    });
    form.querySelectorAll("[data-rows]").forEach(part => {
      const template = part.querySelector("template[data-row-template]");
      const list = part.querySelector("[data-row-list]");
      if (!template || !list) return;
      while (list.children.length < rows) {
        const row = template.content.firstElementChild.cloneNode(true);
        const index = list.children.length;
        row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(el => {
          for (const attribute of ["name", "id", "for", "aria-describedby"]) {
            const value = el.getAttribute(attribute);
            if (value) el.setAttribute(attribute, value.replaceAll("__i__", String(index)));
          }
        });
        const number = row.querySelector("[data-row-number]");
        if (number) number.textContent = String(index + 1).replace(/[0-9]/g, digit => digits[digit]);
        list.append(row);
      }
    });
    form.querySelectorAll("button, template, .hb-ws__actions, [data-message], [data-output], input[type=file], datalist")
      .forEach(el => el.remove());
    sheet.append(form);
    if (id === wallet) {
      const note = document.createElement("p");
      note.className = "hb-pack__cut";
      note.textContent = intro.dataset.walletNote;
      sheet.append(note);
    }
    return sheet;
  });
  sheets.sort((a, b) => Number(a.dataset.sheet === wallet) - Number(b.dataset.sheet === wallet));
  root.replaceChildren(intro, ...sheets);
  return sheets.length;
}
