"""What killed writers leave behind is removed, and nothing else: real leftovers, made by
a process killed in the middle of its atomic writes."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from processes import start

from audio.atomic import atomic_path, is_atomic_temporary
from episodes.lock import show_lock
from episodes.show import Show, load_show
from episodes.temporaries import ARTICLE_PART_GRACE_SECONDS, remove_temporaries

# Opens an atomic write for each path in argv[1:], writes into all of them, then dies
# with SIGKILL, as a build killed mid-write does.
KILLED_WRITER = """
import contextlib, os, signal, sys
from pathlib import Path
from audio.atomic import atomic_path
with contextlib.ExitStack() as stack:
    for name in sys.argv[1:]:
        stack.enter_context(atomic_path(Path(name))).write_bytes(b"half")
    os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture
def show(show_dir: Path) -> Show:
    return load_show(show_dir)


def killed_writes(*targets: Path) -> list[Path]:
    """The temporary files a writer killed while writing `targets` leaves."""
    folders = {t.parent for t in targets}
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    before = {p for f in folders for p in f.iterdir()}
    process = start([sys.executable, "-c", KILLED_WRITER, *map(str, targets)], Path.cwd())
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    left = sorted({p for f in folders for p in f.iterdir()} - before)
    assert len(left) == len(targets) and not any(t.exists() for t in targets)
    return left


def kept_files(show: Show) -> dict[Path, bytes]:
    """Files that look a little like leftovers but are not, in each folder cleaned."""
    files = {
        show.episodes_dir / "harbour-0123456789ab.mp3": b"mp3",
        show.public_dir / ".well-known" / "site.part": b"a user's",  # not atomic_path's
        show.public_dir / ".notes.part": b"no random part",
        show.cache_dir / "ab" / "abcdef.wav": b"cached",
        show.articles_dir / "harbour" / "article.txt": b"text",
        show.articles_dir / "harbour" / "draft.abcdefgh.part": b"no leading dot",
    }
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def test_atomic_temporary_names_are_recognised_and_only_they(tmp_path: Path) -> None:
    with atomic_path(tmp_path / "episode.mp3") as tmp:
        assert is_atomic_temporary(tmp.name), tmp.name
    for name in ("feed.xml", ".part", ".x.part", "x.abcdefgh.part", ".x.ABCDEFGH.part"):
        assert not is_atomic_temporary(name), name


def test_leftovers_of_killed_writes_go_and_everything_else_stays(show: Show) -> None:
    left = killed_writes(
        show.feed_path,
        show.episodes_dir / "harbour-0123456789ab.vtt",
        show.cache_dir / "cd" / "cdef.wav",
    )
    old_article_part, new_article_part = killed_writes(
        show.articles_dir / "harbour" / "episode.json",
        show.articles_dir / "harbour" / "article.json",
    )
    long_ago = time.time() - ARTICLE_PART_GRACE_SECONDS - 5
    os.utime(old_article_part, (long_ago, long_ago))
    render = show.render_dir
    (render / "stuck").mkdir(parents=True)
    for name in (".harbour.mp3.k2j4h5g6.part", ".x.assembly.wav", ".x.assembly.wav.excerpt.wav"):
        (render / name).write_bytes(b"x")
    (render / "stuck" / "piece.wav").write_bytes(b"x")
    kept = kept_files(show)

    with show_lock(show):
        removed = remove_temporaries(show)

    assert removed == len(left) + 1 + 4
    assert not any(p.exists() for p in [*left, old_article_part])
    assert render.is_dir() and list(render.iterdir()) == []
    # `presscast add` writes articles/ without the lock: a fresh temporary may be in use
    assert new_article_part.exists()
    assert {p: p.read_bytes() for p in kept} == kept
    with show_lock(show):
        assert remove_temporaries(show) == 0


def test_removing_temporaries_needs_the_lock(show: Show) -> None:
    with pytest.raises(RuntimeError, match="show lock"):
        remove_temporaries(show)


def test_cache_prune_reports_the_temporaries_it_removed(
    run: Callable[..., Result], show: Show
) -> None:
    killed_writes(show.cache_dir / "ab" / "abcd.wav", show.feed_path)
    result = run("cache", "--prune", cwd=show.root)
    assert result.exit_code == 0, result.stderr
    assert "Removed 0 segments (0.0 MB) and 2 temporary file(s) left by interrupted builds." in (
        result.stdout
    )
    again = run("cache", "--prune", cwd=show.root)
    assert "Removed 0 segments (0.0 MB)." in again.stdout
