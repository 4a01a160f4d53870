"""What people read is the article as written; what is said follows the show's region.

One short article is built by real Piper in a show whose language is "en-GB": chapter
titles (ID3, chapters JSON, the feed's description) are its headings as written, the
transcripts (VTT, SRT, JSON) its sentences as written, and the JSON keeps what was said.
"""

from __future__ import annotations

import json

import pytest
from conftest import build_one_article_show, write
from lxml import etree

from audio.episode import episode_cues
from audio.master import EpisodeAudio, Timing
from audio.script import PARAGRAPH, Block, Reading, build_script
from audio.tags import read_chapters
from audio.transcript import to_podcast_json, to_webvtt

HEADING = "5 things to know about the 2026 budget & Dr. Smith"
ARTICLE = f"""# Bridge Notes

The bridge over the Wye reopened on 2/5/2021 after a long repair.

## {HEADING}

In 1911 the bridge opened. It was rebuilt in 1952 for £3,000.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The article built once, in an en-GB show; its record, public folder and feed."""
    tmp = tmp_path_factory.mktemp("written")
    source = write(tmp / "bridge.md", ARTICLE)
    root = tmp / "show"
    build_one_article_show(
        root, source, "Wye Desk", "https://example.com/wye/", "--language", "en-GB"
    )
    record = json.loads(next((root / "articles").glob("*/episode.json")).read_text())
    feed = etree.parse(str(root / "public" / "feed.xml")).getroot()
    return {"record": record, "public": root / "public", "feed": feed}


def transcript(built: dict, kind: str) -> str:
    return (built["public"] / built["record"]["transcripts"][kind]).read_text(encoding="utf-8")


def test_chapter_titles_are_the_headings_as_written(built: dict) -> None:
    titles = ["Bridge Notes", HEADING]
    public, record = built["public"], built["record"]
    assert [c.title for c in read_chapters(public / record["file"])] == titles
    chapters = json.loads((public / record["chapters"]).read_text(encoding="utf-8"))
    assert [c["title"] for c in chapters["chapters"]] == titles
    description = built["feed"].findtext("channel/item/description") or ""
    assert "00:00 Bridge Notes" in description and HEADING in description
    assert "twenty" not in description and "Doctor" not in description


def test_transcripts_show_the_sentences_as_written(built: dict) -> None:
    vtt, srt = transcript(built, "text/vtt"), transcript(built, "application/x-subrip")
    for text in (vtt, srt):
        assert "In 1911 the bridge opened." in text
        assert "It was rebuilt in 1952 for £3,000." in text
        assert "nineteen" not in text and "pounds" not in text
    assert "5 things to know about the 2026 budget &amp; Dr. Smith" in vtt  # VTT escapes &
    assert HEADING in srt

    segments = json.loads(transcript(built, "application/json"))["segments"]
    said = {s["body"]: s["spoken"] for s in segments}
    assert said["In 1911 the bridge opened."] == "In nineteen eleven the bridge opened."
    assert (
        said[HEADING] == "Five things to know about the twenty twenty-six budget and Doctor Smith"
    )
    assert [s["body"] for s in segments] == [
        "Bridge Notes",
        "The bridge over the Wye reopened on 2/5/2021 after a long repair.",
        HEADING,
        "In 1911 the bridge opened.",
        "It was rebuilt in 1952 for £3,000.",
    ]
    starts = [s["startTime"] for s in segments]
    assert starts == sorted(starts) and all(s["endTime"] > s["startTime"] for s in segments)


def test_an_en_gb_show_reads_dates_day_first(built: dict) -> None:
    segments = json.loads(transcript(built, "application/json"))["segments"]
    (reopened,) = [s["spoken"] for s in segments if "2/5/2021" in s["body"]]
    assert "the second of May twenty twenty-one" in reopened
    assert "February" not in reopened


def test_a_sentence_read_in_parts_is_one_cue_over_their_time() -> None:
    """Each part carries its written sentence; the transcripts show it once, timed from its
    first part's start to its last part's end, and the JSON keeps what the parts said."""
    written = "On 2/5/2021 the 3 bridges, 1 ferry and 12 buses all stopped. Then 4 restarted."
    segments = build_script([Block(PARAGRAPH, written)], 6, 280, reading=Reading("en-GB"))
    assert len(segments) > 2
    first = "On 2/5/2021 the 3 bridges, 1 ferry and 12 buses all stopped."
    assert [s.caption for s in segments] == [first] * (len(segments) - 1) + ["Then 4 restarted."]
    assert [s.part for s in segments] == [*range(len(segments) - 1), 0]
    timings = tuple(Timing(float(i), i + 0.8) for i in range(len(segments)))
    audio = EpisodeAudio(duration_seconds=len(segments), timings=timings)
    cues = episode_cues(segments, audio)
    assert [(c.start, c.end, c.text) for c in cues] == [
        (0.0, len(segments) - 2 + 0.8, first),
        (len(segments) - 1.0, len(segments) - 0.2, "Then 4 restarted."),
    ]
    assert cues[0].spoken == " ".join(s.text for s in segments[:-1])
    assert cues[0].spoken.startswith("On the second of May twenty twenty-one the three bridges")
    body = [s["body"] for s in json.loads(to_podcast_json(cues))["segments"]]
    assert body == [first, "Then 4 restarted."]
    vtt_cues = to_webvtt(cues).strip().split("\n\n")[1:]  # after the WEBVTT header
    captions = [line for cue in vtt_cues for line in cue.splitlines()[1:]]  # after the times
    assert " ".join(captions) == f"{first} Then 4 restarted."
