"""What runs on a Dask worker: its engines, built once per process, and the segment task.

Engines live in this module's store, one per engine spec, not on the plugin: registering
the plugin again (each build does) replaces the plugin but keeps the loaded engines, and a
task never finds the store missing. Piper's session runs one onnxruntime thread
(`piper_engine._load_voice`), so each worker thread is one core's worth of synthesis.
"""

from __future__ import annotations

import json
import logging
import threading

from distributed import Worker, WorkerPlugin

from audio.engines import Engine, get_engine
from audio.engines.base import EngineSpec, Speech

PLUGIN_NAME = "presscast-engines"

logger = logging.getLogger(__name__)
_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()  # worker threads share the store


def spec_key(spec: EngineSpec) -> str:
    """A spec as a stable string (its settings dict is not hashable)."""
    return json.dumps(list(spec), sort_keys=True, default=repr)


def worker_engine(spec: EngineSpec) -> Engine:
    """This process's engine for `spec`, built on first use; AudioError if it cannot be."""
    key = spec_key(spec)
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            name, voice, settings = spec
            engine = _engines[key] = get_engine(name, voice, **settings)
    return engine


def loaded_engines() -> list[str]:
    """The specs (as `spec_key`) this worker holds engines for: `client.run(loaded_engines)`."""
    with _engines_lock:
        return sorted(_engines)


def synthesize_segment(spec: EngineSpec, text: str) -> Speech:
    """The task: one segment spoken by this worker's engine for `spec`."""
    return worker_engine(spec).synthesize(text)


class EnginePlugin(WorkerPlugin):
    """Builds the engine for `preload` as each worker starts (or now, on running workers).

    Setup never raises: a worker runs plugins as it starts and would not start at all.
    A worker that cannot build the engine logs why, and its segments raise the engine's
    AudioError, which reaches whoever waits for them.
    """

    name = PLUGIN_NAME

    def __init__(self, preload: EngineSpec | None = None) -> None:
        self.preload = preload

    def setup(self, worker: Worker) -> None:
        if self.preload is None:
            return
        try:
            worker_engine(self.preload)
        except Exception as exc:  # a broken plugin would keep the worker from starting
            logger.warning("presscast: cannot load the engine %s: %s", self.preload, exc)
