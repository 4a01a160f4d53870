"""SIGTERM stops the CLI as Ctrl-C does, so nothing is left behind.

Python's default for SIGTERM ends the process on the spot: no `finally` runs, so atomic
writes leave their temporary files, the build lock's holder text stays, and the narration
pool is never shut down. Raised as an exception in the main thread instead, it unwinds
like a KeyboardInterrupt; the CLI exits with the usual status for it.
"""

from __future__ import annotations

import signal
from types import FrameType

EXIT_STATUS = 128 + signal.SIGTERM  # what a shell reports for a process ended by SIGTERM


class Terminated(KeyboardInterrupt):
    """A SIGTERM, raised wherever the main thread was."""


def stop_on_sigterm() -> None:
    """From now on the first SIGTERM raises Terminated; a second ends the process at once
    (the workers then follow, see `audio.workers`)."""
    signal.signal(signal.SIGTERM, _raise_terminated)


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    raise Terminated
