"""MP3 encoding at podcast loudness, measured on the encoded audio as it is written.

Two ways in, one guarantee out. `encode_file` masters a finished assembly file: gain
search, encode, measure the MP3, correct and encode again if it missed. `LiveEncoder`
starts while a long episode is still being narrated: it finds the gain on the first
EXCERPT_SECONDS (corrected by what that excerpt measures once encoded), then encodes the
rest as it arrives, so on a long episode mastering finishes moments after the last
sentence. Either way the ffmpeg that encodes also decodes its own MP3 packets and
meters them (a loopback decoder), and a live encode that missed the target falls back
to `encode_file`.
"""

from __future__ import annotations

import wave
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from audio.errors import AudioError
from audio.ffmpeg import (
    WAV_STDIN,
    FfmpegProcess,
    input_args,
    require_ffmpeg,
    streamed_wav_header,
)
from audio.loudness import (
    TOLERANCE,
    Loudness,
    Mastering,
    find_gain,
    meter_filter,
    on_target,
    parse_report,
)

ENCODE_ROUNDS = 3  # encodes at most, correcting the gain by what the MP3 measures
EXCERPT_SECONDS = 90  # of the episode, on which a live encode finds its gain
# A live encode starts once an episode is this long. A shorter one is mastered from its
# file: measuring it whole costs less than the excerpt's trial encode, and it waits little.
LIVE_AFTER_SECONDS = 180
WAV_HEADER_BYTES = 44  # what the wave module writes before 16-bit PCM samples


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
    """The gain applied, the loudness before mastering and of the encoded MP3, and the
    mastering filters exactly as ffmpeg ran them (for the manifest)."""

    gain_db: float = 0.0
    before: Loudness | None = None
    after: Loudness | None = None
    filters: str = ""


def encode_file(
    source: Path, out: Path, settings: EncodeSettings, start: Mastering | None = None
) -> Encoded:
    """Encode a WAV file at the target loudness, correcting by what the MP3 measures.

    The mastering is searched for on the file, unless `start` (what a live encode of the
    same audio measured, already corrected) is given.
    """
    if not settings.normalize_loudness:
        _MeteredEncode(source, out, settings, None).wait()
        return Encoded()
    mastering, rounds = start or find_gain(source), 1
    while True:
        chain = mastering.filter(settings.sample_rate)
        after = _MeteredEncode(source, out, settings, chain).wait()
        assert after is not None
        corrected = mastering.corrected(after)
        if corrected is None or rounds == ENCODE_ROUNDS:
            # what was applied last is what the MP3 holds (a miss is reported by the build)
            return Encoded(mastering.gain, mastering.before, after, chain)
        mastering, rounds = corrected, rounds + 1


class _MeteredEncode:
    """One ffmpeg encoding WAV to the MP3 `out` and, when mastering, metering that MP3.

    The meter reads the encoder's own packets through a loopback decoder (`-dec`), so
    what is measured is exactly what was written, at no cost of a second process.
    `source` is a WAV file, or None to take streamed 16-bit mono PCM at `rate` through
    write(). With `mastering` (filters) None the audio is encoded as it is, unmetered.
    """

    def __init__(
        self,
        source: Path | None,
        out: Path,
        settings: EncodeSettings,
        mastering: str | None,
        rate: int = 0,
    ) -> None:
        require_ffmpeg()
        filters = f"{mastering}," if mastering is not None else ""
        rate_out = settings.sample_rate
        args = [
            "-y", *(WAV_STDIN if source is None else input_args(source)),
            "-filter_complex", f"[0:a]{filters}aresample={rate_out}[mp3]", "-map", "[mp3]",
            "-ac", "1", "-ar", str(rate_out),
            "-c:a", "libmp3lame", "-b:a", f"{settings.bitrate_kbps}k",
            "-id3v2_version", "3", "-write_xing", "1", "-f", "mp3", str(out),
        ]  # fmt: skip
        if mastering is not None:
            args += ["-dec", "0:0", "-filter_complex", f"[dec:0]{meter_filter()}[meter]",
                     "-map", "[meter]", "-f", "null", "-"]  # fmt: skip
        self.metered = mastering is not None
        self.encoder = FfmpegProcess(args, stdin=source is None,
                                     loglevel="info" if self.metered else "error")  # fmt: skip
        if source is None:
            self.write(streamed_wav_header(rate))

    def write(self, pcm: bytes) -> None:
        """More audio for an encoder reading stdin."""
        assert self.encoder.proc.stdin is not None
        self.encoder.proc.stdin.write(pcm)

    def wait(self) -> Loudness | None:
        """Finish encoding; the MP3's loudness (None when not metered)."""
        report = self.encoder.finish()
        return parse_report(report) if self.metered else None

    def kill(self) -> None:
        self.encoder.kill()


