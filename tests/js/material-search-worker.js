// Runs Material's search worker (the file given as the first argument) in Node the way a page
// runs it, posts the messages given as JSON in the second argument one after the other, and
// prints the worker's replies and the lunr files it asked for (importScripts, not loaded here:
// a setup that needs one fails after asking) as JSON (tests/test_upstream_contracts.py).
const fs = require("node:fs");
const vm = require("node:vm");

const [workerFile, messagesJson] = process.argv.slice(2);
const listeners = [];
const replies = [];
const imported = [];
const scope = {
  console,
  addEventListener: (type, listener) => type === "message" && listeners.push(listener),
  postMessage: (message) => replies.push(message),
  importScripts: (...files) => {
    imported.push(...files);
    throw new Error("the worker asked for a lunr language file");
  },
};
scope.self = scope;
vm.createContext(scope);
vm.runInContext(fs.readFileSync(workerFile, "utf-8"), scope, { filename: workerFile });

process.on("unhandledRejection", () => {}); // the setup that asked for a lunr file

(async () => {
  for (const message of JSON.parse(messagesJson)) {
    const before = replies.length;
    for (const listener of listeners) listener({ data: message });
    for (let wait = 0; replies.length === before && wait < 200; wait += 1) await new Promise((r) => setTimeout(r, 10));
  }
  process.stdout.write(JSON.stringify({ replies, imported }));
})();
