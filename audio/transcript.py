"""Segment timings to the text files podcast apps show: WebVTT, SRT, JSON transcript, chapters.

Input is what mastering knows: each written sentence's place in the episode (`Cue`: the
sentence as the article has it, over the time its spoken parts take) and, from the
script, which cues are headings. Captions must be readable on a phone, so a long
sentence becomes several short caption cues (at most two lines of about 65 characters)
whose times share out the sentence's time by character count: speech runs at a roughly
even rate of characters, so that keeps a caption on screen while its words are said.

Outputs are strings (callers write them atomically) and deterministic: the same cues
always give the same bytes, so re-rendering an unchanged episode changes no file.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

MAX_LINE_CHARS = 65
MAX_LINES = 2

TRANSCRIPT_VERSION = "1.0.0"  # Podcasting 2.0 JSON transcript format
CHAPTERS_VERSION = "1.2.0"  # Podcasting 2.0 JSON chapters format

# Piper raw phonemes from a lexicon entry ("[[ ɡɪf ]]"), and the lexicon's private-use
# placeholder characters: neither is text a reader should see.
_PHONEMES = re.compile(r"\[\[.*?\]\]", re.DOTALL)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


@dataclass(frozen=True)
class Cue:
    """One sentence as placed in the final episode, in seconds: `text` as written (what
    readers see), `spoken` as said (kept in the JSON transcript for checking)."""

    start: float
    end: float
    text: str
    spoken: str = ""


@dataclass(frozen=True)
class Chapter:
    """A titled stretch of the episode, in seconds."""

    title: str
    start: float
    end: float


def clean_text(text: str) -> str:
    """What a reader should see of spoken text: no phoneme runs, placeholders or odd spacing."""
    text = _PRIVATE_USE.sub("", _PHONEMES.sub(" ", text))
    return " ".join(text.split())


def chapters_from_cues(
    cues: Sequence[Cue], headings: Sequence[int], duration: float | None = None
) -> list[Chapter]:
    """Chapters titled by the heading cues at `headings` (indexes into `cues`).

    Each chapter runs from its heading's start to the next chapter's start; the last runs
    to `duration` (the episode's real length; default the last cue's end). The first
    chapter starts at 0 even when its heading is later: players show the chapter under
    way at every moment, and a listener who taps the first chapter expects the episode's
    beginning, not a jump past the opening. Presscast episodes open with the title read
    as a heading, so passing that cue (index 0) makes the opening its own chapter.

    Pass the first cue of each heading: a heading split over several cues would otherwise
    become several chapters.
    """
    indexes = sorted(set(headings))
    if not cues or not indexes:
        return []
    if indexes[0] < 0 or indexes[-1] >= len(cues):
        raise ValueError(f"heading index out of range: {headings} for {len(cues)} cues")
    end_of_episode = max(c.end for c in cues) if duration is None else duration
    starts = [0.0] + [cues[i].start for i in indexes[1:]]
    ends = [*starts[1:], max(end_of_episode, starts[-1])]
    return [
        Chapter(clean_text(cues[i].text) or f"Chapter {n}", start, end)
        for n, (i, start, end) in enumerate(zip(indexes, starts, ends, strict=True), 1)
    ]


def to_webvtt(cues: Sequence[Cue], max_line_chars: int = MAX_LINE_CHARS) -> str:
    """A WebVTT caption file: the "WEBVTT" header, then short cues separated by blank lines.

    `&`, `<` and `>` become character references, which also keeps the cue-timing arrow
    "-->" (forbidden in cue text) out of the text.
    """
    blocks = ["WEBVTT"]
    for start, end, lines in _caption_cues(cues, max_line_chars):
        text = "\n".join(_escape_vtt(line) for line in lines)
        blocks.append(f"{_timestamp(start, '.')} --> {_timestamp(end, '.')}\n{text}")
    return "\n\n".join(blocks) + "\n"


def to_srt(cues: Sequence[Cue], max_line_chars: int = MAX_LINE_CHARS) -> str:
    """An SRT caption file: the same cues as `to_webvtt`, numbered from 1.

    SRT has no escapes and players read `<...>` in it as markup, so angle brackets
    become the look-alike single guillemets (which also keeps "-->" out of the text).
    """
    blocks = []
    for number, (start, end, lines) in enumerate(_caption_cues(cues, max_line_chars), 1):
        text = "\n".join(line.replace("<", "‹").replace(">", "›") for line in lines)
        blocks.append(f"{number}\n{_timestamp(start, ',')} --> {_timestamp(end, ',')}\n{text}")
    return "".join(block + "\n\n" for block in blocks)


def to_podcast_json(cues: Sequence[Cue], speaker: str | None = None) -> str:
    """A Podcasting 2.0 JSON transcript: one segment per cue, times in seconds.

    Whole sentences, not caption-sized pieces: apps that read JSON lay text out
    themselves, and exact sentence times are better for search and for highlighting as
    it plays. `body` is the sentence as written; `spoken`, where the cue has it, is what
    was said (apps ignore fields they do not know).
    """
    segments = []
    for cue in cues:
        body = clean_text(cue.text)
        if not body:
            continue
        segment: dict[str, object] = {}
        if speaker:
            segment["speaker"] = speaker
        segment.update(startTime=_seconds(cue.start), endTime=_seconds(cue.end), body=body)
        spoken = clean_text(cue.spoken)
        if spoken:
            segment["spoken"] = spoken
        segments.append(segment)
    return _dump({"version": TRANSCRIPT_VERSION, "segments": segments})


def to_chapters_json(chapters: Sequence[Chapter]) -> str:
    """A Podcasting 2.0 JSON chapters file: startTime, endTime (seconds) and title."""
    items = [
        {"startTime": _seconds(c.start), "endTime": _seconds(c.end), "title": c.title}
        for c in chapters
    ]
    return _dump({"version": CHAPTERS_VERSION, "chapters": items})


def wrap_lines(text: str, max_line_chars: int = MAX_LINE_CHARS) -> list[str]:
    """Greedy word wrap; a word longer than a line stands alone on its own line."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) <= max_line_chars:
            current = f"{current} {word}"
            continue
        if current:
            lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def split_caption(text: str, max_line_chars: int = MAX_LINE_CHARS) -> list[list[str]]:
    """Text as caption cues of at most two lines each, lines balanced in length.

    The number of cues is the fewest that fit; words are then shared evenly between
    them, so a segment never ends with a one-word cue that flashes by.
    """
    words = text.split()
    if not words:
        return []
    greedy = _pack(words, max_line_chars, math.inf)
    if len(greedy) > 1:
        target = len(" ".join(words)) / len(greedy)
        balanced = _pack(words, max_line_chars, target)
        if len(balanced) == len(greedy):
            greedy = balanced
    return [_balance_lines(chunk, max_line_chars) for chunk in greedy]


