/* Worksheet files and answers: what an exported file looks like (format 2; format 1 still
 * opens) and the checks every file and every kept answer passes before it touches a form.
 * Files are untrusted: size, rows and text length are capped so a file cannot freeze the page or
 * fill the browser's storage, values must fit the worksheet's schema, and text hiding invisible
 * direction or control characters (which can disguise what a file says) is refused.
 * Classic script: sets window.hbWorksheets.file in the page, module.exports in Node (tests/js). */
((root) => {
  "use strict";

  const crypto = root.hbWorksheets ? root.hbWorksheets.crypto : require("./worksheet-crypto.js");
  const FORMAT = "safer-working-environment/worksheet";
  // A worksheet of 200 rows of long answers fits; ten such worksheets, sealed, three copies kept
  // (vault, previous, replaced) stay below the 5 MB browsers give a page's storage.
  const LIMITS = { fileBytes: 512 * 1024, rows: 200, text: 5000 };
  // Direction overrides and isolates, invisible marks and control characters (tab and new lines
  // are allowed; so are U+200B–U+200D, which Khmer text uses).
  const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFB]/u;

  /* "ok", "hidden" or "invalid". */
  function checkValue(spec, value) {
    if (spec.type === "checkbox") return typeof value === "boolean" ? "ok" : "invalid";
    if (typeof value !== "string" || value.length > LIMITS.text) return "invalid";
    if (HIDDEN.test(value)) return "hidden";
    if (spec.options) return value === "" || spec.options.includes(value) ? "ok" : "invalid";
    if (spec.type === "date") return value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value) ? "ok" : "invalid";
    return "ok";
  }

  /* Answers are {fields: {name: value}, rows: {repeat: [{field: value}]}}, nothing else.
   * Returns null when they fit the schema, else "invalid" or "hidden". */
  function checkAnswers(schema, answers) {
    if (!crypto.isObject(answers) || Object.keys(answers).some((key) => key !== "fields" && key !== "rows")) return "invalid";
    const fields = answers.fields || {};
    const rows = answers.rows || {};
    if (!crypto.isObject(fields) || !crypto.isObject(rows)) return "invalid";
    let problem = null;
    const note = (result) => {
      if (result === "invalid") problem = "invalid";
      else if (result === "hidden" && !problem) problem = "hidden";
    };
    for (const [name, value] of Object.entries(fields)) {
      note(Object.hasOwn(schema.fields, name) ? checkValue(schema.fields[name], value) : "invalid");
    }
    for (const [repeat, list] of Object.entries(rows)) {
      const specs = Object.hasOwn(schema.rows, repeat) && schema.rows[repeat];
      if (!specs || !Array.isArray(list) || list.length > LIMITS.rows) return "invalid";
      for (const row of list) {
        if (!crypto.isObject(row)) return "invalid";
        for (const [name, value] of Object.entries(row)) note(Object.hasOwn(specs, name) ? checkValue(specs[name], value) : "invalid");
      }
    }
    return problem;
  }

  const validAnswers = (schema, answers) => checkAnswers(schema, answers) === null;

  /* Checks a whole file before anything is used. Returns {error[, worksheet]}, {sealed} or
   * {answers}. `known` lists the worksheet ids the handbook has: only those are ever named. */
  function checkFile(text, worksheet, schema, known = []) {
    if (typeof text !== "string" || text.length > LIMITS.fileBytes) return { error: "toolarge" };
    let file;
    try {
      file = JSON.parse(text);
    } catch {
      return { error: "corrupt" };
    }
    if (!crypto.isObject(file) || file.format !== FORMAT || !Number.isInteger(file.version) || file.version < 1) return { error: "corrupt" };
    if (file.version > crypto.VERSION) return { error: "newer" };
    if (typeof file.worksheet !== "string") return { error: "corrupt" };
    if (file.worksheet !== worksheet) return known.includes(file.worksheet) ? { error: "foreign", worksheet: file.worksheet } : { error: "corrupt" };
    if (file.encrypted === true) {
      const box = file.version === 1 ? file.sealed : file;
      return crypto.isSealed(box, FORMAT) && (file.version === 1 || box.worksheet === worksheet) ? { sealed: box } : { error: "corrupt" };
    }
    if (file.encrypted !== false) return { error: "corrupt" };
    const problem = checkAnswers(schema, file.answers);
    return problem ? { error: problem } : { answers: file.answers };
  }

  /* An export: sealed (the box carries the header) or, after a warning, plain answers. */
  const plainFile = (worksheet, answers) => ({ format: FORMAT, version: crypto.VERSION, worksheet, encrypted: false, answers });
  const sealedFile = (box) => ({ ...box, encrypted: true });

  const api = { FORMAT, LIMITS, checkValue, checkAnswers, validAnswers, checkFile, plainFile, sealedFile };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.hbWorksheets.file = api;
})(typeof window === "object" ? window : globalThis);
