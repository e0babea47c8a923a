"""The glossary terms of a block (docs/glossary.yml): where they are in the English and the Khmer
text, so the review view can highlight them, and which English terms lack their Khmer rendering."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from handbook import yamldata

NOUN = "ការ"


@dataclass(frozen=True)
class Term:
    id: str
    english: str
    khmer: str
    forms: tuple[str, ...]
    check: str  # why a reviewer should look twice ("" for settled terms)
    not_in: tuple[str, ...]


@dataclass(frozen=True)
class Piece:
    """A stretch of a block's text, and the glossary term it is (None for plain text)."""

    text: str
    term: Term | None = None


def load_terms(docs_dir: Path) -> list[Term]:
    data = yamldata.read(docs_dir / "glossary.yml").data
    return [Term(item["id"], item["en"], item["km"], tuple(item["en_forms"]), " ".join(str(item.get("check", "")).split()),
                 tuple(item.get("not_in", []))) for item in data["terms"]]


def english_pattern(term: Term) -> re.Pattern:
    forms = sorted(term.forms, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(form) for form in forms) + r")(?![\w-])",
                      0 if all(form.isupper() for form in forms) else re.IGNORECASE)


def khmer_pattern(term: Term) -> re.Pattern:
    """The Khmer rendering, and for a noun made with ការ ("the act of") the verb without it:
    ការចាប់ខ្លួន (arrest) is also ចាប់ខ្លួន (to arrest)."""
    forms = [term.khmer] + ([term.khmer[len(NOUN):]] if term.khmer.startswith(NOUN) else [])
    return re.compile("|".join(re.escape(form) for form in forms))


def mark(text: str, terms: list[Term], *, khmer: bool) -> tuple[list[Piece], list[Term]]:
    """The text cut into pieces at each glossary term (longest first, no overlaps), and the terms
    found. English terms are matched by their forms, Khmer ones by their one rendering."""
    spans: list[tuple[int, int, Term]] = []
    for term in terms:
        if khmer:
            matches = [(m.start(), m.end()) for m in khmer_pattern(term).finditer(text)]
        else:
            excluded = [(m.start(), m.end()) for other in term.not_in
                        for m in re.finditer(re.escape(other), text, re.IGNORECASE)]
            matches = [(m.start(), m.end()) for m in english_pattern(term).finditer(text)
                       if not any(start <= m.start() < end for start, end in excluded)]
        spans.extend((start, end, term) for start, end in matches)
    chosen: list[tuple[int, int, Term]] = []
    for start, end, term in sorted(spans, key=lambda span: (-(span[1] - span[0]), span[0])):
        if all(end <= other_start or start >= other_end for other_start, other_end, _ in chosen):
            chosen.append((start, end, term))
    pieces, position = [], 0
    for start, end, term in sorted(chosen, key=lambda span: span[0]):
        if start > position:
            pieces.append(Piece(text[position:start]))
        pieces.append(Piece(text[start:end], term))
        position = end
    if position < len(text):
        pieces.append(Piece(text[position:]))
    found = list(dict.fromkeys(term for _, _, term in sorted(chosen, key=lambda span: span[0])))
    return pieces, found


def missing_in_khmer(english_terms: list[Term], khmer_text: str) -> list[Term]:
    """English terms whose Khmer rendering the Khmer block does not contain (an English form kept
    in the Khmer text, such as a title, counts as kept)."""
    return [term for term in english_terms
            if not khmer_pattern(term).search(khmer_text) and not english_pattern(term).search(khmer_text)]
