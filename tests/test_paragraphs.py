"""Plain text keeps the paragraphs it has: decided run by run, never per file."""

from __future__ import annotations

from audio.script import HEADING, PARAGRAPH
from episodes.paragraphs import text_pieces

WRAPPED = (
    "The council met on Tuesday evening to discuss the budget for the coming year, which\n"
    "has been delayed twice by disagreements over the ferry subsidy. Councillors voted\n"
    "seven to two in favour.\n"
)
WRAPPED_JOINED = (
    "The council met on Tuesday evening to discuss the budget for the coming year, which has"
    " been delayed twice by disagreements over the ferry subsidy. Councillors voted seven to"
    " two in favour."
)
LONG_LINES = [
    "The harbour master said the new pontoon would open in May, weeks later than planned,"
    " because the steel piles had to be driven deeper than the survey suggested.",
    "Fishermen, who have moored three abreast at the old quay since the storm, said they"
    " would believe it when they saw it, and asked for a written timetable.",
    "The council will publish the revised plans on its website on Friday.",
]


def texts(text: str) -> list[str]:
    return [piece.text for piece in text_pieces(text)]


def test_one_paragraph_per_line_keeps_every_line() -> None:
    assert texts("\n".join(LONG_LINES)) == LONG_LINES


def test_hard_wrapped_prose_is_joined() -> None:
    assert texts(WRAPPED) == [WRAPPED_JOINED]
    assert text_pieces(WRAPPED)[0].lines == 3


def test_chrome_lines_stacked_around_wrapped_prose_are_split() -> None:
    text = "Skip to content\nHome | About | Contact\n" + WRAPPED + "realtor.com\nShare\nFacebook\n"
    assert texts(text) == [
        "Skip to content",
        "Home | About | Contact",
        WRAPPED_JOINED,
        "realtor.com",
        "Share",
        "Facebook",
    ]


def test_a_lower_case_line_does_not_join_a_run_of_short_lines() -> None:
    # One lower-case line among chrome is not a sign of wrapping.
    text = "Listings\nHomes for sale\nrealtor.com\nMortgage rates\n"
    assert texts(text) == ["Listings", "Homes for sale", "realtor.com", "Mortgage rates"]


def test_runs_are_decided_each_on_its_own() -> None:
    text = WRAPPED + "\n" + "\n".join(LONG_LINES) + "\n\nMenu\nSport\nWeather\n"
    pieces = text_pieces(text)
    assert [p.text for p in pieces] == [WRAPPED_JOINED, *LONG_LINES, "Menu", "Sport", "Weather"]
    assert [p.run for p in pieces] == [0, 1, 1, 1, 2, 2, 2]


def test_list_markers_and_markdown_headings() -> None:
    pieces = text_pieces("# The Ferry\n* Share\n- Follow Us\n1. First step of the plan.\n")
    assert [(p.kind, p.text, p.bullet) for p in pieces] == [
        (HEADING, "The Ferry", False),
        (PARAGRAPH, "Share", True),
        (PARAGRAPH, "Follow Us", True),
        (PARAGRAPH, "First step of the plan.", True),
    ]


def test_a_hyphen_at_a_wrap_joins_the_word() -> None:
    text = (
        "The committee said the new crossing would be run by a state-\n"
        "owned company from the spring, and that fares would not rise this year.\n"
    )
    assert texts(text) == [
        "The committee said the new crossing would be run by a state-owned company from the"
        " spring, and that fares would not rise this year."
    ]


def test_line_numbers_point_at_the_source() -> None:
    pieces = text_pieces("\n\nFirst line.\n\nSecond line.\n")
    assert [p.line for p in pieces] == [3, 5]
