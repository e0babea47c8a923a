"""Checks shared by the test modules: axe-core's accessibility problems (npm package, used by
the tests only) and Khmer text drawn smaller than SMALLEST, run inside a page open in the
browser; and projector mode's: the page functions that note what each screen shows (run in
Chromium by tests/test_projector.py, in Firefox by tests/firefox/projector.js) and the judgements
of what they noted, so that both browsers are judged alike."""

from __future__ import annotations

from handbook import settings

AXE = settings.ROOT / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_problems(page) -> list[str]:
    assert AXE.exists(), "axe-core is missing: run `npm ci`"
    # Run by the test harness, not as a <script> the page's Content-Security-Policy would block.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    # Contrast is judged as the reader sees the page at rest: after the fonts and any fade (the
    # search results fade in: on a busy machine axe ran halfway and saw pale text).
    return page.evaluate("""async (tags) => {
        await document.fonts.ready;
        await Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity)
            .map((a) => a.finished.catch(() => null)));
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
    }""", RULES)


SMALLEST = 15  # px

# Every text node holding Khmer, with the size it is drawn at: its element's computed font size,
# times the drawing's scale inside an SVG. Text in <title>, <noscript> and <template> is never
# drawn. Hidden text counts too: dialogs and closed details show it later at this size.
SMALL_KHMER = """(smallest) => {
    const KHMER = /[\\u1780-\\u17ff\\u19e0-\\u19ff]/;
    const small = new Map();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!KHMER.test(node.data)) continue;
        const element = node.parentElement;
        if (element.closest('title, desc, noscript, script, style')) continue;
        let size = parseFloat(getComputedStyle(element).fontSize);
        if (element instanceof SVGGraphicsElement && element.getScreenCTM()) {
            const m = element.getScreenCTM();
            size *= Math.hypot(m.a, m.b);
        }
        if (size < smallest - 0.05) {
            const where = [];
            for (let e = element; e && e !== document.body && where.length < 3; e = e.parentElement)
                where.unshift(e.tagName.toLowerCase() + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
            small.set(where.join(' > '), `${size.toFixed(1)} px «${node.data.trim().slice(0, 24)}»`);
        }
    }
    return [...small].map(([where, what]) => `${where}: ${what}`);
}"""


# Projector mode (tests/test_projector.py in Chromium, tests/firefox/projector.js in Firefox): what
# each judges by, run in the page.

# Every line of text of the page (article and footer) in page coordinates, computed once.
LINES = """() => {
    const lines = [], range = document.createRange();
    for (const part of [document.querySelector('.md-content article'), document.querySelector('.md-footer')]) {
        const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.data.trim()) continue;
            range.selectNodeContents(node);
            for (const r of range.getClientRects())
                if (r.height > 0 && r.width > 0)
                    lines.push({top: r.top + scrollY, bottom: r.bottom + scrollY, text: node.data.trim().slice(0, 40)});
        }
    }
    return lines;
}"""

# What the audience sees now, in page coordinates: from under the header (or the curtain above
# the screen) to the curtain below it (or the pager, whichever is higher); and where the pager is.
SHOWN = """() => {
    const header = document.querySelector('.md-header').getBoundingClientRect();
    const bar = document.querySelector('[data-projector-bar]').getBoundingClientRect();
    const curtain = document.querySelector('.hb-projector__curtain:not(.hb-projector__curtain--above)');
    const above = document.querySelector('.hb-projector__curtain--above');
    const curtainTop = curtain && !curtain.hidden ? curtain.getBoundingClientRect().top : innerHeight;
    const aboveBottom = above && !above.hidden ? above.getBoundingClientRect().bottom : 0;
    return {top: Math.max(header.bottom, aboveBottom) + scrollY, bottom: Math.min(curtainTop, bar.top) + scrollY,
            barTop: bar.top + scrollY, barLeft: bar.left, barRight: bar.right, width: innerWidth,
            curtain: curtainTop + scrollY};
}"""

# The footer's Next link, in page coordinates.
NEXT_LINK = """() => { const link = document.querySelector('.md-footer__link--next'), box = link && link.getBoundingClientRect();
    return box && {href: link.href, top: box.top + scrollY, bottom: box.bottom + scrollY, visible: link.checkVisibility()}; }"""

# Where each section of the page begins: the top of each h2 of the article.
SECTIONS = """() => [...document.querySelectorAll('.md-content article > h2, .md-content article > div > h2')]
    .map(h => ({id: h.id, top: h.getBoundingClientRect().top + scrollY, bottom: h.getBoundingClientRect().bottom + scrollY}))"""


# Makes the page lay its screens out again, as a font arriving, a window resized or a worksheet row
# added does on a slow laptop at any moment: the page grows by a line at its end and shrinks back.
# Resolves after projector.js has laid out again both times (it does so at the animation frame
# after its ResizeObserver's call, which comes before this observer's call: it observed first).
RELAYOUT = """() => new Promise(done => {
    const extra = document.createElement('div');
    extra.style.height = '1em';
    let calls = 0;
    const observer = new ResizeObserver(() => {
        calls += 1;
        if (calls === 1) document.body.append(extra);  // the first call is observe()'s own
        else if (calls === 2) extra.remove();
        else { observer.disconnect(); requestAnimationFrame(() => done()); }
    });
    observer.observe(document.body);
})"""
# Once the page has been laid out and the projector has followed it (the scroll a reflow makes
# comes at the next frame, the projector's own layout at the frame after).
SETTLED = """async () => {
    void document.body.offsetHeight;
    for (let frame = 0; frame < 4; frame += 1) await new Promise(done => requestAnimationFrame(done));
}"""


