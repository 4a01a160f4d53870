"""The segment cache: each narrated segment's audio, keyed by everything that shapes it.

A key is the hash of the engine's identity (engine, its version, voice, model hash,
settings) and the exact text sent to it, so editing one paragraph re-narrates only its
segments, a new voice re-narrates everything, and an unchanged rebuild narrates nothing.
Entries are WAV files written atomically: an interrupted build loses at most the
segment in flight.
"""

from __future__ import annotations

import hashlib
import json
import wave
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from audio.atomic import atomic_path
from audio.engines.base import Speech

FORMAT_VERSION = "1"  # bump when what a key means changes


def segment_key(identity: Mapping[str, str], text: str) -> str:
    """The cache key of `text` spoken by the engine described by `identity`."""
    payload = json.dumps(
        {"format": FORMAT_VERSION, "engine": dict(identity), "text": text},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheStats:
    """What is in the cache: entries, bytes, and how much of it no episode uses."""

    entries: int
    bytes: int
    unused_entries: int = 0
    unused_bytes: int = 0


class SegmentCache:
    """Segment audio under `root/<2 hex>/<key>.wav`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def __contains__(self, key: str) -> bool:
        return self.path(key).is_file()

    def get(self, key: str) -> Speech | None:
        """The cached speech, or None (also for a damaged entry, which is removed)."""
        path = self.path(key)
        try:
            with wave.open(str(path), "rb") as wav:
                if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
                    raise wave.Error("not 16-bit mono")
                return Speech(wav.readframes(wav.getnframes()), wav.getframerate())
        except FileNotFoundError:
            return None
        except (wave.Error, EOFError, OSError):
            path.unlink(missing_ok=True)
            return None

    def put(self, key: str, speech: Speech) -> None:
        """Store a segment atomically."""
        with atomic_path(self.path(key)) as tmp, wave.open(str(tmp), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(speech.sample_rate)
            wav.writeframes(speech.pcm)

    def keys(self) -> Iterable[str]:
        if self.root.is_dir():
            for path in self.root.glob("??/*.wav"):
                yield path.stem

    def stats(self, used: set[str] | None = None) -> CacheStats:
        entries = size = unused = unused_size = 0
        for key in self.keys():
            entry_size = self.path(key).stat().st_size
            entries += 1
            size += entry_size
            if used is not None and key not in used:
                unused += 1
                unused_size += entry_size
        return CacheStats(entries, size, unused, unused_size)

    def prune(self, used: set[str]) -> CacheStats:
        """Delete every entry not in `used`; returns what was removed."""
        removed = removed_size = 0
        for key in list(self.keys()):
            if key not in used:
                path = self.path(key)
                removed_size += path.stat().st_size
                path.unlink(missing_ok=True)
                removed += 1
        return CacheStats(removed, removed_size)
