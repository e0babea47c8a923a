/* Projector mode's screens (projector.js shows them): where each screen of the page starts and
 * where the curtain below its last whole line falls, in page coordinates.
 *
 * Each section (what comes before the first h2, then each h2 with what follows it) begins a new
 * screen. A section taller than the screen goes on over several, each ending above the first
 * piece that would not fit whole (a line of text, a picture, a form control, a table row, a
 * heading with the lines after it, the footer); the next one starts with that piece, so nothing
 * is skipped. A piece taller than most of a screen is cut between its lines, and a single line
 * taller than that, through.
 */
(() => {
  "use strict";

  function pageTop(element) {
    return element.getBoundingClientRect().top + window.scrollY;
  }

  /* Where each section starts: the page's top, then each h2 of the article (English fallback
     pages in Khmer are wrapped in <div lang="en">: one level down too). */
  function sectionStarts(article) {
    const headings = article.querySelectorAll(":scope > h2, :scope > div > h2");
    return [...headings].map((heading) => pageTop(heading) - gapAbove(heading));
  }

  function gapAbove(element) {
    return Math.min(parseFloat(getComputedStyle(element).marginTop) || 0, 24);
  }

  /* What a screen may not cut in half, as [top, bottom] on the page: each line of text; each
     picture, form control, table, table row and figure (a table taller than a screen is cut
     between its rows); a heading with the first lines after it; the footer.
     Lines are "small" pieces: when a big piece fills most of a screen, only they count. */
  function pieces(article, footer) {
    const lines = [];
    const blocks = [];
    const range = document.createRange();
    const add = (list, top, bottom) => {
      if (bottom > top) list.push([top + window.scrollY, bottom + window.scrollY]);
    };
    for (const part of [article, footer].filter(Boolean)) {
      const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.data.trim()) continue;
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) add(lines, rect.top, rect.bottom);
      }
      for (const element of part.querySelectorAll("img, svg, video, canvas, iframe, input, select, textarea, button, hr, table, tr, figure")) {
        const rect = element.getBoundingClientRect();
        add(blocks, rect.top, rect.bottom);
      }
    }
    for (const heading of article.querySelectorAll("h2, h3, h4, h5, h6")) {
      const next = heading.nextElementSibling;
      const box = heading.getBoundingClientRect();
      const lineHeight = parseFloat(getComputedStyle(heading).fontSize) * 2.5;
      const after = next ? Math.min(next.getBoundingClientRect().bottom, next.getBoundingClientRect().top + lineHeight) : box.bottom;
      add(blocks, box.top, Math.max(box.bottom, after));
    }
    if (footer) add(blocks, footer.getBoundingClientRect().top, footer.getBoundingClientRect().bottom);
    return { lines, all: lines.concat(blocks) };
  }

  /* Where a screen from `top` to `limit` ends: above the first piece that would not fit whole. */
  function cutAbove(top, limit, found) {
    let cut = limit;
    for (const [pieceTop, pieceBottom] of found) {
      if (pieceTop > top && pieceTop < cut && pieceBottom > limit) cut = pieceTop;
    }
    return cut;
  }

  /* The screens of one section from `start` to `end`. */
  function screensOf(start, end, height, found) {
    const screens = [];
    let top = start;
    while (top < end - 1) {
      const limit = top + height;
      if (limit >= end) {
        screens.push({ top, cut: end });
        break;
      }
      let cut = cutAbove(top, limit, found.all);
      if (cut - top < height / 4) cut = cutAbove(top, limit, found.lines);
      if (cut - top < height / 4) cut = limit;
      screens.push({ top, cut });
      top = cut;
    }
    return screens;
  }

  /* The screens of the page for a window strip `band` ({top, height}, in window pixels). */
  window.hbProjectorScreens = (band) => {
    const article = document.querySelector(".md-content article");
    const footer = document.querySelector(".md-footer");
    if (!article) return [{ top: 0, cut: document.documentElement.scrollHeight }];
    const { top: bandTop, height } = band;
    const end = footer ? pageTop(footer) + footer.offsetHeight : pageTop(article) + article.offsetHeight;
    const found = pieces(article, footer);
    const starts = [bandTop, ...sectionStarts(article)]
      .filter((start, index, all) => index === 0 || start > all[index - 1] + 1);
    const screens = [];
    starts.forEach((start, index) => {
      screens.push(...screensOf(start, index + 1 < starts.length ? starts[index + 1] : end, height, found));
    });
    return screens;
  };
})();
