/* Worksheet forms: reading and writing the answers of a form rendered by overrides/partials/
 * worksheet-form.html, its repeated rows, and small DOM helpers. What a form may hold comes from
 * its schema (script[data-worksheet-schema], hooks/worksheet_forms.py), never from its HTML.
 * Text is only ever set as .value or .textContent. Sets window.hbWorksheets.form. */
(() => {
  "use strict";

  /* Numbers in messages are written with the page's digits (typography.js). */
  const digits = (value) => (globalThis.hbTypography ? globalThis.hbTypography.digits(value) : String(value));
  const fill = (template, values) => String(template).replace(/\{(\w+)\}/g, (all, name) => (
    !(name in values) ? all : typeof values[name] === "number" ? digits(values[name]) : String(values[name])));

  function filled(node, attributes, content) {
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (content) node.textContent = content;
    return node;
  }
  const element = (tag, attributes = {}, content = "") => filled(document.createElement(tag), attributes, content);
  const svg = (tag, attributes = {}, content = "") => filled(document.createElementNS("http://www.w3.org/2000/svg", tag), attributes, content);
  const button = (label, attributes = {}) => element("button", { type: "button", class: "md-button", ...attributes }, label);

  const schemaOf = (root) => JSON.parse(root.querySelector("script[data-worksheet-schema]").textContent);
  /* Date fields show day/month/year and hold ISO dates (worksheet-date.js). */
  const { date } = window.hbWorksheets;
  const isDate = (control) => control.hasAttribute("data-date");
  const valueOf = (control) => (control.type === "checkbox" ? control.checked : isDate(control) ? date.read(control) : control.value);
  const rowsOf = (part) => [...part.querySelectorAll("[data-row-list] > [data-row]")];

  function readAnswers(sheet) {
    const answers = { fields: {}, rows: {} };
    for (const name of Object.keys(sheet.schema.fields)) answers.fields[name] = valueOf(sheet.root.elements[name]);
    for (const part of sheet.root.querySelectorAll("[data-rows]")) {
      answers.rows[part.dataset.rows] = rowsOf(part).map((row) => Object.fromEntries(
        [...row.querySelectorAll("[data-field]")].map((control) => [control.dataset.field, valueOf(control)])));
    }
    return answers;
  }

  function setControl(control, value) {
    if (control.type === "checkbox") control.checked = value === true;
    else if (isDate(control)) date.write(control, typeof value === "string" ? value : "");
    else control.value = typeof value === "string" ? value : "";
  }

  /* Writes answers (checked beforehand) into the form, all rows at once, numbered once. */
  function writeAnswers(sheet, answers) {
    const fields = (answers && answers.fields) || {};
    for (const name of Object.keys(sheet.schema.fields)) setControl(sheet.root.elements[name], fields[name]);
    for (const part of sheet.root.querySelectorAll("[data-rows]")) {
      const rows = ((answers && answers.rows) || {})[part.dataset.rows] || [];
      const template = part.querySelector("template").content.firstElementChild;
      const made = (rows.length ? rows : [{}]).map((values) => {
        const row = template.cloneNode(true);
        for (const control of row.querySelectorAll("[data-field]")) setControl(control, values[control.dataset.field]);
        return row;
      });
      part.querySelector("[data-row-list]").replaceChildren(...made);
      renumber(part);
    }
  }

  const hasAnswers = (sheet) => [...sheet.root.querySelectorAll("[name]")]
    .some((control) => (control.type === "checkbox" ? control.checked : control.type !== "file" && control.value));

  function addRow(part) {
    const row = part.querySelector("template").content.firstElementChild.cloneNode(true);
    part.querySelector("[data-row-list]").append(row);
    renumber(part);
    return row;
  }

  function removeRow(button) {
    const part = button.closest("[data-rows]");
    button.closest("[data-row]").remove();
    if (!rowsOf(part).length) addRow(part);
    renumber(part);
    part.querySelector("[data-action=add-row]").focus();
  }

  /* Rows are named repeat.<index>.field, with ids and labels to match. */
  function renumber(part) {
    const ws = part.closest("[data-worksheet]").dataset.worksheet;
    const repeat = part.dataset.rows;
    rowsOf(part).forEach((row, index) => {
      row.querySelector("[data-row-number]").textContent = digits(index + 1);
      for (const field of row.querySelectorAll(".hb-ws__field")) {
        const control = field.querySelector("[data-field]");
        const id = `${ws}-${repeat}-${index}-${control.dataset.field}`;
        control.name = `${repeat}.${index}.${control.dataset.field}`;
        control.id = id;
        field.querySelector("label").htmlFor = id;
        // What describes the control: its help, then a date's parts (format, in words, error).
        const described = [];
        const help = field.querySelector(".hb-ws__help:not([data-date-part])");
        if (help) described.push([help, "help"]);
        for (const part of field.querySelectorAll("[data-date-part]")) described.push([part, part.dataset.datePart]);
        for (const [node, suffix] of described) node.id = `${id}-${suffix}`;
        if (described.length) control.setAttribute("aria-describedby", described.map(([node]) => node.id).join(" "));
        const list = field.querySelector("datalist");
        if (list) {
          list.id = `${id}-list`;
          control.setAttribute("list", list.id);
        }
      }
    });
  }

  window.hbWorksheets = window.hbWorksheets || {};
  window.hbWorksheets.form = { fill, element, button, svg, schemaOf, rowsOf, readAnswers, writeAnswers, hasAnswers, addRow,
    removeRow, renumber };
})();
