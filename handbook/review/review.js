/* The review view's comments: show one page at a time, export every comment (and every page
   ticked as checked) as one CSV file, and load such a file back to carry on. Nothing is kept in
   the browser: the comments live in the page until the reviewer exports them. Classic script. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("rv-config").textContent);
  const text = config.strings;
  const form = document.getElementById("rv-form");
  const picker = document.getElementById("rv-page");
  const status = document.querySelector("[data-status]");
  const MAX_FILE = 5 * 1024 * 1024;
  let unsaved = false;

  const digits = (number) => String(number).replace(/[0-9]/g, (digit) => config.digits[Number(digit)]);
  const fill = (template, values) => String(template).replace(/\{(\w+)\}/g, (all, name) => (
    !(name in values) ? all : typeof values[name] === "number" ? digits(values[name]) : values[name]));
  /* Messages in both languages, Khmer first: `key` names a review_* string, values fill it. */
  function say(key, values = {}, extra = null) {
    status.replaceChildren(...config.languages.map((language) => {
      const span = Object.assign(document.createElement("span"), { lang: language });
      span.textContent = fill(text[key][language], language === config.languages[0] ? values : plain(values))
        + (extra ? " " + fill(text[extra[0]][language], language === config.languages[0] ? extra[1] : plain(extra[1])) : "");
      return span;
    }));
  }
  const plain = (values) => Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));
  const pages = () => [...form.querySelectorAll("section[data-page]")];
  const clean = (node) => node.textContent.replace(/\s+/g, " ").trim();

  /* One page at a time: the picker shows the chosen page and hides the others. */
  function show(id) {
    for (const page of pages()) page.hidden = page.id !== id;
    picker.value = id;
  }
  picker.addEventListener("change", () => { show(picker.value); window.scrollTo(0, 0); });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", () => { unsaved = true; });

  /* RFC 4180: fields in double quotes, quotes doubled; a spreadsheet opens it (UTF-8 with BOM). */
  /* A field a spreadsheet would read as a formula (=, +, @, -1) gets a leading ' (OWASP). */
  const FORMULA = /^(?:[=+@\t\r]|-[\d(])/;
  const csvField = (value) => `"${(FORMULA.test(String(value)) ? "'" : "") + String(value).replace(/"/g, '""')}"`;
  const unguard = (value) => (value.startsWith("'") && FORMULA.test(value.slice(1)) ? value.slice(1) : value);
  function toCsv() {
    const lines = [config.columns.map(csvField).join(",")];
    let count = 0;
    for (const page of pages()) {
      const checked = page.querySelector("[data-page-checked]").checked;
      if (checked) lines.push([page.dataset.page, "", "", "", "", "", "", "yes"].map(csvField).join(","));
      for (const row of page.querySelectorAll("[data-key]")) {
        const comment = row.querySelector("[data-comment]").value.trim();
        if (!comment) continue;
        count += 1;
        lines.push([page.dataset.page, row.dataset.section, row.dataset.row, clean(row.querySelector(".rv-text--en")),
          clean(row.querySelector(".rv-text--km")), row.dataset.terms, comment, checked ? "yes" : ""].map(csvField).join(","));
      }
    }
    return { csv: "\ufeff" + lines.join("\r\n") + "\r\n", count };
  }

  function exportComments() {
    const { csv, count } = toCsv();
    const day = new Date().toISOString().slice(0, 10);
    const name = `review-comments-${config.version}-${day}.csv`;
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    unsaved = false;
    say("review_exported", { count, file: name });
  }

  /* Parses RFC 4180 CSV; returns null when the text is not well-formed. */
  function parseCsv(source) {
    const rows = [];
    let row = [], field = "", quoted = false, index = 0;
    const data = source.replace(/^\ufeff/, "");
    while (index < data.length) {
      const char = data[index];
      if (quoted) {
        if (char === '"' && data[index + 1] === '"') { field += '"'; index += 2; continue; }
        if (char === '"') { quoted = false; index += 1; continue; }
        field += char; index += 1; continue;
      }
      if (char === '"') { if (field) return null; quoted = true; }
      else if (char === ",") { row.push(field); field = ""; }
      else if (char === "\n" || char === "\r") {
        if (char === "\r" && data[index + 1] === "\n") index += 1;
        row.push(field); rows.push(row); row = []; field = "";
      } else field += char;
      index += 1;
    }
    if (quoted) return null;
    if (field || row.length) { row.push(field); rows.push(row); }
    return rows;
  }

  /* An imported file is untrusted: it is checked whole before any box changes, and only ever
     sets the boxes' values. */
  async function loadComments(file) {
    if (!file || file.size > MAX_FILE) { say("review_load_failed"); return; }
    const rows = parseCsv(await file.text());
    const header = rows && rows[0] && rows[0].map((cell) => cell.trim());
    if (!rows || !header || config.columns.some((column, i) => header[i] !== column)
        || rows.slice(1).some((row) => row.length !== config.columns.length && !(row.length === 1 && row[0] === ""))) {
      say("review_load_failed");
      return;
    }
    const column = Object.fromEntries(config.columns.map((name, i) => [name, i]));
    const byKey = new Map([...form.querySelectorAll("[data-key]")].map((row) => [row.dataset.key, row]));
    const byPage = new Map(pages().map((page) => [page.dataset.page, page]));
    let loaded = 0, unknown = 0;
    for (const row of rows.slice(1)) {
      if (row.length !== config.columns.length) continue;
      const page = byPage.get(row[column.page]);
      if (page && row[column.page_checked] === "yes") page.querySelector("[data-page-checked]").checked = true;
      if (!row[column.comment]) continue;
      const target = byKey.get(`${row[column.page]}|${row[column.section]}|${row[column.row]}`);
      if (!target) { unknown += 1; continue; }
      target.querySelector("[data-comment]").value = unguard(row[column.comment]);
      loaded += 1;
    }
    say("review_loaded", { count: loaded, file: file.name }, unknown ? ["review_load_unknown", { count: unknown }] : null);
  }

  document.querySelector("[data-action=export]").addEventListener("click", exportComments);
  const input = document.querySelector("[data-action=load]");
  input.addEventListener("change", () => { loadComments(input.files[0]).finally(() => { input.value = ""; }); });

  /* Leaving with comments not exported loses them: the browser asks first. */
  window.addEventListener("beforeunload", (event) => {
    if (!unsaved) return;
    event.preventDefault();
    event.returnValue = "";
  });

  if (location.hash && document.getElementById(location.hash.slice(1))) show(location.hash.slice(1));
})();
