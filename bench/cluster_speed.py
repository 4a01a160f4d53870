"""Cluster executor throughput against a bare Piper process pool, on the same segments.

Run by hand: `.venv/bin/python bench/cluster_speed.py [SEGMENTS] [WORKERS]` (default 60, 2).
In this one process and run, on the same segments of ordinary prose:
  1. the baseline: WORKERS spawned processes of bare Piper sharing the segments
     (start-up and model loading included), as `bench/narration_speed.py` measures it;
  2. the Dask executor on a LocalCluster of WORKERS processes, one thread each, started
     beforehand (a cluster outlives builds): connecting, submitting every segment and
     collecting its audio, on fresh workers (model loading included);
  3. the same again on the now warm workers: a second build on the same cluster;
  4. the baseline again, so drift of a shared machine's load shows.
Throughput is seconds of audio per wall-clock second; it prints each, and the cluster's
ratio to the mean of the two baseline runs. On a machine others share, wall time swings
with their load, so each line also gives audio seconds per CPU second of every process
involved (this one, with the scheduler and the nannies; the pool's or cluster's workers).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from distributed import LocalCluster
from narration_speed import bare_parallel, make_article

from audio.cluster import DaskExecutor
from audio.engines.piper_engine import PiperEngine
from episodes.ingest import load_source, read_article
from episodes.narration import Narration


def segment_texts(count: int) -> list[str]:
    """`count` distinct segments, as the build would send them to the engine."""
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article.md"
        article.write_text(make_article(count * 12), encoding="utf-8")
        segments = Narration().script(read_article(load_source(str(article))), PiperEngine())
    return [s.text for s in segments][:count]


def cpu_here() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def bare_run(texts: list[str], workers: int) -> tuple[float, float, float]:
    """(speech seconds, wall seconds, CPU seconds) of the bare pool."""
    cpu = cpu_here()
    seconds, wall = bare_parallel(texts, workers)
    return seconds, wall, cpu_here() - cpu


def cluster_run(address: str, texts: list[str]) -> tuple[float, float, float]:
    """(speech seconds, wall seconds, CPU seconds) of one build's segments via the executor."""
    engine = PiperEngine()
    start, cpu = time.perf_counter(), time.process_time()
    with DaskExecutor(address) as executor:
        before = executor.client.run(time.process_time)
        pending = [executor.submit(engine, text) for text in texts]
        seconds = sum(p.result().seconds for p in pending)
        after = executor.client.run(time.process_time)
    wall = time.perf_counter() - start
    workers_cpu = sum(after[w] - before[w] for w in after)
    return seconds, wall, workers_cpu + time.process_time() - cpu


def line(label: str, seconds: float, wall: float, cpu: float) -> str:
    return (
        f"{label:<24} {seconds / wall:6.2f} s audio / s  ({wall:5.1f} s)  "
        f"{seconds / cpu:6.2f} s audio / CPU s"
    )


def main(count: int, workers: int) -> None:
    texts = segment_texts(count)
    first = bare_run(texts, workers)
    print(f"{len(texts)} segments, {first[0]:.0f} s of speech, {workers} worker processes")
    print(line("bare Piper pool:", *first))
    runs = []
    with LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    ) as cluster:
        for label in ("fresh workers", "warm workers"):
            run = cluster_run(cluster.scheduler_address, texts)
            runs.append((label, run))
            print(line(f"cluster, {label}:", *run))
    again = bare_run(texts, workers)
    print(line("bare Piper pool, again:", *again))
    bare_rate = (first[0] / first[1] + again[0] / again[1]) / 2
    bare_efficiency = (first[0] / first[2] + again[0] / again[2]) / 2
    for label, (seconds, wall, cpu) in runs:
        print(
            f"cluster / bare, {label}: {seconds / wall / bare_rate:.2f}x per wall second, "
            f"{seconds / cpu / bare_efficiency:.2f}x per CPU second"
        )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 60,
        int(sys.argv[2]) if len(sys.argv) > 2 else 2,
    )
