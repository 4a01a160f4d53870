"""Assemble narrated segments into one episode and encode it as MP3 with ID3 tags.

Segments are streamed into ffmpeg one by one, so memory does not grow with episode length.
"""

from __future__ import annotations

import os
import subprocess
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

from audio.engines.base import Speech
from audio.errors import AudioError
from audio.ffmpeg import ffmpeg_exe, finish_ffmpeg, measure_duration, open_ffmpeg

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


@dataclass(frozen=True)
class Tags:
    """ID3 text frames for the episode file."""

    title: str
    artist: str
    album: str
    date: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class EncodeSettings:
    """MP3 format: mono, 44.1 kHz, constant bit rate (64 kbps suits speech)."""

    sample_rate: int = 44100
    bitrate_kbps: int = 64

    def __post_init__(self) -> None:
        if not 32 <= self.bitrate_kbps <= 320:
            raise AudioError(f"MP3 bit rate {self.bitrate_kbps} kbps is out of range (32-320)")


@dataclass(frozen=True)
class Timing:
    """Where a segment's speech sits in the episode, in seconds."""

    start: float
    end: float


@dataclass(frozen=True)
class EpisodeAudio:
    """What mastering produced: the real duration and each segment's place in it."""

    duration_seconds: float
    timings: tuple[Timing, ...]


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
    tags: Tags,
    settings: EncodeSettings | None = None,
) -> EpisodeAudio:
    """Join (speech, pause after in ms) parts into an MP3 at `out_path`.

    Returns the duration measured by decoding the written file, and segment timings.
    """
    settings = settings or EncodeSettings()
    proc = None
    rate = 0
    samples = 0
    timings: list[Timing] = []
    try:
        for speech, pause_ms in parts:
            if proc is None:
                rate = speech.sample_rate
                proc = open_ffmpeg(_encode_args(rate, out_path, tags, settings))
                samples += _write(proc, _silence(rate, LEAD_IN_MS))
            sound = trim_silence(speech)
            if sound.frame_rate != rate:
                sound = sound.set_frame_rate(rate)
            start = samples / rate
            samples += _write(proc, sound.raw_data)
            timings.append(Timing(start, samples / rate))
            samples += _write(proc, _silence(rate, pause_ms))
        if proc is None:
            raise AudioError("nothing to narrate: the script has no speakable text")
        samples += _write(proc, _silence(rate, TAIL_MS))
    except BaseException:
        if proc is not None:
            proc.kill()
            proc.wait()
        raise
    finish_ffmpeg(proc)
    return EpisodeAudio(measure_duration(out_path, settings.sample_rate), tuple(timings))


def _silence(rate: int, ms: int) -> bytes:
    return bytes(2 * (rate * ms // 1000))


def _write(proc: subprocess.Popen[bytes], data: bytes) -> int:
    """Feed PCM to the encoder; returns the number of samples written."""
    assert proc.stdin is not None and proc.stderr is not None
    try:
        proc.stdin.write(data)
    except BrokenPipeError as exc:
        raise AudioError(
            f"ffmpeg stopped while encoding: {proc.stderr.read().decode()[-200:]}"
        ) from exc
    return len(data) // 2


def _encode_args(
    rate: int, out_path: str | os.PathLike[str], tags: Tags, settings: EncodeSettings
) -> list[str]:
    metadata = {
        "title": tags.title,
        "artist": tags.artist,
        "album": tags.album,
        "date": tags.date,
        "comment": tags.comment,
    }
    meta_args = [
        arg for key, value in metadata.items() if value for arg in ("-metadata", f"{key}={value}")
    ]
    return [
        "-f",
        "s16le",
        "-ar",
        str(rate),
        "-ac",
        "1",
        "-i",
        "pipe:0",
        "-ac",
        "1",
        "-ar",
        str(settings.sample_rate),
        "-c:a",
        "libmp3lame",
        "-b:a",
        f"{settings.bitrate_kbps}k",
        "-id3v2_version",
        "3",
        *meta_args,
        "-f",
        "mp3",
        os.fspath(out_path),
    ]
