"""MP3 encoding at podcast loudness, measured on the encoded audio as it is written.

Two ways in, one guarantee out. `encode_file` masters a finished assembly file: gain
search, encode, measure the MP3, correct and encode again if it missed. `LiveEncoder`
starts while the episode is still being narrated: it finds the gain on the first
EXCERPT_SECONDS (checked by encoding that excerpt), then encodes the rest as it arrives,
so on a long episode mastering finishes moments after the last sentence. Either way the
MP3 is metered while ffmpeg writes it (a second ffmpeg reads the growing file), and a
live encode that missed the target falls back to `encode_file`.
"""

from __future__ import annotations

import contextlib
import threading
import time
import wave
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from audio.errors import AudioError
from audio.ffmpeg import FfmpegProcess
from audio.loudness import (
    TOLERANCE,
    Loudness,
    find_gain,
    mastering_filter,
    meter_filter,
    next_gain,
    on_target,
    parse_report,
)

ENCODE_ROUNDS = 3  # encodes at most, correcting the gain by what the MP3 measures
EXCERPT_SECONDS = 90  # of the episode, on which a live encode finds its gain
WAV_HEADER_BYTES = 44  # what the wave module writes before 16-bit PCM samples
_POLL_SECONDS = 0.05  # how often the meter looks for more of the growing MP3


@dataclass(frozen=True)
class EncodeSettings:
    """MP3 format: mono, 44.1 kHz, constant bit rate (64 kbps suits speech)."""

    sample_rate: int = 44100
    bitrate_kbps: int = 64
    normalize_loudness: bool = True

    def __post_init__(self) -> None:
        if not 32 <= self.bitrate_kbps <= 320:
            raise AudioError(f"MP3 bit rate {self.bitrate_kbps} kbps is out of range (32-320)")


@dataclass(frozen=True)
class Encoded:
    """The gain applied and the loudness before mastering and of the encoded MP3."""

    gain_db: float = 0.0
    before: Loudness | None = None
    after: Loudness | None = None


def encode_file(source: Path, out: Path, settings: EncodeSettings) -> Encoded:
    """Encode a WAV file with the loudness gain; correct the gain by what the MP3 measures."""
    if not settings.normalize_loudness:
        _MeteredEncode(str(source), out, settings, None).wait()
        return Encoded()
    gain, before = find_gain(source)
    after = None
    for _ in range(ENCODE_ROUNDS):
        after = _MeteredEncode(str(source), out, settings, gain).wait()
        assert after is not None
        corrected = next_gain(gain, after)
        if corrected is None:
            break
        gain = corrected
    return Encoded(gain, before, after)


class _MeteredEncode:
    """One ffmpeg encoding to `out`, and one metering the MP3 while it grows.

    `source` is a file name, or None to take raw 16-bit mono PCM on `stdin` (`rate`).
    With `gain` None the audio is encoded as it is, and not metered.
    """

    def __init__(
        self,
        source: str | None,
        out: Path,
        settings: EncodeSettings,
        gain: float | None,
        rate: int = 0,
    ) -> None:
        filters = f"{mastering_filter(gain)}," if gain is not None else ""
        inputs = ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0"] if source is None \
            else ["-i", source]  # fmt: skip
        args = [
            "-y", *inputs, "-af", f"{filters}aresample={settings.sample_rate}",
            "-ac", "1", "-ar", str(settings.sample_rate),
            "-c:a", "libmp3lame", "-b:a", f"{settings.bitrate_kbps}k",
            "-id3v2_version", "3", "-write_xing", "1", "-f", "mp3", str(out),
        ]  # fmt: skip
        out.unlink(missing_ok=True)  # the meter must not read an older file
        self.out = out
        self.encoder = FfmpegProcess(args, stdin=source is None)
        self.meter: FfmpegProcess | None = None
        self.follow: threading.Thread | None = None
        if gain is not None:
            self.meter = FfmpegProcess(["-f", "mp3", "-i", "pipe:0", "-af", meter_filter(),
                                  "-f", "null", "-"], stdin=True, loglevel="info")  # fmt: skip
            self.follow = threading.Thread(target=self._follow, daemon=True)
            self.follow.start()

    def write(self, pcm: bytes) -> None:
        """More audio for an encoder reading stdin."""
        assert self.encoder.proc.stdin is not None
        self.encoder.proc.stdin.write(pcm)

    def wait(self) -> Loudness | None:
        """Finish encoding and metering; the MP3's loudness (None when not metered).

        When ffmpeg fails, everything this started is stopped before AudioError rises.
        """
        try:
            self.encoder.finish()
        except AudioError:
            self.kill()
            raise
        finally:
            self.encoder.done.set()
        if self.meter is None or self.follow is None:
            return None
        self.follow.join()
        return parse_report(self.meter.finish())

    def kill(self) -> None:
        self.encoder.kill()
        if self.meter:
            self.meter.kill()
        if self.follow:
            self.follow.join()

    def _follow(self) -> None:
        """Copy the MP3 into the meter as the encoder writes it."""
        assert self.meter is not None and self.meter.proc.stdin is not None
        sink = self.meter.proc.stdin
        try:
            while not self.out.exists():
                if self.encoder.done.is_set():
                    return
                time.sleep(_POLL_SECONDS)
            with open(self.out, "rb") as mp3:
                while True:
                    finished = self.encoder.done.is_set()  # read once more after it ends
                    chunk = mp3.read(1 << 16)
                    if chunk:
                        sink.write(chunk)
                    elif finished:
                        return
                    else:
                        time.sleep(_POLL_SECONDS)
        except (BrokenPipeError, OSError):
            return  # the meter died; finish() reports its error
        finally:
            with contextlib.suppress(OSError):
                sink.close()


