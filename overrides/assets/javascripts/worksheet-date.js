/* Worksheet dates: a text field (overrides/partials/worksheet-form.html, `data-date`) that shows
 * and reads day/month/year in the page's digits (typography.js: ២៧/១១/២០១៨ on Khmer pages), and
 * gives the answers the same ISO date (yyyy-mm-dd) a native date input gave, so the kept answers,
 * files, imports and outputs are unchanged. A native <input type="date"> shows the browser's
 * locale (mm/dd/yyyy in en-US), whatever the page's language.
 * Either digit set is accepted, with /, ., - or spaces between day, month and year, as eight
 * digits (27112018) or year first (2018-11-27). What is not a date keeps its text in the field
 * and gets a message under it (announced: aria-live, aria-invalid, aria-describedby); until it
 * is corrected, the answers hold the last date the field held in full, so nothing kept is lost.
 * Classic script: sets window.hbWorksheets.date in the page, module.exports in Node (tests/js). */
((root) => {
  "use strict";

  const YEARS = { min: 1900, max: 2100 };
  const DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
  const YEAR_FIRST = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
  const RUN = /^(\d{2})(\d{2})(\d{4})$/;
  const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

  const two = (number) => String(number).padStart(2, "0");
  const daysIn = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();

  /* What was typed → {iso} (iso "" when empty), or {error: "invalid"}, or {error: "impossible",
   * month, year, days} for a day the month does not have (31/02/2024). */
  function parse(typed) {
    const text = String(typed).replace(/[\u17e0-\u17e9]/g, (digit) => String(digit.charCodeAt(0) - 0x17e0))
      .trim().replace(/\s*[/.\-\s]\s*/g, "/");
    if (!text) return { iso: "" };
    let found = DAY_FIRST.exec(text) || RUN.exec(text);
    let [day, month, year] = found ? found.slice(1).map(Number) : [];
    if (!found && (found = YEAR_FIRST.exec(text))) [year, month, day] = found.slice(1).map(Number);
    if (!found || year < YEARS.min || year > YEARS.max || month < 1 || month > 12 || day < 1) return { error: "invalid" };
    const days = daysIn(year, month);
    if (day > days) return { error: "impossible", month, year, days };
    return { iso: `${year}-${two(month)}-${two(day)}` };
  }

  /* "2018-11-27" → "27/11/2018", written with `digits` (the ten digits of the page's language). */
  function format(iso, digits = "0123456789") {
    const parts = ISO.exec(String(iso));
    if (!parts) return "";
    return `${parts[3]}/${parts[2]}/${parts[1]}`.replace(/[0-9]/g, (digit) => digits[Number(digit)]);
  }

  const pure = { YEARS, parse, format };
  if (typeof module === "object" && module.exports) {
    module.exports = pure;
    return;
  }

  /* ----- in the page ----- */

  const held = new WeakMap(); // a date field → the last date (ISO) it held in full
  let messages = { text: {}, example: "" }; // set by watch()
  const typography = () => root.hbTypography;
  const show = (iso) => (typography() ? typography().digits(format(iso)) : format(iso));
  const partOf = (control, part) => document.getElementById(`${control.id}-${part}`);

  /* The field's answer: its date, "" when empty, or the last date it held while its text is not one. */
  function read(control) {
    const found = parse(control.value);
    return found.error ? held.get(control) || "" : found.iso;
  }

  /* Puts a kept or imported answer (yyyy-mm-dd, checked beforehand) into the field. One that is
   * not on the calendar (2024-02-31, from an edited file) shows as it is, with its message, and
   * is kept as it is until corrected. */
  function write(control, iso) {
    const found = parse(iso);
    held.set(control, found.error ? iso : found.iso);
    control.value = found.error ? iso : show(found.iso);
    mark(control, explain(found));
  }

  /* Why the text is not a date, in the page's language ("" when it is one). */
  function explain(found) {
    const { text, example } = messages;
    if (!found.error || !text.ws_date_invalid) return "";
    const { fill } = root.hbWorksheets.form;
    return found.error === "impossible"
      ? fill(text.ws_date_impossible, { month: typography().month(found.month), year: found.year, days: found.days })
      : fill(text.ws_date_invalid, { example: show(example) });
  }

  /* Under the field: the date in words (27 November 2018, so 02/03 cannot be misread), or why
   * the text is not a date. */
  function mark(control, message) {
    const error = partOf(control, "error");
    const words = partOf(control, "words");
    const date = message ? "" : read(control);
    if (error && error.textContent !== message) error.textContent = message;
    if (words) words.textContent = date && typography() ? typography().date(date) : "";
    if (message) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }

  /* The user has finished with the field (change, Enter): write it the page's way, or say why not. */
  function check(control) {
    const found = parse(control.value);
    if (!found.error) {
      held.set(control, found.iso);
      if (control.value !== show(found.iso)) control.value = show(found.iso);
    }
    mark(control, explain(found));
  }

  /* Date fields of a worksheet form: checked when left; the message goes once the text is a date.
   * `text`: the ws_* strings; `example`: the date (ISO) the messages show as an example. */
  function watch(form, text, example) {
    messages = { text, example };
    const isDate = (target) => target instanceof HTMLInputElement && target.hasAttribute("data-date");
    form.addEventListener("input", (event) => {
      if (!isDate(event.target)) return;
      const found = parse(event.target.value);
      if (found.error) return;
      held.set(event.target, found.iso);
      mark(event.target, "");
    });
    form.addEventListener("change", (event) => {
      if (isDate(event.target)) check(event.target);
    });
    form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && isDate(event.target)) check(event.target);
    });
  }

  /* The first date field whose text is not a date, if any. */
  const invalid = (form) => form.querySelector("input[data-date][aria-invalid=true]");

  root.hbWorksheets = root.hbWorksheets || {};
  root.hbWorksheets.date = { ...pure, read, write, watch, invalid };
})(typeof window === "object" ? window : globalThis);
