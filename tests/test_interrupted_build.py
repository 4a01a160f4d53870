"""Builds stopped from outside, as real processes: SIGKILL leaves no worker running and
the next build removes what the killed one left; SIGTERM unwinds like Ctrl-C; a second
build at once is refused in one line, or waits with --wait.

Real Piper narrates an article long enough to be still narrating when the build is
stopped; the build runs as `presscast build --jobs 2` would, in its own process.
"""

from __future__ import annotations

import re
import signal
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from conftest import write
from processes import CLI, command_line, descendants, start, wait_for, wait_gone

from audio.atomic import is_atomic_temporary
from episodes.lock import LOCK_FILE, read_holder

BOATS = ["Anna", "Brisk", "Curlew", "Dawn"]
ARTICLE = "# The Night Boats\n\n" + "\n\n".join(
    f"The {name} left the quay at {hour} o'clock. Her crew of {hour + 1} set the nets by "
    f"the north buoy. She came home before the tide turned."
    for hour, name in enumerate(BOATS, start=2)
)
SECONDS = 60  # the longest any step here may take on a busy machine


@pytest.fixture
def show(run: Callable[..., Result], show_dir: Path, tmp_path: Path) -> Path:
    added = run("add", str(write(tmp_path / "boats.md", ARTICLE)), cwd=show_dir)
    assert added.exit_code == 0, added.stderr
    return show_dir


@pytest.fixture
def build(show: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start `presscast build --jobs 2 ARGS` in its own process; killed at the end."""
    started: list[subprocess.Popen[str]] = []

    def start_build(*args: str) -> subprocess.Popen[str]:
        process = start([*CLI, "build", "--jobs", "2", *args], show)
        started.append(process)
        return process

    yield start_build
    for process in started:
        process.kill()
        process.communicate(timeout=SECONDS)


def narrating(process: subprocess.Popen[str], show: Path) -> list[int]:
    """Wait until the build's two workers run and its first segment is in the cache;
    returns every process below the build then (workers, resource tracker, encoder)."""

    def workers() -> list[int]:
        found = [p for p in descendants(process.pid) if "spawn_main" in command_line(p)]
        return found if len(found) == 2 else []

    wait_for(workers, SECONDS, lambda: f"two workers; the build said {process.poll()}")
    cache = show / ".presscast" / "cache" / "segments"
    wait_for(lambda: any(cache.rglob("*.wav")), SECONDS, "a first narrated segment")
    below = descendants(process.pid)
    assert process.poll() is None, "the build ended before it could be stopped"
    return below


def temporaries(show: Path) -> list[Path]:
    """Files only a running build needs, anywhere in the show."""
    render = show / ".presscast" / "render"
    return [
        p
        for p in show.rglob("*")
        if is_atomic_temporary(p.name) or ".assembly." in p.name or p.parent == render
    ]


def test_a_killed_build_leaves_no_worker_and_the_next_build_cleans_up(
    run: Callable[..., Result], show: Path, build: Callable[..., subprocess.Popen[str]]
) -> None:
    process = build()
    below = narrating(process, show)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=SECONDS)
    wait_gone(below)
    assert temporaries(show), "a killed build leaves its temporary files"

    again = run("build", "--jobs", "2", cwd=show)
    assert again.exit_code == 0, again.stderr
    removed = re.search(
        r"Removed (\d+) temporary file\(s\) left by an interrupted build", again.stdout
    )
    assert removed and int(removed[1]) >= 1, again.stdout
    assert "Narrated 'The Night Boats'" in again.stdout
    assert temporaries(show) == []


def test_sigterm_stops_a_build_like_ctrl_c(
    show: Path, build: Callable[..., subprocess.Popen[str]]
) -> None:
    process = build()
    below = narrating(process, show)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=SECONDS)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert "Traceback" not in stderr and "Interrupted;" in stderr, stderr
    wait_gone(below)
    assert temporaries(show) == []  # its own `finally` blocks ran: nothing for a next build
    assert (show / ".presscast" / LOCK_FILE).read_text() == ""


def test_a_second_build_is_refused_in_one_line_or_waits(
    run: Callable[..., Result], show: Path, build: Callable[..., subprocess.Popen[str]]
) -> None:
    first = build()
    deadline = threading.Timer(4 * SECONDS, first.kill)  # a stuck first build ends the test
    deadline.start()
    try:
        lock = show / ".presscast" / LOCK_FILE
        wait_for(lambda: read_holder(lock).pid == first.pid, SECONDS, "the first build locked")

        refused = run("build", "--jobs", "2", cwd=show)
        assert refused.exit_code == 1
        (line,) = refused.stderr.splitlines()
        assert "another presscast build is running in this show" in line, line
        assert f"(pid {first.pid}, started " in line, line

        waited = run("build", "--jobs", "2", "--wait", cwd=show)
        assert waited.exit_code == 0, waited.stderr
        assert f"Waiting for presscast build to finish (pid {first.pid}, " in waited.stderr
        assert "Nothing new to narrate." in waited.stdout  # the first build did it all
        stdout, stderr = first.communicate(timeout=SECONDS)
        assert first.returncode == 0, stderr
        assert "Narrated 'The Night Boats'" in stdout
    finally:
        deadline.cancel()
