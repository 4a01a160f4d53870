"""Mastering and encoding with real ffmpeg: format, loudness, duration, timings, framing."""

from __future__ import annotations

import dataclasses
import math
import random
import struct
from pathlib import Path

import pytest
from mutagen.mp3 import MP3, BitrateMode

from audio import encode, master
from audio.engines.base import Speech
from audio.errors import AudioError
from audio.ffmpeg import measure_duration, run_ffmpeg
from audio.loudness import Mastering, measure
from audio.master import (
    LEAD_IN_MS,
    TAIL_MS,
    EncodeSettings,
    Framing,
    master_episode,
    trim_silence,
)

RATE = 22050
RAW = EncodeSettings(normalize_loudness=False)


def tone(seconds: float, silence: float = 0.0, rate: int = RATE, amplitude: int = 8000) -> Speech:
    """A 440 Hz tone with `silence` seconds of silence on each side."""
    quiet = b"\x00\x00" * int(silence * rate)
    n = int(seconds * rate)
    body = struct.pack(
        f"<{n}h", *(int(amplitude * math.sin(2 * math.pi * 440 * i / rate)) for i in range(n))
    )
    return Speech(quiet + body + quiet, rate)


def test_trim_silence_removes_the_engines_padding() -> None:
    trimmed = trim_silence(tone(1.0, silence=0.5))
    assert 1.0 <= len(trimmed) / 1000 <= 1.1


def test_episode_is_mono_44k_cbr_64k(tmp_path: Path) -> None:
    out = tmp_path / "ep.mp3"
    master_episode([(tone(1.0), 300), (tone(0.5), 800)], out, RAW)
    info = MP3(out).info
    assert (info.sample_rate, info.channels, info.bitrate) == (44100, 1, 64000)
    assert info.bitrate_mode in (BitrateMode.CBR, BitrateMode.UNKNOWN)
    assert not list(tmp_path.glob(".*assembly*")), "the assembly file is cleaned up"


def test_duration_and_timings_follow_the_parts(tmp_path: Path) -> None:
    out = tmp_path / "ep.mp3"
    parts = [(tone(1.0, silence=0.2), 300), (tone(2.0), 1000), (tone(0.5), 500)]
    audio = master_episode(parts, out, EncodeSettings(bitrate_kbps=96, normalize_loudness=False))
    expected = LEAD_IN_MS / 1000 + 1.0 + 0.3 + 2.0 + 1.0 + 0.5 + 0.5 + TAIL_MS / 1000
    assert audio.duration_seconds == pytest.approx(expected, abs=0.1)
    assert audio.duration_seconds == pytest.approx(measure_duration(out), abs=0.001)
    starts = [t.start for t in audio.timings]
    assert starts == pytest.approx([0.3, 1.6 + 0.02, 4.6 + 0.02], abs=0.08)
    assert all(t.end > t.start for t in audio.timings)
    assert MP3(out).info.bitrate == 96000
    run_ffmpeg(["-xerror", "-i", str(out), "-f", "null", "-"])


def test_loudness_reaches_podcast_target(tmp_path: Path) -> None:
    """A quiet, peaky source comes out at -16 LUFS with true peak at most -1 dBTP."""
    out = tmp_path / "ep.mp3"
    parts = [(tone(2.0, amplitude=900), 300), (tone(0.05, amplitude=12000), 300)] * 6
    audio = master_episode(parts, out)
    heard = measure(out)
    assert heard.integrated == pytest.approx(-16, abs=1)
    assert heard.true_peak <= -1
    assert audio.loudness == heard
    assert audio.source_loudness is not None and audio.source_loudness.integrated < -22


def speechlike(seconds: float, seed: int) -> Speech:
    """Bursts of noisy tone of varying level, like words: peaky, with a real loudness range."""
    rng = random.Random(seed)
    samples: list[int] = []
    while len(samples) < seconds * RATE:
        level = rng.uniform(1500, 9000)
        freq = rng.uniform(120, 900)
        burst = int(rng.uniform(0.08, 0.4) * RATE)
        samples += [
            int(level * math.sin(2 * math.pi * freq * i / RATE) + rng.gauss(0, level / 8))
            for i in range(burst)
        ]
        samples += [0] * int(rng.uniform(0.02, 0.15) * RATE)
    samples = [max(-32768, min(32767, v)) for v in samples]
    return Speech(struct.pack(f"<{len(samples)}h", *samples), RATE)


