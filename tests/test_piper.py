"""Real Piper on short sentences: the default engine, its voice and the worker pool."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from audio.engines import engine_names, get_engine, list_voices
from audio.engines.piper_engine import BUNDLED_VOICE, PiperEngine
from audio.errors import AudioError
from audio.narrate import narrate_segments


def test_bundled_voice_speaks(piper: PiperEngine) -> None:
    speech = piper.synthesize("The library opens at nine.")
    samples = np.frombuffer(speech.pcm, dtype=np.int16)
    assert speech.sample_rate == 22050
    assert 0.8 < speech.seconds < 4
    assert np.abs(samples).max() > 3000  # real speech, not silence


def test_worker_pool_keeps_order(piper: PiperEngine) -> None:
    texts = ["Yes.", "This sentence is a good deal longer than the one before it, by far.", "No."]
    lengths = [s.seconds for s in narrate_segments(piper, texts, jobs=2)]
    assert lengths[1] > 2 * max(lengths[0], lengths[2])


def test_voice_by_path_and_errors(tmp_path: Path) -> None:
    assert PiperEngine(BUNDLED_VOICE).voice == BUNDLED_VOICE
    with pytest.raises(AudioError, match="unknown Piper voice"):
        PiperEngine("en_GB-nobody-low")
    with pytest.raises(AudioError, match="not found"):
        PiperEngine(str(tmp_path / "missing.onnx"))


def test_registry() -> None:
    assert {"piper", "gtts"} <= set(engine_names())
    assert get_engine("piper").name == "piper"
    with pytest.raises(AudioError, match="unknown engine 'festival'; choose one of: "):
        get_engine("festival")
    piper_voices = [v for v in list_voices() if v.engine == "piper"]
    assert piper_voices[0].usable and piper_voices[0].name == BUNDLED_VOICE
