"""The Khmer edition names things the way a Cambodian reader and lawyer would: legal quotations
from the official Khmer text where one could be verified (and marked unofficial where not),
Cambodian institutions in Khmer first, one term for police custody, criminalization, code words,
passwords and passphrases, and the annex's reference numbers in Khmer script."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from handbook.settings import ROOT
from pagetext import article_text

ZWSP = "\u200b"
UDHR_KHMER = Path(__file__).parent / "data" / "udhr" / "khm.html"
OHCHR_TRANSLATION = "ការបកប្រែជាភាសាខ្មែររបស់ OHCHR"
UNOFFICIAL = "ការបកប្រែក្រៅផ្លូវការ"


def normalize(text: str) -> str:
    """Compared as read: no U+200B, one space for any run of spaces, ្ដ and ្ត (both written for
    the same subscript) as one."""
    return " ".join(text.replace(ZWSP, "").replace("\u17d2\u178a", "\u17d2\u178f").split())


class Blocks(HTMLParser):
    """The text of each element of one tag (blockquote, article …), in order."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tag, self.depth, self.blocks = tag, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == self.tag:
            self.depth += 1
            if self.depth == 1:
                self.blocks.append("")
        elif self.depth and tag in {"p", "br", "li"}:
            self.blocks[-1] += "\n"

    def handle_endtag(self, tag):
        if tag == self.tag:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.blocks[-1] += data


def blocks(html: str, tag: str) -> list[str]:
    parser = Blocks(tag)
    parser.feed(html)
    return parser.blocks