def test_long_episode_is_encoded_while_it_is_assembled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the excerpt, the MP3 comes from the live encoder, on target, no second pass."""
    monkeypatch.setattr(encode, "EXCERPT_SECONDS", 6)
    monkeypatch.setattr(encode, "LIVE_AFTER_SECONDS", 12)

    def no_file_pass(*args: object) -> None:
        raise AssertionError("the live encode should have been on target")

    monkeypatch.setattr(master, "encode_file", no_file_pass)
    out = tmp_path / "ep.mp3"
    parts = ((speechlike(2.0, seed), 300) for seed in range(14))
    audio = master_episode(parts, out)
    heard = measure(out)
    assert heard.integrated == pytest.approx(-16, abs=1)
    assert heard.true_peak <= -1
    assert audio.loudness is not None
    assert audio.loudness.integrated == heard.integrated
    assert "acompressor" in audio.filters and "alimiter" in audio.filters
    assert audio.duration_seconds == pytest.approx(measure_duration(out), abs=0.001)
    run_ffmpeg(["-xerror", "-i", str(out), "-f", "null", "-"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ep.mp3"], "no work files left"


def test_a_short_episode_is_mastered_from_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under LIVE_AFTER_SECONDS no excerpt is searched and no trial encode is made."""
    monkeypatch.setattr(encode, "EXCERPT_SECONDS", 6)
    monkeypatch.setattr(encode, "LIVE_AFTER_SECONDS", 60)

    def no_live(self: encode.LiveEncoder) -> Mastering:
        raise AssertionError("a short episode should not start a live encode")

    monkeypatch.setattr(encode.LiveEncoder, "_excerpt_gain", no_live)
    out = tmp_path / "ep.mp3"
    audio = master_episode(((speechlike(2.0, seed), 300) for seed in range(10)), out)
    heard = measure(out)
    assert heard.integrated == pytest.approx(-16, abs=1) and heard.true_peak <= -1
    assert audio.loudness == heard
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ep.mp3"], "no work files left"


def test_live_encode_off_target_falls_back_to_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(encode, "EXCERPT_SECONDS", 6)
    monkeypatch.setattr(encode, "LIVE_AFTER_SECONDS", 12)
    monkeypatch.setattr(encode, "on_target", lambda heard: False)
    calls: list[Path] = []
    real = master.encode_file

    def file_pass(
        source: Path, out: Path, settings: EncodeSettings, start: Mastering | None = None
    ) -> encode.Encoded:
        calls.append(source)
        return real(source, out, settings, start)

    monkeypatch.setattr(master, "encode_file", file_pass)
    out = tmp_path / "ep.mp3"
    audio = master_episode(((speechlike(2.0, seed), 300) for seed in range(10)), out)
    assert len(calls) == 1
    heard = measure(out)
    assert heard.integrated == pytest.approx(-16, abs=1) and heard.true_peak <= -1
    assert audio.loudness == heard


def test_a_live_encode_off_target_hands_its_measurement_to_the_file_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file path starts from what the whole live MP3 measured: no new gain search."""
    monkeypatch.setattr(encode, "EXCERPT_SECONDS", 6)
    monkeypatch.setattr(encode, "LIVE_AFTER_SECONDS", 12)
    search = encode.find_gain

    def too_quiet(self: encode.LiveEncoder) -> Mastering:
        found = search(self.excerpt_path)
        return dataclasses.replace(found, gain=found.gain - 4)

    def no_search(path: Path) -> Mastering:
        raise AssertionError("the file path should start from the live measurement")

    monkeypatch.setattr(encode.LiveEncoder, "_excerpt_gain", too_quiet)
    monkeypatch.setattr(encode, "find_gain", no_search)
    out = tmp_path / "ep.mp3"
    audio = master_episode(((speechlike(2.0, seed), 300) for seed in range(14)), out)
    heard = measure(out)
    assert heard.integrated == pytest.approx(-16, abs=1) and heard.true_peak <= -1
    assert audio.loudness == heard


def test_intro_outro_and_music_bed(tmp_path: Path) -> None:
    intro = tmp_path / "intro.mp3"
    run_ffmpeg(["-f", "lavfi", "-i", "sine=frequency=660:duration=2", "-c:a", "libmp3lame",
                str(intro)])  # fmt: skip
    bed = tmp_path / "bed.wav"
    run_ffmpeg(["-f", "lavfi", "-i", "anoisesrc=d=1:a=0.2", str(bed)])
    out = tmp_path / "ep.mp3"
    framing = Framing(intro=intro, outro=intro, bed=bed, opening_parts=1)
    audio = master_episode([(tone(1.0), 300), (tone(1.0), 300)], out, RAW, framing)
    # 2 s intro, lead-in, opening over the bed (and its 2.5 s tail), the body, tail, outro
    assert audio.timings[0].start == pytest.approx(2.0 + 0.3, abs=0.05)
    assert audio.timings[1].start == pytest.approx(2.3 + 1.0 + 0.3 + 2.5, abs=0.08)
    assert audio.duration_seconds == pytest.approx(audio.timings[1].end + 0.3 + 0.7 + 2 + 0.3,
                                                   abs=0.1)  # fmt: skip
    with pytest.raises(AudioError, match="not found"):
        master_episode([(tone(0.5), 100)], out, RAW, Framing(intro=tmp_path / "none.mp3"))


def test_nothing_to_narrate_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="nothing to narrate"):
        master_episode([], tmp_path / "ep.mp3")


def test_unwritable_output_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises((AudioError, OSError)) as err:
        master_episode([(tone(0.2), 100)], blocker / "ep.mp3", RAW)
    assert "\n" not in str(err.value)


def test_bitrate_out_of_range() -> None:
    with pytest.raises(AudioError, match="bit rate"):
        EncodeSettings(bitrate_kbps=8)
