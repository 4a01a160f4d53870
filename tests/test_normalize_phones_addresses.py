"""The telephone, address, abbreviation and URL misreadings of issue 11, each read right.

Every written form below is one the issue measured (input -> what was said then); the
expected reading is a careful newsreader's. Readings are compared as words, as the category
table compares them (tests/normalization_table.py).
"""

from __future__ import annotations

import pytest
from normalization_table import as_words

from audio.normalize import URL_READINGS, normalize
from audio.script import PARAGRAPH, Block, Reading, build_script, split_sentences
from episodes.errors import PresscastError
from episodes.show import ShowConfig

ISSUE_EXAMPLES = [
    # telephone and serials
    ("Call 555-0142.", "Call five five five, zero one four two."),
    ("555-0142", "five five five, zero one four two"),
    (
        "(555) 123-4567 is our number.",
        "Five five five, one two three, four five six seven is our number.",
    ),
    ("987.987.0.40", "nine eight seven dot nine eight seven dot zero dot four zero"),
    ("1-84158-254-9", "one, eight four one five eight, two five four, nine"),
    ("CA 95051", "California nine five zero five one"),
    # addresses
    ("314 W. 42nd Street", "three fourteen West Forty-second Street"),
    ("the Central Expy", "the Central Expressway"),
    ("Elm Ct", "Elm Court"),
    ("5th Ave", "Fifth Avenue"),
    ("hwy 9", "highway nine"),
    ("Sacramento, CA 95814", "Sacramento, California, nine five eight one four"),
    # abbreviations in lower case or capitals
    ("mr Smith", "Mister Smith"),
    ("dr Smith", "Doctor Smith"),
    ("st Louis", "Saint Louis"),
    ("vol 64", "volume sixty-four"),
    ("NO 14", "number fourteen"),
    ("Maj. Gen.", "Major General"),
    ("ext. 42", "extension forty-two"),
    # URLs
    ("Seehttps://example.com/news", "See example dot com"),
]


@pytest.mark.parametrize(("written", "spoken"), ISSUE_EXAMPLES)
def test_issue_examples_are_read_right(written: str, spoken: str) -> None:
    assert as_words(normalize(written)) == as_words(spoken)


@pytest.mark.parametrize(
    "written",
    [
        "Come IN and sit down, OR stay outside.",
        "Tell ME what you think, OK?",
        "The CT scan came back clear.",
        "Hi, OK, we will try.",
    ],
)
def test_state_codes_as_words_stay_words(written: str) -> None:
    """ "IN", "OR", "ME", "OK" are read as states only before a ZIP code."""
    assert normalize(written) == written


def test_watts_after_a_number_west_before_a_street() -> None:
    assert as_words(normalize("It draws 60 W.")) == "it draws sixty watts"
    assert as_words(normalize("Turn onto W. 42nd St.")) == "turn onto west forty second street"


def test_saint_before_a_name_street_after_one() -> None:
    assert normalize("They met in St. Louis.") == "They met in Saint Louis."
    assert normalize("He lives on Baker St. in London.") == "He lives on Baker Street in London."


def test_number_as_a_word_and_as_a_label() -> None:
    assert normalize("No 14-year-old should work nights.") == (
        "No fourteen-year-old should work nights."
    )
    assert normalize("The world No 1 lost.") == "The world number one lost."


def test_an_extension_does_not_end_the_sentence() -> None:
    text = "Call ext. 42 now. Thanks."
    assert split_sentences(normalize(text)) == ["Call extension forty-two now.", "Thanks."]
    assert split_sentences(text) == ["Call ext. 42 now.", "Thanks."]


PATHS = [
    (
        "Visit https://example.com/news/2024/05/city-budget-approved today.",
        "Visit example dot com slash news slash city dash budget dash approved today.",
    ),
    (
        "Read it on theguardian.com/world today.",
        "Read it on theguardian dot com slash world today.",
    ),
    (
        "The fix is https://github.com/owner/repo/commit/3f9a2c1e8b7d6f5a4c3b.",
        "The fix is github dot com slash owner slash repo slash commit.",
    ),
    ("See https://example.com/about/team.html.", "See example dot com slash about slash team."),
    ("See https://example.com/index.html.", "See example dot com."),
    (
        "Read morehttps://www.bbc.co.uk/news/uk-48213907",
        "Read more bbc dot co dot uk slash news slash uk",
    ),
    # A long slug does not fit in a few words: the host alone.
    (
        "See https://example.com/a-very-long-slug-that-says-what-the-story-is-about now.",
        "See example dot com now.",
    ),
    ("Mail jane.doe@example.org now.", "Mail jane dot doe at example dot org now."),
]


@pytest.mark.parametrize(("written", "spoken"), PATHS)
def test_urls_path_reads_a_short_path(written: str, spoken: str) -> None:
    assert normalize(written, urls="path") == spoken


def test_urls_speak_stays_the_host_only() -> None:
    written = "Visit https://example.com/news/city-budget today."
    assert normalize(written) == "Visit example dot com today."


def test_the_show_setting_reaches_the_script() -> None:
    config = ShowConfig(title="T", author="A", base_url="https://example.com/", urls="path")
    blocks = [Block(PARAGRAPH, "Read https://example.com/news/budget today.")]
    [segment] = build_script(blocks, 40, 280, reading=Reading(urls=config.urls))
    assert segment.text == "Read example dot com slash news slash budget today."
    assert set(URL_READINGS) == {"speak", "path", "drop"}
    with pytest.raises(PresscastError, match='"path"'):
        ShowConfig(title="T", author="A", base_url="https://example.com/", urls="spell")
