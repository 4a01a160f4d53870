"""The ffmpeg plumbing: which binary, which version, how WAV reaches it."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from audio import ffmpeg
from audio.errors import AudioError
from audio.ffmpeg import (
    WAV_STDIN,
    input_args,
    require_ffmpeg,
    run_ffmpeg,
    streamed_wav_header,
)


@pytest.mark.parametrize(
    ("banner", "version"),
    [
        ("ffmpeg version 7.0.2-static https://johnvansickle.com/ffmpeg/", (7, 0)),
        ("ffmpeg version n9.0.2-17-g2a571b6068-20260930 Copyright", (9, 0)),
        ("ffmpeg version 6.1.1-3ubuntu5 Copyright (c) 2000-2023", (6, 1)),
        ("ffmpeg version N-113000-g1234abcd Copyright", None),  # a git build
    ],
)
def test_version_banner(banner: str, version: tuple[int, int] | None) -> None:
    assert ffmpeg._parse_version(banner) == version


def test_the_ffmpeg_in_use_is_recent_enough() -> None:
    require_ffmpeg()
    version = ffmpeg.ffmpeg_version()
    assert version is None or version[0] >= ffmpeg.MIN_VERSION


def test_an_old_ffmpeg_is_refused_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ffmpeg, "ffmpeg_version", lambda: (6, 1))
    with pytest.raises(AudioError, match=r"ffmpeg 6\.1 .* too old.*ffmpeg 7 or newer") as err:
        require_ffmpeg()
    assert "\n" not in str(err.value)


def _wav(path: Path, samples: int, rate: int = 22050) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x01\x00" * samples)
    return path


def test_wav_files_are_read_in_large_packets_and_others_as_they_are(tmp_path: Path) -> None:
    wav = _wav(tmp_path / "a.wav", 1000)
    assert input_args(wav) == ["-max_size", str(ffmpeg.WAV_PACKET_BYTES), "-i", str(wav)]
    mp3 = tmp_path / "b.mp3"
    run_ffmpeg(["-i", str(wav), str(mp3)])
    assert input_args(mp3) == ["-i", str(mp3)]  # ffmpeg refuses -max_size for MP3
    for path in (wav, mp3):
        run_ffmpeg([*input_args(path), "-f", "null", "-"])


def test_pcm_streamed_as_wav_of_unknown_length_is_read_whole() -> None:
    rate, seconds = 22050, 3
    pcm = streamed_wav_header(rate) + b"\x10\x00" * (rate * seconds)
    decoded = run_ffmpeg([*WAV_STDIN, "-f", "s16le", "pipe:1"], stdin=pcm)
    assert len(decoded) == 2 * rate * seconds


def test_an_old_ffmpeg_stops_mastering_before_any_narration(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from audio.master import master_episode

    drawn: list[int] = []

    def parts():  # type: ignore[no-untyped-def]
        drawn.append(1)
        yield from ()

    monkeypatch.setattr(ffmpeg, "ffmpeg_version", lambda: (5, 1))
    with pytest.raises(AudioError, match="too old"):
        master_episode(parts(), tmp_path / "ep.mp3")
    assert drawn == []
