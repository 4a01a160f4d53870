"""Narration on a Dask cluster: each segment a task, on the workers of many machines.

Each worker builds the engine once (`audio.cluster_worker`); a task that fails is retried
elsewhere, and the scheduler reschedules the tasks of a worker that dies, so a lost
machine slows a build down but does not break it. The audio comes back straight from
the workers (`direct_to_workers`): only the small tasks go through the scheduler.
"""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

from audio.engines import Engine
from audio.engines.base import EngineSpec, Speech
from audio.errors import AudioError
from audio.executors import Closing

if TYPE_CHECKING:
    from distributed import Future

INSTALL_HINT = "the cluster executor needs dask.distributed: pip install 'presscast[cluster]'"
RETRIES = 3  # a task's retries on other workers after an error (a lost worker is rescheduled)


class ClusterSegment:
    """A segment submitted to the cluster: a distributed Future with `cancel() -> bool`."""

    def __init__(self, future: Future) -> None:
        self.future = future

    def result(self) -> Speech:
        speech: Speech = self.future.result()
        return speech

    def cancel(self) -> bool:
        """Cancel the task; False when it has already finished."""
        if self.future.done():
            return False
        self.future.cancel()
        return True


class DaskExecutor(Closing):
    """Segments synthesized on the workers of the Dask scheduler at `address`.

    Connects within `timeout` seconds and waits as long again for a first worker. `jobs`
    is the workers' threads when it connected. `preload` (an engine spec) has every worker
    build that engine now and as it starts, instead of on its first segment.
    """

    def __init__(
        self, address: str, timeout: float = 10, *, preload: EngineSpec | None = None
    ) -> None:
        try:
            import distributed
            from distributed.comm import get_address_host_port
        except ImportError as exc:
            raise AudioError(INSTALL_HINT) from exc
        from audio.cluster_worker import EnginePlugin
        from audio.executors import synthesize_segment

        try:
            host, port = get_address_host_port(address)
        except ValueError as exc:
            raise AudioError(
                f"{address!r} is not a Dask scheduler address ({exc}); give tcp://HOST:8786"
            ) from exc
        unreachable = f"cannot reach the Dask scheduler at {address}"
        hint = "start one with `dask scheduler` (see the README)"
        try:
            # Client retries a refused connection until its timeout, then says only "timed
            # out": one plain connection first gives the reason, and at once.
            socket.create_connection((host, port), timeout=timeout).close()
            self.client = distributed.Client(
                address, timeout=timeout, set_as_default=False, direct_to_workers=True
            )
        except OSError as exc:
            raise AudioError(f"{unreachable}: {connect_failure(exc, timeout)}; {hint}") from exc
        self.address = address
        self._task = synthesize_segment
        try:
            try:
                self.client.wait_for_workers(1, timeout=timeout)
            except TimeoutError as exc:
                raise AudioError(
                    f"the Dask scheduler at {address} has no workers (waited {timeout:g} s); "
                    f"start them with `dask worker {address} --nworkers N --nthreads 1`"
                ) from exc
            self.client.register_plugin(EnginePlugin(preload))
            self.jobs = max(1, sum(self.client.nthreads().values()))
        except BaseException:
            self.client.close()
            raise

    def submit(self, engine: Engine, text: str) -> ClusterSegment:
        """Send one segment; `pure=False`: the same text twice is two tasks, as asked."""
        future = self.client.submit(self._task, engine.spec(), text, pure=False, retries=RETRIES)
        return ClusterSegment(future)

    def close(self) -> None:
        """Disconnect; the cluster forgets this build's tasks and keeps running."""
        self.client.close()


def connect_failure(error: BaseException, timeout: float) -> str:
    """Why a connection failed, in a few words: the system's reason, else the timeout."""
    reason, seen = "", set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, OSError) and cause.strerror:
            reason = cause.strerror
        cause = cause.__cause__ or cause.__context__
    if not reason:
        return f"no answer within {timeout:g} s"
    return reason[0].lower() + reason[1:]
