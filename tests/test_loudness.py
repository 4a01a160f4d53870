"""The mastering chain on real Piper speech: compression does the work, the limiter only
catches peaks, and a source's own level does not change how it is treated."""

from __future__ import annotations

import re
import wave
from pathlib import Path

import pytest

from audio.engines.piper_engine import PiperEngine
from audio.ffmpeg import input_args, run_ffmpeg_report
from audio.loudness import (
    ACCEPT,
    AIM_LUFS,
    COMPRESSOR,
    GAIN_GRID_DB,
    LIMIT,
    MAX_STEP_DB,
    TARGET_LUFS,
    TOLERANCE,
    Loudness,
    Mastering,
    find_gain,
    leveling,
    limiter,
    measure,
    measure_gains,
    missed_promise,
)

SENTENCES = [
    "The harbour master asked about the ferry timetable on Tuesday night.",
    "Several parents argued for a summer program for students, with a smile.",
    "Nobody expected the vote to pass, but it did, by a single hand.",
    "What happens to the old hall now? The council will decide in March.",
]
RATE = 22050  # Piper's
RMS = "astats=measure_overall=RMS_level:measure_perchannel=none"


@pytest.fixture(scope="module")
def speech(piper: PiperEngine, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("speech") / "speech.wav"
    parts = [piper.synthesize(text) for text in SENTENCES]
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(parts[0].sample_rate)
        for part in parts:
            out.writeframes(part.pcm + bytes(2 * (parts[0].sample_rate // 2)))  # 0.5 s pause
    return path


def _scaled(source: Path, db: float, out: Path) -> Path:
    run_ffmpeg_report(["-y", *input_args(source), "-af", f"volume={db}dB", str(out)])
    return out


def test_the_limiter_only_catches_peaks(speech: Path) -> None:
    """At the gain found, the limiter takes a few dB of RMS (~4 here; the old chain took 11)."""
    search = find_gain(speech)
    level = measure(speech, search.filter(RATE), true_peak=False)
    assert level.integrated == pytest.approx(AIM_LUFS, abs=TOLERANCE)
    assert AIM_LUFS - TARGET_LUFS < ACCEPT  # an MP3 encoded without loss is still on target
    chain = (
        f"volume={leveling(search.before):.2f}dB,{COMPRESSOR},volume={search.gain:.2f}dB,"
        f"aresample=44100,{RMS},{limiter()},{RMS}"
    )
    report = run_ffmpeg_report([*input_args(speech), "-af", chain, "-f", "null", "-"])
    louder, limited = sorted(
        (float(v) for v in re.findall(r"RMS level dB: (-?[\d.]+)", report)), reverse=True
    )
    assert louder - limited <= 5.0


def test_the_grid_is_measured_in_one_run_as_each_gain_alone(speech: Path) -> None:
    before = measure(speech, true_peak=False)
    gains = GAIN_GRID_DB[1:4]
    together = measure_gains(speech, before, gains, RATE)
    alone = [measure(speech, Mastering(g, before).filter(RATE), False).integrated for g in gains]
    assert together == alone
    assert together == sorted(together)  # louder with every step of gain


def test_a_quieter_source_is_mastered_alike(speech: Path, tmp_path: Path) -> None:
    """gTTS, espeak and Piper speak at different levels: leveling first makes that moot."""
    original = find_gain(speech)
    quiet = find_gain(_scaled(speech, -12, tmp_path / "quiet.wav"))
    assert quiet.before.integrated == pytest.approx(original.before.integrated - 12, abs=0.2)
    assert quiet.gain == pytest.approx(original.gain, abs=0.5)


SOURCE = Loudness(-26.0, float("nan"), 3.0)


def test_a_true_peak_over_the_limit_lowers_the_ceiling_not_the_gain() -> None:
    mastering = Mastering(20.0, SOURCE, slope=0.6)
    corrected = mastering.corrected(Loudness(-16.0, -0.5, 2.0))
    assert corrected is not None
    assert corrected.gain == 20.0
    assert corrected.limit == pytest.approx(LIMIT * 10 ** (-0.8 / 20))
    assert f"limit={corrected.limit:.4f}" in corrected.filter()


def test_a_loudness_miss_moves_the_gain_by_the_slope() -> None:
    mastering = Mastering(20.0, SOURCE, slope=0.8)
    assert mastering.corrected(Loudness(-16.4, -3.0, 2.0)) is None  # within ACCEPT
    quiet = mastering.corrected(Loudness(-16.8, -3.0, 2.0))
    assert quiet is not None and quiet.gain == pytest.approx(21.0)
    assert quiet.limit == LIMIT
    tight = mastering.corrected(Loudness(-16.4, -3.0, 2.0), accept=TOLERANCE)
    assert tight is not None and tight.gain == pytest.approx(20.5)
    # a slope measured implausibly low is not trusted, and no step exceeds MAX_STEP_DB
    steep = Mastering(20.0, SOURCE, slope=0.2).corrected(Loudness(-16.8, -3.0, 2.0))
    assert steep is not None and steep.gain == pytest.approx(21.6)
    far = mastering.corrected(Loudness(-30.0, -9.0, 2.0))
    assert far is not None and far.gain == pytest.approx(20.0 + MAX_STEP_DB)


def test_silence_needs_no_correction() -> None:
    assert Mastering(0.0, SOURCE).corrected(Loudness(float("-inf"), float("-inf"), 0)) is None


def test_a_missed_promise_is_put_in_words() -> None:
    assert missed_promise(-16.9, -1.0) is None
    assert missed_promise(-15.2, -2.0) is None
    assert "-17.2 LUFS" in (missed_promise(-17.2, -2.0) or "")
    assert "-0.4 dBTP" in (missed_promise(-16.0, -0.4) or "")
