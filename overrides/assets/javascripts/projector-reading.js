/* Projector mode's reading point (projector.js keeps it): the text at the top of the screen
 * shown, found again wherever it moves when the page reflows (fonts arriving, a window resized,
 * a worksheet row added), so that the screen that follows holds the same text.
 */
(() => {
  "use strict";

  /* The text at the top of what is shown from page y `top` to `bottom`, to find again when the
     page reflows: a Range on the first letter of the first line of text there follows that text
     wherever it moves. null when no text starts there (a picture fills it). The point is taken
     from a line of text, never from an empty spot of the page: a caret there lands between two
     elements, whose box begins screens higher up. */
  function at(top, bottom) {
    const article = document.querySelector(".md-content article");
    if (!article) return null;
    // Parts of the page that end above `top` are passed over whole.
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.nodeType === Node.ELEMENT_NODE && node.getBoundingClientRect().bottom + window.scrollY < top
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType !== Node.TEXT_NODE || !node.data.trim()) continue;
      range.selectNodeContents(node);
      const lines = [...range.getClientRects()];
      const line = lines.find((rect) => rect.height > 0 && rect.top + window.scrollY >= top - 2);
      if (!line) continue;
      if (line.top + window.scrollY >= bottom) return null;
      const offset = line === lines[0] ? node.data.search(/\S/) : caretOffset(node, line.left + 1, line.top + line.height / 2);
      if (offset === null) return null;
      range.setStart(node, offset);
      range.setEnd(node, Math.min(offset + 1, node.length));
      // A letter the browser cannot place on its line is passed over: Firefox gives a letter of
      // an SVG <text> (the risk matrix's labels) an empty box at the drawing's corner, which
      // would send the projector back a screen at the next reflow.
      const placed = range.getClientRects()[0];
      if (placed && placed.height > 0 && Math.abs(placed.top - line.top) < line.height) return range;
    }
    return null;
  }

  /* The letter of the text `node` at window point (x, y), or null when the point is not on it. */
  function caretOffset(node, x, y) {
    if (document.caretPositionFromPoint) {
      const position = document.caretPositionFromPoint(x, y);
      return position && position.offsetNode === node ? position.offset : null;
    }
    const range = document.caretRangeFromPoint?.(x, y);
    return range && range.startContainer === node ? range.startOffset : null;
  }

  /* Where a reading point is now, in page coordinates; null when its text has gone. */
  function top(range) {
    const rect = range && range.getClientRects()[0];
    return rect ? rect.top + window.scrollY : null;
  }

  window.hbProjectorReading = { at, top };
})();
