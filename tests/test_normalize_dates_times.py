"""The dates, times and ordinals that issue 11 measured as misread, each with its reading.

Compared as words (tests/normalization_table.py): case, punctuation and hyphens aside.
The families behind them are in the category table (dates, times, ordinals, years, decades).
"""

from __future__ import annotations

import pytest
from normalization_table import as_words

from audio.normalize import normalize

ISSUE_EXAMPLES = [
    # dates: months in lower case and capitals, year first, a colon after the day,
    # an abbreviation without its period, a decade with a space
    ("july 25 2012", "July twenty-fifth, twenty twelve"),
    ("NOV. 25, 1855", "November twenty-fifth, eighteen fifty-five"),
    ("WEDNESDAY, NOVEMBER 14.", "Wednesday, November fourteenth."),
    ("2016/07/03", "July third, twenty sixteen"),
    ("February 10: ...", "February tenth: ..."),
    ("Feb 1993", "February nineteen ninety-three"),
    ("1980 s", "nineteen eighties"),
    # times: a period between hour and minutes, a zone glued on, ISO 8601 with "Z"
    ("3.01 A.M.", "three oh one a m"),
    ("10.30pm", "ten thirty p m"),
    ("1:59 p.m.est", "one fifty-nine p m EST"),
    ("18:00:00Z", "eighteen hundred UTC"),
    # ordinals: thousands separators and capitals
    ("5,124th", "five thousand one hundred twenty-fourth"),
    ("1,000th", "one thousandth"),
    ("16TH", "sixteenth"),
]


@pytest.mark.parametrize(("written", "spoken"), ISSUE_EXAMPLES)
def test_issue_example_is_read_right(written: str, spoken: str) -> None:
    assert as_words(normalize(written)) == as_words(spoken)