def udhr_articles() -> dict[str, str]:
    """OHCHR's Khmer UDHR (tests/data/udhr): article number in Khmer digits → its text."""
    articles = {}
    for article in blocks(UDHR_KHMER.read_text(encoding="utf-8"), "article"):
        lines = [line.strip() for line in article.splitlines() if line.strip()]
        number = re.sub(r"\D", "", lines[0].replace("មាត្រា", "").translate(str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")))
        articles[number] = normalize(" ".join(lines[1:]))
    return articles


def legal_quotations(built) -> list[tuple[str, str, str]]:
    """(page, quotation, the citation line under it with its mark) for every quotation on the
    Khmer pages. Quotations in a row share one <blockquote>; each ends with its citation line,
    "— មាត្រា … (ការបកប្រែក្រៅផ្លូវការ)"."""
    found = []
    for page in sorted((built.site_dir / "km").rglob("*.html")):
        for quote in blocks(page.read_text(encoding="utf-8"), "blockquote"):
            words: list[str] = []
            for line in (normalize(line) for line in quote.splitlines() if line.strip()):
                if line.startswith("—"):
                    found.append((page.relative_to(built.site_dir).as_posix(), " ".join(words), line))
                    words = []
                else:
                    words.append(line)
    return found


def test_udhr_quotations_are_ohchrs_khmer_text_word_for_word(built):
    articles = udhr_articles()
    assert "9" in articles and "ចាប់ខ្លួន" in articles["9"], "could not read OHCHR's Khmer UDHR"
    checked = 0
    for page, words, whole in legal_quotations(built):
        if "សេចក្តីប្រកាសជាសកលស្តីពីសិទ្ធិមនុស្ស" not in whole:
            continue
        number = re.search(r"មាត្រា ([០-៩]+)", whole).group(1).translate(str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789"))
        assert OHCHR_TRANSLATION in whole, f"{page}: UDHR article {number} is not marked as OHCHR's Khmer translation"
        for part in re.split(r"\s*\[\.\.\.\]\s*", words.strip("«»")):
            assert part.strip("«» ") in articles[number], \
                f"{page}: UDHR article {number} is not OHCHR's Khmer text: «{part}»"
        checked += 1
    assert checked >= 5, f"only {checked} UDHR quotations found on the Khmer pages"


def test_other_legal_quotations_are_marked_unofficial_and_listed_for_the_legal_reviewer(built):
    reviewers = (ROOT / "docs" / "REVIEWERS.md").read_text(encoding="utf-8")
    for page, words, whole in legal_quotations(built):
        if "មាត្រា" not in whole or "សេចក្តីប្រកាសជាសកលស្តីពីសិទ្ធិមនុស្ស" in whole:
            continue
        assert UNOFFICIAL in whole, f"{page}: «{words[:60]}…» is our own translation but not marked unofficial"
        article = re.search(r"មាត្រា ([០-៩]+)", whole).group(1)
        number = article.translate(str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789"))
        assert re.search(rf"\b{number}\b", reviewers), \
            f"{page}: article {article} is not listed for the legal reviewer in docs/REVIEWERS.md"


# An English name followed by a Khmer one in brackets: the Khmer should come first.
ENGLISH_FIRST = re.compile(r"[A-Z][A-Za-z.'’&-]+(?: (?:[A-Z][A-Za-z.'’&-]*|of|the|for|and|on|in|to)){1,} \((?!ទំព័រ|ឆ្នាំ|ទីក្រុង|រាជធានី)[\u1780-\u17ff]")


def test_institutions_and_laws_are_named_in_khmer_first(built):
    found = {}
    for page in sorted((built.site_dir / "km").rglob("*.html")):
        text = article_text(page)
        if names := ENGLISH_FIRST.findall(text):
            found[page.relative_to(built.site_dir).as_posix()] = names
    assert not found, f"English names before their Khmer name: {found}"
    context = article_text(built.site_dir / "km" / "context.html")
    for name in ("គណបក្សសង្គ្រោះជាតិ (Cambodia National Rescue Party, CNRP)",
                 "គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត (National Election Committee)", "គណបក្សភ្លើងទៀន (Candlelight Party)"):
        assert name in context, f"context.html does not name «{name}» Khmer first"


def test_the_annex_writes_its_reference_numbers_in_khmer_script(built):
    annex = article_text(built.site_dir / "km" / "annex-notification.html", "text")
    assert "២០០៦ ស.ជ.ណ" in annex and "០៤០ ស.ណ.ន" in annex, "the notification's numbers are not in Khmer script"
    assert "Sar.Cho.Nor" not in annex and "Sar.Nor.No" not in annex


@pytest.mark.parametrize("page", ["cards/arrest.html", "six-steps/threats.html"])
def test_police_custody_is_one_term_in_the_time_limits(built, page):
    rows = article_text(built.site_dir / "km" / page, "time-limits")
    custody = yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    term = next(t["km"] for t in custody if t["id"] == "police-custody")
    for hours in ("២៤ ម៉ោង", "២ ថ្ងៃ"):
        row = next(line for line in re.split(r"(?=ក្រោយ )", rows) if hours in line)
        assert term in row and "ឃុំខ្លួន" not in row.split("|")[0], f"{page}: the {hours} row is not «{term}»: {row!r}"


def test_criminalization_code_words_passwords_and_passphrases_have_one_term_each(built):
    glossary = {t["id"]: t["km"] for t in yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text(encoding="utf-8"))["terms"]}
    legal = article_text(built.site_dir / "km" / "legal-framework.html", "criminalization")
    assert legal.startswith(glossary["criminalization"]), "the criminalization heading does not use the glossary's term"
    assert "ចាត់ទុកដូចជាឧក្រិដ្ឋជន" not in article_text(built.site_dir / "km" / "legal-framework.html")
    surveillance = article_text(built.site_dir / "km" / "cards" / "surveillance.html", "plan-ahead")
    assert glossary["code-word"] in surveillance and "ពាក្យសម្ងាត់ និងឃ្លាសម្ងាត់" not in surveillance, \
        "code words are still called passwords on the surveillance card"
    digital = article_text(built.site_dir / "km" / "cards" / "digital.html")
    assert "ប្រើលេខកូដ" not in digital, "'use a code' is still rendered as a number code (PIN)"
    assert "លេខទូរស័ព្ទសង្គ្រោះបន្ទាន់" not in digital, "'emergency numbers' is still rendered as an emergency hotline"
    strings = yaml.safe_load((ROOT / "docs" / "interface.yml").read_text(encoding="utf-8"))["km"]
    english = yaml.safe_load((ROOT / "docs" / "interface.yml").read_text(encoding="utf-8"))["en"]
    passphrase = {key: value for key, value in strings.items()
                  if key.startswith("ws_") and "passphrase" in str(english.get(key, "")).lower()}
    assert passphrase and all(glossary["passphrase"] in value for value in passphrase.values()), \
        f"worksheet strings about the passphrase do not say {glossary['passphrase']}"
    assert not [key for key, value in strings.items() if key.startswith("ws_") and glossary["password"] in str(value)], \
        "a worksheet string calls the passphrase a password"
