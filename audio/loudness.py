"""Loudness to podcast standards: -16 LUFS integrated, true peak at most -1 dBTP.

Measured per ITU-R BS.1770 by ffmpeg's ebur128 filter. Synthetic speech has a high
crest factor (Piper: peaks near -3 dBFS at about -26 LUFS), so a single linear gain to
-16 LUFS would clip and loudnorm's linear mode cannot apply. The episode is brought to
the level the compressor is set for, compressed (which does most of the work), given
one gain for the whole file and a peak limiter that only catches what is left; the
gain is found by measuring the result until it lands on target. The limiter works at
the MP3's sample rate and its ceiling leaves room for the peaks encoding adds; the
encoded file is measured again.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from audio.errors import AudioError
from audio.ffmpeg import input_args, run_ffmpeg_report

TARGET_LUFS = -16.0
MAX_TRUE_PEAK = -1.0  # dBTP, on the encoded file
# Limiter ceiling, linear (-4.4 dBFS at 44.1 kHz). Encoding at 64 kbps adds ~1.5 dB of true
# peak above it: a 25.8-minute Piper episode measured -2.3 dBTP as MP3 (at 0.7, -0.8).
LIMIT = 0.6
TOLERANCE = 0.2  # LU: how close the gain search gets before encoding
ACCEPT = 0.6  # LU: how close the encoded file must be (the promise is 1 LU)
MAX_STEP_DB = 3.0  # the largest gain correction made from one measurement

# The compressor is set for sources at REFERENCE_LUFS (Piper's own level); any other
# source is brought there first, within MAX_LEVEL_DB, so every engine is treated alike.
# On Piper speech it takes the peaks down enough that the limiter then removes 2-2.2 dB
# of RMS from 90-second stretches of a long article and ~4 dB from a short, peaky clip;
# the previous chain (gentler compressor, no leveling, ceiling 0.5) removed 8.5 and 11.2.
REFERENCE_LUFS = -26.0
MAX_LEVEL_DB = 20.0
COMPRESSOR = "acompressor=threshold=0.03:ratio=4:attack=3:release=150:knee=4"
LIMITER = f"alimiter=limit={LIMIT}:level=disabled:attack=1:release=60"
METER = "ebur128=framelog=verbose"  # the summary only; per-frame lines stay quiet
MP3_RATE = 44100  # what the search measures at: the episode's sample rate
FIRST_SLOPE = 0.5  # LU per dB near the target, before two measurements tell (0.45-0.7 seen)


@dataclass(frozen=True)
class Loudness:
    """Integrated loudness (LUFS), true peak (dBTP) and loudness range (LU)."""

    integrated: float
    true_peak: float
    lra: float


def leveling(before: Loudness) -> float:
    """The gain (dB) that brings a source measured `before` to REFERENCE_LUFS."""
    if before.integrated < -70:  # silence: nothing to level
        return 0.0
    return max(-MAX_LEVEL_DB, min(MAX_LEVEL_DB, REFERENCE_LUFS - before.integrated))


def mastering_filter(gain_db: float, before: Loudness, rate: int = MP3_RATE) -> str:
    """Leveling, compression, one gain for the whole episode, resampling, a peak limiter."""
    return (
        f"volume={leveling(before):.2f}dB,{COMPRESSOR},volume={gain_db:.2f}dB,"
        f"aresample={rate},{LIMITER}"
    )


@dataclass(frozen=True)
class GainSearch:
    """The gain found, the loudness before mastering, and how loudness follows the gain."""

    gain: float
    before: Loudness
    slope: float = FIRST_SLOPE  # LU per dB near `gain`: corrections from the MP3 use it


def find_gain(path: str | os.PathLike[str], rounds: int = 4) -> GainSearch:
    """The gain that brings the mastered audio to the target, and the loudness before it.

    Silence (no measurable loudness) gets no gain. The first guess is what the compressed
    audio lacks; as the limiter starts to work loudness rises more slowly than the gain,
    so each round corrects by the slope the last two measured.
    """
    before = measure(path, true_peak=False)
    if before.integrated < -70:
        return GainSearch(0.0, before)
    compressed = measure(path, f"volume={leveling(before):.2f}dB,{COMPRESSOR}", true_peak=False)
    gain, slope = TARGET_LUFS - compressed.integrated, FIRST_SLOPE
    previous: tuple[float, float] | None = None
    for _ in range(rounds):
        level = measure(path, mastering_filter(gain, before), true_peak=False)
        if previous and abs(gain - previous[0]) > 0.01:
            slope = min(1.5, max(0.2, (level.integrated - previous[1]) / (gain - previous[0])))
        if abs(level.integrated - TARGET_LUFS) <= TOLERANCE:
            break
        previous = (gain, level.integrated)
        gain += (TARGET_LUFS - level.integrated) / slope
    return GainSearch(gain, before, slope)


def next_gain(
    gain: float, heard: Loudness, accept: float = ACCEPT, slope: float = FIRST_SLOPE
) -> float | None:
    """None when encoded audio measured `heard` is on target; else the gain to try next.

    The true-peak limit wins over the last fraction of a LU; a loudness miss is corrected
    by `slope` (LU per dB), a step of at most MAX_STEP_DB. A slope below FIRST_SLOPE is
    not trusted: ebur128 reports tenths of a LU, and an underestimate would overshoot.
    """
    if heard.integrated < -70:
        return None
    if heard.true_peak > MAX_TRUE_PEAK:
        return gain - (heard.true_peak - MAX_TRUE_PEAK + 0.3)
    miss = TARGET_LUFS - heard.integrated
    if abs(miss) > accept:
        step = miss / max(slope, FIRST_SLOPE)
        return gain + max(-MAX_STEP_DB, min(MAX_STEP_DB, step))
    return None


def on_target(heard: Loudness) -> bool:
    """Whether encoded audio keeps the promise: within ACCEPT of the target, peak in limit."""
    return abs(heard.integrated - TARGET_LUFS) <= ACCEPT and heard.true_peak <= MAX_TRUE_PEAK


def measure(
    path: str | os.PathLike[str], filters: str | None = None, true_peak: bool = True
) -> Loudness:
    """BS.1770 loudness of a file (after `filters`, when given) by ebur128.

    The true peak (4x oversampled, slower) is only measured when asked; else it is nan.
    """
    meter = meter_filter(true_peak)
    chain = f"{filters},{meter}" if filters else meter
    report = run_ffmpeg_report([*input_args(path), "-af", chain, "-f", "null", "-"])
    return parse_report(report, true_peak)


def meter_filter(true_peak: bool = True) -> str:
    """The ebur128 filter as measure() runs it."""
    return f"{METER}:peak=true" if true_peak else METER


def parse_report(report: str, true_peak: bool = True) -> Loudness:
    """Loudness from the summary ebur128 prints on ffmpeg's stderr."""
    summary = report[report.rfind("Summary:") :]
    integrated = _number(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    lra = _number(r"LRA:\s+(-?[\d.]+) LU", summary)
    peak = (
        _number(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
        if true_peak
        else float("nan")
    )
    return Loudness(integrated, peak, lra)


def _number(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    if not match:
        raise AudioError("ffmpeg's ebur128 gave no loudness summary")
    return float(match.group(1))
