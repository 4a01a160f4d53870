"""Speech recognition for tests: does the narration say what the article says?

pocketsphinx ships its English model inside the package, so this runs offline. The audio
is cut at pauses into utterances, recognised on two processes, and compared word by word.
"""

from __future__ import annotations

import difflib
import itertools
import re
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import numpy as np

from audio.ffmpeg import decode_file_to_pcm

RATE = 16000
FRAME = RATE // 100  # 10 ms


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def similarity(reference: list[str], hypothesis: list[str]) -> float:
    """Word-sequence similarity in 0..1 (2*matches / total words)."""
    return difflib.SequenceMatcher(a=reference, b=hypothesis, autojunk=False).ratio()


def extra_speech(reference: list[str], hypothesis: list[str]) -> list[str]:
    """Words heard beyond the reference: insertions, and spans heard longer than the words
    they stand for. A word merely misheard ("to wait another" as "twitter nother") is not
    extra speech; a line narrated that the reference lacks is."""
    matcher = difflib.SequenceMatcher(a=reference, b=hypothesis, autojunk=False)
    extra: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "insert" or (tag == "replace" and j2 - j1 > i2 - i1):
            extra += hypothesis[j1:j2]
    return extra


def utterances(pcm: np.ndarray, min_seconds: float = 15.0) -> list[np.ndarray]:
    """Cut audio at pauses of at least 0.2 s, into pieces of at least `min_seconds`."""
    n = len(pcm) // FRAME
    energy = np.sqrt((pcm[: n * FRAME].reshape(n, FRAME).astype(np.float64) ** 2).mean(axis=1))
    quiet = energy < 100
    cuts, last = [0], 0
    for i in range(n - 20):
        if i - last >= min_seconds * 100 and quiet[i : i + 20].all():
            cuts.append(i * FRAME)
            last = i
    cuts.append(len(pcm))
    return [pcm[a:b] for a, b in itertools.pairwise(cuts) if b > a]


def _recognise(chunk: bytes) -> str:
    from pocketsphinx import Decoder

    decoder = Decoder(samprate=RATE, ds=2, maxhmmpf=3000, loglevel="FATAL")
    decoder.start_utt()
    decoder.process_raw(chunk, full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr if hyp else ""


def transcribe(path: Path, jobs: int = 2) -> list[str]:
    """Words a speech recogniser hears in an audio file."""
    pcm = np.frombuffer(decode_file_to_pcm(path, RATE), dtype=np.int16)
    chunks = [c.tobytes() for c in utterances(pcm)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        return [w for text in pool.map(_recognise, chunks) for w in words(text)]
