"""The corrections made after the handbook was read against its sources, in both languages: each
test fails on the text as it was before (a missing CCC strategy, a wrong prison term, questions
read the wrong way round, contact details presented as checked, outdated password advice …)."""

from __future__ import annotations

import re

import pytest
import yaml

from pagetext import article_text, page_tree

ENGLISH_AND_KHMER = [pytest.param("", id="en"), pytest.param("km/", id="km")]


def text(built, page: str, section: str | None = None) -> str:
    return article_text(built.site_dir / page, section)


@pytest.mark.parametrize("prefix, strategy", [
    ("", "Formalize political engagement and active citizen journalism"),
    ("km/", "ធ្វើឱ្យការចូលរួមក្នុងនយោបាយ និងសកម្មភាពអ្នកសារព័ត៌មានពលរដ្ឋ មានលក្ខណៈជាផ្លូវការ"),
], ids=["en", "km"])
def test_the_ccc_organisational_strategy_on_political_engagement_is_listed(built, prefix, strategy):
    section = text(built, f"{prefix}risks-by-level.html", "organisation-mitigation")
    assert strategy in section, "CCC's strategy 'Formalization of political engagement and active citizen " \
                                "journalist' is missing from the mitigation strategies for organizations"
    assert "Formalization of political engagement and active citizen journalist" in section, \
        "the page does not quote CCC's own words for this strategy"


@pytest.mark.parametrize("prefix, five, ten", [
    ("", "up to five years, and up to ten years where an act is deemed to affect national security", "up to ten years."),
    ("km/", "រហូតដល់ប្រាំឆ្នាំ និងរហូតដល់ដប់ឆ្នាំ ប្រសិនបើទង្វើនោះត្រូវបានចាត់ទុកថាប៉ះពាល់ដល់សន្តិសុខជាតិ",
     "ដោយមានទោសដាក់ពន្ធនាគាររហូតដល់ដប់ឆ្នាំ"),
], ids=["en", "km"])
def test_the_emergency_law_prison_terms_are_five_years_and_ten_for_national_security(built, prefix, five, ten):
    section = text(built, f"{prefix}context.html", "year-2020")
    assert five in section, "the 2020 emergency law's prison terms are not given as the source gives them"
    assert ten not in section, "the page still says prison terms of up to ten years, without the five-year term"


@pytest.mark.parametrize("prefix, names, undated", [
    ("", ["Soeng Senkaruna", "NagaWorld", "Voice of Democracy", "Hun Manet", "Thai border", "gives no date"],
     "does not date"),
    ("km/", ["សឿង សែនករុណា", "NagaWorld", "វិទ្យុសំឡេងប្រជាធិបតេយ្យ", "ហ៊ុន ម៉ាណែត", "ព្រំដែនថៃ",
             "មិនបានដាក់កាលបរិច្ឆេទ"], "មិនបានដាក់កាលបរិច្ឆេទ"),
], ids=["en", "km"])
def test_context_includes_the_later_undated_civicus_item_marked_as_undated(built, prefix, names, undated):
    section = text(built, f"{prefix}context.html", "after-july-2023")
    missing = [name for name in names if name not in section]
    assert not missing, f"the undated CIVICUS item (after July 2023) lacks {missing}"
    warning = text(built, f"{prefix}context.html").split("\n")[0][:400]
    assert undated in warning, "the chapter's date warning does not mention the undated item"


@pytest.mark.parametrize("prefix, required, forbidden", [
    ("", ["As of 2019", "due in 2024", "Several SDG indicators", "September 2019", "42nd session", "In 2020",
          "45th session"], ["has now been reviewed three times", "Many SDG indicators"]),
    ("km/", ["គិតត្រឹមឆ្នាំ២០១៩", "ឆ្នាំ២០២៤", "សូចនាករ SDG មួយចំនួន", "ខែកញ្ញា ឆ្នាំ២០១៩", "លើកទី៤២", "ឆ្នាំ២០២០",
             "លើកទី៤៥"], ["សូចនាករ SDG ជាច្រើន"]),
], ids=["en", "km"])
def test_upr_chapter_dates_its_review_count_and_reprisal_facts(built, prefix, required, forbidden):
    page = text(built, f"{prefix}upr.html")
    assert not [w for w in required if w not in page], f"the UPR chapter lacks {[w for w in required if w not in page]}"
    assert not [w for w in forbidden if w in page], f"the UPR chapter still says {[w for w in forbidden if w in page]}"


