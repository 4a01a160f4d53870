"""Assemble narrated segments into one episode, master its loudness, encode it as MP3.

Segments are written one by one into a WAV file beside the output, so memory does not
grow with episode length; ffmpeg then reads that file for measuring and encoding.
"""

from __future__ import annotations

import os
import warnings
import wave
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from audio.encode import EncodeSettings, LiveEncoder, encode_file
from audio.engines.base import Speech
from audio.errors import AudioError
from audio.ffmpeg import decode_file_to_pcm, ffmpeg_exe, require_ffmpeg
from audio.loudness import Loudness

__all__ = [
    "MASTER_VERSION",
    "EncodeSettings",
    "EpisodeAudio",
    "Framing",
    "Timing",
    "master_episode",
]

with warnings.catch_warnings():  # pydub warns at import when no ffmpeg is on PATH
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence
AudioSegment.converter = ffmpeg_exe()

# Bump when mastering changes what an unchanged script sounds like (render keys change).
MASTER_VERSION = "3"
SILENCE_DBFS = -50.0
KEEP_MS = 30  # of the silence an engine leaves around speech
FADE_MS = 8  # at each end of a segment: no clicks at joins
LEAD_IN_MS = 300
TAIL_MS = 700
BED_FADE_IN_MS = 500
BED_TAIL_MS = 2500  # the music bed plays on this long after the opening, fading out


@dataclass(frozen=True)
class Framing:
    """Produced audio around the narration: intro and outro files, a music bed.

    The bed plays under the first `opening_parts` segments (the spoken title and byline),
    at `bed_gain_db`, and fades out after them.
    """

    intro: Path | None = None
    outro: Path | None = None
    bed: Path | None = None
    bed_gain_db: float = -20.0
    opening_parts: int = 1


@dataclass(frozen=True)
class Timing:
    """Where a segment's speech sits in the episode, in seconds."""

    start: float
    end: float


@dataclass(frozen=True)
class EpisodeAudio:
    """What mastering produced: real duration, segment timings, loudness before and after."""

    duration_seconds: float
    timings: tuple[Timing, ...]
    loudness: Loudness | None = None
    source_loudness: Loudness | None = None
    gain_db: float = 0.0
    filters: str = ""  # the mastering filters ffmpeg applied


