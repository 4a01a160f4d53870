"""One writer at a time in a show: an exclusive lock on `.presscast/build.lock`.

Two builds at once would narrate the same articles twice and race on the feed and the
records. The lock is an flock(2) on a descriptor kept open while it is held, so the
kernel releases it when the holder dies, however it dies: a lock file left by a killed
or copied process is taken over, never a reason to refuse. The file's text (pid, start
time, command) only tells a refused user who holds the lock.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from episodes.errors import PresscastError
from episodes.show import Show

LOCK_FILE = "build.lock"

_held = threading.local()  # the lock files this thread holds: a nested show_lock is a no-op


@dataclass(frozen=True)
class Holder:
    """Who holds a show's lock, as its lock file says (None where it does not say)."""

    pid: int | None = None
    started: datetime | None = None
    command: str = "command"

    def facts(self) -> str:
        """E.g. " (pid 1234, started 2026-12-02 07:10:03 UTC)", or "" when unknown."""
        facts = []
        if self.pid is not None:
            facts.append(f"pid {self.pid}")
        if self.started is not None:
            facts.append(f"started {self.started.astimezone():%Y-%m-%d %H:%M:%S %Z}")
        return f" ({', '.join(facts)})" if facts else ""


def lock_path(show: Show) -> Path:
    """The show's lock file."""
    return show.state_dir / LOCK_FILE


def holds_lock(show: Show) -> bool:
    """Whether this thread holds the show's lock (what destructive cleanups require)."""
    return _key(lock_path(show)) in _held_paths()


def read_holder(path: Path) -> Holder:
    """What a lock file says about its holder; a missing or unreadable one says nothing."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        started = datetime.fromisoformat(data["started"]) if data.get("started") else None
        pid = data.get("pid")
        return Holder(
            pid if isinstance(pid, int) else None, started, str(data.get("command") or "command")
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Holder()


@contextlib.contextmanager
def show_lock(
    show: Show,
    what: str = "build",
    wait: bool = False,
    on_wait: Callable[[Holder], None] | None = None,
) -> Iterator[None]:
    """Hold the show's lock for the block; `what` is the command, for a refused user.

    Taken by another process: raise PresscastError, or with `wait` block until it is free
    (after telling `on_wait` who holds it). Taken again by this thread: already held, so
    the block just runs.
    """
    path = lock_path(show)
    key = _key(path)
    held = _held_paths()
    if key in held:
        yield
        return
    fd = _open(path)
    try:
        if not _try_lock(fd):
            holder = read_holder(path)
            if not wait:
                raise PresscastError(
                    f"another presscast {holder.command} is running in this show"
                    f"{holder.facts()}; "
                    "wait for it to finish, or pass --wait"
                )
            if on_wait is not None:
                on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)  # a signal (Ctrl-C) still interrupts it
        _write_holder(fd, what)
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
            os.ftruncate(fd, 0)  # released: the file no longer names anyone
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _open(path: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # no O_TRUNC: the file may name the current holder, which a refused user needs
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise PresscastError(
            f"cannot create the build lock {path}: {exc.strerror or exc}; "
            f"make {path.parent} writable"
        ) from exc


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _write_holder(fd: int, what: str) -> None:
    started = datetime.now(UTC).replace(microsecond=0).isoformat()
    text = json.dumps({"pid": os.getpid(), "started": started, "command": what}) + "\n"
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode("utf-8"), 0)  # one write: a reader sees all of it or nothing


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _held_paths() -> set[str]:
    if not hasattr(_held, "paths"):
        _held.paths = set()
    paths: set[str] = _held.paths
    return paths
