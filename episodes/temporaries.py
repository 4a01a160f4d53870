"""What killed builds leave behind in a show, and its removal.

A process killed with SIGKILL (or by a power cut) runs no cleanup: atomic writes leave
their `.NAME.XXXXXXXX.part` files, and mastering leaves its assembly WAV and loudness
excerpts in `.presscast/render/`. None of it is ever read again, so it is removed, but
only by a holder of the show lock: a build still running could be writing any of it.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from audio.atomic import is_atomic_temporary
from episodes.lock import holds_lock
from episodes.show import Show

# `presscast add` writes articles/ without the lock (articles may be added during a long
# build), its temporary files living for milliseconds: younger ones may still be in use.
ARTICLE_PART_GRACE_SECONDS = 60


def remove_temporaries(show: Show) -> int:
    """Delete what interrupted builds left; returns how many files were removed.

    Everything in the render folder goes, and atomic writes' temporary files under
    public/, the segment cache and articles/. Call it holding the show lock.
    """
    if not holds_lock(show):
        raise RuntimeError("remove_temporaries needs the show lock (episodes.lock.show_lock)")
    removed = _empty(show.render_dir)
    removed += _remove_parts(show.public_dir)
    removed += _remove_parts(show.cache_dir)
    removed += _remove_parts(show.articles_dir, before=time.time() - ARTICLE_PART_GRACE_SECONDS)
    return removed


def _empty(folder: Path) -> int:
    """Remove everything inside `folder` (not the folder): files counted, links not
    followed."""
    removed = 0
    try:
        children = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return 0
    for child in children:
        if child.is_dir(follow_symlinks=False):
            removed += sum(len(files) for _, _, files in os.walk(child.path))
            shutil.rmtree(child.path, ignore_errors=True)
        else:
            removed += _unlink(Path(child.path))
    return removed


def _remove_parts(top: Path, before: float | None = None) -> int:
    """Remove atomic writes' temporary files under `top` (modified before `before`, if
    given); links inside `top` are not followed."""
    removed = 0
    for folder, _, files in os.walk(top):
        for name in files:
            if not is_atomic_temporary(name):
                continue
            path = Path(folder, name)
            if before is not None and _modified(path) >= before:
                continue
            removed += _unlink(path)
    return removed


def _modified(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except FileNotFoundError:
        return float("inf")  # gone already: nothing to remove


def _unlink(path: Path) -> int:
    try:
        path.unlink()
    except FileNotFoundError:
        return 0
    return 1
