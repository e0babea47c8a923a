// Firefox ESR searches the unzipped bundle over file://, as a reader does: open a page, click the
// search box, type. Run by tests/test_firefox.py:
//   node tests/firefox/search.js <bundle folder> <profile folder> '<[[page, query], …] as JSON>'
// Prints {readsOtherFiles, searches: [{page, query, typed, meta, links}], errors} as JSON:
// `meta` is the line above the results ("Initializing search" while the search worker is not
// ready), `errors` every script error (Firefox reports Content-Security-Policy violations as
// such), console error and file that failed to load, in any frame (over file:// the search
// worker runs in a hidden frame).
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { launch, readsOtherFiles } = require("./launch");

const [root, profile, searchesJson] = process.argv.slice(2);
const report = { readsOtherFiles: null, searches: [], errors: [] };

// Runs in every frame before the page's own scripts: files that fail to load, which Firefox does
// not report over WebDriver BiDi by itself.
function reportFailedFiles() {
  window.addEventListener("error", (event) => {
    const source = event.target && (event.target.src || event.target.href);
    if (source) console.error(`could not load ${source} in ${location.href}`);
  }, true);
}

async function search(page, relative, query) {
  await page.goto(pathToFileURL(path.join(root, relative)).href);
  await page.click("input.md-search__input");
  await page.keyboard.type(query, { delay: 20 });
  const found = await page.waitForSelector(".md-search-result__item", { timeout: 15000 }).then(() => true, () => false);
  if (found) await new Promise((resolve) => setTimeout(resolve, 400)); // results of the last keystroke
  report.searches.push({
    page: relative,
    query,
    typed: await page.$eval("input.md-search__input", (box) => box.value),
    meta: await page.$eval(".md-search-result__meta", (meta) => meta.textContent.trim()),
    links: await page.$$eval(".md-search-result__item > .md-search-result__link", (links) => links.map((link) => link.href)),
  });
}

(async () => {
  const browser = await launch(profile);
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1366, height: 768 });
    await page.evaluateOnNewDocument(reportFailedFiles);
    page.on("console", (message) => message.type() === "error" && report.errors.push(message.text()));
    page.on("pageerror", (error) => report.errors.push(`script error: ${error.message}`));
    await page.goto(pathToFileURL(path.join(root, "index.html")).href);
    report.readsOtherFiles = await readsOtherFiles(page, "search/search_index.js");
    for (const [relative, query] of JSON.parse(searchesJson)) await search(page, relative, query);
  } catch (error) {
    report.errors.push(`the Firefox run failed: ${error.message}`);
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
})();
