"""Where segments are synthesized: in this process, a local pool, or (audio.cluster) Dask.

One executor serves a whole build. Piper's throughput scales with processes, not
threads, so the local pool starts `jobs` worker processes once, each loading a voice the
first time a segment needs it and keeping it for the rest of the build (one onnxruntime
thread each). Every executor returns a `Pending` per segment, the same for all of them.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol, Self

from audio.engines import Engine, get_engine
from audio.engines.base import EngineSpec, Speech
from audio.workers import die_with_parent


class Pending(Protocol):
    """A segment being synthesized: `result` waits for it (and raises the engine's error)."""

    def result(self) -> Speech: ...

    def cancel(self) -> bool: ...


class Executor(Protocol):
    """Synthesizes segments; `jobs` is how many it works on at once."""

    jobs: int

    def submit(self, engine: Engine, text: str) -> Pending: ...

    def close(self) -> None: ...


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class Closing:
    """`with` closes it: executors and narrators hold processes or connections."""

    def close(self) -> None:
        """Release what it holds."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Deferred:
    """A segment the calling process speaks itself, when its result is asked for."""

    def __init__(self, engine: Engine, text: str) -> None:
        self._engine, self._text = engine, text
        self._speech: Speech | None = None

    def result(self) -> Speech:
        if self._speech is None:
            self._speech = self._engine.synthesize(self._text)
        return self._speech

    def cancel(self) -> bool:
        return self._speech is None


class InProcess(Closing):
    """Synthesis in this process, in order, as each segment is needed (`--jobs 1`)."""

    jobs = 1

    def submit(self, engine: Engine, text: str) -> Pending:
        return _Deferred(engine, text)

    def close(self) -> None:
        pass


# The engines a worker process (of the local pool or of a Dask cluster) has built, by
# spec: a build may read articles in several voices, and each is loaded once per process.
_worker_engines: dict[str, Engine] = {}
_worker_engines_lock = threading.Lock()  # a Dask worker's threads share them


def spec_key(spec: EngineSpec) -> str:
    """A spec as a stable string (its settings dict is not hashable)."""
    return json.dumps(list(spec), sort_keys=True, default=repr)


def worker_engine(spec: EngineSpec) -> Engine:
    """This process's engine for `spec`, built on first use; AudioError if it cannot be."""
    key = spec_key(spec)
    with _worker_engines_lock:
        engine = _worker_engines.get(key)
        if engine is None:
            name, voice, settings = spec
            engine = _worker_engines[key] = get_engine(name, voice, **settings)
    return engine


def loaded_engines() -> list[str]:
    """The specs (as `spec_key`) this process holds engines for."""
    with _worker_engines_lock:
        return sorted(_worker_engines)


def _init_worker() -> None:
    die_with_parent()
    # Ctrl-C is the parent's to handle: it cancels what is pending and keeps what is done.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def synthesize_segment(spec: EngineSpec, text: str) -> Speech:
    """The task a worker runs: one segment spoken by its engine for `spec`."""
    return worker_engine(spec).synthesize(text)


class LocalPool(Closing):
    """`jobs` worker processes for the whole build, started when the first segment comes.

    A build whose segments are all cached starts no process. Engines that cap their
    workers (gTTS paces its requests per process: `max_jobs = 1`) are spoken in this
    process instead.
    """

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = max(1, jobs or default_jobs())
        self._pool: ProcessPoolExecutor | None = None
        self._here = InProcess()

    def submit(self, engine: Engine, text: str) -> Pending:
        if self.jobs == 1 or getattr(engine, "max_jobs", self.jobs) <= 1:
            return self._here.submit(engine, text)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
            )
        future: Future[Speech] = self._pool.submit(synthesize_segment, engine.spec(), text)
        return future

    def close(self) -> None:
        """Stop the workers; what is still queued is cancelled."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
