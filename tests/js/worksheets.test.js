// The pure parts of overrides/assets/javascripts/worksheets.js (run by tests/test_worksheets.py
// with Node's built-in runner: node --test tests/js).
const test = require("node:test");
const assert = require("node:assert/strict");
const ws = require("../../overrides/assets/javascripts/worksheets.js");

const schema = {
  fields: { version: { type: "text" }, date: { type: "date" }, ok: { type: "checkbox" } },
  rows: { risks: { what: { type: "text" }, probability: { type: "select", options: ["1", "2", "3", "4", "5"] } } },
};

test("sealed answers open with the right passphrase only, with a new salt and IV each time", async () => {
  const answers = { fields: { version: "2" }, rows: { risks: [{ what: "Arrest", probability: "4" }] } };
  const first = (await ws.seal("correct horse", answers, 600000)).sealed;
  const second = (await ws.seal("correct horse", answers, 600000)).sealed;
  assert.notEqual(first.kdf.salt, second.kdf.salt);
  assert.notEqual(first.cipher.iv, second.cipher.iv);
  assert.equal(first.kdf.iterations, 600000);
  assert.ok(ws.isSealed(first));
  assert.deepEqual((await ws.open("correct horse", first)).value, answers);
  await assert.rejects(ws.open("wrong horse", first));
});

test("a file is checked completely before anything is used", () => {
  const plain = (answers, extra = {}) => JSON.stringify(ws.fileFor("risk-assessment", { encrypted: false, answers, ...extra }));
  assert.deepEqual(ws.checkFile("{", "risk-assessment", schema), { error: "corrupt" });
  assert.deepEqual(ws.checkFile('{"a":1}', "risk-assessment", schema), { error: "corrupt" });
  assert.equal(ws.checkFile(plain({}), "incident-log", schema).error, "foreign");
  assert.equal(ws.checkFile(plain({}).replace('"version":1', '"version":2'), "risk-assessment", schema).error, "newer");
  assert.equal(ws.checkFile(plain({ fields: { version: 3 } }), "risk-assessment", schema).error, "invalid");
  assert.equal(ws.checkFile(plain({ fields: { other: "x" } }), "risk-assessment", schema).error, "invalid");
  assert.equal(ws.checkFile(plain({ rows: { risks: [{ probability: "9" }] } }), "risk-assessment", schema).error, "invalid");
  assert.equal(ws.checkFile(plain({ fields: { date: "<b>" } }), "risk-assessment", schema).error, "invalid");
  const proto = plain({}).replace('"answers":{}', '"answers":{"fields":{"__proto__":"x"}}');
  assert.equal(ws.checkFile(proto, "risk-assessment", schema).error, "invalid");
  assert.equal(ws.checkFile(plain({ fields: { ok: true, version: "<script>" } }), "risk-assessment", schema).answers.fields.version, "<script>");
  const sealedBad = JSON.stringify(ws.fileFor("risk-assessment", { encrypted: true, sealed: { kdf: { iterations: 1e12 } } }));
  assert.equal(ws.checkFile(sealedBad, "risk-assessment", schema).error, "corrupt");
});

test("risks are ordered most serious first and the grid matches the handbook's", () => {
  const order = ws.riskOrder([{ what: "a", probability: "2", impact: "3" }, { what: "b", probability: "4", impact: "5" }, { what: "c" }]);
  assert.deepEqual(order.map((risk) => risk.number), [2, 1, 3]);
  assert.equal(ws.levelOf(5, 5), 5);
  assert.equal(ws.levelOf(1, 1), 1);
  assert.equal(ws.levelOf(5, 1), 3);
});

test("a cluster is three incidents within thirty days", () => {
  assert.equal(ws.findCluster(["2026-01-01", "2026-02-15", "2026-04-01"], 3, 30), null);
  assert.deepEqual(ws.findCluster(["2026-03-20", "2026-01-01", "2026-03-01", "2026-03-10", ""], 3, 30),
    { count: 3, from: "2026-03-01", to: "2026-03-20" });
  assert.equal(ws.findCluster(["2026-03-01", "2026-03-31", "2026-03-15"], 3, 30), null);
});