# Questions that the sources put so that "yes" means danger, as the handbook used to word them.
DANGER_FIRST = {
    "en": ["do you have to go into or through dangerous areas", "Could someone steal", "Has anyone on the staff said",
           "Can members of the public come into the office", 'a clear "yes" may be a capacity.'],
    "km": ["តើអ្នកត្រូវចូលទៅក្នុង ឬឆ្លងកាត់តំបន់គ្រោះថ្នាក់ដែរឬទេ", "តើមាននរណាម្នាក់អាចលួចវាបានដែរឬទេ",
           "តើមានបុគ្គលិកណាម្នាក់បាននិយាយថា", "តើសាធារណជនអាចចូលក្នុងការិយាល័យបានដែរឬទេ"],
}


@pytest.mark.parametrize("language", ["en", "km"])
def test_security_check_questions_read_yes_as_the_safer_answer(built, language):
    prefix = "" if language == "en" else "km/"
    section = text(built, f"{prefix}examples.html", "security-check")
    worksheet = (built.site_dir / f"{prefix}examples.html").read_text(encoding="utf-8").replace("\u200b", "")
    worksheet = worksheet[worksheet.index('data-worksheet="security-check"'):][:60000]
    for wording in DANGER_FIRST[language]:
        assert wording not in section, f"the security check still asks «{wording}», where yes means danger"
        assert wording not in worksheet, f"the security-check worksheet still asks «{wording}»"
    safer = '"yes" is the safer answer' if language == "en" else "ឱ្យចម្លើយ «បាទ/ចាស» ជាចម្លើយដែលមានសុវត្ថិភាពជាង"
    assert safer in section, "the check does not tell the reader that yes is the safer answer"


def test_directory_details_say_they_are_as_published_until_someone_checks_them(built):
    directory = yaml.safe_load((built.docs_dir / "directory.yml").read_text(encoding="utf-8"))
    entries = [entry for group in directory["groups"] for entry in group["organisations"]]
    for prefix, published, checked in [("", "As published in the OHCHR guidelines (2018)", "Details checked on"),
                                       ("km/", "ដូចដែលបានបោះពុម្ពក្នុងគោលការណ៍ណែនាំរបស់ OHCHR (ឆ្នាំ២០១៨)",
                                        "ព័ត៌មានទាំងនេះត្រូវបានពិនិត្យនៅ")]:
        page = text(built, f"{prefix}directory.html")
        assert "last checked 2018" not in page and "ពិនិត្យចុងក្រោយ ២០១៨" not in page
        for entry in entries:
            section = text(built, f"{prefix}directory.html", entry["id"])
            expected = checked if entry["checked"] else published
            assert expected in section, f"{prefix}directory.html#{entry['id']} does not say «{expected}»"


@pytest.mark.parametrize("prefix, words", [
    ("", ["not a grant for individuals"]), ("km/", ["មិនមែនជាទុនជំនួយសម្រាប់បុគ្គលទេ"])], ids=["en", "km"])
def test_protection_internationals_fund_is_not_offered_to_individuals(built, prefix, words):
    when = text(built, f"{prefix}directory.html", "when-to-contact")
    money = next(line for line in re.split(r"(?<=[.។])\s", when) if "ProtectDefenders.eu" in line and
                 ("money" in line or "ថវិកា" in line or "emergency grants" in line or "ទុនជំនួយបន្ទាន់" in line))
    assert "Protection International" not in money, "Protection International is listed as money for individuals"
    entry = text(built, f"{prefix}directory.html", "protection-international")
    assert all(word in entry for word in words), "the directory entry does not say the fund is not for individuals"


def test_every_phone_link_dials_with_the_country_code(built):
    for page in sorted(built.site_dir.rglob("*.html")):
        local = page_tree(page).xpath('//@href[starts-with(., "tel:") and not(starts-with(., "tel:+"))]')
        assert not local, f"{page.relative_to(built.site_dir)}: {local} cannot be dialled from abroad (no +country code)"
    assert "tel:+85517505050" in page_tree(built.site_dir / "directory.html").xpath("//a/@href")


