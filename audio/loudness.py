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

import itertools
import os
import re
import wave
from collections.abc import Sequence
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
MP3_RATE = 44100  # the episode's sample rate, where the limiter works
FIRST_SLOPE = 0.5  # LU per dB near the target, before two measurements tell (0.45-0.7 seen)
MIN_SLOPE = 0.2  # LU per dB: the flattest the limiter makes it (0.2-0.4 seen on Piper)
# The gains (dB, after compression) the search measures at once: leveled Piper speech
# needs 22-28, and every source is leveled alike.
GAIN_GRID_DB = tuple(float(gain) for gain in range(18, 32, 2))
# The search aims this far above the target. The limiter at the MP3's rate and 64-kbps
# encoding take ~0.5 LU from Piper speech (searched to -16.0 at its own 22.05 kHz, the
# MP3 measured -16.5); aiming at all of it would push ~2 dB more into the limiter, where
# loudness rises only ~0.3 LU a dB. The MP3 is measured, and corrected if it missed.
AIM_LUFS = TARGET_LUFS + 0.2


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


def compression(before: Loudness) -> str:
    """Leveling to REFERENCE_LUFS and the compressor: the start of every mastering chain."""
    return f"volume={leveling(before):.2f}dB,{COMPRESSOR}"


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
        return f"{compression(self.before)},{self.gain_filter(rate)}"

    def gain_filter(self, rate: int) -> str:
        """What follows compression: the gain, resampling to `rate`, the peak limiter."""
        return f"volume={self.gain:.2f}dB,aresample={rate},{limiter(self.limit)}"

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


def find_gain(path: str | os.PathLike[str], rounds: int = 3) -> Mastering:
    """The mastering that brings the audio in `path` to the target, found by measuring.

    Silence (no measurable loudness) gets no gain. One ffmpeg run measures the whole
    GAIN_GRID_DB at once (the decoding and compression are shared by every branch); the
    gain is interpolated between the two grid points around the aim. Only a source so
    unusual that the aim lies off the grid costs further passes, each corrected by the
    slope the last two points measured.
    """
    before = measure(path, true_peak=False)
    if before.integrated < -70:
        return Mastering(0.0, before)
    rate = _sample_rate(path)
    points = dict(zip(GAIN_GRID_DB, measure_gains(path, before, GAIN_GRID_DB, rate), strict=True))
    gain, slope, inside = _interpolate(points)
    for _ in range(rounds):
        if inside:
            break
        chain = Mastering(gain, before).filter(rate)
        points[gain] = measure(path, chain, true_peak=False).integrated
        if abs(points[gain] - AIM_LUFS) <= TOLERANCE:
            break
        gain, slope, inside = _interpolate(points)
    return Mastering(gain, before, slope)


def measure_gains(
    path: str | os.PathLike[str], before: Loudness, gains: Sequence[float], rate: int
) -> list[float]:
    """Integrated loudness of the source mastered at each of `gains`, from one ffmpeg run."""
    split = "".join(f"[g{i}]" for i in range(len(gains)))
    graph = [f"[0:a]{compression(before)},asplit={len(gains)}{split}"]
    outputs: list[str] = []
    for i, gain in enumerate(gains):
        chain = Mastering(gain, before).gain_filter(rate)
        graph.append(f"[g{i}]{chain},{meter_filter(False)}[m{i}]")
        outputs += ["-map", f"[m{i}]", "-f", "null", "-"]
    report = run_ffmpeg_report([*input_args(path), "-filter_complex", ";".join(graph), *outputs])
    found = parse_reports(report, true_peak=False)
    if len(found) != len(gains):
        raise AudioError(f"ffmpeg's ebur128 gave {len(found)} loudness summaries, not {len(gains)}")
    return [loudness.integrated for loudness in found]


def _interpolate(points: dict[float, float]) -> tuple[float, float, bool]:
    """The gain at which measured (gain, loudness) points reach AIM_LUFS, the local slope,
    and whether the aim lay between two points (else it was extrapolated from the end)."""
    ordered = sorted(points.items())  # the grid: two points at least
    pairs = list(itertools.pairwise(ordered))
    low, high = pairs[0], pairs[-1]
    chosen = next((p for p in pairs if p[0][1] <= AIM_LUFS <= p[1][1]), None)
    (g1, l1), (g2, l2) = chosen or (low if low[0][1] > AIM_LUFS else high)
    slope = min(1.0, max(MIN_SLOPE, (l2 - l1) / (g2 - g1)))
    gain = g1 + (AIM_LUFS - l1) / slope
    if chosen is None:  # off the grid: never further than MAX_STEP_DB beyond what was measured
        gain = max(ordered[0][0] - MAX_STEP_DB, min(ordered[-1][0] + MAX_STEP_DB, gain))
    return gain, slope, chosen is not None


def _sample_rate(path: str | os.PathLike[str]) -> int:
    """The rate of a WAV file (the search measures at the source's own rate), else MP3_RATE."""
    try:
        with wave.open(os.fspath(path), "rb") as wav:
            return wav.getframerate()
    except (wave.Error, EOFError, OSError):
        return MP3_RATE


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
    return _parse_summary(report[report.rfind("Summary:") :], true_peak)


def parse_reports(report: str, true_peak: bool = True) -> list[Loudness]:
    """Every ebur128 summary of one ffmpeg run, in the order the filters stand in its graph.

    ffmpeg prints them in no set order, each behind its filter's name and graph index.
    """
    heads = list(re.finditer(r"\[Parsed_ebur128_(\d+) @ [^\]]*\] Summary:", report))
    ends = [head.start() for head in heads[1:]] + [len(report)]
    found = sorted(
        (int(head.group(1)), _parse_summary(report[head.end() : end], true_peak))
        for head, end in zip(heads, ends, strict=True)
    )
    return [loudness for _, loudness in found]


def _parse_summary(summary: str, true_peak: bool) -> Loudness:
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
