"""Mastering and encoding with real ffmpeg: format, tags, duration and timings."""

from __future__ import annotations

import math
import struct
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode

from audio.engines.base import Speech
from audio.errors import AudioError
from audio.ffmpeg import measure_duration, run_ffmpeg
from audio.master import LEAD_IN_MS, TAIL_MS, EncodeSettings, Tags, master_episode, trim_silence

RATE = 22050


def tone(seconds: float, silence: float = 0.0, rate: int = RATE) -> Speech:
    """A 440 Hz tone with `silence` seconds of silence on each side."""
    quiet = b"\x00\x00" * int(silence * rate)
    n = int(seconds * rate)
    body = struct.pack(
        f"<{n}h", *(int(8000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(n))
    )
    return Speech(quiet + body + quiet, rate)


def test_trim_silence_removes_the_engines_padding() -> None:
    trimmed = trim_silence(tone(1.0, silence=0.5))
    assert 1.0 <= len(trimmed) / 1000 <= 1.1


def test_episode_is_mono_44k_cbr_64k_with_tags(tmp_path: Path) -> None:
    out = tmp_path / "ep.mp3"
    tags = Tags(title="Ünïcode & <Title>", artist="Jo Writer", album="The Show", date="2026-11-28")
    master_episode([(tone(1.0), 300), (tone(0.5), 800)], out, tags)
    info = MP3(out).info
    assert (info.sample_rate, info.channels, info.bitrate) == (44100, 1, 64000)
    assert info.bitrate_mode in (BitrateMode.CBR, BitrateMode.UNKNOWN)
    id3 = ID3(out)
    assert str(id3["TIT2"]) == tags.title
    assert str(id3["TPE1"]) == "Jo Writer"
    assert str(id3["TALB"]) == "The Show"


def test_duration_and_timings_follow_the_parts(tmp_path: Path) -> None:
    out = tmp_path / "ep.mp3"
    parts = [(tone(1.0, silence=0.2), 300), (tone(2.0), 1000), (tone(0.5), 500)]
    audio = master_episode(parts, out, Tags("t", "a", "b"), EncodeSettings(bitrate_kbps=96))
    expected = LEAD_IN_MS / 1000 + 1.0 + 0.3 + 2.0 + 1.0 + 0.5 + 0.5 + TAIL_MS / 1000
    assert audio.duration_seconds == pytest.approx(expected, abs=0.1)
    assert audio.duration_seconds == pytest.approx(measure_duration(out), abs=0.001)
    starts = [t.start for t in audio.timings]
    assert starts == pytest.approx([0.3, 1.6 + 0.02, 4.6 + 0.02], abs=0.08)
    assert all(t.end > t.start for t in audio.timings)
    assert MP3(out).info.bitrate == 96000
    run_ffmpeg(["-xerror", "-i", str(out), "-f", "null", "-"])


def test_parts_at_another_rate_are_resampled(tmp_path: Path) -> None:
    out = tmp_path / "ep.mp3"
    audio = master_episode(
        [(tone(1.0), 200), (tone(1.0, rate=24000), 200)], out, Tags("t", "a", "b")
    )
    assert audio.duration_seconds == pytest.approx(0.3 + 1.0 + 0.2 + 1.0 + 0.2 + 0.7, abs=0.1)


def test_nothing_to_narrate_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="nothing to narrate"):
        master_episode([], tmp_path / "ep.mp3", Tags("t", "a", "b"))


def test_unwritable_output_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(AudioError) as err:
        master_episode([(tone(0.2), 100)], tmp_path / "missing" / "ep.mp3", Tags("t", "a", "b"))
    assert "\n" not in str(err.value)


def test_bitrate_out_of_range() -> None:
    with pytest.raises(AudioError, match="bit rate"):
        EncodeSettings(bitrate_kbps=8)
