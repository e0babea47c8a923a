// Firefox ESR (Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi; no browser is
// downloaded) on the unzipped bundle with a profile folder on disk. Run by tests/test_firefox.py:
//   node tests/firefox/workbook.js <bundle folder> <profile folder> <passphrase> <mark>…
// Fills and keeps a worksheet (a date typed day/month/year too), reloads, unlocks, locks; types, moves to another page, hides and
// goes Back twice; erases; keeps in the Khmer workbook and reads what the English one says; erases
// there; closes. Prints {problems, facts} as JSON.
const path = require("node:path");
const { launch } = require("./launch");

const [root, profile, passphrase, ...marks] = process.argv.slice(2);
const url = (relative) => `file://${path.join(root, relative)}`;
const WHAT = '[data-worksheet="risk-assessment"] [name="risks.0.what"]';
const NOTES = '[data-worksheet="risk-assessment"] [name="risks.0.notes"]';
const DATE = '[data-worksheet="security-plan"] [name="date"]';
const problems = [];
const facts = {};

const visible = (page, selector) => page.$eval(selector, (node) => Boolean(node.offsetParent)).catch(() => false);
const values = (page) => page.evaluate(() => [...document.querySelectorAll("[data-worksheet] [name]")]
  .map((control) => (control.type === "checkbox" ? "" : control.value)).join(" "));
const showsMarks = async (page) => (await values(page)).split(" ").some((value) => marks.includes(value));

async function answer(page, text) {
  await page.waitForSelector("dialog input[name=passphrase]");
  for (const field of await page.$$("dialog input[name=passphrase]")) await field.type(text);
  await page.click("dialog [data-action=confirm]");
  await page.waitForSelector("dialog", { hidden: true, timeout: 30000 });
}

/* Types a date in the security plan, leaves the field: [what it shows, the message under it]. */
async function typeDate(page, text) {
  await page.$eval(DATE, (node) => { node.value = ""; });
  await page.type(DATE, text);
  await page.keyboard.press("Tab");
  return page.$eval(DATE, (node) => [node.value, document.getElementById(`${node.id}-words`).textContent,
    document.getElementById(`${node.id}-error`).textContent]);
}

async function main(browser) {
  const page = await browser.newPage();
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("dialog", (dialog) => dialog.accept());

  await page.goto(url("workbook.html"));
  facts.status = await page.$eval("[data-state]", (node) => node.textContent);
  facts.toolbarAtStart = await Promise.all(["keep", "unlock", "lock"].map((a) => visible(page, `[data-worksheet-toolbar] [data-action=${a}]`)));
  await page.type(WHAT, marks[0]);
  facts.dateShown = await typeDate(page, "27/11/2018");
  facts.impossibleDate = await typeDate(page, "31/02/2024");
  facts.dateShown.push(...await typeDate(page, "២៧/១១/២០១៨"));
  await new Promise((resolve) => setTimeout(resolve, 2500));
  await page.click("[data-action=keep]");
  await answer(page, passphrase);
  await page.type(NOTES, marks[1]);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  if (await visible(page, "[data-worksheet-toolbar] [data-action=keep]")) problems.push("Keep still shows over kept answers");

  await page.reload();
  if (await showsMarks(page)) problems.push("a reload shows the answers without unlocking");
  if (!(await visible(page, "[data-worksheet-toolbar] [data-action=unlock]"))) problems.push("after a reload, Unlock does not show");
  await page.click("[data-action=unlock]");
  await answer(page, passphrase);
  const back = await page.$eval(WHAT, (node) => node.value);
  if (back !== marks[0]) problems.push(`unlocking did not bring the kept answer back (got "${back}")`);
  facts.dateUnlocked = await page.$eval(DATE, (node) => node.value);
  await page.click("[data-action=lock]");
  if (await showsMarks(page)) problems.push("after Lock, answers are still on screen");

  await page.click("[data-action=unlock]");
  await answer(page, passphrase);
  await page.$eval(NOTES, (node) => { node.value = ""; });
  await page.type(NOTES, marks[2]);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await page.goto(url("six-steps/threats.html"));
  await page.keyboard.down("Alt");
  await page.keyboard.down("Shift");
  await page.keyboard.press("KeyH");
  await page.keyboard.up("Shift");
  await page.keyboard.up("Alt");
  await page.waitForFunction(() => location.href === "about:blank", { timeout: 10000 }).catch(() => problems.push("Alt+Shift+H did not hide"));
  // What Back can reach after Hide: the pages in this tab's history.
  facts.historyAfterHide = await page.evaluate(() => history.length).catch(() => null);
  for (let step = 0; step < 2; step += 1) {
    // A page restored from the Back/Forward cache fires no load event: wait a little instead.
    // The page's own history.back(): Firefox's BiDi traverseHistory finds no entry after a
    // location.replace() to about:blank, though history.length counts it.
    await page.evaluate(() => history.back()).catch((error) => { facts.backError = error.message; });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    (facts.backUrls ||= []).push(await page.evaluate(() => location.href).catch((error) => error.message));
  }
  // The document's own address: puppeteer's page.url() keeps about:blank after history.back().
  facts.backAfterHide = facts.backUrls.at(-1);
  if (String(facts.backAfterHide).endsWith("workbook.html")) {
    if (await showsMarks(page)) problems.push("Back after Hide shows the answers");
  } else {
    problems.push(`Back after Hide reached ${facts.backAfterHide} (${facts.historyAfterHide} history entries${facts.backError ? `; ${facts.backError}` : ""}), not the workbook the check is about`);
  }

  const again = await page.browser().newPage();
  await again.goto(url("workbook.html"));
  await again.click("[data-action=erase-all]");
  await again.waitForSelector("dialog [data-action=confirm]");
  facts.eraseDialog = await again.$eval("dialog", (node) => node.textContent);
  await again.click("dialog [data-action=confirm]");
  await again.waitForSelector("dialog", { hidden: true });
  facts.storageAfterErase = await again.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("hb-")));
  facts.statusAfterErase = await again.$eval("[data-state]", (node) => node.textContent);

  // Firefox gives each file its own storage: answers kept in the Khmer workbook are not the
  // English page's to see or erase, and the English page says where they are.
  await again.goto(url("km/workbook.html"));
  await again.type(WHAT, marks[0]);
  await again.click("[data-action=keep]");
  await answer(again, passphrase);
  await again.goto(url("workbook.html"));
  facts.statusBesideKhmer = await again.$eval("[data-state]", (node) => node.textContent);
  await again.goto(url("km/workbook.html"));
  facts.khmerStillKept = await visible(again, "[data-worksheet-toolbar] [data-action=unlock]");
  await again.click("[data-action=erase-all]");
  await again.click("dialog [data-action=confirm]");
  await again.waitForSelector("dialog", { hidden: true });
  await new Promise((resolve) => setTimeout(resolve, 1500));
}

(async () => {
  const browser = await launch(profile, { "browser.sessionstore.interval": 1000 });
  try {
    await main(browser);
  } catch (error) {
    problems.push(`the Firefox run failed: ${error.message}`);
  } finally {
    await browser.close(); // Firefox writes its session files as it closes
  }
  process.stdout.write(JSON.stringify({ problems, facts }));
})();