class LiveEncoder:
    """Encodes an episode while it is being assembled, so mastering adds little time.

    `feed` receives each piece of PCM just written to the assembly file. Once
    EXCERPT_SECONDS have arrived, the gain is found on them in a thread (ffmpeg uses the
    other core while narration goes on); then an encoder starts with that gain, reads
    what the assembly file holds so far, and takes the rest as it comes. `finish`
    returns the result when the MP3 keeps the loudness promise, else None: then, and
    for episodes shorter than the excerpt, `encode_file` on the assembly takes over.
    """

    def __init__(self, assembly: Path, out: Path, settings: EncodeSettings) -> None:
        self.assembly, self.out, self.settings = assembly, out, settings
        self.excerpt = bytearray()
        self.excerpt_path = assembly.with_name(assembly.name + ".excerpt.wav")
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.search: Future[tuple[float, Loudness | None]] | None = None
        self.encode: _MeteredEncode | None = None
        self.gain = 0.0
        self.before: Loudness | None = None
        self.failed = False

    def feed(self, pcm: bytes, raw: BinaryIO, rate: int) -> None:
        """Audio just written (through `raw`) to the assembly file, at `rate`."""
        if self.failed:
            return
        try:
            if self.encode is not None:
                self.encode.write(pcm)
            elif self.search is None:
                self.excerpt += pcm
                if len(self.excerpt) >= 2 * rate * EXCERPT_SECONDS:
                    self._start_search(rate)
            elif self.search.done():
                self._start_encoder(raw, rate)
        except (OSError, AudioError):  # the encoder died: the file path takes over
            self.failed = True

    def finish(self, rate: int) -> Encoded | None:
        """The encoded result when it is on target, else None (nothing is left running).

        Call it once the assembly file is complete; an encoder not yet started starts now.
        """
        if self.failed or self.search is None:
            self.close_encoder()  # the file path rewrites `out`: nothing may still read it
            return None
        if self.encode is None:
            try:
                self._start_encoder(None, rate)
            except (OSError, AudioError):
                return None
        assert self.encode is not None
        encode, self.encode = self.encode, None
        try:
            after = encode.wait()
        except AudioError:
            return None
        if after is None or not on_target(after):
            return None
        return Encoded(self.gain, self.before, after)

    def close_encoder(self) -> None:
        """Stop the encoder and its meter, if they run."""
        if self.encode is not None:
            self.encode.kill()
            self.encode = None

    def close(self) -> None:
        """Stop whatever still runs and remove the excerpt."""
        self.close_encoder()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.excerpt_path.unlink(missing_ok=True)

    def _start_search(self, rate: int) -> None:
        with open(self.excerpt_path, "wb") as fh, wave.open(fh, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(rate)
            wav.writeframes(bytes(self.excerpt))
        self.excerpt = bytearray()
        self.search = self.pool.submit(self._excerpt_gain)

    def _excerpt_gain(self) -> tuple[float, Loudness | None]:
        """The gain found on the excerpt, checked (and corrected) on the excerpt encoded."""
        gain, before = find_gain(self.excerpt_path)
        trial = self.excerpt_path.with_suffix(".mp3")
        try:
            for _ in range(2):
                heard = _MeteredEncode(str(self.excerpt_path), trial, self.settings, gain).wait()
                assert heard is not None
                corrected = next_gain(gain, heard, accept=TOLERANCE)
                if corrected is None:
                    break
                gain = corrected
        finally:
            trial.unlink(missing_ok=True)
        return gain, before

    def _start_encoder(self, raw: BinaryIO | None, rate: int) -> None:
        assert self.search is not None
        self.gain, self.before = self.search.result()
        encode = _MeteredEncode(None, self.out, self.settings, self.gain, rate)
        self.encode = encode
        if raw is not None:
            raw.flush()
        with open(self.assembly, "rb") as written:
            written.seek(WAV_HEADER_BYTES)
            while chunk := written.read(1 << 20):
                encode.write(chunk)
