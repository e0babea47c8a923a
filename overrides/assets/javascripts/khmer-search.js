/* Khmer search: splits what the reader types into the words of the Khmer search index before
   Material's search worker sees it.

   Khmer is written without spaces. At build time hooks/khmer.py puts U+200B between words and
   the search index splits on it, so the index holds words such as សិទ្ធិ and មនុស្ស. Material 9.8
   matches only the start of an indexed word and segments queries for Chinese only, so a reader
   who types សិទ្ធិមនុស្ស (or a whole phrase without spaces) would find nothing. This module cuts
   each Khmer run of the query into the longest words of the index's own vocabulary, left to right
   (what Material does for Chinese), so the worker searches for សិទ្ធិ មនុស្ស.

   How it hooks in: Material 9.8 reads the search box on keyup and posts {type: 2 (QUERY), data:
   text} to its search worker (a Worker, or on file:// the vendored iframe-worker shim). We wrap
   that class's postMessage and rewrite only QUERY messages; the search box keeps what the reader
   typed. The vocabulary comes from the index in Material's SETUP message to the same worker (the
   index is loaded once, when search opens: search-index.js). Only on pages whose <html lang> is
   the language the build splits into words (extra.khmer.language, in a <meta> by main.html).

   Material reads the box only on keyup. Khmer keyboards on phones and input methods, and pasting
   with the mouse, change the text with no key events, so the box also reports each input event
   to Material as a keyup. */
(() => {
  "use strict";

  const LANGUAGE = document.querySelector('meta[name="hb-search-segmented-language"]')?.content;
  const SETUP = 0; // Material 9.8: SearchMessageType.SETUP, data: the search index
  const QUERY = 2; // Material 9.8: SearchMessageType.QUERY
  const KHMER_RUN = /[\u1780-\u17ff\u19e0-\u19ff]+/g;
  // Vowel signs, signs and marks that continue the cluster before them; after a coeng (U+17D2)
  // the next consonant belongs to the same cluster too. A word never starts there.
  const CONTINUES_CLUSTER = /[\u17b4-\u17d3\u17dd]/;
  const COENG = "\u17d2";

  const root = document.querySelector(".md-search");
  if (!LANGUAGE || document.documentElement.lang !== LANGUAGE || !root || !window.Worker) return;

  const state = {
    vocabulary: null, // Set of the index's Khmer words
    longest: 0, // length of the longest word
  };
  const post = window.Worker.prototype.postMessage;

  window.Worker.prototype.postMessage = function postSegmentedQuery(message, ...rest) {
    if (message && message.type === SETUP && message.data && Array.isArray(message.data.docs)) {
      learnVocabulary(message.data);
    } else if (message && message.type === QUERY && typeof message.data === "string") {
      message = { ...message, data: segmentQuery(message.data) };
    }
    return post.call(this, message, ...rest);
  };

  root.addEventListener("input", (event) => {
    if (event.target.matches("input.md-search__input") && !event.isComposing) {
      event.target.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  });

  /* The query with a space between the index words of every Khmer run. The words of one run
     typed together are all required (lunr's +): a page must hold each of them, as it would hold
     the compound or the phrase typed. Otherwise one short word of it, matched as the start of a
     longer one (ឃ្លា of ឃ្លាសម្ងាត់, "passphrase", in ឃ្លាំមើល, "to watch"), is enough. */
  function segmentQuery(query) {
    if (!state.vocabulary) return query;
    return query.replace(KHMER_RUN, (run, at) => {
      const found = words(run);
      const marked = found.length > 1 && !/[+-]$/.test(query.slice(0, at));
      return (marked ? found.map((word) => `+${word}`) : found).join(" ");
    });
  }

  /* Longest match against the vocabulary, left to right. Letters that start no known word are
     kept together as one piece (often the start of a word still being typed, which Material
     matches as a prefix). */
  function words(run) {
    const found = [];
    let unknown = "";
    let start = 0;
    while (start < run.length) {
      const end = startsCluster(run, start) ? longestWordAt(run, start) : 0;
      if (end) {
        if (unknown) found.push(unknown);
        unknown = "";
        found.push(run.slice(start, end));
        start = end;
      } else {
        unknown += run[start];
        start += 1;
      }
    }
    if (unknown) found.push(unknown);
    return found;
  }

  function longestWordAt(run, start) {
    for (let end = Math.min(run.length, start + state.longest); end > start; end -= 1) {
      if (state.vocabulary.has(run.slice(start, end)) && (end === run.length || startsCluster(run, end))) {
        return end;
      }
    }
    return 0;
  }

  function startsCluster(run, position) {
    return !CONTINUES_CLUSTER.test(run[position]) && run[position - 1] !== COENG;
  }

  /* Keeps the Khmer words of the index, split the way the index splits them. */
  function learnVocabulary(index) {
    const separator = new RegExp(index.config.separator, "g");
    const vocabulary = new Set();
    for (const doc of index.docs) {
      const text = `${doc.title} ${doc.text}`.replace(/<[^>]*>/g, " ").toLowerCase();
      for (const term of text.split(separator)) {
        for (const run of term.match(KHMER_RUN) || []) vocabulary.add(run);
      }
    }
    state.vocabulary = vocabulary;
    state.longest = Math.max(0, ...[...vocabulary].map((word) => word.length));
  }
})();
