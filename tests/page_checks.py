"""Checks run inside a page open in the browser, shared by the test modules: axe-core's
accessibility problems (npm package, used by the tests only) and Khmer text drawn smaller than
SMALLEST."""

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
