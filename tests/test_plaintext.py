"""Plain text as people paste it: headlines, bylines, end matter, markup, the comment section."""

from __future__ import annotations

from pathlib import Path

from conftest import STORY

from episodes.article import Article
from episodes.ingest import Source, load_source, read_article
from episodes.narration import Narration, spoken_blocks
from episodes.plaintext import (
    READER_RULES,
    byline_author,
    dateline_date,
    is_code,
    read_plain_text,
)


def read(text: str) -> Article:
    return read_article(Source(text.encode("utf-8"), "copy.txt", "text"))


def test_a_site_name_joined_to_the_headline_is_cut() -> None:
    text = "\n".join(["Stone Bay fishing fees to double | The Harbour Gazette", *STORY, "About us"])
    assert read(text).title == "Stone Bay fishing fees to double"


def test_a_dash_and_a_name_the_text_shows_elsewhere_is_the_site() -> None:
    text = "\n".join(
        [
            "Stone Bay fishing fees to double - Harbour Gazette",
            *STORY,
            "© 2025 Harbour Gazette. All rights reserved.",
        ]
    )
    assert read(text).title == "Stone Bay fishing fees to double"


def test_a_dash_in_a_headline_stays_when_nothing_says_it_is_a_site() -> None:
    text = "\n".join(["Ferries - A History of the Crossing", *STORY])
    assert read(text).title == "Ferries - A History of the Crossing"


def test_a_page_title_above_its_own_headline_is_read_once() -> None:
    text = "\n".join(
        [
            "Stone Bay fishing fees to double - Harbour Gazette",
            "Stone Bay fishing fees to double",
            *STORY,
        ]
    )
    article = read(text)
    assert article.title == "Stone Bay fishing fees to double"
    assert [b.text for b in article.blocks] == STORY


def test_markup_and_a_menu_are_never_the_title() -> None:
    text = "\n".join(
        [
            '<img src="/logo.png" alt="">',
            "Home | News | Sport | Weather",
            "Stone Bay fishing fees to double",
            *STORY,
        ]
    )
    article = read(text)
    assert article.title == "Stone Bay fishing fees to double"
    assert {d.rule for d in article.dropped} >= {"markup", "navigation"}


def test_a_derived_title_is_not_announced_before_its_sentence() -> None:
    article = read("\n".join(STORY))
    assert article.title_derived
    assert STORY[0].startswith(article.title.removesuffix("…"))
    opening = spoken_blocks(article)
    assert [b.text for b in opening] == STORY
    script = " ".join(s.text for s in Narration().script(article, _FakeEngine()))
    assert script.lower().count("harbour board voted") == 1


def test_a_byline_gives_the_author_and_is_not_read() -> None:
    text = "\n".join(["Stone Bay fishing fees to double", "By Jane Doe", *STORY])
    article = read(text)
    assert article.author == "Jane Doe"
    assert [b.text for b in article.blocks] == STORY


def test_bylines_and_datelines() -> None:
    assert byline_author("By Jane Doe | March 3, 2024") == "Jane Doe"
    assert byline_author("By Tuesday the council had voted") is None
    assert dateline_date("Published 12 March 2024 10:32 GMT").date().isoformat() == "2024-03-12"
    assert dateline_date("Updated: 2024-03-12").date().isoformat() == "2024-03-12"


def test_the_comment_section_goes_whole() -> None:
    comments = [
        "3 thoughts on “Stone Bay fishing fees to double”",
        "Margaret Pengelly says: March 14, 2025 at 8:41 pm",
        "The board has been asleep for years.",
        "Reply",
        "Tom Hale says: March 15, 2025 at 9:02 am",
        "It was falling down then too.",
    ]
    plain = read_plain_text("\n".join(["Stone Bay fishing fees to double", *STORY, *comments]))
    assert [b.text for b in plain.blocks] == STORY
    assert {d.rule for d in plain.dropped} <= {"comment form", "comment section"}


def test_a_reader_appeal_and_run_together_channels_go(tmp_path: Path) -> None:
    appeal = (
        "The Harbour Gazette is independent and reader-funded. If you value our reporting,"
        " please consider a donation or become a member today."
    )
    path = tmp_path / "copy.txt"
    text = "\n".join([*STORY, appeal, "Follow us: FacebookInstagramTikTok YouTube X (Twitter)"])
    path.write_text(text, encoding="utf-8")
    article = read_article(load_source(str(path)))
    assert [b.text for b in article.blocks] == STORY
    assert {d.rule for d in article.dropped} == {"reader appeal", "social links"}


def test_every_reason_for_a_drop_is_named() -> None:
    text = "\n".join(["Skip to content", "Home | News", *STORY, "Share", "Most read", "Weather"])
    plain = read_plain_text(text)
    for dropped in plain.dropped:
        assert dropped.rule, dropped
        if dropped.rule == "classifier":
            assert dropped.detail.startswith("score "), dropped
    assert "classifier" in READER_RULES


class _FakeEngine:
    """What Narration.script asks of an engine, without loading a voice."""

    name = "fake"
    voice = "fake"
    phonemes = False
    max_words = 40
    max_chars = 280

    def cache_identity(self) -> dict[str, str]:
        return {"engine": self.name}


def test_script_left_in_a_copy_is_not_read() -> None:
    code = "<!-- if (! window.disable_ads) { document.write(''); } //-->"
    plain = read_plain_text("\n".join([*STORY[:2], code, *STORY[2:]]))
    assert [b.text for b in plain.blocks] == STORY
    assert any(d.rule == "markup" for d in plain.dropped)
    assert not is_code("The council (which met on Tuesday) voted 7-2; the mayor abstained.")
