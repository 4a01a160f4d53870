"""Publishing a finished file from the render folder into public/, wherever public/ is.

public/ may be a link to another filesystem (a web server's folder, a mounted disk), and
a rename cannot cross filesystems (EXDEV): then the file is copied into a temporary file
in the target folder and renamed there, so a published name still never points at half a
file. A target folder that cannot be written is named as the user sees it and where it
really is, since that folder is what they can fix.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from audio.digest import file_sha256
from episodes.errors import PresscastError
from episodes.fsio import atomic_path

_ADVICE = {
    errno.EACCES: "make it writable",
    errno.EPERM: "make it writable",
    errno.EROFS: "make it writable",
    errno.ENOSPC: "free some space there",
    errno.EDQUOT: "free some space there",
}


def publish_file(staging: Path, directory: Path, slug: str) -> Path:
    """Move a finished file into `directory` as `{slug}-{sha256[:12]}{suffix}`.

    Named by content, so a published URL never changes meaning. Renamed when it can be;
    copied then renamed inside `directory` when that is another filesystem. An OSError
    writing `directory` becomes a PresscastError naming it.
    """
    final = directory / f"{slug}-{file_sha256(staging)[:12]}{staging.suffix}"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unwritable_folder(directory, exc) from exc
    try:
        os.replace(staging, final)
        return final
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            if _source_at_fault(staging, directory):
                raise  # the staging folder's problem: its own path is in the message
            raise unwritable_folder(directory, exc) from exc
    try:
        with atomic_path(final) as tmp:  # another filesystem: copy, fsync, rename there
            shutil.copyfile(staging, tmp)
    except OSError as exc:
        raise unwritable_folder(directory, exc) from exc
    staging.unlink()
    return final


def unwritable_folder(directory: Path, exc: OSError) -> PresscastError:
    """One line naming the folder (as the user sees it, and where it really is) and what
    to do about it."""
    shown = os.path.relpath(directory)
    if shown.startswith(".."):
        shown = str(directory)
    real = str(directory.resolve())
    where = shown if real == shown else f"{shown} ({real})"
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        return PresscastError(
            f"cannot write to {where}: it or a folder above it is a file or a broken link; "
            "make it a folder"
        )
    advice = _ADVICE.get(exc.errno or 0)
    return PresscastError(
        f"cannot write to {where}: {exc.strerror or exc}" + (f"; {advice}" if advice else "")
    )


def _source_at_fault(staging: Path, directory: Path) -> bool:
    """Whether a failed rename is the staging folder's fault, not the target's."""
    return os.access(directory, os.W_OK | os.X_OK) and not os.access(
        staging.parent, os.W_OK | os.X_OK
    )
