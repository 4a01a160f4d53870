"""Loudness to podcast standards: -16 LUFS integrated, true peak at most -1 dBTP.

Measured per ITU-R BS.1770 by ffmpeg's ebur128 filter. Synthetic speech has a high
crest factor (Piper: peaks near -2 dBFS at about -26 LUFS), so a single linear gain to
-16 LUFS would clip and loudnorm's linear mode cannot apply: the episode gets one gain
for the whole file plus a peak limiter, the gain found by measuring the limited result
until it lands on target. The limiter's ceiling leaves room for the peaks MP3 encoding
adds, and the encoded file is measured again.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from audio.errors import AudioError
from audio.ffmpeg import run_ffmpeg_report

TARGET_LUFS = -16.0
MAX_TRUE_PEAK = -1.0  # dBTP, on the encoded file
LIMIT = 0.6  # limiter ceiling, linear (-4.4 dBFS): MP3 encoding adds up to ~2 dB of peak
TOLERANCE = 0.2  # LU: how close the gain search gets before encoding
ACCEPT = 0.6  # LU: how close the encoded file must be (the promise is 1 LU)


@dataclass(frozen=True)
class Loudness:
    """Integrated loudness (LUFS), true peak (dBTP) and loudness range (LU)."""

    integrated: float
    true_peak: float
    lra: float


def mastering_filter(gain_db: float) -> str:
    """One gain for the whole episode, then a fast peak limiter."""
    return f"volume={gain_db:.2f}dB,alimiter=limit={LIMIT}:level=disabled:attack=1:release=60"


def find_gain(path: str | os.PathLike[str], rounds: int = 4) -> tuple[float, Loudness]:
    """The gain that brings the limited episode to the target, and the loudness before it.

    Silence (no measurable loudness) gets no gain.
    """
    before = measure(path, true_peak=False)
    if before.integrated < -70:
        return 0.0, before
    gain = TARGET_LUFS - before.integrated
    for _ in range(rounds):
        after = measure(path, f"{mastering_filter(gain)},aresample=44100", true_peak=False)
        if abs(after.integrated - TARGET_LUFS) <= TOLERANCE:
            break
        gain += TARGET_LUFS - after.integrated
    return gain, before


def measure(
    path: str | os.PathLike[str], filters: str | None = None, true_peak: bool = True
) -> Loudness:
    """BS.1770 loudness of a file (after `filters`, when given) by ebur128.

    The true peak (4x oversampled, slower) is only measured when asked; else it is nan.
    """
    meter = "ebur128=peak=true" if true_peak else "ebur128"
    chain = f"{filters},{meter}" if filters else meter
    report = run_ffmpeg_report(["-i", os.fspath(path), "-af", chain, "-f", "null", "-"])
    summary = report[report.rfind("Summary:") :]
    integrated = _number(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    lra = _number(r"LRA:\s+(-?[\d.]+) LU", summary)
    peak = (
        _number(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
        if true_peak
        else (float("nan"))
    )
    return Loudness(integrated, peak, lra)


def _number(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    if not match:
        raise AudioError("ffmpeg's ebur128 gave no loudness summary")
    return float(match.group(1))
