"""Atomic writes: a file is either its old self or its complete new self, never half.

The one implementation in Presscast (`episodes.fsio` builds on it): write to a temporary
file in the same folder, fsync, rename over the target, fsync the folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

PART_SUFFIX = ".part"
# What `atomic_path` names its temporary files: "." + the target's name + "." + mkstemp's
# eight random characters + PART_SUFFIX. A process killed mid-write leaves one behind.
_PART_NAME = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(PART_SUFFIX))


def is_atomic_temporary(name: str) -> bool:
    """Whether a file name is one of `atomic_path`'s temporary files (left by a killed
    process when it exists while no write is running)."""
    return _PART_NAME.fullmatch(name) is not None


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success fsync it and rename it over `path`.

    On any error the temporary file is removed and `path` is untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
