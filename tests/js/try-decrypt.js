// Used by tests/forensics.py: reads {boxes, keys} (strings found in a browser profile) on stdin and
// prints, as JSON, every box that one of the keys opens with the handbook's own worksheet code.
const ws = require("./worksheet-code.js");

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const { boxes, keys } = JSON.parse(input);
  const opened = [];
  for (const raw of keys) {
    let key;
    try {
      key = await crypto.subtle.importKey("raw", Buffer.from(raw, "base64"), "AES-GCM", false, ["decrypt"]);
    } catch {
      continue;
    }
    for (const text of boxes) {
      let box;
      try {
        box = JSON.parse(text);
      } catch {
        continue;
      }
      try {
        await ws.openWithKey(key, box);
        opened.push(`the key ${raw.slice(0, 6)}… opens ${text.slice(0, 60)}…`);
      } catch { /* not this key */ }
    }
  }
  process.stdout.write(JSON.stringify(opened));
}
main();