class LiveEncoder:
    """Encodes an episode while it is being assembled, so mastering adds little time.

    `feed` receives each piece of PCM just written to the assembly file. Once the episode
    passes LIVE_AFTER_SECONDS, the gain is found on its first EXCERPT_SECONDS in a thread
    (ffmpeg uses the other core while narration goes on); then an encoder starts with
    that gain, reads what the assembly file holds so far, and takes the rest as it comes.
    `finish` returns the result when the MP3 keeps the loudness promise, else None: then,
    and for episodes shorter than LIVE_AFTER_SECONDS, `encode_file` on the assembly
    takes over.
    """

    def __init__(self, assembly: Path, out: Path, settings: EncodeSettings) -> None:
        self.assembly, self.out, self.settings = assembly, out, settings
        self.excerpt = bytearray()  # the first EXCERPT_SECONDS
        self.received = 0  # bytes of PCM fed so far
        self.excerpt_path = assembly.with_name(assembly.name + ".excerpt.wav")
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.search: Future[Mastering] | None = None
        self.encode: _MeteredEncode | None = None
        self.mastering: Mastering | None = None
        self.retry: Mastering | None = None  # for encode_file, when this missed the target
        self.failed = False

    def feed(self, pcm: bytes, raw: BinaryIO, rate: int) -> None:
        """Audio just written (through `raw`) to the assembly file, at `rate`."""
        if self.failed:
            return
        try:
            if self.encode is not None:
                self.encode.write(pcm)
            elif self.search is None:
                self.excerpt += pcm[: max(0, 2 * rate * EXCERPT_SECONDS - len(self.excerpt))]
                self.received += len(pcm)
                if self.received >= 2 * rate * max(EXCERPT_SECONDS, LIVE_AFTER_SECONDS):
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
        assert self.mastering is not None
        if after is None or not on_target(after):
            # what the whole episode measured is the best start for the file path
            self.retry = self.mastering.corrected(after) if after is not None else None
            return None
        chain = self.mastering.filter(self.settings.sample_rate)
        return Encoded(self.mastering.gain, self.mastering.before, after, chain)

    def close_encoder(self) -> None:
        """Stop the encoder (its meter runs inside it), if it runs."""
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

    def _excerpt_gain(self) -> Mastering:
        """The gain found on the excerpt, corrected once by what the excerpt measures as MP3.

        The WAV search cannot see what encoding does: on Piper speech at 64 kbps the MP3
        measures ~0.4 LU below the audio it was made from. The episode's own MP3 is
        measured in the end, so one correction is enough here.
        """
        mastering = find_gain(self.excerpt_path)
        trial = self.excerpt_path.with_suffix(".mp3")
        chain = mastering.filter(self.settings.sample_rate)
        try:
            heard = _MeteredEncode(self.excerpt_path, trial, self.settings, chain).wait()
        finally:
            trial.unlink(missing_ok=True)
        assert heard is not None
        return mastering.corrected(heard, accept=TOLERANCE) or mastering

    def _start_encoder(self, raw: BinaryIO | None, rate: int) -> None:
        assert self.search is not None
        self.mastering = self.search.result()
        chain = self.mastering.filter(self.settings.sample_rate)
        encode = _MeteredEncode(None, self.out, self.settings, chain, rate)
        self.encode = encode
        if raw is not None:
            raw.flush()
        with open(self.assembly, "rb") as written:
            written.seek(WAV_HEADER_BYTES)
            while chunk := written.read(1 << 20):
                encode.write(chunk)
