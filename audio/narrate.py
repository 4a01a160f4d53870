"""Segment texts to speech, in order, from the segment cache or a pool of workers.

Piper's throughput scales with processes, not threads, so `jobs > 1` starts that many
workers, each loading the engine once and running one onnxruntime thread. Each new
segment is cached as soon as it arrives, so an interrupted build resumes where it stopped.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from audio.cache import SegmentCache, segment_key
from audio.engines import Engine, Speech, get_engine
from audio.workers import die_with_parent

Progress = Callable[[Speech], None]

_worker_engine: Engine | None = None


@dataclass
class NarrationCount:
    """How many segments came from the cache and how many were synthesized."""

    cached: int = 0
    synthesized: int = 0


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def segment_keys(engine: Engine, texts: Sequence[str]) -> list[str]:
    """The cache key of each text as `engine` would speak it."""
    identity = engine.cache_identity()
    return [segment_key(identity, text) for text in texts]


def _init_worker(spec: tuple[str, str | None, dict[str, Any]]) -> None:
    global _worker_engine
    die_with_parent()  # a build killed with SIGKILL leaves no worker narrating on
    # Ctrl-C is the parent's to handle: it cancels what is pending and keeps what is done.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    name, voice, settings = spec
    _worker_engine = get_engine(name, voice, **settings)


def _synthesize_in_worker(text: str) -> Speech:
    assert _worker_engine is not None
    return _worker_engine.synthesize(text)


def narrate_segments(
    engine: Engine,
    texts: Sequence[str],
    jobs: int = 1,
    progress: Progress | None = None,
    cache: SegmentCache | None = None,
    count: NarrationCount | None = None,
) -> Iterator[Speech]:
    """Yield one Speech per text, in order; `progress` is called as each is ready."""
    count = count if count is not None else NarrationCount()
    keys = segment_keys(engine, texts) if cache is not None else []
    missing = [i for i, text in enumerate(texts) if cache is None or keys[i] not in cache]
    # An engine may cap its workers (gTTS paces its requests per process).
    jobs = max(1, min(jobs, len(missing), getattr(engine, "max_jobs", jobs)))
    pool = None
    futures: dict[int, Future[Speech]] = {}
    if jobs > 1:
        pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(engine.spec(),),
        )
        futures = {i: pool.submit(_synthesize_in_worker, texts[i]) for i in missing}
    try:
        for i, text in enumerate(texts):
            speech = cache.get(keys[i]) if cache is not None and i not in futures else None
            if speech is not None:
                count.cached += 1
            else:
                speech = futures[i].result() if i in futures else engine.synthesize(text)
                count.synthesized += 1
                if cache is not None:
                    cache.put(keys[i], speech)
            if progress:
                progress(speech)
            yield speech
    finally:
        if pool is not None:
            for future in futures.values():
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
