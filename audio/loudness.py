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
from dataclasses import dataclass, replace

from audio.errors import AudioError
from audio.ffmpeg import input_args, run_ffmpeg_report

TARGET_LUFS = -16.0
MAX_TRUE_PEAK = -1.0  # dBTP, on the encoded file
# Limiter ceiling, linear (-4.4 dBFS at 44.1 kHz). Encoding at 64 kbps adds 2-3 dB of true
# peak above it: 24-26 minute Piper episodes measured -1.5 to -2.4 dBTP as MP3 (at 0.7,
# -0.8). A live encode that still goes over is redone with a lower ceiling.
LIMIT = 0.6
TOLERANCE = 0.2  # LU: how close the gain search gets before encoding
ACCEPT = 0.6  # LU: how close the encoded file must be, inside the promise
PROMISE_LU = 1.0  # what a producer is promised: -16 +/- 1 LUFS
MAX_STEP_DB = 3.0  # the largest gain correction made from one measurement

# The compressor is set for sources at REFERENCE_LUFS (Piper's own level); any other
# source is brought there first, within MAX_LEVEL_DB, so every engine is treated alike.
# On Piper speech it takes the peaks down enough that the limiter then removes ~1.5 dB
# of RMS from 90-second stretches of a long article and ~3.6 dB from a short, peaky clip;
# the previous chain (gentler compressor, no leveling, ceiling 0.5) removed 8.5 and 11.2.
REFERENCE_LUFS = -26.0
MAX_LEVEL_DB = 20.0
COMPRESSOR = "acompressor=threshold=0.03:ratio=4:attack=1:release=150:knee=4"
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


def limiter(limit: float = LIMIT) -> str:
    """The peak limiter with its ceiling (linear)."""
    return f"alimiter=limit={limit:.4f}:level=disabled:attack=1:release=60"


@dataclass(frozen=True)
class Mastering:
    """How an episode is mastered: one gain after compression and the limiter's ceiling.

    `before` is the source's loudness (it sets the leveling); `slope` is how loudness
    follows the gain near `gain`, in LU per dB, as the search measured it (at most 1: the
    gain comes after the compressor, so only the limiter can take from it).
    """

    gain: float
    before: Loudness
    slope: float = 1.0  # unmeasured: as if nothing limited (never an overshooting step)
    limit: float = LIMIT

    def filter(self, rate: int = MP3_RATE) -> str:
        """Leveling, compression, the gain, resampling to `rate`, the peak limiter."""
        return (
            f"volume={leveling(self.before):.2f}dB,{COMPRESSOR},volume={self.gain:.2f}dB,"
            f"aresample={rate},{limiter(self.limit)}"
        )

    def corrected(self, heard: Loudness, accept: float = ACCEPT) -> Mastering | None:
        """None when its encoded audio, measured `heard`, is on target; else what to try next.

        A true peak over the limit lowers the limiter's ceiling (a lower gain would not:
        the limiter pins the loudest peaks wherever the gain is). A loudness miss moves
        the gain by the slope, at most MAX_STEP_DB; a slope below FIRST_SLOPE is not
        trusted (ebur128 reports tenths of a LU, and an underestimate would overshoot).
        """
        if heard.integrated < -70:
            return None
        if heard.true_peak > MAX_TRUE_PEAK:
            over_db = heard.true_peak - MAX_TRUE_PEAK + 0.3
            return replace(self, limit=self.limit * 10 ** (-over_db / 20))
        miss = TARGET_LUFS - heard.integrated
        if abs(miss) > accept:
            step = max(-MAX_STEP_DB, min(MAX_STEP_DB, miss / max(self.slope, FIRST_SLOPE)))
            return replace(self, gain=self.gain + step)
        return None


def find_gain(path: str | os.PathLike[str], rounds: int = 4) -> Mastering:
    """The mastering that brings the audio in `path` to the target, found by measuring.

    Silence (no measurable loudness) gets no gain. The first guess is what the compressed
    audio lacks; as the limiter starts to work loudness rises more slowly than the gain,
    so each round corrects by the slope the last two measured.
    """
    before = measure(path, true_peak=False)
    if before.integrated < -70:
        return Mastering(0.0, before)
    compressed = measure(path, f"volume={leveling(before):.2f}dB,{COMPRESSOR}", true_peak=False)
    gain, slope, measured = TARGET_LUFS - compressed.integrated, FIRST_SLOPE, False
    previous: tuple[float, float] | None = None
    for _ in range(rounds):
        level = measure(path, Mastering(gain, before).filter(), true_peak=False)
        if previous and abs(gain - previous[0]) > 0.01:
            slope = min(1.0, max(0.2, (level.integrated - previous[1]) / (gain - previous[0])))
            measured = True
        if abs(level.integrated - TARGET_LUFS) <= TOLERANCE:
            break
        previous = (gain, level.integrated)
        gain += (TARGET_LUFS - level.integrated) / slope
    return Mastering(gain, before, slope if measured else 1.0)


def on_target(heard: Loudness, accept: float = ACCEPT) -> bool:
    """Whether encoded audio is within `accept` LU of the target with its peak in limit."""
    return abs(heard.integrated - TARGET_LUFS) <= accept and heard.true_peak <= MAX_TRUE_PEAK


def missed_promise(integrated: float, true_peak: float) -> str | None:
    """What an episode measured, when it is outside -16 +/- 1 LUFS or over -1 dBTP."""
    if on_target(Loudness(integrated, true_peak, 0.0), accept=PROMISE_LU):
        return None
    return (
        f"measured {integrated:.1f} LUFS, true peak {true_peak:.1f} dBTP: outside "
        f"{TARGET_LUFS:.0f} +/- {PROMISE_LU:.0f} LUFS or above {MAX_TRUE_PEAK:.0f} dBTP"
    )


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
