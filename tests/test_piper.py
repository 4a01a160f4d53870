"""Real Piper on short sentences: the default engine, its voice, its settings, the pool."""

from __future__ import annotations

import json
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
    assert {"piper", "gtts", "espeak"} <= set(engine_names())
    assert get_engine("piper").name == "piper"
    with pytest.raises(AudioError, match="unknown engine 'festival'; choose one of: "):
        get_engine("festival")
    piper_voices = [v for v in list_voices() if v.engine == "piper"]
    assert piper_voices[0].usable and piper_voices[0].name == BUNDLED_VOICE


def test_speed_shortens_and_variability_zero_repeats(piper: PiperEngine) -> None:
    """The settings reach Piper: length_scale through speed, noise through variability."""
    text = "The library opens at nine."
    fast = PiperEngine(speed=2.0, variability=0)  # shares the fixture's loaded model
    assert fast.length_scale == 0.5 and fast.noise_scale == fast.noise_w_scale == 0
    once = fast.synthesize(text)
    assert once.seconds < 0.7 * piper.synthesize(text).seconds
    assert fast.synthesize(text).pcm == once.pcm  # no noise, no change


def test_settings_out_of_range_are_refused() -> None:
    with pytest.raises(AudioError, match=r"speed 3 is out of range; give 0\.5"):
        PiperEngine(speed=3)
    with pytest.raises(AudioError, match=r"variability 1\.5 is out of range"):
        PiperEngine(variability=1.5)
    with pytest.raises(AudioError, match="has a single speaker"):
        PiperEngine(speaker="joe")


def multi_speaker_voice(tmp_path: Path, speakers: int = 12) -> Path:
    """A voice whose config names `speakers` speakers; the model is the bundled one's bytes."""
    model = tmp_path / "xx_XX-crowd-medium.onnx"
    model.symlink_to(_bundled_model())
    config = json.loads(_bundled_model().with_suffix(".onnx.json").read_text(encoding="utf-8"))
    config["num_speakers"] = speakers
    config["speaker_id_map"] = {f"reader{i:02d}": i for i in range(speakers)}
    config["default_speaker_id"] = 3
    (tmp_path / "xx_XX-crowd-medium.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    return model


def _bundled_model() -> Path:
    from audio.engines.piper_engine import bundled_voice_files

    files = bundled_voice_files()
    assert files is not None
    return files[0]


def test_speakers_by_name_or_id(tmp_path: Path) -> None:
    model = multi_speaker_voice(tmp_path)
    assert PiperEngine(str(model)).speaker_id == 3  # the voice's default
    assert PiperEngine(str(model), speaker="reader07").speaker_id == 7
    assert PiperEngine(str(model), speaker=5).speaker_id == 5
    assert PiperEngine(str(model), speaker="11").speaker_id == 11
    with pytest.raises(AudioError) as caught:
        PiperEngine(str(model), speaker="narrator")
    message = str(caught.value)
    assert "no speaker 'narrator'" in message and "reader00, reader01" in message
    assert "(12 in all)" in message and "0 to 11" in message and "\n" not in message
    with pytest.raises(AudioError, match="no speaker 12"):
        PiperEngine(str(model), speaker=12)


def test_cache_identity_follows_what_changes_the_sound(tmp_path: Path) -> None:
    identity = PiperEngine().cache_identity()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in identity.items())
    assert identity["engine"] == "piper" and identity["voice"] == BUNDLED_VOICE
    assert identity["engine_version"][0].isdigit() and len(identity["model_sha256"]) == 64
    assert identity == PiperEngine(speed=1.0).cache_identity()
    changed = [
        PiperEngine(speed=1.25).cache_identity(),
        PiperEngine(variability=0.3).cache_identity(),
        PiperEngine(str(multi_speaker_voice(tmp_path))).cache_identity(),
    ]
    assert changed[0]["length_scale"] == "0.8"
    assert changed[1]["noise_scale"] == "0.3" and changed[1]["noise_w_scale"] == "0.35982"
    assert changed[2]["model_sha256"] == identity["model_sha256"]  # the same model bytes
    assert changed[2]["config_sha256"] != identity["config_sha256"]
    assert changed[2]["speaker_id"] == "3"
    assert all(c != identity for c in changed)


def test_spec_rebuilds_the_engine_in_another_process(tmp_path: Path) -> None:
    model = multi_speaker_voice(tmp_path)
    engine = PiperEngine(str(model), speaker="reader02", speed=1.5, variability=0.2)
    name, voice, settings = engine.spec()
    assert voice == str(model.absolute())  # the path: a name alone finds only the bundled voice
    again = get_engine(name, voice, **settings)
    assert again.cache_identity() == engine.cache_identity()
    assert get_engine(*PiperEngine().spec()[:2]).cache_identity() == PiperEngine().cache_identity()
    with pytest.raises(AudioError, match="piper: unknown engine setting pitch; it takes: speaker"):
        get_engine("piper", None, pitch=2)
