// Starts Debian's firefox-esr for the tests: puppeteer-core over WebDriver BiDi (no browser is
// downloaded), headless, with the profile folder on disk that the caller names.
//
// puppeteer's profile (and Firefox's remote agent, for automation) sets
// security.fileuri.strict_origin_policy to false: every file:// page may then read every other
// file. A reader's Firefox keeps it true (each file is an origin of its own), which is what an
// offline bundle must work with, so the tests put Firefox's own value back.
const puppeteer = require("puppeteer-core");

const FIREFOX = "/usr/bin/firefox-esr";
const AS_READERS_HAVE_IT = { "security.fileuri.strict_origin_policy": true };

function launch(profile, prefs = {}) {
  return puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true, userDataDir: profile,
    extraPrefsFirefox: { ...AS_READERS_HAVE_IT, ...prefs } });
}

// Whether the page can read another file of the bundle through a frame (Firefox's default: no).
function readsOtherFiles(page, relative) {
  return page.evaluate((src) => new Promise((resolve) => {
    const frame = document.createElement("iframe");
    frame.hidden = true;
    frame.src = src;
    frame.onload = () => {
      let readable;
      try { readable = frame.contentWindow.location.href.endsWith(src); } catch { readable = false; }
      frame.remove();
      resolve(readable);
    };
    document.body.append(frame);
  }), relative);
}

module.exports = { launch, readsOtherFiles };
