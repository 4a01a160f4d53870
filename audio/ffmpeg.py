"""The one place that locates and runs ffmpeg.

No system ffmpeg is assumed: the binary shipped by `imageio-ffmpeg` (a known, recent
version) is used, unless PRESSCAST_FFMPEG names another. Mastering needs ffmpeg 7 or
newer: it decodes its own MP3 output in the same process to measure it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Sequence

from audio.errors import AudioError


@functools.cache
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary to run."""
    override = os.environ.get("PRESSCAST_FFMPEG")
    if override:
        return override
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()  # its own binary, else one on PATH
    except (ImportError, RuntimeError):  # pragma: no cover - a hard dependency
        on_path = shutil.which("ffmpeg")
        if on_path:
            return on_path
    raise AudioError("ffmpeg not found: install imageio-ffmpeg or set PRESSCAST_FFMPEG")


MIN_VERSION = 7  # loopback decoding (`-dec`): the MP3 is measured by the ffmpeg encoding it


@functools.cache
def ffmpeg_version() -> tuple[int, int] | None:
    """(major, minor) of the ffmpeg in use; None when its banner names no release."""
    return _parse_version(run_ffmpeg(["-version"]).decode("utf-8", "replace"))


def _parse_version(banner: str) -> tuple[int, int] | None:
    match = re.search(r"ffmpeg version n?(\d+)\.(\d+)", banner)
    return (int(match.group(1)), int(match.group(2))) if match else None


def require_ffmpeg() -> None:
    """AudioError unless ffmpeg is recent enough to master (git builds are taken as recent)."""
    version = ffmpeg_version()
    if version is not None and version[0] < MIN_VERSION:
        raise AudioError(
            f"ffmpeg {version[0]}.{version[1]} at {ffmpeg_exe()} is too old: Presscast needs "
            f"ffmpeg {MIN_VERSION} or newer (set PRESSCAST_FFMPEG to one, or unset it to use "
            "imageio-ffmpeg's)"
        )


WAV_PACKET_BYTES = 1 << 16  # ffmpeg reads WAV in 4 KiB packets: one thread hand-off each
WAV_STDIN = ["-f", "wav", "-max_size", str(WAV_PACKET_BYTES), "-i", "pipe:0"]


def input_args(path: str | os.PathLike[str]) -> list[str]:
    """`-i path`, asking for large packets when the file is WAV (less work per second)."""
    with open(path, "rb") as file:
        head = file.read(12)
    is_wav = head[:4] == b"RIFF" and head[8:12] == b"WAVE"
    sized = ["-max_size", str(WAV_PACKET_BYTES)] if is_wav else []
    return [*sized, "-i", os.fspath(path)]


def streamed_wav_header(rate: int) -> bytes:
    """The header of 16-bit mono WAV of unknown length, for PCM streamed to WAV_STDIN."""
    unknown = 0xFFFFFFFF
    fmt = struct.pack("<IHHIIHH", 16, 1, 1, rate, 2 * rate, 2, 16)
    return (
        b"RIFF"
        + struct.pack("<I", unknown)
        + b"WAVEfmt "
        + fmt
        + b"data"
        + struct.pack("<I", unknown)
    )


def _command(args: Sequence[str]) -> list[str]:
    return [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]


def _to_pcm(source: str, sample_rate: int) -> list[str]:
    """Arguments that decode `source` to 16-bit mono PCM at `sample_rate` on stdout."""
    return ["-i", source, "-f", "s16le", "-acodec", "pcm_s16le", "-ac", "1",
            "-ar", str(sample_rate), "pipe:1"]  # fmt: skip


def run_ffmpeg(args: Sequence[str], stdin: bytes | None = None) -> bytes:
    """Run ffmpeg with `args` (without the program name); return its stdout.

    Raises AudioError with ffmpeg's last error line when it fails.
    """
    proc = subprocess.run(_command(args), input=stdin, capture_output=True, check=False)
    if proc.returncode != 0:
        raise AudioError(f"ffmpeg failed: {_last_line(proc.stderr)}")
    return proc.stdout


def decode_to_pcm(data: bytes, sample_rate: int) -> bytes:
    """Decode any audio ffmpeg reads (MP3, WAV, ...) to 16-bit mono PCM at `sample_rate`."""
    return run_ffmpeg(_to_pcm("pipe:0", sample_rate), stdin=data)


def decode_file_to_pcm(path: str | os.PathLike[str], sample_rate: int) -> bytes:
    """Decode an audio file to 16-bit mono PCM at `sample_rate`."""
    return run_ffmpeg(_to_pcm(os.fspath(path), sample_rate))


def measure_duration(path: str | os.PathLike[str], sample_rate: int = 44100) -> float:
    """Seconds of audio in a file, by decoding it all (what a player really plays).

    Streams the decoded samples and counts them, so memory stays small for long files.
    """
    cmd = _command(_to_pcm(os.fspath(path), sample_rate))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    total = 0
    while chunk := proc.stdout.read(1 << 20):
        total += len(chunk)
    err = proc.stderr.read()
    if proc.wait() != 0:
        raise AudioError(f"ffmpeg cannot decode {os.fspath(path)}: {_last_line(err)}")
    return total / 2 / sample_rate


def _last_line(stderr: bytes) -> str:
    lines = [ln for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1].strip() if lines else "no message"


def run_ffmpeg_report(args: Sequence[str]) -> str:
    """Run ffmpeg for what it reports (filters such as loudnorm and ebur128 print on stderr).

    Returns stderr; raises AudioError when ffmpeg fails.
    """
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", *args]
    proc = subprocess.run(cmd, capture_output=True, check=False)
    if proc.returncode != 0:
        raise AudioError(f"ffmpeg failed: {_last_line(proc.stderr)}")
    return proc.stderr.decode("utf-8", "replace")


class FfmpegProcess:
    """ffmpeg running beside Python: fed on stdin (or reading a file) while we go on.

    Its stderr goes to a temporary file, not a pipe: a chatty filter could fill a pipe
    and stall it.
    """

    def __init__(self, args: Sequence[str], stdin: bool, loglevel: str = "error") -> None:
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in finish() or kill()
        cmd = [ffmpeg_exe(), "-hide_banner", "-nostats", "-loglevel", loglevel, *args]
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )

    def finish(self) -> str:
        """Close stdin and wait; stderr's text, or AudioError with its last line."""
        if self.proc.stdin:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        code = self.proc.wait()
        self.log.seek(0)
        text = self.log.read()
        self.log.close()
        if code != 0:
            raise AudioError(f"ffmpeg failed: {_last_line(text)}")
        return text.decode("utf-8", "replace")

    def kill(self) -> None:
        """Stop it now; safe to call after finish()."""
        if self.proc.stdin:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        with contextlib.suppress(OSError):
            self.log.close()
