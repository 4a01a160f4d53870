"""The show lock, held by real processes: refused with the holder's pid, released by a
holder's death, a stale file taken over, `wait` blocking until the holder is done."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from processes import start

from episodes.errors import PresscastError
from episodes.lock import Holder, holds_lock, lock_path, read_holder, show_lock
from episodes.show import Show, load_show

# Holds the lock of the show in argv[1] as command argv[2] until a line arrives on stdin.
HOLDER = """
import sys
from pathlib import Path
from episodes.lock import show_lock
from episodes.show import load_show
with show_lock(load_show(Path(sys.argv[1])), sys.argv[2]):
    print("locked", flush=True)
    sys.stdin.readline()
print("released", flush=True)
"""

REFUSED = re.compile(
    r"another presscast (?P<command>[a-z -]+) is running in this show "
    r"\(pid (?P<pid>\d+), started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+\); "
    r"wait for it to finish, or pass --wait"
)


@pytest.fixture
def show(show_dir: Path) -> Show:
    return load_show(show_dir)


@pytest.fixture
def holder(show: Show) -> Iterator[Callable[[str], subprocess.Popen[str]]]:
    """Start a process holding the show's lock (as a command); released at the end."""
    started: list[subprocess.Popen[str]] = []

    def hold(command: str = "build") -> subprocess.Popen[str]:
        process = start([sys.executable, "-c", HOLDER, str(show.root), command], show.root)
        started.append(process)
        assert process.stdout is not None
        assert process.stdout.readline() == "locked\n", process.stderr.read()  # type: ignore[union-attr]
        return process

    yield hold
    for process in started:
        process.kill()
        process.wait(timeout=10)


def test_a_second_process_is_refused_with_the_holders_pid_and_start(
    show: Show, holder: Callable[[str], subprocess.Popen[str]]
) -> None:
    process = holder("build")
    with pytest.raises(PresscastError) as refused, show_lock(show):
        pytest.fail("the lock was taken twice")
    message = str(refused.value)
    assert "\n" not in message
    match = REFUSED.fullmatch(message)
    assert match, message
    assert (match["command"], int(match["pid"])) == ("build", process.pid)

    process.communicate("\n", timeout=10)  # the holder lets go: the lock is ours now
    with show_lock(show, "cache --prune"):
        held = json.loads(lock_path(show).read_text())
        assert held["command"] == "cache --prune"
        assert held["pid"] != process.pid
    assert lock_path(show).read_text() == ""  # released: the file names nobody


def test_a_killed_holder_leaves_a_lock_that_is_taken_over(
    show: Show, holder: Callable[[str], subprocess.Popen[str]]
) -> None:
    process = holder("build")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert read_holder(lock_path(show)).pid == process.pid  # its text stays: information only
    with show_lock(show, "build"):
        assert read_holder(lock_path(show)).pid != process.pid


def test_a_stale_lock_file_without_a_lock_does_not_refuse(show: Show) -> None:
    """A lock file copied with the show (or left by another machine) names a pid, but
    nobody holds the flock: the file is only information."""
    lock_path(show).write_text(json.dumps({"pid": 1, "started": "2026-12-02T07:10:03+00:00"}))
    with show_lock(show, "remove"):
        assert json.loads(lock_path(show).read_text())["command"] == "remove"


def test_wait_blocks_until_the_holder_is_done(
    show: Show, holder: Callable[[str], subprocess.Popen[str]]
) -> None:
    process = holder("reread")
    told: list[Holder] = []

    def let_go(holder: Holder) -> None:  # told who holds it: now let that holder finish
        told.append(holder)
        assert process.stdin is not None
        process.stdin.write("\n")
        process.stdin.flush()

    with show_lock(show, "build", wait=True, on_wait=let_go):
        assert holds_lock(show)
        assert process.wait(timeout=10) == 0
    assert [(h.pid, h.command) for h in told] == [(process.pid, "reread")]
    assert process.stdout is not None and process.stdout.read() == "released\n"


def test_one_thread_may_nest_the_lock_another_thread_is_refused(show: Show) -> None:
    refusals: list[str] = []

    def other_thread() -> None:
        try:
            with show_lock(show):
                pass
        except PresscastError as exc:
            refusals.append(str(exc))

    with show_lock(show, "build"):
        with show_lock(show, "build"):  # e.g. the CLI's lock around a build that locks too
            assert holds_lock(show)
        assert holds_lock(show)  # the inner block did not release it
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join(timeout=10)
    assert not holds_lock(show)
    assert len(refusals) == 1 and REFUSED.fullmatch(refusals[0]), refusals


def test_a_state_folder_that_cannot_be_made_is_one_line(show: Show) -> None:
    show.state_dir.rmdir()
    show.state_dir.write_text("not a folder")
    refused = pytest.raises(PresscastError, match=r"cannot create the build lock .*build\.lock")
    with refused, show_lock(show):
        pytest.fail("locked without a state folder")


def test_commands_that_change_the_show_are_refused_while_it_is_locked(
    run: Callable[..., Result], show: Show, holder: Callable[[str], subprocess.Popen[str]]
) -> None:
    process = holder("build")
    for command in (["build"], ["remove", "any-slug"], ["cache", "--prune"], ["reread"]):
        result = run(*command, cwd=show.root)
        assert result.exit_code == 1, (command, result.output)
        (line,) = result.stderr.splitlines()
        match = REFUSED.search(line)
        assert match and int(match["pid"]) == process.pid, (command, line)
    looked = run("cache", cwd=show.root)  # only looking: no lock needed
    assert looked.exit_code == 0, looked.stderr
    assert process.poll() is None  # refused, not waited for
