"""English text as a person reads it aloud: numbers, money, dates, times, units, abbreviations.

Used by `audio.normalize.normalize`; kept apart because English gets far more rules than the
other languages (which lean on num2words). One module a category; every rule is a compiled
regex with a small function that says the match; the rules run in a fixed order (below) so
that the specific ones (dates, money, times) see the digits before the general number rule
does.
"""

from __future__ import annotations

import re

from audio.normalize_en.abbreviations import say_abbreviations
from audio.normalize_en.addresses import say_addresses
from audio.normalize_en.cardinals import say_cardinals
from audio.normalize_en.dates import say_dates
from audio.normalize_en.money import say_money
from audio.normalize_en.numbers import (
    join_ranges,
    say_decades,
    say_fractions,
    say_math,
    say_ordinals,
    say_ranges,
    say_years,
)
from audio.normalize_en.roman import roman, say_roman
from audio.normalize_en.times import say_phones, say_times
from audio.normalize_en.units import say_percentages, say_signs, say_units
from audio.normalize_en.words import MONTHS, cardinal, digits, number, ordinal, year

__all__ = [
    "MONTHS",
    "cardinal",
    "digits",
    "normalize_english",
    "number",
    "ordinal",
    "roman",
    "year",
]

_DIGIT = re.compile(r"\d")
_AMPERSAND = re.compile(r"(?<!\s)\s*&\s*")
_SPACES = re.compile(r"[ \t]{2,}")


def normalize_english(text: str, language: str = "en") -> str:
    """English prose to its spoken form; the specific rules run before the general ones."""
    has_digits = _DIGIT.search(text) is not None
    text = say_addresses(text, has_digits)
    text = say_abbreviations(text, has_digits)
    if has_digits:
        text = say_dates(text, language)
        text = join_ranges(text)
        text = say_math(text)
        text = say_phones(text)
        text = say_times(text)
        text = say_signs(text)
        text = say_money(text)
        text = say_percentages(text)
        text = say_units(text, language)
        text = say_decades(text)
        text = say_ranges(text)
        text = say_fractions(text)
        text = say_ordinals(text)
        text = say_years(text)
    text = say_roman(text)
    if has_digits:
        text = say_cardinals(text)
    if "&" in text:
        text = _AMPERSAND.sub(" and ", text)
    return _SPACES.sub(" ", text) if "  " in text or "\t" in text else text
