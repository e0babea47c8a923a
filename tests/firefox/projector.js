// Firefox ESR in projector mode on the unzipped bundle over file://, as a trainer uses it with a
// clicker that sends only Page Down and Page Up. Run by tests/test_firefox.py:
//   node tests/firefox/projector.js <bundle folder> <profile folder> '<probes as JSON>' '<runs as JSON>' [<screenshots folder>]
// The probes are tests/page_checks.py's page functions ({lines, shown, sections, nextLink,
// relayout, settled, fieldOnScreen}), which tests/test_projector.py runs in Chromium, so Firefox
// is judged by what Chromium is judged by; pytest judges what this prints.
// Each run is {page, width, height, relayout, typing} and does, in one Firefox, a tab each:
// - walk: from the top, Page Down to the last screen, noting each screen (the counter and what
//   `shown` says is in view), then where the footer's Next link is; Page Down once more opens
//   the next page, noting where it opens;
// - relayout (when asked): the page again, laid out again (`relayout`) on every screen, noting
//   what is shown before and after (as tests/test_projector.py does, it goes back to a screen
//   the projector left by itself, to go on);
// - typing (when asked, on a workbook page): keys typed in a worksheet field and in the search
//   box, then Escape.
// Prints {runs: [{page, width, height, walk, relayout, typing}], errors} as JSON. With a
// screenshots folder, saves every screen of each walk there as a PNG, to look at, and the screen
// before and after typing and searching.
//
// Firefox has no Chrome DevTools Protocol: what Playwright does through it (its own key presses
// and waits) is done here over WebDriver BiDi, by puppeteer-core's keyboard and by waiting in the
// page for the counter or the address to change. The page functions are the same.
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { launch } = require("./launch");

const [root, profile, probesJson, runsJson, shots] = process.argv.slice(2);
const probes = JSON.parse(probesJson);
const report = { runs: [], errors: [] };

const url = (relative) => pathToFileURL(path.join(root, relative)).href;
const call = (page, probe) => page.evaluate(`(${probe})()`);
const counterText = (page) => page.$eval("[data-projector-counter]", (counter) => counter.textContent.trim());
// The counter's "screen / screens" as numbers (Khmer pages count in Khmer digits).
const numbers = (text) => text.split(" / ").map((part) => Number(part.replace(/[០-៩]/g, (digit) => digit.charCodeAt(0) - 0x17e0)));
const projectorOn = (page) => page.evaluate(() => document.documentElement.hasAttribute("data-projector"));

/* Runs in the page: once the counter shows something other than `before` (at once when null),
   the counter and what `shown` (a probe) says is in view. */
function screenAfter(before, shown) {
  const text = () => document.querySelector("[data-projector-counter]").textContent.trim();
  return new Promise((resolve) => {
    const check = () => (text() === before ? requestAnimationFrame(check) : resolve({ counter: text(), shown: shown() }));
    check();
  });
}

/* The screen now: {counter, shown}. */
const screenNow = (page) => page.evaluate(`(${screenAfter})(null, ${probes.shown})`);

/* Presses a key that steps; the screen it steps to. */
async function stepWith(page, key, from) {
  await page.keyboard.press(key);
  return page.evaluate(`(${screenAfter})(${JSON.stringify(from.counter)}, ${probes.shown})`);
}

async function altShift(page, code) {
  await page.keyboard.down("Alt");
  await page.keyboard.down("Shift");
  await page.keyboard.press(code);
  await page.keyboard.up("Shift");
  await page.keyboard.up("Alt");
}

/* Opens a page with projector mode on (Alt+Shift+P unless it is still on from the page before),
   its fonts loaded. */
