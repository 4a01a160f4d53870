"""Sentences, caps and pauses: what the engines are handed, one segment at a time."""

from __future__ import annotations

import random

import pytest

from audio.script import (
    HEADING,
    PARAGRAPH,
    SENTENCE,
    Block,
    Pauses,
    Reading,
    build_script,
    cap_sentence,
    script_text,
    split_sentences,
)

# Piper's caps: the tightest real engine.
MAX_WORDS, MAX_CHARS = 40, 280


# --- split_sentences -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dr. Watson met Mr. Holmes on St. Mary's Road. They walked home.",
            ["Dr. Watson met Mr. Holmes on St. Mary's Road.", "They walked home."],
        ),
        (
            "Mrs. Hudson and Prof. Moriarty never met. She was lucky.",
            ["Mrs. Hudson and Prof. Moriarty never met.", "She was lucky."],
        ),
        (
            "Bring fruit, e.g. Apples or pears. Or bread, i.e. Something filling. Thanks.",
            ["Bring fruit, e.g. Apples or pears.", "Or bread, i.e. Something filling.", "Thanks."],
        ),
        (
            "The U.S. Senate voted on Tuesday. The bill passed.",
            ["The U.S. Senate voted on Tuesday.", "The bill passed."],
        ),
        (
            "J. R. R. Tolkien wrote The Hobbit. It sold well.",
            ["J. R. R. Tolkien wrote The Hobbit.", "It sold well."],
        ),
        (
            "The architect I. M. Pei designed it. Critics agreed.",
            ["The architect I. M. Pei designed it.", "Critics agreed."],
        ),
        (
            "Pi is about 3.14 and e is 2.718. Both are irrational.",
            ["Pi is about 3.14 and e is 2.718.", "Both are irrational."],
        ),
        (
            "The train left at 6.45 a.m. on Friday. It was late.",
            ["The train left at 6.45 a.m. on Friday.", "It was late."],
        ),
        (
            "The shop opens at 9:30. Come early.",
            ["The shop opens at 9:30.", "Come early."],
        ),
        (
            "It was sold for $4.50 at 10:15 p.m. yesterday. Nobody complained.",
            ["It was sold for $4.50 at 10:15 p.m. yesterday.", "Nobody complained."],
        ),
        (
            "See No. 5 and vol. 2 for details. Then decide.",
            ["See No. 5 and vol. 2 for details.", "Then decide."],
        ),
        (
            "Stop! Who goes there? A friend. Welcome!",
            ["Stop!", "Who goes there?", "A friend.", "Welcome!"],
        ),
        (
            "Wait… What was that?! Nothing.",
            ["Wait…", "What was that?!", "Nothing."],
        ),
        ('"It is over." She left.', ['"It is over."', "She left."]),
        ("“It is over.” She left.", ["“It is over.”", "She left."]),
        ("He asked, ‘Why?’ Nobody answered.", ["He asked, ‘Why?’", "Nobody answered."]),
        ("(See the note above.) Then read on.", ["(See the note above.)", "Then read on."]),
        ("She said: “Go.” “Now?” “Yes.”", ["She said: “Go.”", "“Now?”", "“Yes.”"]),
        # Words that look like abbreviations but end the sentence here.
        ("The cat sat. It purred.", ["The cat sat.", "It purred."]),
        ("The answer was no. We left.", ["The answer was no.", "We left."]),
        ("He said “No.” Then he left.", ["He said “No.”", "Then he left."]),
        ("Nobody went, so did I. Then it rained.", ["Nobody went, so did I.", "Then it rained."]),
        (
            "We met on Sat. Jan. 5 at noon. It rained.",
            ["We met on Sat. Jan. 5 at noon.", "It rained."],
        ),
        # A lowercase word after a full stop does not start a sentence.
        ("Visit example.com today. or not.", ["Visit example.com today. or not."]),
        # Sentences are split as written, so what the normalizer reads across a period
        # stays in one: "Roe v. Wade", "p. 12", "c. 1900", "apr. 2", an aside in brackets.
        ("It cited Roe v. Wade. Then it ruled.", ["It cited Roe v. Wade.", "Then it ruled."]),
        ("See p. 12 and pp. 40-44. Then c. 1900.", ["See p. 12 and pp. 40-44.", "Then c. 1900."]),
        ("It took apr. 2 hours. We ate.", ["It took apr. 2 hours.", "We ate."]),
        (
            "He said it (twice. Loudly.) and left. Fine.",
            ["He said it (twice. Loudly.) and left.", "Fine."],
        ),
        ("1) Go home. 2) Sleep.", ["1) Go home.", "2) Sleep."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_split_sentences_normalizes_whitespace_and_handles_empty_text() -> None:
    assert split_sentences("  One  line\nwraps.\n\n  Two.  ") == ["One line wraps.", "Two."]
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []
    assert split_sentences("No final stop") == ["No final stop"]


# --- cap_sentence ----------------------------------------------------------------------


def assert_capped(pieces: list[str], max_words: int, max_chars: int) -> None:
    assert pieces, "a sentence never vanishes"
    for piece in pieces:
        assert piece == piece.strip() and piece
        assert len(piece.split()) <= max_words, piece
        assert len(piece) <= max_chars, piece


def test_a_sentence_within_the_caps_is_returned_untouched() -> None:
    sentence = "A short sentence, with a comma."
    assert cap_sentence(sentence, 40, 280) == [sentence]


def test_splits_at_a_clause_boundary_before_splitting_between_words() -> None:
    # Splitting between words would give "one two, three four five" / "six seven".
    assert cap_sentence("one two, three four five six seven", 5, 280) == [
        "one two,",
        "three four five six seven",
    ]


@pytest.mark.parametrize(
    ("sentence", "max_words", "expected"),
    [
        ("apples and pears; plums and figs", 3, ["apples and pears;", "plums and figs"]),
        ("the verdict: guilty on all counts", 4, ["the verdict:", "guilty on all counts"]),
        ("alpha beta gamma — delta epsilon zeta", 4, ["alpha beta gamma —", "delta epsilon zeta"]),
        ("alpha beta gamma – delta epsilon zeta", 4, ["alpha beta gamma –", "delta epsilon zeta"]),
        ("alpha beta—gamma delta epsilon", 3, ["alpha beta—", "gamma delta epsilon"]),
    ],
)
def test_clause_boundaries(sentence: str, max_words: int, expected: list[str]) -> None:
    assert cap_sentence(sentence, max_words, 280) == expected


def test_clauses_are_packed_greedily_up_to_the_caps() -> None:
    sentence = "In the end, after a long wait, the ferry came, and we boarded, tired but glad"
    pieces = cap_sentence(sentence, 8, 280)
    assert pieces == [
        "In the end, after a long wait,",
        "the ferry came, and we boarded,",
        "tired but glad",
    ]


def test_numbers_with_commas_colons_and_ranges_are_not_clause_boundaries() -> None:
    sentence = (
        "Between 1990–1995 some 1,250,000 people crossed at 10:30 every single day of the year "
        "without fail"
    )
    pieces = cap_sentence(sentence, 5, 280)
    assert_capped(pieces, 5, 280)
    assert " ".join(pieces).split() == sentence.split()
    for token in ("1990–1995", "1,250,000", "10:30"):
        assert any(token in piece.split() for piece in pieces), token


def test_a_clause_over_the_caps_is_split_between_words() -> None:
    sentence = "first, " + " ".join(f"word{i}" for i in range(25))
    pieces = cap_sentence(sentence, 10, 280)
    assert_capped(pieces, 10, 280)
    assert pieces[0] == "first,"
    assert " ".join(pieces).split() == sentence.split()


def test_max_chars_binds_when_words_are_long() -> None:
    sentence = " ".join(["extraordinarily"] * 12)  # 15 letters a word
    pieces = cap_sentence(sentence, 40, 40)
    assert_capped(pieces, 40, 40)
    assert pieces == ["extraordinarily extraordinarily"] * 6
    assert " ".join(pieces).split() == sentence.split()


def test_an_unspaced_em_dash_split_keeps_every_character() -> None:
    sentence = "He ran—fast—away from the dogs, the men, the noise and the long grey road"
    pieces = cap_sentence(sentence, 4, 280)
    assert_capped(pieces, 4, 280)
    assert "".join("".join(pieces).split()) == "".join(sentence.split())


_VOCAB = (
    "the a harbour boats rock gently at dawn Dr. Smith e.g. i.e. U.S. 3.14 10:30 1,000 "
    "extraordinarily unbelievable well-known it's “quoted” (aside) don't Tolkien J. R. "
    "cafés Příliš žluťoučký naïve 1990–1995 ferry mayor council budget"
).split()
_JOINERS = [" ", " ", " ", " ", ", ", "; ", ": ", " — ", " – ", " - ", "—"]
_ENDS = [".", ".", "!", "?", "…", ".”", '?"']


def random_sentence(rng: random.Random, words: int) -> str:
    out = rng.choice(_VOCAB).capitalize()
    for _ in range(words - 1):
        out += rng.choice(_JOINERS) + rng.choice(_VOCAB)
    return out + rng.choice(_ENDS)


def test_cap_sentence_property_caps_hold_and_no_word_is_lost() -> None:
    rng = random.Random(20240501)
    longest = max(len(w) for w in _VOCAB) + 2  # a word plus an attached mark
    for _ in range(400):
        sentence = random_sentence(rng, rng.randint(1, 120))
        max_words = rng.randint(3, 45)
        max_chars = rng.randint(longest + 1, 300)
        pieces = cap_sentence(sentence, max_words, max_chars)
        assert_capped(pieces, max_words, max_chars)
        # Every character survives; splits only ever happen at a space or after an em dash.
        assert "".join("".join(pieces).split()) == "".join(sentence.split())
        if "—" not in sentence.replace(" — ", " "):
            assert " ".join(pieces).split() == sentence.split()


# --- build_script ----------------------------------------------------------------------


def test_default_pauses_grow_with_the_boundary() -> None:
    p = Pauses()
    assert 0 < p.sentence_ms < p.paragraph_ms < p.heading_ms


def test_pauses_by_boundary_and_blocks_without_words_give_no_segment() -> None:
    pauses = Pauses(sentence_ms=100, paragraph_ms=500, heading_ms=900)
    blocks = [
        Block(HEADING, "Chapter One"),
        Block(PARAGRAPH, "It began at dawn. The boats rocked! Who saw them?"),
        Block(PARAGRAPH, "* * *"),
        Block(PARAGRAPH, "— … —"),
        Block(PARAGRAPH, "Only one sentence here."),
        Block(HEADING, "Chapter Two"),
        Block(PARAGRAPH, "The end."),
    ]
    segments = build_script(blocks, MAX_WORDS, MAX_CHARS, pauses)
    assert [(s.text, s.kind, s.pause_after_ms, s.block) for s in segments] == [
        ("Chapter One", HEADING, 900, 0),
        ("It began at dawn.", SENTENCE, 100, 1),
        ("The boats rocked!", SENTENCE, 100, 1),
        ("Who saw them?", SENTENCE, 500, 1),
        ("Only one sentence here.", SENTENCE, 500, 4),
        ("Chapter Two", HEADING, 900, 5),
        ("The end.", SENTENCE, 500, 6),
    ]
    assert script_text(segments).splitlines()[0] == "Chapter One"


def test_default_pauses_are_used_when_none_are_given() -> None:
    p = Pauses()
    segments = build_script(
        [Block(HEADING, "Title"), Block(PARAGRAPH, "One. Two.")], MAX_WORDS, MAX_CHARS
    )
    assert [s.pause_after_ms for s in segments] == [p.heading_ms, p.sentence_ms, p.paragraph_ms]


def test_a_long_heading_is_capped_and_only_its_last_piece_gets_the_heading_pause() -> None:
    pauses = Pauses(sentence_ms=100, paragraph_ms=500, heading_ms=900)
    heading = "A very long heading that rambles on, well past any reasonable length for a title"
    segments = build_script([Block(HEADING, heading)], 6, 280, pauses)
    assert len(segments) > 1
    assert all(s.kind == HEADING and len(s.text.split()) <= 6 for s in segments)
    assert [s.pause_after_ms for s in segments] == [100] * (len(segments) - 1) + [900]
    assert " ".join(s.text for s in segments).split() == heading.split()


def test_a_720_word_unpunctuated_sentence_is_split_within_the_caps() -> None:
    rng = random.Random(720)
    words = [
        rng.choice(["river", "stone", "light", "harbour", "north", "a", "the"]) for _ in range(720)
    ]
    text = " ".join(words)
    pauses = Pauses()
    segments = build_script([Block(PARAGRAPH, text)], MAX_WORDS, MAX_CHARS, pauses)
    assert len(segments) >= 720 // MAX_WORDS
    for s in segments:
        assert len(s.text.split()) <= MAX_WORDS and len(s.text) <= MAX_CHARS
    assert " ".join(s.text for s in segments).split() == words
    assert [s.pause_after_ms for s in segments[:-1]] == [pauses.sentence_ms] * (len(segments) - 1)
    assert segments[-1].pause_after_ms == pauses.paragraph_ms


def test_build_script_property_caps_words_and_pauses() -> None:
    rng = random.Random(7)
    pauses = Pauses(sentence_ms=1, paragraph_ms=2, heading_ms=3)
    for _ in range(60):
        blocks = []
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.2:
                blocks.append(Block(HEADING, random_sentence(rng, rng.randint(1, 15))[:-1]))
            else:
                text = " ".join(
                    random_sentence(rng, rng.randint(1, 70)) for _ in range(rng.randint(1, 6))
                )
                blocks.append(Block(PARAGRAPH, text))
        max_words, max_chars = rng.randint(5, 45), rng.randint(40, 300)
        segments = build_script(blocks, max_words, max_chars, pauses)
        for s in segments:
            assert len(s.text.split()) <= max_words and len(s.text) <= max_chars
        for index, block in enumerate(blocks):
            mine = [s for s in segments if s.block == index]
            # A piece that is only a dash is not spoken; every letter and digit is, in order.
            heard = [ch for s in mine for ch in s.text if ch.isalnum()]
            assert heard == [ch for ch in block.text if ch.isalnum()]
            last = pauses.heading_ms if block.kind == HEADING else pauses.paragraph_ms
            assert [s.pause_after_ms for s in mine] == [pauses.sentence_ms] * (len(mine) - 1) + [
                last
            ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # one written sentence said as two: both parts carry it
            "Wait… What was that? Nothing at 5 p.m. Really.",
            [
                ("Wait…", "Wait...", 0),
                ("What was that?", "What was that?", 0),
                ("Nothing at 5 p.m. Really.", "Nothing at five p m.", 0),
                ("Nothing at 5 p.m. Really.", "Really.", 1),
            ],
        ),
        (  # the aside is said as two sentences, and its end runs into the next sentence
            "She gasped (“Slow down! Too many!”) Rove went on. Then he left.",
            [
                ("She gasped (“Slow down! Too many!”)", 'She gasped, "Slow down!', 0),
                ("She gasped (“Slow down! Too many!”)", 'Too many!"', 1),
                ("Rove went on.", "Rove went on.", 0),
                ("Then he left.", "Then he left.", 0),
            ],
        ),
    ],
)
def test_every_part_carries_the_sentence_it_says_as_written(
    text: str, expected: list[tuple[str, str, int]]
) -> None:
    segments = build_script([Block(PARAGRAPH, text)], MAX_WORDS, MAX_CHARS, reading=Reading())
    assert [(s.caption, s.text, s.part) for s in segments] == expected
