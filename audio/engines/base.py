"""What every speech engine provides, and the audio it returns."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Speech:
    """Synthesized speech: signed 16-bit little-endian mono PCM."""

    pcm: bytes
    sample_rate: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


@dataclass(frozen=True)
class VoiceInfo:
    """One voice an engine offers, for `presscast voices`."""

    engine: str
    name: str
    language: str
    usable: bool
    status: str  # e.g. "installed, offline" or "needs internet"


EngineSpec = tuple[str, str | None, dict[str, Any]]
"""(name, voice, settings): what `get_engine(name, voice, **settings)` rebuilds an engine from."""


class Engine(Protocol):
    """A text-to-speech engine.

    `synthesize` receives one sentence (or clause) already within `max_words` and
    `max_chars`; engines never see longer text, which bounds their memory.
    """

    name: str
    voice: str
    language: str  # what the voice speaks: "en_US", "de", ...
    phonemes: bool  # whether text may carry raw phonemes as `[[ … ]]`
    max_words: int
    max_chars: int
    sample_rate: int  # of the Speech `synthesize` returns

    def synthesize(self, text: str) -> Speech: ...

    def cache_identity(self) -> dict[str, str]:
        """Everything besides the text that shapes the sound, as plain strings.

        Two engines with equal identities speak the same text alike, so a segment cache
        may key on this dict and the text. It holds the engine's name, its library's
        version, the voice (with a hash of any model file) and the synthesis settings;
        not what only changes how audio is fetched (timeouts, retries).
        """
        ...

    def spec(self) -> EngineSpec:
        """How to build this engine again in another process, as picklable plain data."""
        ...


@functools.cache
def package_version(distribution: str) -> str:
    """The installed version of `distribution`, for cache identities: an upgrade may sound new.

    Looked up once per process: a build asks for it with every article's keys.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


def number_text(value: float) -> str:
    """A setting as a short, stable string: 1.0 -> "1", 1/1.25 -> "0.8"."""
    return f"{value:.6g}"