async function openProjected(page, relative) {
  await page.goto(url(relative));
  if (!(await projectorOn(page))) await altShift(page, "KeyP");
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-projector"), { timeout: 10000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function walk(page, run, slug) {
  await openProjected(page, run.page);
  const found = {
    lines: await call(page, probes.lines),
    sections: await call(page, probes.sections),
    extent: await page.evaluate(() => ({
      top: document.querySelector(".md-content article").getBoundingClientRect().top + scrollY,
      bottom: document.querySelector(".md-footer").getBoundingClientRect().bottom + scrollY,
    })),
    screens: [],
  };
  let screen = await screenNow(page);
  for (;;) {
    found.screens.push(screen);
    if (shots) await page.screenshot({ path: path.join(shots, `${slug}-${found.screens.length}.png`) });
    const [number, total] = numbers(screen.counter);
    if (number >= total || found.screens.length > 400) break;
    screen = await stepWith(page, "PageDown", screen);
  }
  // The footer's Next link and the pager's offer of the next page, on the last screen.
  found.last = {
    nextLink: await call(page, probes.nextLink),
    nextText: await page.$eval("[data-projector-next-text]", (text) => text.innerText.trim()),
  };
  const leaving = page.waitForNavigation({ timeout: 15000 });
  await page.keyboard.press("PageDown");
  await leaving;
  await page.waitForFunction(() => document.readyState === "complete", { timeout: 15000 });
  found.next = { url: page.url(), on: await projectorOn(page), counter: await counterText(page) };
  return found;
}

/* Runs in the page: what `shown` says is in view, then again (with the counter) once `relayout`
   has laid the page out again. */
async function aroundRelayout(shown, relayout) {
  const before = shown();
  await relayout();
  return { before, after: { counter: document.querySelector("[data-projector-counter]").textContent.trim(), shown: shown() } };
}

/* As tests/test_projector.py's test_the_screen_shown_stays_when_the_page_is_laid_out_again: the
   page laid out again once, then on every screen (going back to a screen the projector left by
   itself, to go on from there). Each screen's {counter, before, after}. */
async function relayout(page, run) {
  await openProjected(page, run.page);
  await call(page, probes.relayout);
  const screens = [];
  let screen = await screenNow(page);
  while (screens.length < 400) {
    const [number, total] = numbers(screen.counter);
    const around = await page.evaluate(`(${aroundRelayout})(${probes.shown}, ${probes.relayout})`);
    screens.push({ counter: screen.counter, ...around });
    screen = around.after;
    for (let back = 0; back < 400 && numbers(screen.counter)[0] !== number; back += 1) {
      screen = await stepWith(page, numbers(screen.counter)[0] < number ? "PageDown" : "PageUp", screen);
    }
    if (number >= total) break;
    screen = await stepWith(page, "PageDown", screen);
  }
  return screens;
}

/* Runs in the page: what a trainer sees of projector mode, to tell on from off. */
function mode() {
  const seen = (selector) => Boolean(document.querySelector(selector)?.checkVisibility());
  return {
    on: document.documentElement.hasAttribute("data-projector"),
    rootFontSize: parseFloat(getComputedStyle(document.documentElement).fontSize),
    curtain: seen(".hb-projector__curtain"),
    pager: seen("[data-projector-bar]"),
    navigation: seen(".md-sidebar--primary"),
  };
}

/* The screen now as a trainer sees it: {counter, shown, curtain, pager, ...} (mode()). */
async function seen(page) {
  return { ...(await screenNow(page)), ...(await page.evaluate(mode)) };
}

async function shoot(page, slug, name) {
  if (shots) await page.screenshot({ path: path.join(shots, `${slug}-${name}.png`) });
}

/* As tests/test_projector.py's test_keys_typed_in_a_form_field_or_the_search_box_do_not_step and
   test_typing_in_a_worksheet_field_leaves_the_screen_as_it_was: a worksheet field filled in on
   the screen that shows it (the first letter makes the worksheet's toolbar say where the answers
   are), the clicker used from there; and as test_the_screen_looks_as_before_once_the_search_is_closed:
   a word typed in the search box (opened from the header's search button on a phone), the search
   closed; then Escape. */
