/* Worksheets: fill in the forms that hooks/worksheets.py renders, keep the answers on this
 * computer only encrypted, export and import them, print them, hide them at once.
 * Storage keys start with extra.worksheets.storage_prefix (mkdocs.yml):
 * - localStorage <prefix>vault: all worksheets' answers, sealed with AES-GCM 256 under a key from
 *   PBKDF2-SHA-256 (random 16-byte salt; a fresh 12-byte IV for every save). Nothing is written
 *   before the user chooses "Keep".
 * - sessionStorage <prefix>session: the unlocked key and the last activity, for this tab only;
 *   "Lock now", "Hide now" and the idle lock remove it.
 * Export files are sealed the same way (new salt and IV) or, after a warning, plain JSON. Text
 * from files and storage is only ever set as .value or .textContent. The pure parts are
 * exported for Node's tests (tests/js). */
(() => {
  "use strict";

  const FORMAT = "safer-working-environment/worksheet";
  const FORMAT_VERSION = 1; // raise when the file layout changes; older files must still open
  const MIN_PASSPHRASE = 8;
  const MAX_FILE_BYTES = 2000000;
  const MAX_ROWS = 500;
  const MAX_TEXT = 20000;
  const DAY_MS = 86400000;
  // The risk grid of docs/en/six-steps/risks.md: LEVEL_GRID[probability - 1][impact - 1].
  const LEVEL_GRID = [[1, 1, 2, 2, 3], [1, 2, 2, 3, 3], [2, 2, 3, 3, 4], [2, 3, 3, 4, 5], [3, 3, 4, 5, 5]];

  /* ---------- pure parts ---------- */

  /* Numbers, dates and "label: value" as the page's language writes them (typography.js). */
  const local = globalThis.hbTypography || { digits: String, date: String, label: (name, value) => `${name}: ${value}` };
  const fill = (template, values) => String(template).replace(/\{(\w+)\}/g, (all, name) => (
    !(name in values) ? all : typeof values[name] === "number" ? local.digits(values[name]) : String(values[name])));

  const toBase64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
  const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

  /* Passphrase → key material → PBKDF2-SHA-256 → AES-GCM 256 key. */
  async function deriveKey(passphrase, salt, iterations) {
    const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, ["deriveKey"]);
    return crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material,
      { name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]);
  }

  /* Encrypts a value with a fresh IV; kdf says how the key was derived. */
  async function sealWithKey(key, kdf, value) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(JSON.stringify(value)));
    return { kdf, cipher: { name: "AES-GCM", iv: toBase64(iv) }, data: toBase64(data) };
  }

  /* Encrypts a value under a new key from the passphrase and a fresh salt. */
  async function seal(passphrase, value, iterations) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const key = await deriveKey(passphrase, salt, iterations);
    const kdf = { name: "PBKDF2", hash: "SHA-256", iterations, salt: toBase64(salt) };
    return { key, sealed: await sealWithKey(key, kdf, value) };
  }

  /* Decrypts; throws on a wrong key or altered data (AES-GCM checks both). */
  async function openWithKey(key, sealed) {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(sealed.cipher.iv) }, key, fromBase64(sealed.data));
    return JSON.parse(new TextDecoder().decode(plain));
  }

  async function open(passphrase, sealed) {
    const key = await deriveKey(passphrase, fromBase64(sealed.kdf.salt), sealed.kdf.iterations);
    return { key, value: await openWithKey(key, sealed) };
  }

  /* A sealed box as this script writes it (checked before any key is derived). */
  function isSealed(box) {
    try {
      return isObject(box) && isObject(box.kdf) && isObject(box.cipher) && box.kdf.name === "PBKDF2" &&
        box.kdf.hash === "SHA-256" && Number.isInteger(box.kdf.iterations) && box.kdf.iterations >= 100000 &&
        box.kdf.iterations <= 10000000 && fromBase64(box.kdf.salt).length === 16 && box.cipher.name === "AES-GCM" &&
        fromBase64(box.cipher.iv).length === 12 && typeof box.data === "string" && fromBase64(box.data).length > 16;
    } catch {
      return false;
    }
  }

  function validValue(spec, value) {
    if (spec.type === "checkbox") return typeof value === "boolean";
    if (typeof value !== "string" || value.length > MAX_TEXT) return false;
    if (spec.options) return value === "" || spec.options.includes(value);
    if (spec.type === "date") return value === "" || /^\d{4}-\d{2}-\d{2}$/.test(value);
    return true;
  }

  /* Answers are {fields: {name: value}, rows: {repeat: [{field: value}]}}, nothing else. */
  function validAnswers(schema, answers) {
    if (!isObject(answers) || Object.keys(answers).some((key) => key !== "fields" && key !== "rows")) return false;
    const fields = answers.fields || {};
    const rows = answers.rows || {};
    if (!isObject(fields) || !isObject(rows)) return false;
    for (const [name, value] of Object.entries(fields)) {
      if (!Object.hasOwn(schema.fields, name) || !validValue(schema.fields[name], value)) return false;
    }
    for (const [repeat, list] of Object.entries(rows)) {
      const specs = Object.hasOwn(schema.rows, repeat) && schema.rows[repeat];
      if (!specs || !Array.isArray(list) || list.length > MAX_ROWS) return false;
      for (const row of list) {
        if (!isObject(row)) return false;
        for (const [name, value] of Object.entries(row)) {
          if (!Object.hasOwn(specs, name) || !validValue(specs[name], value)) return false;
        }
      }
    }
    return true;
  }

  /* Checks an exported file completely. Returns {error} or {sealed} or {answers}. */
  function checkFile(text, worksheet, schema) {
    let file;
    try {
      file = JSON.parse(text);
    } catch {
      return { error: "corrupt" };
    }
    if (!isObject(file) || file.format !== FORMAT || !Number.isInteger(file.version) || file.version < 1) return { error: "corrupt" };
    if (file.version > FORMAT_VERSION) return { error: "newer" };
    if (typeof file.worksheet !== "string") return { error: "corrupt" };
    if (file.worksheet !== worksheet) return { error: "foreign", worksheet: file.worksheet };
    if (file.encrypted === true) return isSealed(file.sealed) ? { sealed: file.sealed } : { error: "corrupt" };
    if (file.encrypted !== false) return { error: "corrupt" };
    return validAnswers(schema, file.answers) ? { answers: file.answers } : { error: "invalid" };
  }

  const fileFor = (worksheet, body) => ({ format: FORMAT, version: FORMAT_VERSION, worksheet, ...body });

  const levelOf = (probability, impact) => LEVEL_GRID[probability - 1][impact - 1];

  /* Risks with their list number, most serious first (probability × impact, then probability). */
  function riskOrder(risks) {
    return risks.map((risk, index) => ({ number: index + 1, what: risk.what || "",
      probability: Number(risk.probability) || 0, impact: Number(risk.impact) || 0 }))
      .sort((a, b) => b.probability * b.impact - a.probability * a.impact || b.probability - a.probability || a.number - b.number);
  }

  /* The latest run of at least `count` dates within `days` days, or null. */
  function findCluster(dates, count, days) {
    const times = dates.filter((date) => /^\d{4}-\d{2}-\d{2}$/.test(date)).map((date) => Date.parse(`${date}T00:00:00Z`))
      .filter((time) => !Number.isNaN(time)).sort((a, b) => a - b);
    let found = null;
    for (let start = 0, end = 0; end < times.length; end += 1) {
      while (times[end] - times[start] >= days * DAY_MS) start += 1;
      if (end - start + 1 >= count) found = { count: end - start + 1, from: times[start], to: times[end] };
    }
    return found && { count: found.count, from: isoDate(found.from), to: isoDate(found.to) };
  }

  const isoDate = (time) => new Date(time).toISOString().slice(0, 10);

  const pure = { FORMAT, FORMAT_VERSION, fill, deriveKey, seal, open, sealWithKey, openWithKey, isSealed,
    validAnswers, checkFile, fileFor, levelOf, riskOrder, findCluster };
  if (typeof module === "object" && module.exports) {
    module.exports = pure;
    return;
  }
  const configElement = document.getElementById("hb-worksheets-config");
  if (!configElement) return;

  /* ---------- the page ---------- */

  const config = JSON.parse(configElement.textContent);
  const text = config.strings;
  const VAULT = `${config.prefix}vault`;
  const SESSION = `${config.prefix}session`;
  const idleMs = config.idleLockMinutes * 60000;
  const toolbar = document.querySelector("[data-worksheet-toolbar]");
  const state = { key: null, kdf: null, storage: "ok", hiding: false, leaving: false, lastActivity: Date.now(),
    vault: null, dialogOpen: false, saveTimers: new Map() };
  const sheets = [...document.querySelectorAll("form[data-worksheet]")].map(setUpSheet);

  function element(tag, attributes = {}, content = "") {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (content) node.textContent = content;
    return node;
  }

  const button = (label, attributes = {}) => element("button", { type: "button", class: "md-button", ...attributes }, label);
  const heading = (content) => element("p", { class: "hb-ws__output-title" }, content);

  function svg(tag, attributes = {}, content = "") {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (content) node.textContent = content;
    return node;
  }

  /* ----- reading and writing a form ----- */

  function specOf(control) {
    if (control.type === "checkbox") return { type: "checkbox" };
    if (control.tagName === "SELECT") return { type: "select", options: [...control.options].map((o) => o.value).filter(Boolean) };
    return { type: control.type === "date" ? "date" : "text" };
  }

  function setUpSheet(root) {
    const schema = { fields: {}, rows: {} };
    for (const control of root.querySelectorAll("[name]")) {
      if (!control.closest("[data-row]") && control.type !== "file") schema.fields[control.name] = specOf(control);
    }
    for (const part of root.querySelectorAll("[data-rows]")) {
      const specs = (schema.rows[part.dataset.rows] = {});
      for (const control of part.querySelector("template").content.querySelectorAll("[data-field]")) {
        specs[control.dataset.field] = specOf(control);
      }
    }
    const sheet = { root, id: root.dataset.worksheet, schema, dirty: false, message: root.querySelector("[data-message]") };
    root.addEventListener("submit", (event) => event.preventDefault());
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

  function readAnswers(sheet) {
    const answers = { fields: {}, rows: {} };
    for (const name of Object.keys(sheet.schema.fields)) {
      const control = sheet.root.elements[name];
      answers.fields[name] = control.type === "checkbox" ? control.checked : control.value;
    }
    for (const part of sheet.root.querySelectorAll("[data-rows]")) {
      answers.rows[part.dataset.rows] = [...part.querySelectorAll("[data-row-list] > [data-row]")].map((row) => {
        const values = {};
        for (const control of row.querySelectorAll("[data-field]")) {
          values[control.dataset.field] = control.type === "checkbox" ? control.checked : control.value;
        }
        return values;
      });
    }
    return answers;
  }

  function setControl(control, value) {
    if (control.type === "checkbox") control.checked = value === true;
    else control.value = typeof value === "string" ? value : "";
  }

  function writeAnswers(sheet, answers) {
    const fields = (answers && answers.fields) || {};
    for (const name of Object.keys(sheet.schema.fields)) {
      setControl(sheet.root.elements[name], fields[name]);
    }
    for (const part of sheet.root.querySelectorAll("[data-rows]")) {
      const list = part.querySelector("[data-row-list]");
      list.replaceChildren();
      const rows = ((answers && answers.rows) || {})[part.dataset.rows] || [];
      for (const values of rows.length ? rows : [{}]) {
        const row = addRow(part);
        for (const control of row.querySelectorAll("[data-field]")) setControl(control, values[control.dataset.field]);
      }
    }
    refresh(sheet);
  }

  const hasAnswers = (sheet) => [...sheet.root.querySelectorAll("[name]")]
    .some((control) => (control.type === "checkbox" ? control.checked : control.type !== "file" && control.value));

  /* ----- repeatable rows ----- */

  function addRow(part) {
    const row = part.querySelector("template").content.firstElementChild.cloneNode(true);
    part.querySelector("[data-row-list]").append(row);
    renumber(part);
    return row;
  }

  function renumber(part) {
    const ws = part.closest("[data-worksheet]").dataset.worksheet;
    const repeat = part.dataset.rows;
    [...part.querySelectorAll("[data-row-list] > [data-row]")].forEach((row, index) => {
      row.querySelector("[data-row-number]").textContent = local.digits(index + 1);
      for (const field of row.querySelectorAll(".hb-ws__field")) {
        const control = field.querySelector("[data-field]");
        const id = `${ws}-${repeat}-${index}-${control.dataset.field}`;
        control.name = `${repeat}.${index}.${control.dataset.field}`;
        control.id = id;
        field.querySelector("label").htmlFor = id;
        const help = field.querySelector(".hb-ws__help");
        if (help) {
          help.id = `${id}-help`;
          control.setAttribute("aria-describedby", help.id);
        }
        const list = field.querySelector("datalist");
        if (list) {
          list.id = `${id}-list`;
          control.setAttribute("list", list.id);
        }
      }
    });
  }

  /* ----- the worksheet's own actions ----- */

  const sheetActions = {
    export: (sheet) => exportSheet(sheet, true),
    "export-plain": (sheet) => exportSheet(sheet, false),
    print: (sheet) => printSheet(sheet, false),
    "print-blank": (sheet) => printSheet(sheet, true),
    "print-card": (sheet) => printSheet(sheet, false, true),
    clear: (sheet) => clearSheet(sheet),
    "add-contact": (sheet) => addContact(sheet),
  };

  function sheetAction(sheet, action, button) {
    if (Object.hasOwn(sheetActions, action)) sheetActions[action](sheet);
    else if (action === "add-row") {
      const row = addRow(button.closest("[data-rows]"));
      row.querySelector("[data-field]").focus();
      changed(sheet);
    } else if (action === "remove-row") {
      const part = button.closest("[data-rows]");
      button.closest("[data-row]").remove();
      if (!part.querySelector("[data-row-list] > [data-row]")) addRow(part);
      renumber(part);
      part.querySelector("[data-action=add-row]").focus();
      changed(sheet);
    }
  }

  function say(sheet, message, isError = false) {
    const target = sheet ? sheet.message : toolbar && toolbar.querySelector("[data-state]");
    if (!target) return;
    target.textContent = message;
    target.classList.toggle("hb-ws__message--error", isError);
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

  async function exportSheet(sheet, encrypted) {
    const answers = readAnswers(sheet);
    const date = isoDate(Date.now());
    if (encrypted) {
      let file;
      const ok = await ask({ title: text.ws_export_title, text: text.ws_export_text, passphrase: "new", confirm: text.ws_export_confirm,
        check: async ({ passphrase }) => {
          file = fileFor(sheet.id, { encrypted: true, sealed: (await seal(passphrase, answers, config.iterations)).sealed });
        } });
      if (ok) download(sheet, `${sheet.id}-${date}.json`, file);
    } else if (await ask({ title: text.ws_export_plain_title, warning: text.ws_export_plain_warning, confirm: text.ws_export_plain_confirm })) {
      download(sheet, `${sheet.id}-${date}-not-encrypted.json`, fileFor(sheet.id, { encrypted: false, answers }));
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

  async function importFile(sheet, input) {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    const contents = file.size <= MAX_FILE_BYTES ? await file.text() : "";
    const checked = checkFile(contents, sheet.id, sheet.schema);
    if (checked.error) {
      const message = { corrupt: text.ws_import_corrupt, newer: text.ws_import_newer, invalid: text.ws_import_invalid,
        foreign: fill(text.ws_import_foreign, { worksheet: checked.worksheet }) }[checked.error];
      say(sheet, message, true);
      return;
    }
    let answers = checked.answers;
    if (checked.sealed) {
      const ok = await ask({ title: text.ws_import_title, text: text.ws_import_text, passphrase: "existing", confirm: text.ws_import_confirm,
        check: async ({ passphrase }) => {
          let value;
          try {
            value = (await open(passphrase, checked.sealed)).value;
          } catch {
            return text.ws_wrong_passphrase;
          }
          if (!validAnswers(sheet.schema, value)) return text.ws_import_invalid;
          answers = value;
          return null;
        } });
      if (!ok) return;
    }
    writeAnswers(sheet, answers);
    changed(sheet);
    say(sheet, fill(text.ws_imported, { file: file.name }));
  }

  async function clearSheet(sheet) {
    if (!(await ask({ title: text.ws_clear_title, text: text.ws_clear_text, confirm: text.ws_clear_confirm }))) return;
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
    if (card) buildCard(sheet);
    for (const area of sheet.root.querySelectorAll("textarea")) area.style.height = `${Math.max(area.scrollHeight, 48)}px`;
    html.classList.add("hb-printing", ...(card ? ["hb-printing-card"] : []));
    sheet.root.classList.add("hb-print-target");
    const done = () => {
      html.classList.remove("hb-printing", "hb-printing-card");
      sheet.root.classList.remove("hb-print-target");
      for (const area of sheet.root.querySelectorAll("textarea")) area.style.height = "";
      if (blank) writeAnswers(sheet, snapshot);
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  }

  /* ----- what each worksheet shows from its answers ----- */

  function refresh(sheet) {
    const output = sheet.root.querySelector("[data-output]");
    const answers = readAnswers(sheet);
    if (sheet.id === "risk-assessment") output.replaceChildren(...riskMatrix(answers.rows.risks || []));
    else if (sheet.id === "incident-log") output.replaceChildren(...timeline(answers.rows.incidents || []));
    else if (sheet.id === "capacities-checklist") output.replaceChildren(...capacityCounts(sheet, answers));
    else if (sheet.id === "security-plan") output.replaceChildren(...planNotes(answers));
    else if (sheet.id === "emergency-contacts" && !output.firstChild) output.append(...directoryPicker(sheet));
    fillSuggestions(sheet);
  }

  function riskMatrix(risks) {
    const cell = 64, axis = 120, top = 40, size = 5 * cell;
    const ordered = riskOrder(risks);
    const figure = element("figure", { class: "hb-ws-matrix" });
    const drawing = svg("svg", { viewBox: `0 0 ${axis + size + 10} ${top + size + 50}`, role: "img", "aria-labelledby": "hb-ws-matrix-title" });
    drawing.append(svg("title", { id: "hb-ws-matrix-title" }, text.ws_matrix_title));
    drawing.append(svg("text", { x: axis + size / 2, y: 16, class: "hb-ws-matrix__axis" }, `${text.ws_impact} →`));
    drawing.append(svg("text", { x: 4, y: 16, class: "hb-ws-matrix__axis hb-ws-matrix__axis--start" }, `${text.ws_probability} ↓`));
    for (let impact = 1; impact <= 5; impact += 1) {
      drawing.append(svg("text", { x: axis + (impact - 0.5) * cell, y: top - 6, class: "hb-ws-matrix__label" }, config.levels[impact - 1]));
    }
    for (let probability = 5; probability >= 1; probability -= 1) {
      const y = top + (5 - probability) * cell;
      drawing.append(svg("text", { x: axis - 6, y: y + cell / 2, class: "hb-ws-matrix__label hb-ws-matrix__label--row" }, config.levels[probability - 1]));
      for (let impact = 1; impact <= 5; impact += 1) {
        const x = axis + (impact - 1) * cell;
        const group = svg("g", { "data-cell": `p${probability}-i${impact}` });
        group.append(svg("rect", { x, y, width: cell, height: cell, class: `hb-lvl-${levelOf(probability, impact)}` }));
        const here = ordered.filter((risk) => risk.probability === probability && risk.impact === impact).map((risk) => risk.number);
        group.append(svg("text", { x: x + cell / 2, y: y + cell / 2, class: "hb-ws-matrix__risks" }, here.map(local.digits).join(", ")));
        drawing.append(group);
      }
    }
    figure.append(drawing, element("figcaption", {}, text.ws_matrix_caption));
    const list = element("ol", { class: "hb-ws-risk-order" });
    for (const risk of ordered) {
      const rated = risk.probability && risk.impact
        ? `${local.label(text.ws_probability, config.levels[risk.probability - 1])}, ${local.label(text.ws_impact, config.levels[risk.impact - 1])}`
        : text.ws_not_rated;
      list.append(element("li", { value: String(risk.number) }, `${risk.what || "…"} (${rated})`));
    }
    return [figure, heading(text.ws_risk_order), list];
  }

  function timeline(incidents) {
    const dated = incidents.map((incident, index) => ({ ...incident, number: index + 1 }))
      .filter((incident) => /^\d{4}-\d{2}-\d{2}$/.test(incident.date || "")).sort((a, b) => a.date.localeCompare(b.date));
    const nodes = [heading(text.ws_timeline_title)];
    if (!dated.length) nodes.push(element("p", {}, text.ws_timeline_empty));
    const list = element("ol", { class: "hb-ws-timeline", "data-timeline": "" });
    for (const incident of dated) {
      const item = element("li");
      item.append(element("time", { datetime: incident.date }, local.date(incident.date)), document.createTextNode(
        ` ${incident.what || "…"}${incident.place ? ` (${incident.place})` : ""}`));
      list.append(item);
    }
    if (dated.length) nodes.push(list);
    const cluster = findCluster(dated.map((incident) => incident.date), config.clusterCount, config.clusterDays);
    if (cluster) {
      const warning = element("div", { class: "admonition warning hb-ws-cluster", "data-cluster-warning": "", role: "alert" });
      warning.append(element("p", {}, fill(text.ws_cluster,
        { ...cluster, from: local.date(cluster.from), to: local.date(cluster.to), days: config.clusterDays })));
      const line = element("p");
      line.append(element("a", { href: config.planUrl }, text.ws_cluster_link));
      warning.append(line);
      nodes.push(warning);
    }
    return nodes;
  }

  function capacityCounts(sheet, answers) {
    const own = answers.rows.own || [];
    const list = element("ul", { class: "hb-ws-counts", "data-counts": "" });
    for (const group of sheet.root.querySelectorAll("fieldset[data-group]")) {
      const boxes = [...group.querySelectorAll("input[type=checkbox]")];
      const mine = own.filter((row) => row.group === group.dataset.group && row.item);
      const done = boxes.filter((box) => box.checked).length + mine.filter((row) => row.in_place).length;
      const total = boxes.length + mine.length;
      list.append(element("li", { "data-count": group.dataset.group },
        local.label(group.querySelector("legend").textContent, fill(text.ws_count, { done, total }))));
    }
    return [heading(text.ws_counts_title), list];
  }

  function planNotes(answers) {
    const { date, next_review: next } = answers.fields;
    if (date && next && Date.parse(next) - Date.parse(date) > 366 * DAY_MS) {
      return [element("p", { class: "hb-ws__note", "data-review-warning": "" }, text.ws_review_due)];
    }
    return [];
  }

  function directoryPicker(sheet) {
    const id = `${sheet.id}-directory`;
    const select = element("select", { id });
    for (const [index, entry] of (config.directory || []).entries()) {
      const phone = entry.phones[0] || entry.emails[0] || "";
      select.append(element("option", { value: String(index) }, phone ? `${entry.name} — ${phone}` : entry.name));
    }
    const wrapper = element("div", { class: "hb-ws__field hb-ws__picker" });
    wrapper.append(element("label", { for: id }, text.ws_directory_label), select,
      button(text.ws_directory_add, { "data-action": "add-contact" }), button(text.ws_print_card, { "data-action": "print-card" }));
    return [wrapper];
  }

  function addContact(sheet) {
    const entry = (config.directory || [])[Number(sheet.root.querySelector(`#${sheet.id}-directory`).value)];
    if (!entry) return;
    const part = sheet.root.querySelector('[data-rows="contacts"]');
    const rows = [...part.querySelectorAll("[data-row-list] > [data-row]")];
    const empty = rows.find((row) => [...row.querySelectorAll("[data-field]")].every((control) => !control.value));
    const row = empty || addRow(part);
    const values = { name: entry.name, phone: entry.phones[0] || "", other: entry.emails[0] || "" };
    for (const control of row.querySelectorAll("[data-field]")) {
      if (control.dataset.field in values) control.value = values[control.dataset.field];
    }
    changed(sheet);
  }

  function buildCard(sheet) {
    const card = element("div", { class: "hb-ws-card" });
    card.append(element("p", { class: "hb-ws-card__title" }, text.ws_card_title));
    const list = element("dl");
    for (const contact of readAnswers(sheet).rows.contacts || []) {
      if (!contact.name && !contact.phone) continue;
      list.append(element("dt", {}, contact.name || ""), element("dd", {}, [contact.phone, contact.other].filter(Boolean).join(" · ")));
    }
    card.append(list);
    sheet.root.querySelector(".hb-ws-card")?.remove();
    sheet.root.append(card);
  }

  /* Inputs with data-suggest="<worksheet>.<repeat>.<field>" offer that worksheet's kept answers. */
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

  /* ----- keeping answers: the vault ----- */

  function readVault() {
    try {
      const box = JSON.parse(localStorage.getItem(VAULT));
      return isSealed(box) ? box : null;
    } catch {
      return null;
    }
  }

  async function writeVault(worksheets) {
    const box = await sealWithKey(state.key, state.kdf, { worksheets });
    localStorage.setItem(VAULT, JSON.stringify(box));
    state.vault = worksheets;
  }

  /* Saves one worksheet: re-reads the vault (another tab may have saved), merges, re-seals. */
  async function save(sheet) {
    if (!state.key) return;
    try {
      const box = readVault();
      const worksheets = box ? (await openWithKey(state.key, box)).worksheets : {};
      worksheets[sheet.id] = readAnswers(sheet);
      await writeVault(worksheets);
      sheet.dirty = false;
    } catch {
      say(sheet, text.ws_save_failed, true);
    }
    showState();
  }

  async function keep() {
    const ok = await ask({ title: text.ws_keep_title, text: text.ws_keep_text, passphrase: "new", confirm: text.ws_keep_confirm,
      check: async ({ passphrase }) => {
        const worksheets = Object.fromEntries(sheets.map((sheet) => [sheet.id, readAnswers(sheet)]));
        const { key, sealed } = await seal(passphrase, { worksheets }, config.iterations);
        try {
          localStorage.setItem(VAULT, JSON.stringify(sealed));
        } catch {
          return text.ws_save_failed;
        }
        Object.assign(state, { key, kdf: sealed.kdf, vault: worksheets });
        return null;
      } });
    if (!ok) return;
    await remember();
    for (const sheet of sheets) sheet.dirty = false;
    showState(text.ws_kept);
  }

  async function unlock() {
    const box = readVault();
    if (!box) return showState();
    let worksheets;
    const ok = await ask({ title: text.ws_unlock_title, text: text.ws_unlock_text, passphrase: "existing", confirm: text.ws_unlock_confirm,
      check: async ({ passphrase }) => {
        try {
          const opened = await open(passphrase, box);
          worksheets = opened.value.worksheets;
          Object.assign(state, { key: opened.key, kdf: box.kdf });
          return null;
        } catch {
          return text.ws_wrong_passphrase;
        }
      } });
    if (!ok) return;
    await restore(worksheets);
    await remember();
    showState(text.ws_unlocked);
  }

  /* Puts kept answers into the forms; answers typed before unlocking win and are saved. */
  async function restore(worksheets) {
    state.vault = isObject(worksheets) ? worksheets : {};
    for (const sheet of sheets) {
      const kept = state.vault[sheet.id];
      if (sheet.dirty && hasAnswers(sheet)) await save(sheet);
      else if (kept && validAnswers(sheet.schema, kept)) writeAnswers(sheet, kept);
      sheet.dirty = false;
      refresh(sheet);
    }
  }

  /* The unlocked key stays for this tab's session, so other worksheet pages open unlocked. */
  async function remember() {
    const raw = await crypto.subtle.exportKey("raw", state.key);
    try {
      sessionStorage.setItem(SESSION, JSON.stringify({ key: toBase64(raw), salt: state.kdf.salt, last: Date.now() }));
    } catch { /* no session storage: unlock again on each page */ }
  }

  async function resumeSession() {
    let session;
    try {
      session = JSON.parse(sessionStorage.getItem(SESSION));
    } catch {
      return;
    }
    const box = readVault();
    if (!session || !box || session.salt !== box.kdf.salt || Date.now() - session.last > idleMs) return forget();
    try {
      const key = await crypto.subtle.importKey("raw", fromBase64(session.key), "AES-GCM", true, ["encrypt", "decrypt"]);
      const opened = await openWithKey(key, box);
      Object.assign(state, { key, kdf: box.kdf });
      await restore(opened.worksheets);
    } catch {
      forget();
    }
  }

  function forget() {
    Object.assign(state, { key: null, kdf: null, vault: null });
    try {
      sessionStorage.removeItem(SESSION);
    } catch { /* nothing to remove */ }
  }

  async function lock(message = text.ws_locked) {
    for (const [sheet, timer] of state.saveTimers) {
      clearTimeout(timer);
      if (sheet.dirty) await save(sheet);
    }
    if (!state.key) return showState();
    forget();
    emptyAll();
    showState(message);
  }

  const emptyAll = () => sheets.forEach((sheet) => {
    writeAnswers(sheet, null);
    sheet.dirty = false;
  });

  function hide() {
    state.hiding = true;
    forget();
    emptyAll();
    document.body.hidden = true;
    location.replace(config.hideUrl);
  }

  async function eraseAll() {
    if (!(await ask({ title: text.ws_erase_title, text: text.ws_erase_text, confirm: text.ws_erase_confirm, danger: true }))) return;
    forget();
    for (const store of [localStorage, sessionStorage]) {
      try {
        for (const key of Object.keys(store)) if (key.startsWith(config.prefix)) store.removeItem(key);
      } catch { /* storage unavailable: nothing was kept */ }
    }
    emptyAll();
    showState(text.ws_erased);
  }

  function probeStorage() {
    try {
      localStorage.setItem(`${config.prefix}probe`, "1");
      localStorage.removeItem(`${config.prefix}probe`);
    } catch {
      return "unavailable";
    }
    // Chromium shares storage between all file:// pages; other browsers may keep one per file.
    return location.protocol === "file:" && !navigator.userAgentData ? "isolated" : "ok";
  }

  /* The toolbar shows what can be done now and where the answers are. */
  function showState(message) {
    if (!toolbar) return;
    const kept = Boolean(readVault());
    const show = (action, visible) => { toolbar.querySelector(`[data-action=${action}]`).hidden = !visible; };
    show("keep", !kept && state.storage !== "unavailable");
    show("unlock", kept && !state.key);
    show("lock", Boolean(state.key));
    const lines = [message || (state.key ? fill(text.ws_state_unlocked, { minutes: config.idleLockMinutes })
      : kept ? text.ws_state_locked : sheets.some((sheet) => sheet.dirty) ? text.ws_state_not_kept : "")];
    if (state.storage === "unavailable") lines.push(text.ws_storage_unavailable);
    if (state.storage === "isolated") lines.push(text.ws_storage_isolated);
    say(null, lines.filter(Boolean).join(" "));
  }

  /* ----- dialogs in the page ----- */

  /* Resolves to the typed values (or true), or null when cancelled. `check` may return a message
   * to show in the dialog (which then stays open). `choices` adds buttons resolving to a name. */
  function ask({ title, text: body, warning, passphrase, confirm, check, choices = [], danger = false }) {
    if (state.dialogOpen) return Promise.resolve(null);
    state.dialogOpen = true;
    const opener = document.activeElement;
    const dialog = element("dialog", { class: "hb-ws-dialog", "aria-labelledby": "hb-ws-dialog-title" });
    dialog.append(element("h2", { id: "hb-ws-dialog-title" }, title));
    if (body) dialog.append(element("p", {}, body));
    if (warning) dialog.append(element("p", { class: "hb-ws-dialog__warning" }, warning));
    const inputs = [];
    const labels = passphrase === "new" ? [text.ws_passphrase, text.ws_passphrase_repeat] : passphrase ? [text.ws_passphrase] : [];
    labels.forEach((label, index) => {
      const input = element("input", { type: "password", name: "passphrase", id: `hb-ws-passphrase-${index}`, autocomplete: passphrase === "new" ? "new-password" : "current-password" });
      const field = element("div", { class: "hb-ws__field" });
      field.append(element("label", { for: input.id }, label), input);
      dialog.append(field);
      inputs.push(input);
    });
    if (passphrase === "new") dialog.append(element("p", { class: "hb-ws__help" }, fill(text.ws_passphrase_hint, { min: MIN_PASSPHRASE })));
    const error = element("p", { class: "hb-ws-dialog__error", role: "alert" });
    const buttons = element("div", { class: "hb-ws-dialog__buttons" });
    const confirmButton = button(confirm, { class: `md-button md-button--primary${danger ? " hb-ws-danger" : ""}`, "data-action": "confirm" });
    const cancel = button(text.ws_cancel, { "data-action": "cancel" });
    const extra = choices.map((choice) => button(choice.label, { "data-choice": choice.name }));
    buttons.append(confirmButton, ...extra, cancel);
    dialog.append(error, buttons);
    document.body.append(dialog);
    return new Promise((resolve) => {
      const finish = (value) => {
        dialog.close();
        dialog.remove();
        state.dialogOpen = false;
        if (opener && opener.isConnected) opener.focus();
        resolve(value);
      };
      const submit = async () => {
        const values = { passphrase: inputs[0] ? inputs[0].value : "" };
        if (passphrase === "new" && values.passphrase.length < MIN_PASSPHRASE) error.textContent = fill(text.ws_passphrase_short, { min: MIN_PASSPHRASE });
        else if (passphrase === "new" && inputs[1].value !== values.passphrase) error.textContent = text.ws_passphrase_mismatch;
        else if (passphrase && !values.passphrase) error.textContent = text.ws_passphrase;
        else {
          error.textContent = check ? text.ws_working : "";
          buttons.inert = true;
          const problem = check ? await check(values) : null;
          buttons.inert = false;
          if (!problem) return finish(passphrase ? values : true);
          error.textContent = problem;
        }
        if (inputs[0]) inputs[0].select();
      };
      confirmButton.addEventListener("click", submit);
      cancel.addEventListener("click", () => finish(null));
      extra.forEach((button) => button.addEventListener("click", () => finish(button.dataset.choice)));
      dialog.addEventListener("cancel", (event) => { event.preventDefault(); finish(null); });
      dialog.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && event.target.tagName === "INPUT") {
          event.preventDefault();
          submit();
        }
      });
      dialog.showModal();
      (inputs[0] || confirmButton).focus();
    });
  }

  /* ----- leaving, idling, the shortcut ----- */

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

  const active = () => {
    state.lastActivity = Date.now();
    if (state.key && Date.now() - (state.sessionTouched || 0) > 10000) {
      state.sessionTouched = Date.now();
      try {
        const session = JSON.parse(sessionStorage.getItem(SESSION));
        if (session) sessionStorage.setItem(SESSION, JSON.stringify({ ...session, last: Date.now() }));
      } catch { /* the idle lock still works on this page */ }
    }
  };
  for (const type of ["keydown", "pointerdown", "input", "scroll"]) document.addEventListener(type, active, { passive: true, capture: true });
  setInterval(() => {
    if (state.key && Date.now() - state.lastActivity > idleMs) lock(fill(text.ws_idle_locked, { minutes: config.idleLockMinutes }));
  }, 5000);

  /* Alt+Shift+H: no browser or Material shortcut (projector mode is Alt+Shift+P). event.code
   * works with the Khmer keyboard layout too. */
  document.addEventListener("keydown", (event) => {
    if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === "KeyH") {
      event.preventDefault();
      hide();
    }
  });

  const toolbarActions = { keep, unlock, lock: () => lock(), hide, "erase-all": eraseAll };
  toolbar?.addEventListener("click", (event) => {
    const action = event.target.closest("button[data-action]")?.dataset.action;
    if (Object.hasOwn(toolbarActions, action)) toolbarActions[action]();
  });

  state.storage = probeStorage();
  for (const sheet of sheets) {
    for (const part of sheet.root.querySelectorAll("[data-rows]")) renumber(part);
    refresh(sheet);
  }
  resumeSession().then(() => showState());
})();