def _pack(words: list[str], max_line_chars: int, target: float) -> list[list[str]]:
    """Fill cues word by word until two lines are full or a cue is nearest `target` chars."""
    chunks: list[list[str]] = []
    current: list[str] = []
    for word in words:
        candidate = [*current, word]
        fits = len(wrap_lines(" ".join(candidate), max_line_chars)) <= MAX_LINES
        length, longer = len(" ".join(current)), len(" ".join(candidate))
        past_target = longer > target and longer - target > target - length
        if current and (not fits or past_target):
            chunks.append(current)
            current = [word]
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks


def _balance_lines(words: list[str], max_line_chars: int) -> list[str]:
    """One or two lines; two split where the longer line is shortest (easier to read)."""
    text = " ".join(words)
    if len(text) <= max_line_chars or len(words) == 1:
        return [text]
    best: tuple[int, list[str]] | None = None
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        if (
            len(wrap_lines(first, max_line_chars)) > 1
            or len(wrap_lines(second, max_line_chars)) > 1
        ):
            continue
        longest = max(len(first), len(second))
        if best is None or longest < best[0]:
            best = (longest, [first, second])
    return best[1] if best else wrap_lines(text, max_line_chars)


def _caption_cues(cues: Sequence[Cue], max_line_chars: int) -> list[tuple[float, float, list[str]]]:
    """(start, end, lines) for every caption cue, times shared out by characters.

    Boundaries inside a segment are computed once and shared by neighbouring cues, so
    they are contiguous; cues shorter than a millisecond once rounded are left out
    (WebVTT requires an end after the start, and nobody could read them).
    """
    out: list[tuple[float, float, list[str]]] = []
    for cue in cues:
        pieces = split_caption(clean_text(cue.text), max_line_chars)
        if not pieces:
            continue
        weights = [len(" ".join(lines)) + 1 for lines in pieces]  # +1: the space between
        total = sum(weights)
        span = max(0.0, cue.end - cue.start)
        bounds = [cue.start]
        running = 0
        for weight in weights[:-1]:
            running += weight
            bounds.append(cue.start + span * running / total)
        bounds.append(cue.start + span)
        for lines, start, end in zip(pieces, bounds, bounds[1:], strict=False):
            if _millis(end) > _millis(start):
                out.append((start, end, lines))
    return out


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _millis(seconds: float) -> int:
    return max(0, round(seconds * 1000))


def _timestamp(seconds: float, decimal_mark: str) -> str:
    """HH:MM:SS.mmm (WebVTT) or HH:MM:SS,mmm (SRT); hours grow past two digits if need be."""
    ms = _millis(seconds)
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    secs, ms = divmod(ms, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{decimal_mark}{ms:03d}"


def _seconds(value: float) -> float:
    """Seconds to the millisecond: enough for any player, and stable output."""
    return _millis(value) / 1000


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
