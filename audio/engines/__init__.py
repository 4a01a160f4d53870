"""The engine registry: built-in engines plus any in the `presscast.engines` entry-point group."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from audio.engines.base import Engine, EngineSpec, Speech, VoiceInfo
from audio.errors import AudioError

DEFAULT_ENGINE = "piper"

Factory = Callable[..., Engine]  # (voice: str | None, **settings) -> Engine


def _built_in(name: str, module: str, cls: str) -> Factory:
    """A factory that imports its engine only when asked: `presscast --help` loads none."""

    def factory(voice: str | None, **settings: Any) -> Engine:
        import importlib

        engine_class = getattr(importlib.import_module(module), cls)
        return _construct(name, engine_class, voice, settings)

    return factory


_BUILT_IN: dict[str, Factory] = {
    "piper": _built_in("piper", "audio.engines.piper_engine", "PiperEngine"),
    "gtts": _built_in("gtts", "audio.engines.gtts_engine", "GttsEngine"),
    "espeak": _built_in("espeak", "audio.engines.espeak_engine", "EspeakEngine"),
}


def _factories() -> dict[str, Factory]:
    from importlib.metadata import entry_points  # scanning installed packages takes a while

    factories = dict(_BUILT_IN)
    for ep in entry_points(group="presscast.engines"):
        factories.setdefault(ep.name, ep.load())
    return factories


def engine_names() -> list[str]:
    """Names accepted by `--engine`."""
    return sorted(_factories())


def get_engine(name: str, voice: str | None = None, **settings: Any) -> Engine:
    """An engine by name with `voice` (None: the engine's default) and engine `settings`.

    `name, voice, settings = engine.spec()` then `get_engine(name, voice, **settings)`
    rebuilds an equal engine: that is how narration workers get theirs.
    """
    if name in _BUILT_IN:
        return _BUILT_IN[name](voice, **settings)
    factories = _factories()
    if name not in factories:
        raise AudioError(f"unknown engine {name!r}; choose one of: {', '.join(sorted(factories))}")
    if not settings:
        return factories[name](voice)  # plug-ins written before settings existed
    return _construct(name, factories[name], voice, settings)


def _construct(name: str, make: Factory, voice: str | None, settings: dict[str, Any]) -> Engine:
    """Call `make`; a misspelt setting is a message naming the settings, not a TypeError."""
    signature = inspect.signature(make)
    try:
        signature.bind(voice, **settings)
    except TypeError:
        known = [p.name for p in signature.parameters.values() if p.kind is p.KEYWORD_ONLY]
        unknown = ", ".join(sorted(set(settings) - set(known)))
        raise AudioError(
            f"{name}: unknown engine setting {unknown or '?'}; it takes: "
            f"{', '.join(known) or 'none'}"
        ) from None
    return make(voice, **settings)


def list_voices() -> list[VoiceInfo]:
    """Every built-in engine's voices and whether each is usable here; no engine is loaded."""
    from audio.engines.espeak_engine import espeak_voices
    from audio.engines.gtts_engine import gtts_voices
    from audio.engines.piper_engine import piper_voices

    return [*piper_voices(), *gtts_voices(), *espeak_voices()]


__all__ = [
    "DEFAULT_ENGINE",
    "Engine",
    "EngineSpec",
    "Speech",
    "VoiceInfo",
    "engine_names",
    "get_engine",
    "list_voices",
]
