"""Segment texts to speech, in order, from the segment cache or an executor.

A `Narrator` serves a whole build: every episode's segments are queued in episode order
and flow through one executor, a bounded window ahead of the segment being assembled,
so the workers go on with the next episode while this one is mastered. Each new segment
is cached as soon as it arrives, so an interrupted build resumes where it stopped.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from audio.cache import SegmentCache, segment_key
from audio.engines import Engine, Speech
from audio.executors import Closing, Executor, InProcess, LocalPool, Pending, default_jobs

__all__ = ["NarrationCount", "Narrator", "default_jobs", "narrate_segments", "segment_keys"]

# Segments in flight per worker beyond the one it speaks, and for the whole executor:
# enough that workers never wait while an episode is mastered, few enough that the
# speech waiting to be assembled stays a few megabytes.
AHEAD_PER_JOB = 4
AHEAD_EXTRA = 32

# Called as each segment is ready: its seconds of speech, and whether it was synthesized
# (not taken from the cache).
SegmentDone = Callable[[float, bool], None]


@dataclass
class NarrationCount:
    """How many segments came from the cache and how many were synthesized."""

    cached: int = 0
    synthesized: int = 0


def segment_keys(engine: Engine, texts: Sequence[str]) -> list[str]:
    """The cache key of each text as `engine` would speak it."""
    identity = engine.cache_identity()
    return [segment_key(identity, text) for text in texts]


@dataclass
class Batch:
    """One episode's segments in the narrator's queue."""

    engine: Engine
    texts: Sequence[str]
    keys: Sequence[str]
    count: NarrationCount = field(default_factory=NarrationCount)
    pending: dict[int, Pending] = field(default_factory=dict)


class Narrator(Closing):
    """Speaks the segments of every batch added, in order, through one executor.

    Segments already in the cache are not sent; a segment that repeats one still in
    flight (a byline read in every episode) waits for that one.
    """

    def __init__(
        self,
        executor: Executor | None = None,
        cache: SegmentCache | None = None,
        on_segment: SegmentDone | None = None,
    ) -> None:
        self.executor = executor or InProcess()
        self.cache = cache
        self.on_segment = on_segment
        self.window = AHEAD_PER_JOB * self.executor.jobs + AHEAD_EXTRA
        self._queue: deque[tuple[Batch, int]] = deque()  # not yet submitted
        self._in_flight: dict[str, Pending] = {}
        self._ahead = 0  # segments submitted and not yet taken

    def add(self, engine: Engine, texts: Sequence[str], keys: Sequence[str] | None = None) -> Batch:
        """Queue an episode's segments behind those already queued."""
        keys = list(keys) if keys is not None else segment_keys(engine, texts)
        batch = Batch(engine, list(texts), keys)
        self._queue.extend((batch, i) for i in range(len(texts)))
        return batch

    def missing(self, batch: Batch) -> int:
        """How many of the batch's segments the cache does not have."""
        cache = self.cache
        return sum(1 for key in batch.keys if cache is None or key not in cache)

    def speeches(self, batch: Batch) -> Iterator[Speech]:
        """Yield the batch's speech in order, synthesizing what the cache lacks."""
        try:
            for index, key in enumerate(batch.keys):
                self._fill()
                pending = batch.pending.pop(index, None)
                speech = None
                if pending is None and self.cache is not None:
                    speech = self.cache.get(key)
                if pending is None and speech is None:  # not sent ahead, or its copy is gone
                    pending = self._in_flight[key] = self.executor.submit(
                        batch.engine, batch.texts[index]
                    )
                    self._ahead += 1
                synthesized = False
                if pending is not None:
                    self._ahead -= 1
                    speech = pending.result()
                    # the first of repeated segments is the one synthesized and cached
                    synthesized = self._in_flight.get(key) is pending
                    if synthesized:
                        del self._in_flight[key]
                        if self.cache is not None:
                            self.cache.put(key, speech)
                assert speech is not None
                if synthesized:
                    batch.count.synthesized += 1
                else:
                    batch.count.cached += 1
                if self.on_segment:
                    self.on_segment(speech.seconds, synthesized)
                yield speech
        finally:
            # A batch left unfinished (its episode failed) must not hold the window.
            self._ahead -= len(batch.pending)
            batch.pending.clear()

    def _fill(self) -> None:
        """Send queued segments the cache lacks until the window is full."""
        while self._queue and self._ahead < self.window:
            batch, index = self._queue.popleft()
            key = batch.keys[index]
            if self.cache is not None and key in self.cache:
                continue
            pending = self._in_flight.get(key)
            if pending is None:
                pending = self.executor.submit(batch.engine, batch.texts[index])
                self._in_flight[key] = pending
            batch.pending[index] = pending
            self._ahead += 1

    def close(self) -> None:
        """Cancel what is still queued and stop the executor."""
        for pending in self._in_flight.values():
            pending.cancel()
        self._in_flight.clear()
        self._queue.clear()
        self.executor.close()


def narrate_segments(
    engine: Engine,
    texts: Sequence[str],
    jobs: int = 1,
    progress: SegmentDone | None = None,
    cache: SegmentCache | None = None,
    count: NarrationCount | None = None,
) -> Iterator[Speech]:
    """Yield one Speech per text, in order, through a pool of `jobs` (one episode's worth)."""
    with Narrator(LocalPool(jobs), cache, progress) as narrator:
        batch = narrator.add(engine, texts)
        yield from narrator.speeches(batch)
        if count is not None:
            count.cached += batch.count.cached
            count.synthesized += batch.count.synthesized
