"""What runs on a Dask worker: the plugin that builds its engine as it starts.

Engines live in the worker process's store (`audio.executors.worker_engine`), one per
engine spec, not on the plugin: registering the plugin again (each build does) replaces
the plugin but keeps the loaded engines, and a task never finds the store missing.
Piper's session runs one onnxruntime thread (`piper_engine._load_voice`), so each worker
thread is one core's worth of synthesis.
"""

from __future__ import annotations

import logging

from distributed import Worker, WorkerPlugin

from audio.engines.base import EngineSpec
from audio.executors import worker_engine

PLUGIN_NAME = "presscast-engines"

logger = logging.getLogger(__name__)


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
