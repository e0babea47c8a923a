/* Search forgives a typo: a word of five letters or more that the reader misspells
 * ("surveilance") still finds the pages with the word ("surveillance"), after the pages with the
 * word exactly as typed.
 *
 * How: Material 9.8 posts the text of the search box to its search worker ({type: 2 (QUERY),
 * data: text}), which runs lunr. Material turns each word into a prefix search (word*). Here each
 * plain Latin word of five letters or more is sent twice: as that prefix search boosted ten times
 * (word*^10), and as lunr's fuzzy search (word~1, word~2 from eight letters: one or two letters
 * missing, extra, wrong or swapped). A page with the word as typed scores on both and comes
 * first. Queries written in lunr's own syntax (quotes, + - ~ ^ * :) are left as they are, and so
 * is Khmer (khmer-search.js splits it into words; it wraps this script's postMessage).
 *
 * Material lists under a result the query words it did not find ("Missing: surveilance"); a
 * word found under a near spelling (one of the result's highlighted words) is not missing, so it
 * comes off that list.
 */
(() => {
  "use strict";

  const QUERY = 2; // Material 9.8: SearchMessageType.QUERY
  const FORGIVEN = /^[a-z]{5,}$/i;
  const LUNR_SYNTAX = /["+\-~^*:]/;
  const EXACT_BOOST = 10;
  const results = document.querySelector(".md-search-result__list");
  if (!window.Worker || !results) return;

  const forgiven = new Map(); // word of the last query → edits allowed

  function edits(word) {
    return word.length >= 8 ? 2 : 1;
  }

  function forgiving(query) {
    forgiven.clear();
    if (LUNR_SYNTAX.test(query)) return query;
    return query.split(/\s+/).filter(Boolean).map((word) => {
      if (!FORGIVEN.test(word)) return word;
      const lower = word.toLowerCase();
      forgiven.set(lower, edits(lower));
      return `${lower}*^${EXACT_BOOST} ${lower}~${edits(lower)}`;
    }).join(" ");
  }

  const post = window.Worker.prototype.postMessage;
  window.Worker.prototype.postMessage = function postForgivingQuery(message, ...rest) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      message = { ...message, data: forgiving(message.data) };
    }
    return post.call(this, message, ...rest);
  };

  /* Optimal string alignment distance (a swap of two neighbouring letters is one edit), as
     lunr's fuzzy search counts; gives up beyond `most`. */
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    const rows = [...Array(a.length + 1)].map((_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j += 1) rows[0][j] = j;
    for (let i = 1; i <= a.length; i += 1) {
      for (let j = 1; j <= b.length; j += 1) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
        }
      }
    }
    return rows[a.length][b.length];
  }

  /* A result's "missing" words that it holds under a near spelling come off its list. */
  function notMissing(item) {
    const found = [...item.querySelectorAll("mark")].map((mark) => mark.textContent.toLowerCase());
    for (const missing of item.querySelectorAll(".md-search-result__terms del")) {
      const word = missing.textContent.toLowerCase();
      if (forgiven.has(word) && found.some((mark) => distance(word, mark, forgiven.get(word)) <= forgiven.get(word))) {
        missing.remove();
      }
    }
    for (const terms of item.querySelectorAll(".md-search-result__terms")) {
      if (!terms.querySelector("del")) terms.remove();
    }
  }

  new MutationObserver((changes) => {
    if (!forgiven.size) return;
    for (const change of changes) {
      for (const node of change.addedNodes) if (node instanceof Element) notMissing(node);
    }
  }).observe(results, { childList: true, subtree: true });
})();
