"""Unit tests of hooks/khmer_text.py, the HTMLParser walker that puts U+200B between Khmer words:
only prose text changes, everything else is copied byte for byte."""

from __future__ import annotations

import sys

import pytest
from handbook import settings

sys.path.insert(0, str(settings.ROOT / "hooks"))
from khmer_text import ZWSP, segment_fragment, segment_html, segment_page  # noqa: E402

WORDS = "សិទ្ធិមនុស្ស"  # two words: សិទ្ធិ មនុស្ស
SPLIT = f"សិទ្ធិ{ZWSP}មនុស្ស"


def test_text_between_tags_is_split_into_words():
    assert segment_html(f"<p>{WORDS}</p>") == f"<p>{SPLIT}</p>"


def test_attributes_stay_as_written_even_with_khmer_and_a_greater_than_sign():
    html = f'<a title="{WORDS}" data-x=\'a > b\' href="x.html">{WORDS}</a>'
    assert segment_html(html) == f'<a title="{WORDS}" data-x=\'a > b\' href="x.html">{SPLIT}</a>'


def test_script_style_code_pre_kbd_title_and_textarea_stay_as_written():
    for tag in ("script", "style", "code", "pre", "kbd", "title", "textarea"):
        html = f"<{tag}>{WORDS} <b>{WORDS}</b> x</{tag}><p>{WORDS}</p>"
        assert segment_html(html) == f"<{tag}>{WORDS} <b>{WORDS}</b> x</{tag}><p>{SPLIT}</p>", tag


def test_a_script_that_holds_a_closing_tag_in_a_string_does_not_end_the_skipped_part_early():
    html = f'<script>var s = "<p>{WORDS}</p>";</script><p>{WORDS}</p>'
    assert segment_html(html) == f'<script>var s = "<p>{WORDS}</p>";</script><p>{SPLIT}</p>'


def test_links_named_by_aria_label_keep_their_visible_text_but_landmarks_do_not():
    html = f'<a aria-label="{WORDS}" href="#">{WORDS}</a><nav aria-label="{WORDS}">{WORDS}</nav>'
    assert segment_html(html) == f'<a aria-label="{WORDS}" href="#">{WORDS}</a><nav aria-label="{WORDS}">{SPLIT}</nav>'


def test_entities_and_character_references_stay_as_written():
    html = f"<p>{WORDS}&nbsp;{WORDS}&#x17a2;&amp;</p>"
    assert segment_html(html) == f"<p>{SPLIT}&nbsp;{SPLIT}&#x17a2;&amp;</p>"


def test_comments_doctype_and_processing_instructions_stay_as_written():
    html = f"<!doctype html><!-- {WORDS} --><?xml {WORDS}?><p>{WORDS}</p>"
    assert segment_html(html) == f"<!doctype html><!-- {WORDS} --><?xml {WORDS}?><p>{SPLIT}</p>"


def test_khmer_text_across_a_tag_ends_with_a_word_break_but_not_before_a_sign():
    assert segment_html(f"<a>{WORDS}</a>{WORDS}") == f"<a>{SPLIT}{ZWSP}</a>{SPLIT}"
    assert segment_html(f"<b>{WORDS}</b>។") == f"<b>{SPLIT}</b>។"


def test_segmenting_twice_changes_nothing_and_text_without_khmer_is_untouched():
    once = segment_html(f"<h1 id=a>{WORDS}</h1>\n<p>{WORDS} and <i>{WORDS}</i></p>")
    assert segment_html(once) == once
    english = "<p>Plain &amp; simple <code>x < y</code></p>"
    assert segment_html(english) == english


@pytest.mark.parametrize(("before", "body", "after"), [
    (f"<header><a>{WORDS}</a></header>\n", f"<p>{WORDS}</p>", f"\n<footer><b>{WORDS}</b></footer>"),
    (f"<header>{WORDS}</header>", f"<p>។ {WORDS}</p>", "<footer>x</footer>"),
    ("<header>x</header>", f"<p>{WORDS}</p><code>{WORDS}</code>", f"<footer>{WORDS}</footer>"),
    (f"<header>{WORDS}</header>", f"<p>&amp;{WORDS}</p>", f"&nbsp;<footer>{WORDS}</footer>"),
    (f"<header>{WORDS}</header>", f"<p>{WORDS}</p>", f"<footer>{WORDS}</footer><p>{SPLIT}</p>"),
], ids=["joined-both-sides", "sign-after-header", "code-before-footer", "references", "body-twice"])
def test_a_page_around_a_body_segmented_first_reads_as_if_segmented_whole(before: str, body: str, after: str):
    """hooks/khmer.py segments a page's body, then only the navigation, header and footer the
    theme puts around it: the words and the breaks between texts come out as from one pass."""
    segmented, fragment = segment_fragment(body)
    assert segmented == segment_html(body) and fragment is not None
    assert segment_page(before + segmented + after, fragment) == segment_html(before + body + after)

