/* Passphrases: the rules a new passphrase must pass, its strength as the user types, and
 * "Suggest a passphrase". Anyone holding the browser's files can try passphrases offline, about
 * 15,000 a second on one current GPU at 600,000 PBKDF2 iterations; so:
 * - all digits (in any script) are refused: 8 digits fall in about two hours;
 * - the 1,000 most common passwords (@zxcvbn-ts/language-common) are refused;
 * - the estimator zxcvbn-ts (vendor/zxcvbn-ts-core.min.js) must put the passphrase at 10^12
 *   guesses or more (a year or more for one GPU), counting the word lists below as dictionaries.
 * Suggestions draw words with crypto.getRandomValues from the page language's list (English:
 * 2,048 words of EFF's list; Khmer: words of the handbook's own Khmer text, hooks/worksheets.py):
 * enough words for at least 50 bits (5 words of 2,048 give 55).
 * Sets window.hbWorksheets.passphrase in the page, module.exports in Node (tests/js). */
((root) => {
  "use strict";

  const MIN_LENGTH = 8;
  const MIN_GUESSES_LOG10 = 12;
  const MIN_BITS = 50;
  const DIGITS = /^[\s0-9០-៩]+$/u;
  const { Guesses } = root.zxcvbnts || require("./vendor/zxcvbn-ts-core.min.js");
  const estimators = new Map();

  function estimator(lists) {
    const key = lists.words.length + ":" + lists.common.length;
    if (!estimators.has(key)) {
      estimators.set(key, new Guesses({ dictionary: { common: lists.common, words: lists.words } }));
    }
    return estimators.get(key);
  }

  const normalised = (text) => text.toLowerCase().replace(/\s+/g, "");

  /* {ok, reason, level (0–4), guessesLog10}; reason: short, digits, common, weak or null. */
  function judge(passphrase, lists) {
    const text = String(passphrase || "");
    if (text.length < MIN_LENGTH) return { ok: false, reason: "short", level: 0, guessesLog10: 0 };
    if (DIGITS.test(text)) return { ok: false, reason: "digits", level: 0, guessesLog10: 0 };
    if (new Set(lists.common).has(normalised(text))) return { ok: false, reason: "common", level: 0, guessesLog10: 0 };
    const guessesLog10 = estimator(lists).log10(text.slice(0, 100));
    const level = guessesLog10 < 8 ? 0 : guessesLog10 < MIN_GUESSES_LOG10 ? 1 : guessesLog10 < 14 ? 2 : guessesLog10 < 16 ? 3 : 4;
    return { ok: guessesLog10 >= MIN_GUESSES_LOG10, reason: guessesLog10 >= MIN_GUESSES_LOG10 ? null : "weak", level, guessesLog10 };
  }

  /* A uniformly random index below `size` (rejection sampling: no bias towards the first words). */
  function randomIndex(size) {
    const limit = Math.floor(0x100000000 / size) * size;
    const buffer = new Uint32Array(1);
    do crypto.getRandomValues(buffer); while (buffer[0] >= limit);
    return buffer[0] % size;
  }

  const wordsNeeded = (size) => Math.max(4, Math.ceil(MIN_BITS / Math.log2(size)));

  function suggest(words) {
    const count = wordsNeeded(words.length);
    return Array.from({ length: count }, () => words[randomIndex(words.length)]).join(" ");
  }

  const api = { MIN_LENGTH, MIN_GUESSES_LOG10, MIN_BITS, judge, suggest, wordsNeeded, randomIndex };
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.hbWorksheets = root.hbWorksheets || {}).passphrase = api;
})(typeof window === "object" ? window : globalThis);
