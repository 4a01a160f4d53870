"""The espeak engine: a clear message without the program, real speech with it.

CI has no espeak-ng, so the real-speech tests skip there; the missing-program tests
hide it (an empty PATH) and run everywhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from audio.engines import engine_names, get_engine, list_voices
from audio.engines.espeak_engine import EspeakEngine, espeak_voices
from audio.errors import AudioError

installed = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is not installed (apt-get install it)"
)


@pytest.fixture
def no_espeak(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A PATH with nothing on it: espeak-ng is missing, whatever this machine has."""
    monkeypatch.setenv("PATH", str(tmp_path))


@pytest.mark.usefixtures("no_espeak")
def test_missing_program_says_how_to_install_it() -> None:
    assert "espeak" in engine_names()
    with pytest.raises(AudioError) as caught:
        get_engine("espeak")
    assert str(caught.value) == (
        "espeak: the espeak-ng program is not installed (apt-get install espeak-ng); "
        "use --engine piper"
    )


@pytest.mark.usefixtures("no_espeak")
def test_missing_program_is_one_unusable_voice() -> None:
    [voice] = espeak_voices()
    assert (voice.engine, voice.usable) == ("espeak", False)
    assert voice.status == "not installed (apt-get install espeak-ng)"
    assert voice in list_voices()


@installed
def test_speaks_16_bit_mono_at_its_own_rate() -> None:
    engine = EspeakEngine()
    assert (engine.name, engine.voice, engine.language, engine.phonemes) == (
        "espeak",
        "en",
        "en",
        False,
    )
    speech = engine.synthesize("The library opens at nine.")
    samples = np.frombuffer(speech.pcm, dtype=np.int16)
    assert speech.sample_rate == engine.sample_rate == 22050
    assert 0.8 < speech.seconds < 4
    assert np.abs(samples).max() > 3000  # real speech, not silence
    longer = engine.synthesize("The library opens at nine, and closes late on Thursdays.")
    assert longer.seconds > 1.5 * speech.seconds


@installed
def test_text_is_read_as_text() -> None:
    """A leading dash is not an option, and `[[ … ]]` is not espeak's phoneme code."""
    engine = EspeakEngine("en-us")
    assert engine.synthesize("-5 degrees.").seconds > 0.5
    plain = engine.synthesize("a b").seconds
    assert engine.synthesize("a [[b]]").seconds > plain  # the brackets say something, or pause


@installed
def test_voices_languages_and_identity() -> None:
    voices = espeak_voices()
    assert {"en-gb", "en-us", "de", "fr-fr"} <= {v.name for v in voices}  # "en" is an alias
    assert all(v.usable and v.status == "installed, offline" for v in voices)
    german = get_engine("espeak", "de+f3")
    assert german.language == "de" and german.synthesize("Guten Tag.").seconds > 0.3
    identity = german.cache_identity()
    assert identity["engine"] == "espeak" and identity["voice"] == "de+f3"
    assert identity["engine_version"][0].isdigit()
    assert all(isinstance(v, str) for v in identity.values())
    name, voice, settings = german.spec()
    assert get_engine(name, voice, **settings).cache_identity() == identity
    with pytest.raises(AudioError, match="espeak-ng failed with the voice 'xx-nowhere'"):
        EspeakEngine("xx-nowhere")
