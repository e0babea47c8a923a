// The pure parts of the worksheet scripts (overrides/assets/javascripts/worksheet-*.js), run by
// tests/test_worksheets.py with Node's built-in runner: node --test tests/js
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const ws = require("./worksheet-code.js");

const { file, passphrase, outputs, vault, date } = ws;
const FILE = "safer-working-environment/worksheet";
const data = (name) => fs.readFileSync(path.join(__dirname, "../../hooks/data", name), "utf8").split("\n").filter(Boolean);
const lists = { common: data("common-passwords.txt"), words: data("passphrase-words-en.txt") };
const schema = {
  fields: { version: { type: "text" }, date: { type: "date" }, ok: { type: "checkbox" } },
  rows: { risks: { what: { type: "text" }, probability: { type: "select", options: ["1", "2", "3", "4", "5"] } } },
};
const answers = { fields: { version: "2" }, rows: { risks: [{ what: "Arrest", probability: "4" }] } };
const plain = (body, extra = {}) => JSON.stringify({ ...file.plainFile("risk-assessment", body), ...extra });

/* A format-1 box as the first edition wrote it (no header bound, kdf.hash, cipher.iv). */
async function sealV1(pass, value, iterations = 600000) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await ws.deriveKey(pass, salt, iterations);
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(JSON.stringify(value)));
  return { kdf: { name: "PBKDF2", hash: "SHA-256", iterations, salt: ws.toBase64(salt) }, cipher: { name: "AES-GCM", iv: ws.toBase64(iv) },
    data: ws.toBase64(sealed) };
}

/* localStorage in memory; `full` makes every write fail, as a full disk does. */
function memoryStorage() {
  const map = new Map();
  const store = { full: false, getItem: (k) => (map.has(k) ? map.get(k) : null), removeItem: (k) => map.delete(k),
    setItem: (k, v) => { if (store.full) throw new Error("QuotaExceededError"); map.set(k, String(v)); }, map };
  // Object.keys(localStorage) lists the stored keys, as in a browser.
  return new Proxy(store, { ownKeys: () => [...map.keys()],
    getOwnPropertyDescriptor: (target, key) => (map.has(key) ? { value: map.get(key), enumerable: true, configurable: true, writable: true }
      : Reflect.getOwnPropertyDescriptor(target, key)) });
}

test("format 2: the key cannot be exported, each seal has its own salt and IV, the header is bound", async () => {
  const first = await ws.seal("correct horse", FILE, "risk-assessment", answers, 600000);
  const second = await ws.seal("correct horse", FILE, "risk-assessment", answers, 600000);
  assert.equal(first.key.extractable, false);
  await assert.rejects(crypto.subtle.exportKey("raw", first.key));
  assert.notEqual(first.box.kdf.salt, second.box.kdf.salt);
  assert.notEqual(first.box.iv, second.box.iv);
  assert.deepEqual(first.box.kdf, { name: "PBKDF2-SHA-256", iterations: 600000, salt: first.box.kdf.salt });
  assert.equal(first.box.version, 2);
  assert.ok(ws.isSealed(first.box, FILE));
  assert.deepEqual((await ws.open("correct horse", first.box)).value, answers);
  await assert.rejects(ws.open("wrong horse", first.box));
  for (const change of [{ worksheet: "incident-log" }, { format: "other" }, { kdf: { ...first.box.kdf, name: "PBKDF2-SHA-1" } }]) {
    await assert.rejects(ws.openWithKey(first.key, { ...first.box, ...change }), "an altered header still opened");
  }
});

test("iterations are accepted only from 600,000 to 2,000,000", async () => {
  const { box } = await ws.seal("correct horse", FILE, "risk-assessment", answers, 600000);
  for (const iterations of [100000, 599999, 2000001, 1e7, 1.5, "600000"]) {
    assert.equal(ws.isSealed({ ...box, kdf: { ...box.kdf, iterations } }, FILE), false, `${iterations} accepted`);
  }
  assert.ok(ws.isSealed({ ...box, kdf: { ...box.kdf, iterations: 2000000 } }, FILE));
});

