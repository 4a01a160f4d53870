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

from audio.engines.base import Speech
from audio.errors import AudioError
from audio.ffmpeg import decode_file_to_pcm, ffmpeg_exe, measure_duration, run_ffmpeg
from audio.loudness import (
    ACCEPT,
    MAX_TRUE_PEAK,
    TARGET_LUFS,
    Loudness,
    find_gain,
    mastering_filter,
)
from audio.loudness import measure as measure_loudness

with warnings.catch_warnings():  # pydub warns at import when no ffmpeg is on PATH
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment
    from pydub.silence import detect_leading_silence
AudioSegment.converter = ffmpeg_exe()

SILENCE_DBFS = -50.0
KEEP_MS = 30  # of the silence an engine leaves around speech
FADE_MS = 8  # at each end of a segment: no clicks at joins
LEAD_IN_MS = 300
TAIL_MS = 700
BED_FADE_IN_MS = 500
BED_TAIL_MS = 2500  # the music bed plays on this long after the opening, fading out
ENCODE_ROUNDS = 3  # encodes at most, correcting the gain by what the MP3 measures


@dataclass(frozen=True)
class EncodeSettings:
    """MP3 format: mono, 44.1 kHz, constant bit rate (64 kbps suits speech)."""

    sample_rate: int = 44100
    bitrate_kbps: int = 64
    normalize_loudness: bool = True

    def __post_init__(self) -> None:
        if not 32 <= self.bitrate_kbps <= 320:
            raise AudioError(f"MP3 bit rate {self.bitrate_kbps} kbps is out of range (32-320)")


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

    Returns the duration measured by decoding the written file, segment timings, and the
    loudness measured on the encoded file.
    """
    settings = settings or EncodeSettings()
    out = Path(out_path)
    assembly = out.with_name(f".{out.name}.assembly.wav")
    try:
        timings = _assemble(parts, assembly, framing or Framing())
        gain, before, after = _encode(assembly, out, settings)
    finally:
        assembly.unlink(missing_ok=True)
    return EpisodeAudio(
        duration_seconds=measure_duration(out, settings.sample_rate),
        timings=tuple(timings),
        loudness=after,
        source_loudness=before,
        gain_db=round(gain, 2),
    )


class _Writer:
    """Appends mono 16-bit audio to a WAV file and keeps the running position."""

    def __init__(self, wav: wave.Wave_write, rate: int) -> None:
        self.wav, self.rate, self.samples = wav, rate, 0

    def write(self, sound: AudioSegment) -> None:
        if sound.frame_rate != self.rate or sound.channels != 1:
            sound = sound.set_frame_rate(self.rate).set_channels(1)
        self.wav.writeframes(sound.raw_data)
        self.samples += len(sound.raw_data) // 2

    def silence(self, ms: int) -> None:
        self.wav.writeframes(bytes(2 * (self.rate * ms // 1000)))
        self.samples += self.rate * ms // 1000

    @property
    def seconds(self) -> float:
        return self.samples / self.rate


def _assemble(parts: Iterable[tuple[Speech, int]], path: Path, framing: Framing) -> list[Timing]:
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
        out = _Writer(wav, rate)
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
    return timings


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


def _encode(
    source: Path, out: Path, settings: EncodeSettings
) -> tuple[float, Loudness | None, Loudness | None]:
    """Encode with the loudness gain; correct the gain by what the MP3 itself measures."""
    if not settings.normalize_loudness:
        run_ffmpeg(_encode_args(source, out, settings, None))
        return 0.0, None, None
    gain, before = find_gain(source)
    after = None
    for _ in range(ENCODE_ROUNDS):
        run_ffmpeg(_encode_args(source, out, settings, mastering_filter(gain)))
        after = measure_loudness(out)
        if after.integrated < -70:
            break
        if after.true_peak > MAX_TRUE_PEAK:  # the hard limit wins over the last half LU
            gain -= after.true_peak - MAX_TRUE_PEAK + 0.3
        elif abs(after.integrated - TARGET_LUFS) > ACCEPT:
            gain += TARGET_LUFS - after.integrated
        else:
            break
    return gain, before, after


def _encode_args(
    source: Path, out: Path, settings: EncodeSettings, filters: str | None
) -> list[str]:
    chain = (
        f"{filters},aresample={settings.sample_rate}"
        if filters
        else (f"aresample={settings.sample_rate}")
    )
    return [
        "-y", "-i", str(source), "-af", chain,
        "-ac", "1", "-ar", str(settings.sample_rate),
        "-c:a", "libmp3lame", "-b:a", f"{settings.bitrate_kbps}k",
        "-id3v2_version", "3", "-write_xing", "1",
        "-f", "mp3", str(out),
    ]  # fmt: skip
