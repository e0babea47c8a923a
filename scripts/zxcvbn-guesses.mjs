// The part of @zxcvbn-ts/core that worksheet-passphrase.js uses, bundled by
// scripts/vendor-passphrase.js: how many guesses a passphrase takes (the library's options, matchers
// and scoring, as its ZxcvbnFactory.check() runs them), without the feedback texts and crack-time
// estimates that check() also builds and the handbook never shows.
import Options from "@zxcvbn-ts/core/dist/Options.mjs";
import Matching from "@zxcvbn-ts/core/dist/Matching.mjs";
import Scoring from "@zxcvbn-ts/core/dist/scoring/index.mjs";

export class Guesses {
  constructor(options) {
    this.options = new Options(options);
    this.matching = new Matching(this.options);
    this.scoring = new Scoring(this.options);
  }

  /* log10 of the guesses `password` takes (ZxcvbnFactory.check(password).guessesLog10). */
  log10(password) {
    const text = password.substring(0, this.options.maxLength);
    const matches = this.matching.match(text, this.options.getUserInputsOptions());
    return this.scoring.mostGuessableMatchSequence(text, matches).guessesLog10;
  }
}
