"""How each language writes numbers and dates, from its block of docs/interface.yml:
`digits` (the ten digits, 0 to 9), `months` (twelve names) and `date_format`.

Used by the hooks (About page, PDF cover, directory, page numbers in print), by the bundle's
README.txt and by the PDF workers (the contents' page numbers, handbook/contents.py), so a date
reads the same everywhere: 27 November 2018, ថ្ងៃទី២៧ ខែវិច្ឆិកា ឆ្នាំ២០១៨.
"""

from __future__ import annotations

import datetime as dt

ASCII_DIGITS = "0123456789"


def localize_digits(text: str, strings: dict) -> str:
    """`text` with 0–9 written in the language's own digits (`digits` in interface.yml)."""
    return in_digits(text, strings["digits"])


def in_digits(text: object, digits: str) -> str:
    """`text` (or a number) with 0–9 written in ``digits``, a language's ten digits from 0 to 9."""
    return str(text).translate(str.maketrans(ASCII_DIGITS, digits))


def counter_style(digits: str) -> str:
    """The CSS counter style ``hb-digits``, counting in ``digits``: print.css numbers the pages
    with it (the print pages, and a page printed from the browser)."""
    symbols = " ".join(css_string(digit) for digit in digits)
    return f"@counter-style hb-digits {{ system: numeric; symbols: {symbols}; }}"


def css_string(text: str) -> str:
    """A CSS string inside a <style> element (where HTML entities mean nothing)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def format_date(date: dt.date | str, strings: dict) -> str:
    """A date as the language writes it in running text (`date_format`, `months`, `digits`)."""
    if not isinstance(date, dt.date):
        date = dt.date.fromisoformat(str(date))
    text = strings["date_format"].format(day=date.day, month=strings["months"][date.month - 1], year=date.year)
    return localize_digits(text, strings)
