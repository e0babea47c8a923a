/* The handbook's service worker: keeps one whole edition of the handbook on the device and serves
   it with no network. handbook/serviceworker.py writes it to site/sw.js with this build's edition
   in front (self.HB_EDITION: every file a reader needs with its SHA-256 and size, the PDFs apart).
   Why our own and not Workbox: README, "Publish online".

   What it stores, in Cache Storage only:
   - "hb-edition-<id>": the files of one edition, each checked against its hash by the browser
     (fetch integrity), text files gzip-compressed; the entry "__hb/edition.json", written last,
     marks the edition complete and describes it (version, date, its PDFs, whether they are saved).
   - "hb-state": which edition the reader uses (current), a newer complete one (pending) and when
     the reader chose "Later".
   It stores nothing else: never a response to a request the pages make, never a request with a
   body. Worksheet answers stay in the page (nothing sends them anywhere), and the messages the
   pages post here are commands only ("status", "save-pdfs", "switch", "later").

   Lifecycle:
   - install: saves this edition completely, copying unchanged files from the editions already
     kept, or fails and is thrown away (a half-saved edition is never used); then takes over.
   - activate: the first edition becomes current. A later one becomes pending: the reader keeps
     the current edition, online or not, even after closing the app, until they press
     "Update now"; then every open page reloads into the new edition at once.
   - fetch: GET requests within the scope are answered from the current edition; anything it does
     not hold goes to the network as usual. */