@pytest.mark.parametrize("prefix, memorise, safe_to_see", [
    ("", "two numbers I know by heart", "only what is safe for whoever searches me to see"),
    ("km/", "លេខទូរស័ព្ទយ៉ាងហោចណាស់ពីរ ដែលខ្ញុំទន្ទេញចាំ", "មានតែអ្វីដែលគ្មានគ្រោះថ្នាក់"),
], ids=["en", "km"])
def test_trip_card_says_memorise_two_numbers_and_carry_only_what_can_be_seen(built, prefix, memorise, safe_to_see):
    carry = text(built, f"{prefix}cards/trip.html", "carry")
    assert memorise in carry and safe_to_see in carry, "the trip card still tells people to carry their contacts on paper"
    assert "on paper too" not in carry and "ដែលសរសេរលើក្រដាសផងដែរ" not in carry


@pytest.mark.parametrize("prefix, words", [
    ("", ["Learn at least two of the numbers by heart", "safe for whoever searches you to see"]),
    ("km/", ["ទន្ទេញ", "គ្មានគ្រោះថ្នាក់"]),
], ids=["en", "km"])
def test_emergency_contacts_worksheet_says_memorise_and_carry_only_what_is_safe(built, prefix, words):
    html = (built.site_dir / f"{prefix}directory.html").read_text(encoding="utf-8").replace("\u200b", "")
    form = html[html.index('data-worksheet="emergency-contacts"'):]
    intro = form[form.index('class="hb-ws__intro"'):][:1500]
    assert all(word in intro for word in words), "the emergency-contacts worksheet does not say to memorise numbers"


@pytest.mark.parametrize("prefix, required, forbidden", [
    ("", ["passphrase", "password manager", "two-step verification", "when there is a reason"], ["Change them often"]),
    ("km/", ["ឃ្លាសម្ងាត់", "password manager", "ការផ្ទៀងផ្ទាត់ពីរជំហាន", "នៅពេលមានមូលហេតុ"],
     ["ប្តូរពាក្យសម្ងាត់ជាញឹកញាប់"]),
], ids=["en", "km"])
def test_digital_card_gives_current_password_advice(built, prefix, required, forbidden):
    passwords = text(built, f"{prefix}cards/digital.html", "passwords")
    assert not [w for w in required if w not in passwords], "the digital card lacks long passphrases, a password " \
                                                           "manager or two-step verification"
    assert not [w for w in forbidden if w in passwords], "the digital card still says to change passwords often"


@pytest.mark.parametrize("prefix, words", [
    ("", ["One correction", "Constitutional Council", "Article 32", "Article 38"]),
    ("km/", ["ការកែតម្រូវមួយ", "ក្រុមប្រឹក្សាធម្មនុញ្ញ", "មាត្រា ៣២", "មាត្រា ៣៨"]),
], ids=["en", "km"])
def test_about_says_what_was_corrected_in_the_constitution_quotations_and_why(built, prefix, words):
    written = text(built, f"{prefix}about.html", "how-it-is-written")
    assert all(word in written for word in words), "About does not explain the Article 32/38 correction"


QUOTED = frozenset({"em", "cite", "blockquote", "code", "pre"})
# Spellings the handbook does not use (README, "Style for writers": Oxford spelling, as the UN).
OTHER_SPELLINGS = re.compile(r"\b(?:organis(?:e|ed|es|ing|ation|ations|ational|er|ers)|recognis(?:e|ed|es|ing)|"
                             r"prioritis(?:e|ed|es|ing)|mobilis(?:e|ed|ing|ation)|criminalis(?:e|ed|ation)|programs?)\b",
                             re.IGNORECASE)


def test_english_pages_spell_words_one_way(built):
    """Titles of publications (in italics) and quotations keep the spelling they were published with."""
    found = {}
    for page in sorted(built.site_dir.glob("**/*.html")):
        relative = page.relative_to(built.site_dir).as_posix()
        if relative.startswith(("km/", "assets/", "search/")) or page.name == "404.html":
            continue
        prose = article_text(page, skip=QUOTED)
        if words := sorted(set(OTHER_SPELLINGS.findall(prose))):
            found[relative] = words
    assert not found, f"English pages mix spellings (the README's style note says -ize, programme): {found}"
