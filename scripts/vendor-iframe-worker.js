// Called by scripts/vendor.sh: copies the iframe-worker shim (npm iframe-worker, MIT), changed so
// that the hidden frame it uses as a Web Worker over file:// runs no inline script (the page's
// Content-Security-Policy allows none): the code it wrote inline is iframe-worker-inner.js, loaded
// from beside the shim. Fails when the shim no longer has the text it replaces.
const fs = require("node:fs");
const path = require("node:path");

const source = fs.readFileSync(require.resolve("iframe-worker/shim/index.js"), "utf8");
const inline = '<script>postMessage=${c};importScripts=${d};addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:"${e}",error}))})<\\/script>';
if (!source.includes(inline) || !source.startsWith('"use strict";(()=>{')) {
  throw new Error("iframe-worker's shim changed: review scripts/vendor-iframe-worker.js and iframe-worker-inner.js");
}
const changed = source
  .replace('"use strict";(()=>{', '"use strict";(()=>{var u=new URL("iframe-worker-inner.js",document.currentScript.src).href;')
  .replace(inline, '<script src="${u}" data-url="${e}"><\\/script>');
const target = path.join(__dirname, "..", "overrides/assets/javascripts/vendor/iframe-worker-shim.js");
fs.writeFileSync(target, `/* iframe-worker ${require("iframe-worker/package.json").version} shim (MIT), without inline script: scripts/vendor-iframe-worker.js */\n${changed}`);
console.log("vendored: iframe-worker shim without inline script");
