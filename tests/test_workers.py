"""Workers end with the process that started them, and only then: real processes, a
parent killed with SIGKILL, and a parent whose starting thread ends while it lives on."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from processes import alive, start, wait_for, wait_gone

# argv: a folder for the child's files, how the child sets up ("main": in its main thread,
# "thread": from another thread, where no signal handler can be installed), and where
# the child is started from ("main", or "thread": a thread that ends once the child is set
# up). Prints the child's pid, then (after a "thread" start) "thread gone" once that
# thread has ended in the kernel too; then waits for a line on stdin.
PARENT = """
import multiprocessing, os, sys, threading, time
from pathlib import Path

def child(folder, setup):
    from audio.workers import die_with_parent
    if setup == "thread":
        helper = threading.Thread(target=die_with_parent)
        helper.start()
        helper.join()
    else:
        die_with_parent()
    (folder / "ready").touch()
    for _ in range(1200):  # at most a minute: answer each ping
        if (folder / "ping").exists() and not (folder / "pong").exists():
            (folder / "pong").touch()
        time.sleep(0.05)

def start_child(process, folder):
    process.start()
    for _ in range(600):
        if (folder / "ready").exists():
            return
        time.sleep(0.05)

if __name__ == "__main__":
    folder, setup, started_from = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    process = multiprocessing.get_context("spawn").Process(target=child, args=(folder, setup))
    if started_from == "thread":
        starter = threading.Thread(target=start_child, args=(process, folder))
        starter.start()
        starter.join()
        print(process.pid, flush=True)
        for _ in range(600):
            if not os.path.exists(f"/proc/self/task/{starter.native_id}"):
                break
            time.sleep(0.01)
        print("thread gone", flush=True)
    else:
        process.start()
        print(process.pid, flush=True)
    sys.stdin.readline()
"""


def start_parent(
    tmp_path: Path, setup: str, started_from: str
) -> tuple[subprocess.Popen[str], int]:
    script = tmp_path / "parent.py"  # a file: spawn imports the child's function from it
    script.write_text(PARENT)
    parent = start([sys.executable, str(script), str(tmp_path), setup, started_from], tmp_path)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    wait_for((tmp_path / "ready").exists, 30, "the child set up")
    return parent, child


@pytest.mark.parametrize("setup", ["main", "thread"])
def test_a_worker_ends_when_its_parent_is_killed(tmp_path: Path, setup: str) -> None:
    """ "main": the parent-death signal; "thread": the watchdog alone."""
    parent, child = start_parent(tmp_path, setup, "main")
    try:
        assert alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        wait_gone([child])
    finally:
        parent.kill()


def test_a_worker_outlives_the_thread_that_started_it(tmp_path: Path) -> None:
    """The kernel signals a worker when the parent *thread* that started it ends; the
    worker stays while its parent process lives, then goes with it."""
    parent, child = start_parent(tmp_path, "main", "thread")
    try:
        assert parent.stdout is not None
        assert parent.stdout.readline() == "thread gone\n"
        (tmp_path / "ping").touch()
        wait_for((tmp_path / "pong").exists, 10, "the worker answered after the thread ended")
        assert alive(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        wait_gone([child])
    finally:
        parent.kill()
