"""eSpeak NG: robotic but tiny, offline, and speaking a hundred languages.

It runs the `espeak-ng` program (apt-get install espeak-ng), not the espeak-ng library
Piper bundles for its phonemes: the program is what a system package provides, and
running it keeps this engine free of native bindings. Each segment is one run, a few
milliseconds, answered as WAV on stdout.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import wave

from audio.engines.base import EngineSpec, Speech, VoiceInfo
from audio.errors import AudioError

PROGRAM = "espeak-ng"
DEFAULT_VOICE = "en"
REVISION = "1"  # bump when this module changes the audio it makes of espeak-ng's output
INSTALL = "apt-get install espeak-ng"
NOT_INSTALLED = f"espeak: the espeak-ng program is not installed ({INSTALL}); use --engine piper"


def espeak_program() -> str | None:
    """Where `espeak-ng` is, or None; looked up on each call so PATH changes are seen."""
    return shutil.which(PROGRAM)


class EspeakEngine:
    """Narrates with the `espeak-ng` program and one of its voices.

    `voice` is anything `espeak-ng -v` takes: a language ("en", "de", "en-us"), a file
    ("gmw/en-US") or either with a variant ("en+f3"). It is checked when the engine is
    made, so a typo fails before narration starts.
    """

    name = "espeak"
    phonemes = False  # the lexicon's IPA falls back to respellings
    max_words = 40
    max_chars = 280

    def __init__(self, voice: str | None = None) -> None:
        program = espeak_program()
        if program is None:
            raise AudioError(NOT_INSTALLED)
        self._program = program
        self.voice = (voice or DEFAULT_VOICE).strip()
        self.language = _language_of(self.voice)
        # A run with no text says whether espeak-ng knows the voice, and at what rate it speaks.
        self.sample_rate = self._run("").sample_rate

    def synthesize(self, text: str) -> Speech:
        """Speak `text` (one sentence or clause) as 16-bit mono PCM at espeak's own rate."""
        # espeak-ng reads `[[ … ]]` as its phoneme codes; this engine promises text only.
        return self._run(text.replace("[[", "[ ["))

    def cache_identity(self) -> dict[str, str]:
        """espeak-ng's version and the voice: all that shapes its (deterministic) sound."""
        return {
            "engine": self.name,
            "engine_version": espeak_version(self._program),
            "revision": REVISION,
            "voice": self.voice,
            "sample_rate": str(self.sample_rate),
        }

    def spec(self) -> EngineSpec:
        """The voice is the whole of this engine's setup."""
        return self.name, self.voice, {}

    def _run(self, text: str) -> Speech:
        # Text as a single argument after `--`: a leading "-" is read, not taken for an option.
        # -b 1: the text is UTF-8 whatever the locale says.
        command = [self._program, "-b", "1", "-v", self.voice, "--stdout", "--", text]
        try:
            proc = subprocess.run(command, capture_output=True, check=False, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise AudioError(
                f"espeak: cannot run {self._program} ({exc}); use --engine piper"
            ) from exc
        if proc.returncode != 0 or not proc.stdout:
            raise AudioError(
                f"espeak: espeak-ng failed with the voice {self.voice!r} "
                f"({_last_line(proc.stderr)}); `presscast voices` lists the voices"
            )
        return _wav_to_speech(proc.stdout)


def _wav_to_speech(data: bytes) -> Speech:
    """espeak's WAV as Speech; it streams, so the header's sizes are placeholders."""
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
                raise AudioError("espeak: espeak-ng answered audio that is not 16-bit mono")
            rate = wav.getframerate()
            pcm = wav.readframes(wav.getnframes())  # reads what is there
    except (wave.Error, EOFError) as exc:
        raise AudioError(f"espeak: espeak-ng answered something that is not WAV ({exc})") from exc
    return Speech(pcm=pcm[: len(pcm) // 2 * 2], sample_rate=rate)


def _language_of(voice: str) -> str:
    """'en-us' for 'en-us', 'gmw/en-US' or 'en-us+f3': the voice's language code."""
    return voice.split("+")[0].rsplit("/", 1)[-1] or DEFAULT_VOICE


@functools.cache
def espeak_version(program: str) -> str:
    """espeak-ng's version, e.g. "1.51", from `--version` (once per process)."""
    try:
        out = subprocess.run(
            [program, "--version"], capture_output=True, check=False, timeout=10
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    found = re.search(r"text-to-speech:\s*(\S+)", out)
    return found.group(1) if found else "unknown"


def espeak_voices() -> list[VoiceInfo]:
    """The languages espeak-ng speaks here (one quick run), or why there are none."""
    program = espeak_program()
    if program is None:
        return [VoiceInfo("espeak", DEFAULT_VOICE, "en", False, f"not installed ({INSTALL})")]
    try:
        proc = subprocess.run([program, "--voices"], capture_output=True, check=False, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [VoiceInfo("espeak", DEFAULT_VOICE, "en", False, f"cannot run ({exc})")]
    voices = []
    # Columns: Pty Language Age/Gender VoiceName File Other-languages; the header comes first.
    for line in proc.stdout.decode("utf-8", "replace").splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 5:
            voices.append(VoiceInfo("espeak", fields[1], fields[1], True, "installed, offline"))
    if proc.returncode != 0 or not voices:
        reason = _last_line(proc.stderr)
        return [VoiceInfo("espeak", DEFAULT_VOICE, "en", False, f"lists no voices ({reason})")]
    return voices


def _last_line(stderr: bytes) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1] if lines else "no message"
