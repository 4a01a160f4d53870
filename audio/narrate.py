"""Segment texts to speech, in order, on one engine or a pool of worker processes.

Piper's throughput scales with processes, not threads, so `jobs > 1` starts that many
workers, each loading the engine once and running one onnxruntime thread.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from audio.engines import Engine, Speech, get_engine

Progress = Callable[[Speech], None]

_worker_engine: Engine | None = None


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(engine_name: str, voice: str | None) -> None:
    global _worker_engine
    # Ctrl-C is the parent's to handle: it cancels what is pending and keeps what is done.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_engine = get_engine(engine_name, voice)


def _synthesize_in_worker(text: str) -> Speech:
    assert _worker_engine is not None
    return _worker_engine.synthesize(text)


def narrate_segments(
    engine: Engine,
    texts: Sequence[str],
    jobs: int = 1,
    progress: Progress | None = None,
) -> Iterator[Speech]:
    """Yield one Speech per text, in order; `progress` is called as each is ready."""
    jobs = max(1, min(jobs, len(texts)))
    if jobs == 1:
        for text in texts:
            speech = engine.synthesize(text)
            if progress:
                progress(speech)
            yield speech
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_init_worker,
        initargs=(engine.name, engine.voice),
    ) as pool:
        futures = [pool.submit(_synthesize_in_worker, text) for text in texts]
        try:
            for future in futures:
                speech = future.result()
                if progress:
                    progress(speech)
                yield speech
        finally:
            for future in futures:
                future.cancel()
