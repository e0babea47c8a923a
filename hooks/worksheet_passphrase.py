"""Word lists for "Suggest a passphrase" and the common passwords a passphrase may not be (not a
hook itself; used by hooks/worksheets.py, made once per build).

- English: 2,048 short words of EFF's long word list, and the 1,000 most common passwords of
  @zxcvbn-ts/language-common (hooks/data/, written by scripts/vendor-passphrase.js).
- Khmer: words of the handbook's own Khmer text, as hooks/khmer.py segments it: the 1,024 most
  frequent of two to eight letters, without digits or punctuation and without the glossary's
  terms (a written-down passphrase should not read like a note about security work).
Five words of 1,024 give 50 bits, of 2,048 give 55 (worksheet-passphrase.js picks the count).
"""

from __future__ import annotations

import collections
import itertools
import re
from pathlib import Path

import khmer_text  # the segmenter hooks/khmer.py uses, with its warm word cache
from handbook import yamldata
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


DATA = Path(__file__).parent / "data"
KHMER_WORDS = 1024
KHMER_LENGTH = (2, 8)
NOT_A_WORD = re.compile(r"[\u17d4-\u17dc\u17e0-\u17e9\u17f0-\u17f9]")  # Khmer punctuation and digits


def common_passwords() -> list[str]:
    return (DATA / "common-passwords.txt").read_text(encoding="utf-8").split()


def words(config: MkDocsConfig, language: str) -> list[str]:
    """The suggestion words of a language (made once per build: the Khmer ones from its pages)."""
    return yamldata.for_build(config).get(("passphrase words", language), lambda: _words(config, language))


def _words(config: MkDocsConfig, language: str) -> list[str]:
    english = DATA / "passphrase-words-en.txt"
    if language == "en":
        return english.read_text(encoding="utf-8").split()
    if language != "km":
        raise PluginError(f"hooks/worksheet_passphrase.py: no passphrase word list for '{language}'.")
    docs = Path(config.docs_dir)
    glossary = yamldata.load(config, docs / "glossary.yml").data
    avoid = {word for term in glossary["terms"] for run in khmer_text.KHMER_RUN.findall(term["km"]) for word in khmer_text.words(run)}
    runs = [run for page in sorted((docs / language).rglob("*.md"))
            for run in khmer_text.KHMER_RUN.findall(page.read_text(encoding="utf-8"))]
    count = collections.Counter(itertools.chain.from_iterable(map(khmer_text.words, runs)))
    low, high = KHMER_LENGTH
    candidates = sorted((word for word in count if low <= len(word) <= high and not NOT_A_WORD.search(word) and word not in avoid),
                        key=lambda word: (-count[word], word))
    if len(candidates) < KHMER_WORDS:
        raise PluginError(f"hooks/worksheet_passphrase.py: only {len(candidates)} Khmer words for passphrase suggestions "
                          f"(need {KHMER_WORDS}).")
    return sorted(candidates[:KHMER_WORDS])
