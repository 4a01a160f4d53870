"""Peak memory of building one long episode: the main process and each narration worker.

Run by hand: `nice .venv/bin/python bench/episode_memory.py [WORDS] [JOBS]` (default
18000 words, about two hours of speech, and 2 workers; it takes minutes of synthesis).
It makes a show of one article of WORDS words of ordinary prose and runs
`build_show(show, jobs=JOBS)` in this process, as `presscast build` does, while a thread
reads the kernel's high-water mark of resident memory (VmHWM in /proc/<pid>/status) of
every child process every SAMPLE_SECONDS. VmHWM only grows, so a sample taken any time
before a child exits holds its peak up to then; the main process's own is read at the
end. It prints the main process's peak, each worker's and each ffmpeg's, against
TARGET_MB.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from narration_speed import make_article

from episodes.catalog import add_article, list_entries
from episodes.ingest import load_source, read_article
from episodes.produce import build_show
from episodes.show import ShowConfig, init_show

TARGET_MB = 500
SAMPLE_SECONDS = 0.2


def peak_rss_mb(pid: int | str) -> float | None:
    """VmHWM of a process in MB; None once it is gone (or is a zombie without memory)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return None


def children_of(parent: int) -> list[int]:
    """Every process whose parent is `parent` (from /proc/<pid>/stat)."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command is in parentheses and may hold spaces: fields follow the last ")"
        fields = stat[stat.rfind(")") + 2 :].split()
        if int(fields[1]) == parent:
            found.append(int(name))
    return found


def kind_of(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            command = fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    if "resource_tracker" in command:
        return "resource tracker"
    if "spawn_main" in command:
        return "worker"
    if "ffmpeg" in command:
        return "ffmpeg"
    return command.split(" ", 1)[0]


@dataclass
class Sampler:
    """Polls the children's VmHWM in a thread; `peaks` is pid -> (kind, MB)."""

    peaks: dict[int, tuple[str, float]] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.is_set():
            for pid in children_of(me):
                mb = peak_rss_mb(pid)
                if mb is None:
                    continue
                kind = self.peaks[pid][0] if pid in self.peaks else kind_of(pid)
                self.peaks[pid] = (kind, max(mb, self.peaks.get(pid, (kind, 0.0))[1]))
            self.stop.wait(SAMPLE_SECONDS)


def main(words: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article.md"
        article.write_text(make_article(words), encoding="utf-8")
        show = init_show(Path(tmp) / "show", ShowConfig(title="Bench", author="Bench",
                                                        base_url="https://e.x/"))  # fmt: skip
        source = load_source(str(article))
        add_article(show, read_article(source), source)
        before = peak_rss_mb(os.getpid())

        sampler = Sampler()
        thread = threading.Thread(target=sampler.run, daemon=True)
        thread.start()
        start = time.perf_counter()
        build_show(show, jobs=jobs)
        wall = time.perf_counter() - start
        sampler.stop.set()
        thread.join()
        main_peak = peak_rss_mb(os.getpid())
        episode = list_entries(show)[0].episode
        assert episode is not None and main_peak is not None and before is not None

        hours = episode.duration_seconds / 3600
        minutes = wall / 60
        print(f"{words} words, {hours:.2f} h of audio, built in {minutes:.1f} min, {jobs} workers")
        print(f"target: each process under {TARGET_MB} MB at its peak (VmHWM)")
        print(f"main process     peak {main_peak:7.1f} MB  {verdict(main_peak)}  "
              f"(before the build {before:.1f} MB)")  # fmt: skip
        for pid, (kind, mb) in sorted(sampler.peaks.items(), key=lambda p: p[1]):
            print(f"{kind:16s} peak {mb:7.1f} MB  {verdict(mb)}  (pid {pid})")


def verdict(mb: float) -> str:
    return "ok  " if mb < TARGET_MB else "OVER"


if __name__ == "__main__":
    args = sys.argv[1:]
    main(int(args[0]) if args else 18000, int(args[1]) if len(args) > 1 else 2)