test("format 1 files and vaults still open", async () => {
  const v1 = await sealV1("correct horse", { worksheets: { "risk-assessment": answers } });
  assert.ok(ws.isSealed(v1, vault.FORMAT));
  assert.deepEqual((await ws.open("correct horse", v1)).value.worksheets["risk-assessment"], answers);
  const oldFile = JSON.stringify({ format: FILE, version: 1, worksheet: "risk-assessment", encrypted: true,
    sealed: await sealV1("correct horse", answers) });
  const checked = file.checkFile(oldFile, "risk-assessment", schema, ["risk-assessment"]);
  assert.deepEqual((await ws.open("correct horse", checked.sealed)).value, answers);
  const oldPlain = JSON.stringify({ format: FILE, version: 1, worksheet: "risk-assessment", encrypted: false, answers });
  assert.deepEqual(file.checkFile(oldPlain, "risk-assessment", schema).answers, answers);
});

test("a format 1 vault is written again as format 2 on unlock; wrong passphrases change nothing", async () => {
  const storage = memoryStorage();
  storage.setItem("hb:vault", JSON.stringify(await sealV1("correct horse", { worksheets: { "risk-assessment": answers } })));
  const kept = vault.create("hb:", () => storage);
  assert.equal(await kept.unlock("wrong horse"), null);
  const opened = await kept.unlock("correct horse");
  assert.equal(opened.v1, true);
  await kept.write(opened.key, opened.head, opened.worksheets);
  const box = JSON.parse(storage.getItem("hb:vault"));
  assert.equal(box.version, 2);
  assert.equal(box.format, vault.FORMAT);
  assert.ok(storage.getItem("hb:vault-previous"), "the format 1 copy was not kept as the previous one");
  assert.deepEqual((await kept.unlock("correct horse")).worksheets["risk-assessment"], answers);
});

test("a vault changed by another page: the previous copy still opens, nothing is lost", async () => {
  const storage = memoryStorage();
  const kept = vault.create("hb:", () => storage);
  const mine = await ws.seal("correct horse", vault.FORMAT, "", {}, 600000);
  await kept.write(mine.key, mine.head, { a: { fields: { v: "1" } } });
  await kept.write(mine.key, mine.head, { a: { fields: { v: "2" } } });
  const stranger = await ws.seal("someone else's words", vault.FORMAT, "", {}, 600000);
  await kept.write(stranger.key, stranger.head, { b: {} }); // a foreign page overwrites the vault
  assert.ok(storage.getItem("hb:vault-replaced"), "the vault the stranger replaced was not kept apart");
  const opened = await kept.unlock("correct horse");
  assert.ok(opened, "the kept answers are lost");
  assert.ok(["vault-previous", "vault-replaced"].includes(opened.from) || opened.from === "vault");
  // The stranger wrote over "vault" and our copy moved aside; our next save keeps theirs apart.
  const result = await kept.write(mine.key, mine.head, opened.worksheets);
  assert.equal(result.replaced, true);
  assert.ok(await kept.unlock("someone else's words") || storage.getItem("hb:vault-replaced"));
  storage.setItem("hb:vault", "{damaged");
  assert.ok(await kept.unlock("correct horse"), "a damaged vault hid the previous copy");
});

test("storage full or unavailable: a clear error and the kept answers unchanged", async () => {
  const storage = memoryStorage();
  const kept = vault.create("hb:", () => storage);
  const mine = await ws.seal("correct horse", vault.FORMAT, "", {}, 600000);
  await kept.write(mine.key, mine.head, { a: { fields: { v: "1" } } });
  const before = storage.getItem("hb:vault");
  storage.full = true;
  await assert.rejects(kept.write(mine.key, mine.head, { a: { fields: { v: "2" } } }), /full/);
  assert.equal(storage.getItem("hb:vault"), before);
  const none = vault.create("hb:", () => { throw new Error("SecurityError"); });
  await assert.rejects(none.write(mine.key, mine.head, {}), /unavailable/);
  assert.equal(none.kept(), false);
  await assert.rejects(kept.write(mine.key, mine.head, { a: { fields: { v: "x".repeat(vault.MAX_CHARACTERS) } } }), /toolarge/);
});

