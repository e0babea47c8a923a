/* The handbook as an app on a phone: registers the service worker (sw.js, written by
   handbook/serviceworker.py), shows how far saving for offline use has come, offers the PDFs and
   newer editions, and asks the browser to keep what was saved.

   Runs only where a service worker can: over HTTPS or http://localhost. Over file:// (the USB
   bundle) it returns at once, so nothing registers and nothing is logged. The service worker
   never receives anything the reader types: the messages below carry commands and counts only.

   Settings and strings: the JSON in #hb-offline-app-config, whose data-worker is sw.js relative
   to the page (overrides/partials/offline-app.html, hooks/webapp.py; app_* strings in
   docs/interface.yml). The banner is [data-offline-app], the About page's status
   [data-offline-status], the buttons [data-action=offline-…]. */
(() => {
  "use strict";

  const configElement = document.getElementById("hb-offline-app-config");
  const container = navigator.serviceWorker;
  if (!configElement || !container || !window.isSecureContext || !/^https?:$/.test(location.protocol)) return;

  const config = JSON.parse(configElement.textContent);
  const text = config.strings;
  const banner = document.querySelector("[data-offline-app]");
  const status = document.querySelector("[data-offline-status]");
  const HOUR = 3600 * 1000;

  const view = {
    progress: null, // {task: "site" | "pdfs", done, total} while saving
    notice: null, // "saved" | "pdfs-saved" | {failed: file}, until closed
    edition: null, // the worker's last status
    laterChosen: false, // "Later" pressed on this page
  };

  container.addEventListener("message", (event) => receive(event.data || {}));
  // A newer worker that takes over while the page loads did not get the page's first question.
  container.addEventListener("controllerchange", () => post({ type: "status" }));
  container.startMessages();
  container.register(configElement.dataset.worker)
    .then(() => post({ type: "status" }))
    .catch((error) => console.warn("The handbook cannot be saved for offline use here:", error.message));

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action^='offline-']");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "offline-save-pdfs") {
      view.notice = null;
      view.progress = { task: "pdfs", done: 0, total: 1 };
      post({ type: "save-pdfs" });
    } else if (action === "offline-update") {
      post({ type: "switch" }); // the worker answers "switched" to every open page
    } else if (action === "offline-later") {
      view.laterChosen = true;
      post({ type: "later" });
    } else if (action === "offline-close") {
      view.notice = null;
    }
    render();
  });

  function post(message) {
    container.ready.then((registration) => registration.active.postMessage(message));
  }

  function receive(message) {
    if (message.type === "progress" && message.task !== "update") {
      view.progress = message;
    } else if (message.type === "saved" && message.task !== "update") {
      view.progress = null;
      view.notice = message.task === "pdfs" ? "pdfs-saved" : "saved";
      if (message.task === "site") keepStorage();
    } else if (message.type === "failed" && message.task !== "update") {
      view.progress = null;
      view.notice = { failed: message.file };
    } else if (message.type === "status") {
      view.edition = message;
      if (message.current && status) keepStorage();
    } else if (message.type === "switched") {
      location.reload();
      return;
    }
    render();
  }

  // Asks the browser not to clear the saved handbook when space runs low (Chrome decides by
  // itself and asks nothing; Firefox asks the reader once).
  function keepStorage() {
    if (!navigator.storage || !navigator.storage.persist) return;
    navigator.storage.persisted()
      .then((persisted) => persisted || navigator.storage.persist())
      .then(renderStatus, renderStatus);
  }

  function render() {
    const edition = view.edition || {};
    const pending = edition.pending;
    const remind = pending && !view.laterChosen
      && !(edition.dismissedAt && Date.now() - edition.dismissedAt < config.remindAfterHours * HOUR);
    const shown = { "offline-update": false, "offline-later": false, "offline-save-pdfs": false, "offline-close": false };
    let message = "";
    let progress = null;
    if (view.progress) {
      const { task, done, total } = view.progress;
      message = format(task === "pdfs" ? text.saving_pdfs : text.saving, { percent: percent(done / total) });
      progress = done / total;
    } else if (view.notice === "saved") {
      message = text.saved;
      shown["offline-save-pdfs"] = pdfsToSave();
      shown["offline-close"] = true;
    } else if (view.notice === "pdfs-saved") {
      message = text.pdfs_saved;
      shown["offline-close"] = true;
    } else if (view.notice && view.notice.failed) {
      message = format(text.failed, { file: view.notice.failed });
      shown["offline-close"] = true;
    } else if (remind) {
      message = format(text.update, { version: pending.version, date: longDate(pending.date) });
      shown["offline-update"] = shown["offline-later"] = true;
    }
    banner.hidden = !message;
    banner.querySelector("[data-offline-message]").textContent = message;
    const bar = banner.querySelector("[data-offline-progress]");
    bar.hidden = progress === null;
    if (progress !== null) bar.value = progress;
    for (const [action, visible] of Object.entries(shown)) {
      banner.querySelector(`[data-action="${action}"]`).hidden = !visible;
    }
    labelPdfButtons();
    renderStatus();
  }

  function renderStatus() {
    if (!status) return;
    const edition = view.edition || {};
    const current = edition.current;
    status.hidden = false;
    status.querySelector("[data-action=offline-update]").hidden = !edition.pending;
    status.querySelector("[data-action=offline-save-pdfs]").hidden = !pdfsToSave() || Boolean(view.progress);
    labelPdfButtons();
    const paragraph = status.querySelector("[data-offline-status-text]");
    if (!current) {
      paragraph.textContent = text.status_not_saved;
      return;
    }
    const lines = [format(text.status_saved, { version: current.version, date: longDate(current.date) })];
    if (current.pdfsSaved) lines.push(text.status_pdfs_saved);
    if (edition.pending) lines.push(format(text.update, { version: edition.pending.version, date: longDate(edition.pending.date) }));
    const persisted = navigator.storage && navigator.storage.persisted ? navigator.storage.persisted() : Promise.resolve(false);
    persisted.then((kept) => {
      paragraph.textContent = lines.concat(kept ? text.status_persistent : text.status_not_persistent).join(" ");
    });
  }

  function pdfsToSave() {
    const current = view.edition && view.edition.current;
    return Boolean(current && current.pdfBytes && !current.pdfsSaved);
  }

  function labelPdfButtons() {
    const current = view.edition && view.edition.current;
    if (!current) return;
    for (const button of document.querySelectorAll("[data-action=offline-save-pdfs]")) {
      button.textContent = format(text.save_pdfs, { size: megabytes(current.pdfBytes) });
    }
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
  }

  function percent(share) {
    return digits(`${Math.round(Math.min(1, share || 0) * 100)}%`);
  }

  function megabytes(bytes) {
    return format(text.megabytes, { number: digits((bytes / 1e6).toFixed(1)) });
  }

  function longDate(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return format(text.date, { day: digits(String(day)), month: text.months[month - 1], year: digits(String(year)) });
  }

  // Western digits in the language's own (Khmer digits on Khmer pages).
  function digits(value) {
    return value.replace(/[0-9]/g, (digit) => text.digits[digit]);
  }
})();
