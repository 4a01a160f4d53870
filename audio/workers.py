"""Worker processes that end when the process that started them is gone.

A build killed with SIGKILL (an out-of-memory kill, `kill -9`, a CI timeout) runs none
of its cleanup, and a process pool's workers would go on narrating the sentences already
queued to them, then wait forever for more. `die_with_parent` is called first thing in a
worker, with two guards:

- On Linux, prctl(PR_SET_PDEATHSIG): the kernel signals the worker the moment its parent
  goes. That signal is tied to the parent *thread* that forked the worker, not to the
  process: if a pool were started from a thread that then ended, the worker would be
  signalled while its parent process is alive and still using it. So the signal is not
  SIGKILL but one the worker handles, by exiting only if its parent process really
  changed (os.getppid(), which a thread's end leaves as it is).
- A daemon thread that checks os.getppid() every WATCH_SECONDS: the same rule on systems
  without prctl (macOS), and the backstop where the handler cannot run soon (the
  worker's main thread busy in C code that holds the GIL; or a worker set up from another
  thread than its main one, where Python cannot install a signal handler).

The parent's pid is read before either is set up, so a parent that died during the
worker's start is caught too.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time

WATCH_SECONDS = 0.5
PARENT_GONE_SIGNAL = signal.SIGUSR1  # what PR_SET_PDEATHSIG delivers; handled, see above
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
EXIT_STATUS = 1


def die_with_parent(parent_pid: int | None = None) -> None:
    """Exit this process as soon as `parent_pid` (default: the process that started us)
    is no longer its parent."""
    expected = parent_pid if parent_pid is not None else _parent_pid()
    if sys.platform.startswith("linux") and threading.current_thread() is threading.main_thread():
        signal.signal(PARENT_GONE_SIGNAL, lambda signum, frame: _exit_if_orphaned(expected))
        _set_parent_death_signal(PARENT_GONE_SIGNAL)
    watchdog = threading.Thread(
        target=_watch_parent, args=(expected,), name="presscast-parent-watch", daemon=True
    )
    watchdog.start()
    _exit_if_orphaned(expected)  # the parent may have gone before the guards were set


def _parent_pid() -> int:
    """The pid of the process that started this one (a multiprocessing worker knows it
    even if that process has just died)."""
    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid is not None:
        return parent.pid
    return os.getppid()


def _set_parent_death_signal(signum: int) -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"prctl(PR_SET_PDEATHSIG): {os.strerror(errno)}")


def _watch_parent(expected: int) -> None:
    while True:
        _exit_if_orphaned(expected)
        time.sleep(WATCH_SECONDS)


def _exit_if_orphaned(expected: int) -> None:
    if os.getppid() != expected:
        os._exit(EXIT_STATUS)  # no cleanup to run: the parent owns every file