def trim_silence(speech: Speech) -> AudioSegment:
    """Speech without the engine's leading and trailing silence, faded at both ends."""
    sound = AudioSegment(data=speech.pcm, sample_width=2, frame_rate=speech.sample_rate, channels=1)
    if len(sound) == 0:
        return sound
    start = max(0, detect_leading_silence(sound, SILENCE_DBFS) - KEEP_MS)
    end = len(sound) - max(0, detect_leading_silence(sound.reverse(), SILENCE_DBFS) - KEEP_MS)
    trimmed = sound[start:end] if end > start else sound[:0]
    fade = min(FADE_MS, len(trimmed) // 2)
    return trimmed.fade_in(fade).fade_out(fade) if fade else trimmed


def master_episode(
    parts: Iterable[tuple[Speech, int]],
    out_path: str | os.PathLike[str],
    settings: EncodeSettings | None = None,
    framing: Framing | None = None,
) -> EpisodeAudio:
    """Join (speech, pause after in ms) parts into a mastered MP3 at `out_path`.

    Returns the duration (what was assembled: the MP3's LAME tag trims the encoder's
    delay and padding, so players play exactly that), segment timings, and the loudness
    measured on the encoded file. Long episodes are encoded while their parts arrive.
    """
    settings = settings or EncodeSettings()
    require_ffmpeg()  # before `parts` is drawn on: an old ffmpeg fails before narration
    out = Path(out_path)
    assembly = out.with_name(f".{out.name}.assembly.wav")
    live = LiveEncoder(assembly, out, settings) if settings.normalize_loudness else None
    try:
        timings, rate, seconds = _assemble(parts, assembly, framing or Framing(), live)
        encoded = live.finish(rate) if live else None
        if encoded is None:
            encoded = encode_file(assembly, out, settings, live.retry if live else None)
    finally:
        if live:
            live.close()
        assembly.unlink(missing_ok=True)
    return EpisodeAudio(
        duration_seconds=seconds,
        timings=tuple(timings),
        loudness=encoded.after,
        source_loudness=encoded.before,
        gain_db=round(encoded.gain_db, 2),
        filters=encoded.filters,
    )


class _Writer:
    """Appends mono 16-bit audio to a WAV file and keeps the running position."""

    def __init__(
        self, wav: wave.Wave_write, raw: BinaryIO, rate: int, live: LiveEncoder | None
    ) -> None:
        self.wav, self.raw, self.rate, self.samples, self.live = wav, raw, rate, 0, live

    def write(self, sound: AudioSegment) -> None:
        if sound.frame_rate != self.rate or sound.channels != 1:
            sound = sound.set_frame_rate(self.rate).set_channels(1)
        self._pcm(sound.raw_data)

    def silence(self, ms: int) -> None:
        self._pcm(bytes(2 * (self.rate * ms // 1000)))

    def _pcm(self, data: bytes) -> None:
        self.wav.writeframes(data)
        self.samples += len(data) // 2
        if self.live:
            self.live.feed(data, self.raw, self.rate)

    @property
    def seconds(self) -> float:
        return self.samples / self.rate


def _assemble(
    parts: Iterable[tuple[Speech, int]],
    path: Path,
    framing: Framing,
    live: LiveEncoder | None = None,
) -> tuple[list[Timing], int, float]:
    """Write the episode's PCM to a WAV file; segment timings, sample rate and length."""
    stream = iter(parts)
    try:
        first = next(stream)
    except StopIteration:
        raise AudioError("nothing to narrate: the script has no speakable text") from None
    rate = first[0].sample_rate
    timings: list[Timing] = []
    with open(path, "wb") as raw, wave.open(raw, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        out = _Writer(wav, raw, rate, live)
        if framing.intro:
            out.write(_load(framing.intro, rate))
        out.silence(LEAD_IN_MS)
        remaining = _chain([first], stream)
        if framing.bed:
            opening = [next(remaining) for _ in range(framing.opening_parts)]
            _write_over_bed(out, opening, framing, timings)
        for speech, pause_ms in remaining:
            _write_part(out, speech, pause_ms, timings)
        out.silence(TAIL_MS)
        if framing.outro:
            out.write(_load(framing.outro, rate))
            out.silence(LEAD_IN_MS)
    return timings, rate, out.seconds


def _write_part(out: _Writer, speech: Speech, pause_ms: int, timings: list[Timing]) -> None:
    start = out.seconds
    out.write(trim_silence(speech))
    timings.append(Timing(start, out.seconds))
    out.silence(pause_ms)


def _write_over_bed(
    out: _Writer, opening: list[tuple[Speech, int]], framing: Framing, timings: list[Timing]
) -> None:
    """The opening segments with the music bed under them, fading out after."""
    voice = AudioSegment.silent(duration=0, frame_rate=out.rate)
    offset = out.seconds
    for speech, pause_ms in opening:
        sound = trim_silence(speech).set_frame_rate(out.rate)
        start = offset + len(voice) / 1000
        voice += sound
        timings.append(Timing(start, offset + len(voice) / 1000))
        voice += AudioSegment.silent(duration=pause_ms, frame_rate=out.rate)
    assert framing.bed is not None
    bed = _load(framing.bed, out.rate)
    total = len(voice) + BED_TAIL_MS
    if len(bed) < total:
        bed = bed * (total // max(1, len(bed)) + 1)
    bed = bed[:total].apply_gain(framing.bed_gain_db).fade_in(BED_FADE_IN_MS).fade_out(BED_TAIL_MS)
    voice += AudioSegment.silent(duration=BED_TAIL_MS, frame_rate=out.rate)
    out.write(voice.overlay(bed))


def _load(path: Path, rate: int) -> AudioSegment:
    """Any audio file ffmpeg reads, as mono 16-bit at `rate`."""
    if not path.is_file():
        raise AudioError(f"audio file not found: {path}")
    return AudioSegment(
        data=decode_file_to_pcm(path, rate), sample_width=2, frame_rate=rate, channels=1
    )


def _chain(
    head: list[tuple[Speech, int]], tail: Iterator[tuple[Speech, int]]
) -> Iterator[tuple[Speech, int]]:
    yield from head
    yield from tail
