"""Atomic writes for the show folder (the implementation lives in `audio.atomic`)."""

from __future__ import annotations

from pathlib import Path

from audio.atomic import atomic_path, atomic_write_bytes


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 `text` to `path` atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


__all__ = ["atomic_path", "atomic_write_bytes", "atomic_write_text"]
