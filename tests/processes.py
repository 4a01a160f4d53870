"""Real processes for tests: start Python code or the CLI, and find and watch a process's
descendants through /proc (no psutil in the test extra).

Every wait is a bounded loop; a process counts as gone once it has exited, even while
it is a zombie nobody has reaped yet (an orphan's new parent may never reap it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from episodes.cli import main; main()"]


def environment() -> dict[str, str]:
    """This environment, with the repository importable."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def start(args: list[str], cwd: Path, **options: object) -> subprocess.Popen[str]:
    """Start `args` in `cwd` with pipes for its output (and its input, for a go-ahead)."""
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        args,
        cwd=cwd,
        env=environment(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,
    )


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, or None when it does not exist."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    state, ppid = text.rpartition(")")[2].split()[:2]
    return state, int(ppid)


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie does not)."""
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")


def descendants(pid: int) -> list[int]:
    """Every living process below `pid`."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) and stat[0] not in ("Z", "X"):
            parents.setdefault(stat[1], []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found += children
        todo += children
    return found


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (FileNotFoundError, ProcessLookupError):
        return ""


def wait_for(
    condition: Callable[[], object], seconds: float, what: str | Callable[[], str]
) -> object:
    """Poll `condition` until it is true (returned) or `seconds` pass (AssertionError
    saying `what`, or what it returns then)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds} s: {what if isinstance(what, str) else what()}")


def wait_gone(pids: list[int], seconds: float = 10) -> None:
    """Assert every one of `pids` has exited within `seconds`."""
    wait_for(
        lambda: not [p for p in pids if alive(p)],
        seconds,
        lambda: f"still alive: {[(p, command_line(p)) for p in pids if alive(p)]}",
    )
