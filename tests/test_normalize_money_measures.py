"""The misreadings issue 11 measured in money, fractions and measures, ranges and math.

Each written form is the issue's, as it gave it; the readings are a newsreader's (AP style:
"$48.2 million" is "forty-eight point two million dollars", a range's amounts each keep
their currency), compared as words (tests/normalization_table.py).
"""

from __future__ import annotations

import pytest
from normalization_table import as_words

from audio.normalize import normalize

ISSUE_EXAMPLES = [
    # the headline
    (
        "City Approves $48.2 Million Budget",
        (
            "City approves forty-eight point two million dollars budget",
            "City approves forty-eight point two million dollar budget",
        ),
    ),
    # money
    ("$48.2 Million", ("forty-eight point two million dollars",)),
    ("$.01", ("one cent",)),
    ("$2.000", ("two thousand dollars",)),
    (
        "$50.00-$100.00",
        ("fifty to one hundred dollars", "fifty dollars to one hundred dollars"),
    ),
    ("$20/mo", ("twenty dollars a month", "twenty dollars per month")),
    (
        "from $35 to $47.50",
        (
            "from thirty-five dollars to forty-seven dollars fifty",
            "from thirty-five dollars to forty-seven dollars and fifty cents",
        ),
    ),
    # fractions and measures
    ("4 1/2 lbs.", ("four and a half pounds.",)),
    ("1/25 of an inch", ("one twenty-fifth of an inch",)),
    ("381.2/km²", ("three hundred eighty-one point two per square kilometer",)),
    ("1 mbps", ("one megabit per second",)),
    ("12KG", ("twelve kilograms",)),
    ("1/4th", ("one fourth", "one quarter")),
    # ranges and math
    ("1960s-80s", ("nineteen sixties to eighties", "nineteen sixties through eighties")),
    ("2pm-5pm", ("two p m to five p m",)),
    ("2+3", ("two plus three",)),
    ("1-2=5", ("one minus two equals five",)),
    ("8*7", ("eight times seven",)),
]


@pytest.mark.parametrize(("written", "readings"), ISSUE_EXAMPLES)
def test_issue_example_is_read_right(written: str, readings: tuple[str, ...]) -> None:
    said = normalize(written)
    assert as_words(said) in {as_words(r) for r in readings}, said


def test_w_is_watts_after_a_number_but_not_before_a_street() -> None:
    """ "60 W" is watts; "314 W. 42nd Street" is West (the addresses rule says it)."""
    assert as_words(normalize("A 60 W bulb.")) == "a sixty watt bulb"
    assert "watt" not in normalize("He lives at 314 W. 42nd Street.")
    assert "watt" not in normalize("Offices at 1600 W Main Street.")


def test_star_and_plus_are_math_only_between_numbers() -> None:
    assert "times" not in normalize("Rated 5* by guests, 4* by critics.")
    assert normalize("Ages 18+ only.") == "Ages eighteen plus only."  # "more than", not a sum
    assert "less than" not in normalize("I <3 this town.")
    assert normalize("Call +44 20 7946 0958.").startswith("Call plus four four")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Add 1/2 cup.", "Add one half cup."),  # a fraction
        ("On 3/15 the shop closes.", "On March fifteenth the shop closes."),  # a date
        ("Rated 4/5 stars.", "Rated four out of five stars."),  # a rating
        ("It costs $9/mo.", "It costs nine dollars a month."),  # per
        ("Speeds of 100 km/h.", "Speeds of one hundred kilometers per hour."),  # per
    ],
)
def test_a_slash_between_numbers_by_context(written: str, spoken: str) -> None:
    assert normalize(written) == spoken
