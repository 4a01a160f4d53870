"""Transcripts and chapters from segment timings: captions, JSON shapes, escaping."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from audio.transcript import (
    MAX_LINE_CHARS,
    Chapter,
    Cue,
    chapters_from_cues,
    split_caption,
    to_chapters_json,
    to_podcast_json,
    to_srt,
    to_webvtt,
    wrap_lines,
)

LONG = (
    "The council voted seven to two on Tuesday night to approve a budget that raises the "
    "library's opening hours, repairs the old river bridge before the winter floods arrive, "
    "and hires two more paramedics for the county ambulance service, paid for by a small "
    "rise in the parking charges at the harbour."
)
CUES = [
    Cue(0.3, 2.1, "River Town budget"),
    Cue(2.45, 14.8, LONG),
    Cue(15.6, 17.0, "Bridge repairs"),
    Cue(18.1, 21.9, "Work starts in March."),
]

_TIME = r"(\d{2,}):(\d{2}):(\d{2})[.,](\d{3})"
_TIMING = re.compile(rf"^{_TIME} --> {_TIME}$")


def _seconds(h: str, m: str, s: str, ms: str) -> float:
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def parse_vtt(text: str) -> list[tuple[float, float, list[str]]]:
    """A small WebVTT reader: header, then blank-line separated timing + text blocks."""
    assert text.startswith("WEBVTT\n")
    assert text.endswith("\n") and not text.endswith("\n\n")
    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[0] == "WEBVTT"
    cues = []
    for block in blocks[1:]:
        timing, *lines = block.split("\n")
        match = _TIMING.match(timing)
        assert match, timing
        assert lines and all(line.strip() for line in lines)
        g = match.groups()
        cues.append((_seconds(*g[:4]), _seconds(*g[4:]), lines))
    return cues


def parse_srt(text: str) -> list[tuple[int, float, float, list[str]]]:
    cues = []
    for block in text.strip("\n").split("\n\n"):
        number, timing, *lines = block.split("\n")
        match = _TIMING.match(timing)
        assert match and "," in timing, timing
        g = match.groups()
        cues.append((int(number), _seconds(*g[:4]), _seconds(*g[4:]), lines))
    return cues


def test_wrap_keeps_lines_short_and_words_whole() -> None:
    lines = wrap_lines(LONG)
    assert all(len(line) <= MAX_LINE_CHARS for line in lines)
    assert " ".join(lines) == LONG
    word = "https://example.com/" + "x" * 80
    assert wrap_lines(f"see {word} now") == ["see", word, "now"]


def test_captions_have_at_most_two_balanced_lines() -> None:
    pieces = split_caption(LONG)
    assert len(pieces) == 3  # 260 characters: the fewest two-line cues that hold it
    assert all(1 <= len(lines) <= 2 for lines in pieces)
    assert all(len(line) <= MAX_LINE_CHARS for lines in pieces for line in lines)
    assert " ".join(" ".join(lines) for lines in pieces) == LONG
    sizes = [len(" ".join(lines)) for lines in pieces]
    assert max(sizes) - min(sizes) < 30  # shared out, no one-word tail cue
    for lines in pieces:
        if len(lines) == 2:
            assert abs(len(lines[0]) - len(lines[1])) < 20


def test_long_segment_times_are_shared_contiguously_within_it() -> None:
    cues = parse_vtt(to_webvtt([CUES[1]]))
    assert len(cues) == 3
    assert cues[0][0] == pytest.approx(2.45) and cues[-1][1] == pytest.approx(14.8)
    for (_, end, _), (start, _, _) in itertools.pairwise(cues):
        assert end == start  # contiguous: one boundary shared by both cues
    assert all(start < end for start, end, _ in cues)
    # Apportioned by characters: each cue's share of time is its share of the text.
    total = sum(len(" ".join(lines)) + 1 for _, _, lines in cues)
    for start, end, lines in cues:
        share = (len(" ".join(lines)) + 1) / total
        assert (end - start) / (14.8 - 2.45) == pytest.approx(share, abs=0.001)


def test_webvtt_round_trips_text_and_times() -> None:
    vtt = to_webvtt(CUES)
    cues = parse_vtt(vtt)
    starts = [c[0] for c in cues]
    assert starts == sorted(starts)
    assert " ".join(" ".join(lines) for _, _, lines in cues) == " ".join(c.text for c in CUES)
    assert cues[0] == (0.3, 2.1, ["River Town budget"])
    assert cues[-1] == (18.1, 21.9, ["Work starts in March."])
    assert "00:00:02.450 --> " in vtt
    assert to_webvtt(CUES) == vtt  # deterministic


def test_srt_is_numbered_from_one_with_comma_times() -> None:
    srt = parse_srt(to_srt(CUES))
    assert [c[0] for c in srt] == list(range(1, len(srt) + 1))
    vtt = parse_vtt(to_webvtt(CUES))
    assert [(s, e, lines) for _, s, e, lines in srt] == vtt
    assert to_srt(CUES).startswith("1\n00:00:00,300 --> 00:00:02,100\nRiver Town budget\n\n2\n")


def test_hours_in_timestamps() -> None:
    vtt = to_webvtt([Cue(3723.5, 3725.25, "Late.")])
    assert "01:02:03.500 --> 01:02:05.250" in vtt


def test_escaping_per_format() -> None:
    cue = Cue(1.0, 2.0, "Fish & chips <b>cost</b> less --> more")
    vtt = to_webvtt([cue])
    assert "Fish &amp; chips &lt;b&gt;cost&lt;/b&gt; less --&gt; more" in vtt
    assert vtt.count("-->") == 1  # only the timing line
    srt = to_srt([cue])
    assert srt.count("-->") == 1 and "<" not in srt and "Fish & chips" in srt
    body = json.loads(to_podcast_json([cue]))["segments"][0]["body"]
    assert body == cue.text  # JSON escapes by itself


def test_phonemes_and_empty_cues_are_dropped() -> None:
    cues = [
        Cue(0.0, 1.0, "Say [[ ɡɪf ]] now"),
        Cue(1.0, 2.0, "  [[ ɡɪf ]] "),
        Cue(2.0, 3.0, "\ue000"),
    ]
    vtt = parse_vtt(to_webvtt(cues))
    assert vtt == [(0.0, 1.0, ["Say now"])]
    segments = json.loads(to_podcast_json(cues))["segments"]
    assert [s["body"] for s in segments] == ["Say now"]


def test_podcast_json_shape() -> None:
    data = json.loads(to_podcast_json(CUES))
    assert data["version"] == "1.0.0"
    assert len(data["segments"]) == len(CUES)
    for segment, cue in zip(data["segments"], CUES, strict=True):
        assert set(segment) == {"startTime", "endTime", "body"}
        assert isinstance(segment["startTime"], float) and isinstance(segment["endTime"], float)
        assert (segment["startTime"], segment["endTime"]) == (cue.start, cue.end)
        assert segment["body"] == cue.text
    with_speaker = json.loads(to_podcast_json(CUES[:1], speaker="Joe"))["segments"][0]
    assert with_speaker["speaker"] == "Joe"


def test_chapters_from_headings_cover_the_episode() -> None:
    chapters = chapters_from_cues(CUES, [0, 2], duration=22.6)
    assert chapters == [
        Chapter("River Town budget", 0.0, 15.6),
        Chapter("Bridge repairs", 15.6, 22.6),
    ]
    # A later first heading still opens at 0, where a listener expects chapter one.
    later = chapters_from_cues(CUES, [2])
    assert later == [Chapter("Bridge repairs", 0.0, 21.9)]


def test_chapters_edge_cases() -> None:
    assert chapters_from_cues([], [0]) == []
    assert chapters_from_cues(CUES, []) == []
    assert chapters_from_cues(CUES, [2, 0, 2]) == chapters_from_cues(CUES, [0, 2])
    with pytest.raises(ValueError):
        chapters_from_cues(CUES, [4])


def test_chapters_json_shape() -> None:
    chapters = chapters_from_cues(CUES, [0, 2], duration=22.6)
    data = json.loads(to_chapters_json(chapters))
    assert data["version"] == "1.2.0"
    assert data["chapters"] == [
        {"startTime": 0.0, "endTime": 15.6, "title": "River Town budget"},
        {"startTime": 15.6, "endTime": 22.6, "title": "Bridge repairs"},
    ]
    assert all(isinstance(c["startTime"], float) for c in data["chapters"])


def test_empty_input() -> None:
    assert to_webvtt([]) == "WEBVTT\n"
    assert to_srt([]) == ""
    assert json.loads(to_podcast_json([])) == {"version": "1.0.0", "segments": []}
    assert json.loads(to_chapters_json([])) == {"version": "1.2.0", "chapters": []}
    assert split_caption("   ") == []


def test_zero_length_segment_is_no_caption_but_stays_in_the_json() -> None:
    cues = [Cue(1.0, 2.0, "Heard."), Cue(2.0, 2.0, "Never heard.")]
    assert parse_vtt(to_webvtt(cues)) == [(1.0, 2.0, ["Heard."])]
    assert len(parse_srt(to_srt(cues))) == 1
    assert len(json.loads(to_podcast_json(cues))["segments"]) == 2
