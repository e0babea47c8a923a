"""Unit tests of hooks/khmer_text.py, which puts U+200B between Khmer words: only prose text
changes; the document a browser reads is otherwise the same (written back by lxml, so not byte
for byte: references come out as the characters they name)."""

from __future__ import annotations

import sys

import lxml.html
import pytest
from handbook import settings

sys.path.insert(0, str(settings.ROOT / "hooks"))
from khmer_text import ZWSP, segment_document, segment_html  # noqa: E402

WORDS = "សិទ្ធិមនុស្ស"  # two words: សិទ្ធិ មនុស្ស
SPLIT = f"សិទ្ធិ{ZWSP}មនុស្ស"


def tree(html: str) -> list[tuple]:
    """What a document holds, element by element: tag, attributes, text and tail."""
    return [(str(element.tag), sorted(element.attrib.items()), element.text, element.tail)
            for element in lxml.html.document_fromstring(html).iter()]


def test_text_between_tags_is_split_into_words():
    assert segment_html(f"<p>{WORDS}</p>") == f"<p>{SPLIT}</p>"


def test_attributes_are_never_split_even_with_khmer_and_a_greater_than_sign():
    html = f'<a title="{WORDS}" data-x=\'a > b\' href="x.html">{WORDS}</a>'
    link = lxml.html.fragment_fromstring(segment_html(html))
    assert dict(link.attrib) == {"title": WORDS, "data-x": "a > b", "href": "x.html"} and link.text == SPLIT


def test_script_style_code_pre_kbd_title_and_textarea_keep_their_text():
    for tag in ("script", "style", "code", "pre", "kbd", "title", "textarea"):
        html = f"<{tag}>{WORDS} <b>{WORDS}</b> x</{tag}><p>{WORDS}</p>"
        assert ZWSP not in segment_html(html).split("<p>")[0], f"the text of <{tag}> was split"
        assert segment_html(html).endswith(f"<p>{SPLIT}</p>"), tag


def test_a_script_that_holds_a_closing_tag_in_a_string_does_not_end_the_skipped_part_early():
    html = f'<script>var s = "<p>{WORDS}</p>";</script><p>{WORDS}</p>'
    assert segment_html(html) == f'<script>var s = "<p>{WORDS}</p>";</script><p>{SPLIT}</p>'


def test_links_named_by_aria_label_keep_their_visible_text_but_landmarks_do_not():
    html = f'<a aria-label="{WORDS}" href="#">{WORDS}</a><nav aria-label="{WORDS}">{WORDS}</nav>'
    assert segment_html(html) == f'<a aria-label="{WORDS}" href="#">{WORDS}</a><nav aria-label="{WORDS}">{SPLIT}</nav>'


def test_references_are_read_as_the_characters_they_name_and_markup_stays_escaped():
    html = f"<p>{WORDS}&nbsp;{WORDS}&amp;&lt;b&gt;</p>"
    assert segment_html(html) == f"<p>{SPLIT}\u00a0{SPLIT}&amp;&lt;b&gt;</p>"


def test_comments_doctype_head_and_title_stay_as_they_are():
    html = f"<!doctype html><html><head><title>{WORDS}</title></head><body><!-- {WORDS} --><p>{WORDS}</p></body></html>"
    segmented = segment_document(html)
    assert segmented.lower().startswith("<!doctype html>")
    assert f"<title>{WORDS}</title>" in segmented and f"<!-- {WORDS} -->" in segmented and f"<p>{SPLIT}</p>" in segmented


def test_text_after_a_comment_is_split_unless_it_is_in_code():
    html = f"<p><!-- {WORDS} -->{WORDS}</p><pre><!-- x -->{WORDS}</pre>"
    assert segment_html(html) == f"<p><!-- {WORDS} -->{SPLIT}</p><pre><!-- x -->{WORDS}</pre>"


def test_khmer_text_across_a_tag_ends_with_a_word_break_but_not_before_a_sign():
    assert segment_html(f"<a>{WORDS}</a>{WORDS}") == f"<a>{SPLIT}{ZWSP}</a>{SPLIT}"
    assert segment_html(f"<b>{WORDS}</b>។") == f"<b>{SPLIT}</b>។"


def test_segmenting_twice_changes_nothing_and_text_without_khmer_is_untouched():
    once = segment_html(f"<h1 id=a>{WORDS}</h1>\n<p>{WORDS} and <i>{WORDS}</i></p>")
    assert segment_html(once) == once
    english = "<p>Plain &amp; simple <code>x < y</code></p>"
    assert segment_html(english) is english
    assert segment_document(f"<!doctype html><p>{english}</p>") == f"<!doctype html><p>{english}</p>"


def test_a_page_is_the_same_document_but_for_the_word_breaks():
    page = (f'<!doctype html><html lang="km"><head><meta charset="utf-8"><title>{WORDS}</title>'
            f'<script>if (a < b && c) {{ x("{WORDS}") }}</script></head><body><header><a href="#" '
            f'aria-label="{WORDS}">{WORDS}</a></header><svg viewBox="0 0 24 24"><path d="M3 6h18"/></svg>'
            f'<form><input type="radio" checked name="x"><textarea>{WORDS}</textarea></form>'
            f'<table><tr><td>{WORDS}<br>{WORDS}</td></tr></table><p>{WORDS} &para; &amp; x</p></body></html>')
    segmented = segment_document(page)
    assert segmented != page
    assert tree(segmented.replace(ZWSP, "")) == tree(page)


@pytest.mark.parametrize(("before", "body", "after"), [
    (f"<header><a>{WORDS}</a></header>\n", f"<p>{WORDS}</p>", f"\n<footer><b>{WORDS}</b></footer>"),
    (f"<header>{WORDS}</header>", f"<p>។ {WORDS}</p>", "<footer>x</footer>"),
    ("<header>x</header>", f"<p>{WORDS}</p><code>{WORDS}</code>", f"<footer>{WORDS}</footer>"),
    (f"<header>{WORDS}</header>", f"<p>&amp;{WORDS}</p>", f"&nbsp;<footer>{WORDS}</footer>"),
    (f"<header>{WORDS}</header>", f"<p>{WORDS}</p>", f"<footer>{WORDS}</footer><p>{SPLIT}</p>"),
], ids=["joined-both-sides", "sign-after-header", "code-before-footer", "references", "body-twice"])
def test_a_page_around_a_body_segmented_first_reads_as_if_segmented_whole(before: str, body: str, after: str):
    """hooks/khmer.py segments a page's body (for search), then the whole page with the
    navigation, header and footer the theme puts around it: the words and the breaks between
    texts come out as from one pass."""
    page = "<!doctype html><html><body>{}</body></html>"
    assert segment_document(page.format(before + segment_html(body) + after)) == \
        segment_document(page.format(before + body + after))
