"""The catalog index: what every article folder's records said, in one file.

Listing a show opens three record files per article; at thousands of articles that is
most of a build with nothing new. `.presscast/catalog-index.json` keeps, per folder,
the stat data of those files (inode, size, mtime, ctime) when they were read and what
was read from them. A folder's entry is used only while all its files still stat the
same; any other folder is read from its files again. The records stay the truth: the
index can be deleted, damaged or written by two builds at once and the catalog is
still read right, only slower until the index is rewritten.

An edit that leaves size and times alone cannot happen to a file whose times are well in
the past: a write sets ctime to the present. So an entry is kept only when its files'
times are older than the listing's start by more than the coarsest file-system clock
(`SETTLED_NS`); newer files are read again until they are that old.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from episodes.fsio import atomic_write_bytes

INDEX_FILE = "catalog-index.json"
INDEX_VERSION = 1
# Older than this before a listing began, a file's stat data is settled: 2 s is FAT's
# mtime granularity, plus slack for the kernel's coarse clock.
SETTLED_NS = 3_000_000_000

# Per file: [inode, size, mtime_ns, ctime_ns], or None when the file is not there.
FileKey = list[int] | None
FolderKey = list[FileKey]
# What the index keeps for a folder: [its key, what was read (JSON-ready) or None].
Indexed = list[Any]


def folder_key(folder: str, names: tuple[str, ...]) -> FolderKey:
    """The stat data of `names` in `folder`, taken before they are read."""
    key: FolderKey = []
    for name in names:
        try:
            st = os.stat(folder + os.sep + name)
        except FileNotFoundError:
            key.append(None)
        else:
            key.append([st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns])
    return key


def settled(key: FolderKey, started_ns: int) -> bool:
    """Whether any later change to these files is bound to change their stat data."""
    limit = started_ns - SETTLED_NS
    return all(k is None or (k[2] < limit and k[3] < limit) for k in key)


def load_index(state_dir: Path) -> dict[str, Indexed]:
    """Folder name -> [key, data] from the index; empty when there is none or it is damaged."""
    try:
        with open(state_dir / INDEX_FILE, "rb") as fh:
            data = json.loads(fh.read())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return {}
    folders = data.get("folders")
    if not isinstance(folders, dict):
        return {}
    return {
        name: indexed
        for name, indexed in folders.items()
        if isinstance(indexed, list) and len(indexed) == 2 and isinstance(indexed[0], list)
    }


def save_index(state_dir: Path, folders: dict[str, Indexed]) -> None:
    """Write the index atomically; a failure (read-only, disk full) only costs speed."""
    index = {"version": INDEX_VERSION, "folders": folders}
    try:
        data = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a record's escapes: keep it escaped
        data = json.dumps(index, separators=(",", ":")).encode("ascii")
    with contextlib.suppress(OSError):
        atomic_write_bytes(state_dir / INDEX_FILE, data)