(() => {
  "use strict";

  const EDITION = self.HB_EDITION;
  const PREFIX = "hb-edition-";
  const STATE_CACHE = "hb-state";
  const scope = new URL(self.registration.scope);
  const DESCRIPTION = new URL("__hb/edition.json", scope).href;
  const STATE = new URL("__hb/state.json", scope).href;
  const PARALLEL = 4; // downloads at a time: enough to fill a phone's connection
  // One entry of EDITION.files / EDITION.pdfs: [path from the scope, integrity, bytes, compress].
  const PATH = 0, INTEGRITY = 1, BYTES = 2, COMPRESS = 3;

  let remembered = null; // the state, read once per start of the worker

  self.addEventListener("install", (event) => event.waitUntil(install()));
  self.addEventListener("activate", (event) => event.waitUntil(activate()));
  self.addEventListener("fetch", (event) => {
    const key = keyOf(event.request);
    if (key) event.respondWith(respond(event.request, key));
  });
  self.addEventListener("message", (event) => {
    const commands = { status: () => tellStatus(event.source), "save-pdfs": savePdfs, switch: switchEdition, later };
    const command = commands[event.data && event.data.type];
    if (command) event.waitUntil(command());
  });

  async function install() {
    const saved = await state();
    const cache = await caches.open(PREFIX + EDITION.id);
    if (!(await cache.match(DESCRIPTION))) {
      const kept = await keptEditions(saved);
      const withPdfs = kept.some((edition) => edition.description.pdfsSaved);
      const files = withPdfs ? EDITION.files.concat(EDITION.pdfs) : EDITION.files;
      await save(cache, files, kept.map((edition) => edition.cache), saved.current ? "update" : "site");
      await cache.put(DESCRIPTION, json(describe(EDITION, withPdfs)));
    }
    await self.skipWaiting();
  }

  async function activate() {
    const saved = await state();
    const first = !saved.current || !(await complete(saved.current));
    if (first) Object.assign(saved, { current: EDITION.id, pending: null, dismissedAt: null });
    else if (saved.current !== EDITION.id) saved.pending = EDITION.id;
    await writeState(saved);
    await removeOtherEditions(saved);
    await self.clients.claim();
    if (first) await tell({ type: "saved", task: "site" });
    await tellStatus();
  }

  function keyOf(request) {
    if (request.method !== "GET") return null;
    const url = new URL(request.url);
    if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return null;
    return url.origin + url.pathname + (url.pathname.endsWith("/") ? "index.html" : "");
  }

  async function respond(request, key) {
    const { current } = await state();
    const stored = current ? await (await caches.open(PREFIX + current)).match(key) : null;
    return stored ? unpack(stored) : fetch(request);
  }

  function unpack(stored) {
    const compressed = stored.headers.get("x-hb-encoding") === "gzip";
    const body = compressed ? stored.body.pipeThrough(new DecompressionStream("gzip")) : stored.body;
    return new Response(body, { status: 200, headers: { "content-type": stored.headers.get("content-type") } });
  }

  // Saves files into an edition's cache, PARALLEL at a time, telling the pages how far it is.
  async function save(cache, files, earlier, task) {
    const total = files.reduce((sum, file) => sum + file[BYTES], 0);
    let done = 0;
    let next = 0;
    let failed = null;
    const worker = async () => {
      while (next < files.length && !failed) {
        const file = files[next++];
        try {
          await saveFile(cache, file, earlier);
        } catch (error) {
          failed = failed || Object.assign(error, { file: file[PATH] });
          return;
        }
        done += file[BYTES];
        await tell({ type: "progress", task, done, total });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    if (failed) {
      await tell({ type: "failed", task, file: failed.file, reason: String(failed.message) });
      throw failed;
    }
  }

  async function saveFile(cache, file, earlier) {
    const key = new URL(file[PATH], scope).href;
    const same = (response) => response && response.headers.get("x-hb-integrity") === file[INTEGRITY];
    if (same(await cache.match(key))) return; // saved before an interruption
    for (const other of earlier) {
      const kept = await other.match(key);
      if (same(kept)) return cache.put(key, kept); // unchanged since an edition already kept
    }
    // The browser rejects a body whose SHA-256 differs from this build's (a changed or cut file).
    // "reload" skips the HTTP cache: a host may answer "not modified" for a file that changed
    // (same date, as in our reproducible zip), which would then never match.
    const response = await fetch(key, { integrity: file[INTEGRITY], cache: "reload", credentials: "same-origin" });
    if (!response.ok) throw new Error(`${file[PATH]}: HTTP ${response.status}`);
    const headers = { "content-type": response.headers.get("content-type") || "application/octet-stream",
                      "x-hb-integrity": file[INTEGRITY] };
    let body = response.body;
    if (file[COMPRESS] && self.CompressionStream && self.DecompressionStream) {
      body = body.pipeThrough(new CompressionStream("gzip"));
      headers["x-hb-encoding"] = "gzip";
    }
    await cache.put(key, new Response(body, { headers }));
  }

  async function savePdfs() {
    const saved = await state();
    const kept = await keptEditions(saved);
    try {
      for (const edition of kept) {
        if (edition.description.pdfsSaved || !edition.description.pdfs.length) continue;
        const others = kept.filter((other) => other !== edition).map((other) => other.cache);
        const task = edition.id === saved.current ? "pdfs" : "update";
        await save(edition.cache, edition.description.pdfs, others, task);
        await edition.cache.put(DESCRIPTION, json(Object.assign(edition.description, { pdfsSaved: true })));
      }
    } catch (error) {
      return tellStatus(); // the pages were told which file failed; what was saved stays
    }
    await tell({ type: "saved", task: "pdfs" });
    await tellStatus();
  }

  async function switchEdition() {
    const saved = await state();
    if (saved.pending && (await complete(saved.pending))) {
      Object.assign(saved, { current: saved.pending, pending: null, dismissedAt: null });
      await writeState(saved);
      await removeOtherEditions(saved);
      await tell({ type: "switched" });
    }
    await tellStatus();
  }

  async function later() {
    const saved = await state();
    saved.dismissedAt = Date.now();
    await writeState(saved);
    await tellStatus();
  }

  async function tellStatus(client) {
    const saved = await state();
    const kept = await keptEditions(saved);
    const summary = (id) => {
      const edition = kept.find((candidate) => candidate.id === id);
      if (!edition) return null;
      const { version, date, pdfs, pdfsSaved } = edition.description;
      return { version, date, pdfsSaved, pdfBytes: pdfs.reduce((sum, file) => sum + file[BYTES], 0) };
    };
    const message = { type: "status", current: summary(saved.current), pending: summary(saved.pending),
                      dismissedAt: saved.dismissedAt || null };
    if (client) client.postMessage(message);
    else await tell(message);
  }

  // The complete editions the state points to (current first), each with its cache and description.
  async function keptEditions(saved) {
    const kept = [];
    for (const id of [saved.current, saved.pending]) {
      if (!id || !(await caches.has(PREFIX + id))) continue;
      const cache = await caches.open(PREFIX + id);
      const stored = await cache.match(DESCRIPTION);
      if (stored) kept.push({ id, cache, description: await stored.json() });
    }
    return kept;
  }

  async function complete(id) {
    return (await caches.has(PREFIX + id)) && Boolean(await (await caches.open(PREFIX + id)).match(DESCRIPTION));
  }

  async function removeOtherEditions(saved) {
    const keep = new Set([saved.current, saved.pending].filter(Boolean).map((id) => PREFIX + id));
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
    }
  }

  function describe(edition, pdfsSaved) {
    return { id: edition.id, version: edition.version, date: edition.date, pdfs: edition.pdfs, pdfsSaved };
  }

  async function state() {
    if (!remembered) {
      const stored = await (await caches.open(STATE_CACHE)).match(STATE);
      remembered = stored ? await stored.json() : { current: null, pending: null, dismissedAt: null };
    }
    return remembered;
  }

  async function writeState(saved) {
    remembered = saved;
    await (await caches.open(STATE_CACHE)).put(STATE, json(saved));
  }

  function json(value) {
    return new Response(JSON.stringify(value), { headers: { "content-type": "application/json" } });
  }

  async function tell(message) {
    for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
      client.postMessage(message);
    }
  }
})();
