"""The engine registry: built-in engines plus any in the `presscast.engines` entry-point group."""

from __future__ import annotations

from collections.abc import Callable

from audio.engines.base import Engine, Speech, VoiceInfo
from audio.errors import AudioError

DEFAULT_ENGINE = "piper"


def _piper(voice: str | None) -> Engine:
    from audio.engines.piper_engine import PiperEngine

    return PiperEngine(voice)


def _gtts(voice: str | None) -> Engine:
    from audio.engines.gtts_engine import GttsEngine

    return GttsEngine(voice)


_BUILT_IN: dict[str, Callable[[str | None], Engine]] = {"piper": _piper, "gtts": _gtts}


def _factories() -> dict[str, Callable[[str | None], Engine]]:
    from importlib.metadata import entry_points  # scanning installed packages takes a while

    factories = dict(_BUILT_IN)
    for ep in entry_points(group="presscast.engines"):
        factories.setdefault(ep.name, ep.load())
    return factories


def engine_names() -> list[str]:
    """Names accepted by `--engine`."""
    return sorted(_factories())


def get_engine(name: str, voice: str | None = None) -> Engine:
    """An engine by name with `voice` (None: the engine's default)."""
    if name in _BUILT_IN:
        return _BUILT_IN[name](voice)
    factories = _factories()
    if name not in factories:
        raise AudioError(f"unknown engine {name!r}; choose one of: {', '.join(sorted(factories))}")
    return factories[name](voice)


def list_voices() -> list[VoiceInfo]:
    """Every built-in engine's voices and whether each is usable here."""
    from audio.engines.gtts_engine import gtts_voices
    from audio.engines.piper_engine import piper_voices

    return [*piper_voices(), *gtts_voices()]


__all__ = [
    "DEFAULT_ENGINE",
    "Engine",
    "Speech",
    "VoiceInfo",
    "engine_names",
    "get_engine",
    "list_voices",
]
