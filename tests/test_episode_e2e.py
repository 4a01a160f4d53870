"""The whole path, as a producer runs it: init, add a scraped article, build, rebuild, add more.

One 6,000-character article is narrated by real Piper and heard back by a real speech
recogniser; the feed is read by feedparser and gPodder's podcastparser.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable
from pathlib import Path

import feedparser
import podcastparser
import pytest
from click.testing import Result
from conftest import DATA, build_one_article_show
from speech import extra_speech, similarity, transcribe, words

from audio.ffmpeg import measure_duration, run_ffmpeg

ARTICLE = DATA / "river-town-budget.txt"
# Words of the planted junk lines that the article body never uses.
JUNK_WORDS = {"facebook", "twitter", "newsletter", "cookies", "reply", "reserved", "subscribe",
              "website", "courier"}  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A show with the long article built once for every test in this module."""
    root = tmp_path_factory.mktemp("e2e") / "courier"
    build = build_one_article_show(
        root, ARTICLE, "River Town Courier", "https://example.com/courier/"
    )
    feed_xml = (root / "public" / "feed.xml").read_bytes()
    parsed = feedparser.parse(feed_xml)
    entry = parsed.entries[0]
    mp3 = root / "public" / entry.enclosures[0].href.removeprefix("https://example.com/courier/")
    return {"root": root, "feed": feed_xml, "parsed": parsed, "mp3": mp3, "build": build}


def test_feed_parses_with_feedparser_and_podcastparser(built: dict) -> None:
    parsed = built["parsed"]
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.feed.title == "River Town Courier"
    podcast = podcastparser.parse("https://example.com/courier/feed.xml", io.BytesIO(built["feed"]))
    assert len(podcast["episodes"]) == 1
    episode = podcast["episodes"][0]
    assert episode["title"] == "River Town Votes on a New Budget for Parks and Libraries"
    assert episode["enclosures"][0]["mime_type"] == "audio/mpeg"
    assert episode["total_time"] > 240


def test_mp3_decodes_cleanly_and_matches_the_feed(built: dict) -> None:
    mp3: Path = built["mp3"]
    entry = built["parsed"].entries[0]
    assert int(entry.enclosures[0].length) == mp3.stat().st_size
    # ffmpeg reports any decoding error on stderr at -loglevel error; run_ffmpeg raises on failure
    assert run_ffmpeg(["-xerror", "-i", str(mp3), "-f", "null", "-"]) == b""
    assert abs(measure_duration(mp3) - int(entry.itunes_duration)) <= 1.0


def test_progress_is_shown_while_narrating(built: dict) -> None:
    # not on a terminal: plain lines, the last when narration ends
    lines = [line for line in built["build"].stderr.splitlines() if line.startswith("Narrating:")]
    assert lines, built["build"].stderr
    assert re.fullmatch(
        r"Narrating: 1/1 episodes, [\d.]+ min of audio, (\d+)/\1 segments synthesized", lines[-1]
    )


def test_a_listener_hears_the_article_and_no_junk(built: dict) -> None:
    heard = transcribe(built["mp3"])
    article = (next((built["root"] / "articles").iterdir()) / "article.txt").read_text()
    expected = words(article)
    assert not JUNK_WORDS & set(expected), "junk words must be absent from the body"
    score = similarity(expected, heard)
    print(
        f"speech-recognition similarity {score:.3f} ({len(heard)} words heard, "
        f"{len(expected)} in the article)"
    )
    assert score >= 0.75
    junk = sorted(JUNK_WORDS & set(extra_speech(expected, heard)))
    assert not junk, f"heard junk: {junk}"


def test_junk_heard_means_junk_spoken_not_a_word_misheard() -> None:
    """The recogniser once heard "to wait another" as "twitter nother": not junk spoken."""
    article = words("He asked the council to wait another year.")
    misheard = words("he asked the council twitter nother year")
    assert not JUNK_WORDS & set(extra_speech(article, misheard))
    narrated = words("he asked the council follow us on twitter to wait another year reply")
    assert {"twitter", "reply"} <= set(extra_speech(article, narrated))
    longer = words("he asked the council twitter and facebook another year")
    assert "facebook" in extra_speech(article, longer)


def test_rebuild_with_nothing_new_writes_no_audio(built: dict, run: Callable[..., Result]) -> None:
    root: Path = built["root"]
    before = sorted((p.name, p.stat().st_mtime_ns) for p in (root / "public").rglob("*"))
    start = time.monotonic()
    result = run("build", cwd=root)
    elapsed = time.monotonic() - start
    assert result.exit_code == 0, result.stderr
    assert "Nothing new to narrate" in result.stdout
    assert elapsed < 5
    after = sorted((p.name, p.stat().st_mtime_ns) for p in (root / "public").rglob("*"))
    assert after == before


def test_adding_an_article_keeps_the_first_item(
    built: dict, run: Callable[..., Result], tmp_path: Path
) -> None:
    root: Path = built["root"]
    first = built["parsed"].entries[0]
    note = tmp_path / "note.md"
    note.write_text("# A Short Note\n\nThe bridge opens again on Monday morning.\n")
    assert run("add", str(note), "--date", "2099-01-01", cwd=root).exit_code == 0
    result = run("build", "--jobs", "1", cwd=root)
    assert result.exit_code == 0, result.stderr
    parsed = feedparser.parse((root / "public" / "feed.xml").read_bytes())
    assert parsed.bozo == 0
    assert [e.title for e in parsed.entries] == ["A Short Note", first.title]
    kept = parsed.entries[1]
    assert (kept.id, kept.published, kept.enclosures) == (
        first.id,
        first.published,
        first.enclosures,
    )