test("every bad file gets its own error before anything is used", async () => {
  const known = ["risk-assessment", "incident-log"];
  const check = (text) => file.checkFile(text, "risk-assessment", schema, known);
  assert.deepEqual(check("{"), { error: "corrupt" }); // truncated
  assert.deepEqual(check('{"a":1}'), { error: "corrupt" }); // not ours
  assert.deepEqual(check(plain(answers).slice(0, 40)), { error: "corrupt" });
  assert.deepEqual(file.checkFile(plain({}), "incident-log", schema, known), { error: "foreign", worksheet: "risk-assessment" });
  assert.deepEqual(check(plain({}, { worksheet: "FILE DAMAGED. Call 012 345 678" })), { error: "corrupt" }, "an unknown id is echoed");
  assert.equal(check(plain({}, { version: 3 })).error, "newer");
  assert.equal(check(plain({ fields: { version: 3 } })).error, "invalid");
  assert.equal(check(plain({ fields: { other: "x" } })).error, "invalid");
  assert.equal(check(plain({ rows: { risks: [{ probability: "9" }] } })).error, "invalid");
  assert.equal(check(plain({ fields: { date: "<b>" } })).error, "invalid");
  assert.equal(check(plain({}).replace('"answers":{}', '"answers":{"fields":{"__proto__":"x"}}')).error, "invalid");
  assert.equal(check(plain({ fields: { version: "x".repeat(file.LIMITS.text + 1) } })).error, "invalid");
  assert.equal(check(plain({ rows: { risks: Array(file.LIMITS.rows + 1).fill({}) } })).error, "invalid");
  assert.equal(check(" ".repeat(file.LIMITS.fileBytes + 1)).error, "toolarge");
  for (const hidden of ["\u202e", "\u2066", "\u200f", "\u0007", "\ufeff"]) {
    assert.equal(check(plain({ fields: { version: `invoice${hidden}fdp.exe` } })).error, "hidden", JSON.stringify(hidden));
  }
  assert.equal(check(plain({ fields: { version: "ការពារ\u200bសិទ្ធិ" } })).answers.fields.version, "ការពារ\u200bសិទ្ធិ", "Khmer word breaks refused");
  assert.equal(check(plain({ fields: { ok: true, version: "<script>" } })).answers.fields.version, "<script>");
  const sealedBad = JSON.stringify({ format: FILE, version: 2, worksheet: "risk-assessment", encrypted: true,
    kdf: { name: "PBKDF2-SHA-256", iterations: 1e7, salt: "AAAAAAAAAAAAAAAAAAAAAA==" }, iv: "AAAAAAAAAAAAAAAA", data: "AAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
  assert.equal(check(sealedBad).error, "corrupt");
  const { box } = await ws.seal("correct horse", FILE, "risk-assessment", answers, 600000);
  const swapped = JSON.stringify(file.sealedFile({ ...box, worksheet: "incident-log" }));
  assert.equal(file.checkFile(swapped, "incident-log", schema, known).sealed !== undefined, true);
  await assert.rejects(ws.open("correct horse", file.checkFile(swapped, "incident-log", schema, known).sealed), "a renamed file opened");
});

test("a file at the size cap is checked in well under a second", () => {
  const row = { what: "x".repeat(2000), probability: "3" };
  const body = { rows: { risks: Array(file.LIMITS.rows).fill(row) } };
  let text = plain(body);
  while (text.length > file.LIMITS.fileBytes) { body.rows.risks.pop(); text = plain(body); }
  const started = performance.now();
  assert.ok(file.checkFile(text, "risk-assessment", schema).answers);
  assert.ok(performance.now() - started < 1000);
});

test("passphrases: digits, common passwords and weak ones are refused, suggestions are strong", () => {
  for (const [pass, reason] of [["12345678", "digits"], ["១២៣៤៥៦៧៨៩", "digits"], ["password", "common"], ["Password", "common"],
    ["short", "short"], ["Sokha1985", "weak"], ["ilovemyfamily", "weak"], ["qwertyuiop", "common"]]) {
    const verdict = passphrase.judge(pass, lists);
    assert.equal(verdict.ok, false, pass);
    assert.equal(verdict.reason, reason, pass);
  }
  assert.equal(passphrase.judge("blue river morning", lists).ok, true);
  assert.equal(passphrase.wordsNeeded(2048), 5);
  assert.equal(passphrase.wordsNeeded(1024), 5);
  assert.equal(passphrase.wordsNeeded(8192), 4);
  const seen = new Set();
  for (let i = 0; i < 50; i += 1) {
    const words = passphrase.suggest(lists.words);
    assert.equal(words.split(" ").length, 5);
    assert.ok(words.split(" ").every((word) => lists.words.includes(word)));
    assert.equal(passphrase.judge(words, lists).ok, true, words);
    seen.add(words);
  }
  assert.equal(seen.size, 50, "suggestions repeat");
  const counts = new Array(3).fill(0);
  for (let i = 0; i < 3000; i += 1) counts[passphrase.randomIndex(3)] += 1;
  assert.ok(counts.every((count) => count > 850), `biased draw: ${counts}`);
});

test("risks are ordered most serious first, unrated ones last", () => {
  const order = outputs.riskOrder([{ what: "a", probability: "2", impact: "3" }, { what: "b", probability: "4", impact: "5" }, { what: "c" }]);
  assert.deepEqual(order.map((risk) => risk.number), [2, 1, 3]);
});

test("a cluster is three incidents within thirty days", () => {
  assert.equal(outputs.findCluster(["2026-01-01", "2026-02-15", "2026-04-01"], 3, 30), null);
  assert.deepEqual(outputs.findCluster(["2026-03-20", "2026-01-01", "2026-03-01", "2026-03-10", ""], 3, 30),
    { count: 3, from: "2026-03-01", to: "2026-03-20" });
  assert.equal(outputs.findCluster(["2026-03-01", "2026-03-31", "2026-03-15"], 3, 30), null);
});

test("dates are read as day/month/year in either digit set and kept as ISO dates", () => {
  const KHMER = "០១២៣៤៥៦៧៨៩";
  for (const typed of ["27/11/2018", "២៧/១១/២០១៨", "27.11.2018", "27-11-2018", " 27 11 2018 ", "27112018", "2018-11-27", "២៧/11/2018"]) {
    assert.deepEqual(date.parse(typed), { iso: "2018-11-27" }, typed);
  }
  assert.deepEqual(date.parse("1/2/2024"), { iso: "2024-02-01" }, "the day comes first");
  assert.deepEqual(date.parse("29/02/2024"), { iso: "2024-02-29" });
  assert.deepEqual(date.parse(""), { iso: "" });
  assert.deepEqual(date.parse("31/02/2024"), { error: "impossible", month: 2, year: 2024, days: 29 });
  assert.deepEqual(date.parse("29/02/2023"), { error: "impossible", month: 2, year: 2023, days: 28 });
  assert.deepEqual(date.parse("31/04/2024").error, "impossible");
  for (const typed of ["yesterday", "27/11/18", "12/13/2024", "0/1/2024", "27/11/1850", "27/11/2018x", "2018/27/11", "27//2018"]) {
    assert.equal(date.parse(typed).error, "invalid", typed);
  }
  assert.equal(date.format("2018-11-27"), "27/11/2018");
  assert.equal(date.format("2024-02-01", KHMER), "០១/០២/២០២៤");
  assert.equal(date.format("not a date"), "");
  for (const iso of ["2018-11-27", "2024-02-29", "1999-12-31"]) assert.deepEqual(date.parse(date.format(iso, KHMER)), { iso });
});