async function typing(page, run, slug) {
  await openProjected(page, run.page);
  let screen = await screenNow(page);
  while (numbers(screen.counter)[0] < numbers(screen.counter)[1] && (await call(page, probes.fieldOnScreen)) < 0) {
    screen = await stepWith(page, "PageDown", screen);
  }
  const found = { screen: screen.counter, field: await call(page, probes.fieldOnScreen) };
  if (found.field < 0) return found;
  const field = (await page.$$("form textarea"))[found.field];
  await field.click();
  await call(page, probes.relayout);
  found.afterRelayout = await counterText(page);
  found.beforeTyping = await seen(page);
  await shoot(page, slug, "before-typing");
  await page.keyboard.press("t");
  await page.waitForFunction(() => document.querySelector("[data-worksheet-toolbar] [data-state]").textContent.trim() !== "",
    { timeout: 10000 });
  await call(page, probes.settled);
  found.typedOn = { ...(await seen(page)), lines: await call(page, probes.lines),
    fieldShown: (await call(page, probes.fieldOnScreen)) === found.field };
  await shoot(page, slug, "after-typing");
  for (const key of ["ArrowLeft", "ArrowRight", "Escape"]) await page.keyboard.press(key);
  await call(page, probes.settled);
  found.afterTyping = { ...(await page.evaluate(mode)), counter: await counterText(page), value: await field.evaluate((node) => node.value) };
  screen = await stepWith(page, "PageDown", await screenNow(page));
  found.clicked = screen;
  await call(page, probes.relayout);
  found.afterClicker = (await stepWith(page, "PageUp", screen)).counter;
  found.beforeSearch = await seen(page);
  await shoot(page, slug, "before-search");
  // Below 60em Material's search box is behind the header's search button, and opens over the
  // page with the page's scrolling locked.
  if (run.width < 960) await page.click("label.md-header__button[for=__search]");
  await page.click("input.md-search__input");
  await page.waitForFunction(() => document.getElementById("__search").checked, { timeout: 10000 }); // at a later frame
  await page.keyboard.type("risk");
  if (run.width < 960) await page.waitForFunction(() => document.body.hasAttribute("data-md-scrolllock"), { timeout: 10000 });
  await page.keyboard.press("ArrowRight");
  found.inSearch = { counter: await counterText(page), typed: await page.$eval("input.md-search__input", (box) => box.value) };
  await page.keyboard.press("Escape");
  // Material closes the search and gives the page its scrolling back at a later frame.
  await page.waitForFunction(() => !document.getElementById("__search").checked && !document.body.hasAttribute("data-md-scrolllock"),
    { timeout: 10000 });
  await call(page, probes.settled);
  found.searchClosed = await seen(page);
  if (shots) {
    await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => null))));
    await shoot(page, slug, "after-search");
  }
  await page.keyboard.press("Escape");
  found.left = await page.evaluate(mode);
  return found;
}

async function main(browser) {
  for (const run of JSON.parse(runsJson)) {
    const slug = `${run.page.replace(/[/.]/g, "-")}-${run.width}x${run.height}`;
    const page = await browser.newPage();
    page.on("console", (message) => message.type() === "error" && report.errors.push(`${slug}: ${message.text()}`));
    page.on("pageerror", (error) => report.errors.push(`${slug}: script error: ${error.message}`));
    await page.setViewport({ width: run.width, height: run.height });
    const done = { ...run };
    report.runs.push(done);
    try {
      done.walk = await walk(page, run, slug);
      if (run.relayout) done.relayout = await relayout(page, run);
      if (run.typing) done.typing = await typing(page, run, slug);
    } catch (error) {
      report.errors.push(`${slug}: ${error.message}`);
    }
    await page.close();
  }
}

(async () => {
  const browser = await launch(profile);
  try {
    await main(browser);
  } catch (error) {
    report.errors.push(`the Firefox run failed: ${error.message}`);
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
})();
