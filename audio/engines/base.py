"""What every speech engine provides, and the audio it returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


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

    def synthesize(self, text: str) -> Speech: ...