# The first worksheet text field wholly on the screen shown (-1: none), from under the header to
# the curtain, or to the pager when the curtain is away.
FIELD_ON_SCREEN = """() => {
    const header = document.querySelector('.md-header').getBoundingClientRect();
    const curtain = document.querySelector('.hb-projector__curtain');
    const bottom = Math.min(document.querySelector('[data-projector-bar]').getBoundingClientRect().top,
        curtain.hidden ? Infinity : curtain.getBoundingClientRect().top);
    return [...document.querySelectorAll('form textarea')].findIndex(field => {
        const box = field.getBoundingClientRect();
        return box.height > 0 && box.top > header.bottom && box.bottom < bottom; });
}"""


def cut_lines(lines: list[dict], shown: dict) -> list[str]:
    """The lines of text (LINES) that the curtain of a projector screen
    (its SHOWN) cuts in half: the audience sees their top half above the pager."""
    return [line["text"] for line in lines if line["top"] < shown["curtain"] - 1 < line["bottom"] - 2]


def check_screens_show_every_line(where: str, screens: list[dict], lines: list[dict], sections: list[dict],
                                  extent: dict, next_link: dict) -> None:
    """What a trainer stepping with Page Down from the top of a page to its end must see, from what
    each screen showed (SHOWN), every line (LINES) and section (SECTIONS) of the page, its extent
    from the title to the footer, and the footer's Next link ({top, bottom, visible}) on the last
    screen. `where` names page, browser and size in the messages."""
    assert screens[0]["top"] <= extent["top"] and screens[-1]["bottom"] >= extent["bottom"] - 1, \
        f"{where}: the screens do not reach from the title to the footer ({extent}, {screens[0]}, {screens[-1]})"
    for number, (before, after) in enumerate(zip(screens, screens[1:]), start=1):
        assert after["top"] <= before["bottom"] + 1, \
            f"{where}: between screens {number} and {number + 1}, page height {before['bottom']:.0f}–{after['top']:.0f} is never shown"
    assert len(screens) > len(sections) + 1, f"{where}: {len(screens)} screens for {len(sections) + 1} sections; long sections are not split"
    unseen = [line for line in lines
              if not any(s["top"] - 1 <= line["top"] and line["bottom"] <= s["bottom"] + 1 for s in screens)]
    assert not unseen, f"{where}: {len(unseen)} of {len(lines)} lines are never shown whole, e.g. {[u['text'] for u in unseen[:5]]}"
    for number, shown in enumerate(screens, start=1):
        assert shown["bottom"] <= shown["barTop"] + 0.5, f"{where}, screen {number}: the pager covers text"
        cut = cut_lines(lines, shown)
        assert not cut, f"{where}, screen {number}: lines cut in half at the bottom: {cut}"
        peeking = [line["text"] for line in lines if line["top"] < shown["top"] - 1 < line["bottom"] - 2]
        assert not peeking, f"{where}, screen {number}: the lower half of lines of the screen before shows at the top: {peeking}"
    for section in sections:
        assert any(abs(s["top"] - section["top"]) < 60 and s["top"] <= section["top"] for s in screens), \
            f"{where}: section #{section['id']} does not begin a screen of its own"
    last = screens[-1]
    assert next_link and next_link["visible"], f"{where}: the footer has no Next link to show on the last screen"
    assert last["top"] <= next_link["top"] and next_link["bottom"] <= last["bottom"] + 0.5, \
        f"{where}: the last screen ({last['top']:.0f}–{last['bottom']:.0f}) does not show the footer's Next link whole " \
        f"({next_link['top']:.0f}–{next_link['bottom']:.0f})"


def check_screen_as_before(where: str, before: dict, after: dict, lines: list[dict] | None = None) -> None:
    """A projector screen that must look as it did (`where` says after what): `before` and `after`
    as {counter, shown (SHOWN), curtain (whether it is up)}; `lines` (LINES, after) to find any
    line the curtain cuts in half."""
    assert after["counter"] == before["counter"], f"{where}: the counter went from {before['counter']} to {after['counter']} by itself"
    assert after["curtain"], f"{where}: the curtain is missing: the line above the pager shows cut in half"
    was, now = before["shown"], after["shown"]
    assert all(abs(now[key] - was[key]) <= 2 for key in ("top", "bottom", "curtain")), \
        f"{where}: the screen shows page height {now['top']:.0f}–{now['bottom']:.0f}, not {was['top']:.0f}–{was['bottom']:.0f} as before"
    if lines is not None:
        assert not cut_lines(lines, now), f"{where}: lines cut in half at the bottom: {cut_lines(lines, now)}"


def check_page_down_goes_on(where: str, number: int, shown: dict, next_number: int, next_shown: dict) -> None:
    """Page Down from screen `number` (its SHOWN) shows the screen after it, from where it ends."""
    assert next_number == number + 1 and shown["top"] < next_shown["top"] <= shown["bottom"] + 1, \
        f"{where}: Page Down from screen {number} ({shown['top']:.0f}–{shown['bottom']:.0f}) shows screen {next_number} " \
        f"from page height {next_shown['top']:.0f}"
