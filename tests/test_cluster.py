"""The Dask executor on a real LocalCluster of two worker processes, with real Piper."""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from audio.cache import SegmentCache
from audio.cluster import DaskExecutor
from audio.engines import get_engine
from audio.engines.base import EngineSpec
from audio.engines.piper_engine import _load_voice
from audio.errors import AudioError
from audio.executors import loaded_engines, spec_key
from episodes.catalog import add_article
from episodes.ingest import Source, read_article
from episodes.produce import BuildReport, build_show
from episodes.show import Show, ShowConfig, init_show

SENTENCES = [
    f"{who} talked about {what} on {day}."
    for who, what, day in zip(
        ["The mayor", "A nurse", "The ferry captain", "Two farmers", "The librarian"] * 4,
        ["the bridge", "the budget", "bread prices", "the market", "new trees"] * 4,
        ["Monday", "Tuesday", "Wednesday", "Thursday"] * 5,
        strict=True,
    )
]


def start_cluster(workers: int) -> LocalCluster:
    """Worker processes with one thread each, on 127.0.0.1, serving no dashboard."""
    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # no "port 8787 in use"
    )


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with start_cluster(2) as local:
        yield local


@pytest.fixture(scope="module")
def spec() -> EngineSpec:
    return get_engine("piper", None, variability=0).spec()


class _Remote:
    """An engine as the cluster sees it: the spec its workers build it from."""

    def __init__(self, spec: EngineSpec) -> None:
        self._spec = spec

    def spec(self) -> EngineSpec:
        return self._spec


@pytest.fixture(scope="module")
def expected(spec: EngineSpec) -> list[bytes]:
    """The sentences synthesized here, in this process: what every worker must return."""
    name, voice, settings = spec
    engine = get_engine(name, voice, **settings)
    first = [engine.synthesize(text).pcm for text in SENTENCES]
    assert engine.synthesize(SENTENCES[0]).pcm == first[0]  # variability 0: deterministic
    return first


def test_segments_come_back_as_synthesized_here(
    cluster: LocalCluster, spec: EngineSpec, expected: list[bytes]
) -> None:
    with DaskExecutor(cluster.scheduler_address, preload=spec) as executor:
        assert executor.jobs == 2
        # Preloaded as the executor connected, before any segment.
        assert list(executor.client.run(loaded_engines).values()) == [[spec_key(spec)]] * 2
        pending = [executor.submit(_Remote(spec), text) for text in SENTENCES]  # type: ignore[arg-type]
        speech = [p.result() for p in pending]
        assert [s.pcm for s in speech] == expected
        assert {s.sample_rate for s in speech} == {
            get_engine(spec[0], spec[1], **spec[2]).sample_rate
        }
        # Each worker loaded the voice model once, for all its segments.
        loads = executor.client.run(_load_voice.cache_info)
        assert [info.misses for info in loads.values()] == [1, 1]
        assert not pending[0].cancel()  # finished: nothing to cancel


def test_a_killed_worker_loses_no_segment(
    cluster: LocalCluster, spec: EngineSpec, expected: list[bytes]
) -> None:
    with DaskExecutor(cluster.scheduler_address) as executor:
        client = executor.client
        pending = [executor.submit(_Remote(spec), text) for text in SENTENCES]  # type: ignore[arg-type]
        pending[0].result()
        busy = [worker for worker, keys in client.processing().items() if keys]
        assert busy and not all(p.future.done() for p in pending)
        pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
        os.kill(pid, signal.SIGKILL)
        assert [p.result().pcm for p in pending] == expected
        client.wait_for_workers(2, timeout=30)  # the nanny started a new process
        assert pid not in client.run(os.getpid).values()


def test_a_missing_voice_is_the_engines_message(cluster: LocalCluster, tmp_path: Path) -> None:
    missing: EngineSpec = ("piper", str(tmp_path / "nobody.onnx"), {"variability": 0})
    with pytest.raises(AudioError) as here:
        get_engine(missing[0], missing[1], **missing[2])
    with DaskExecutor(cluster.scheduler_address) as executor:
        segment = executor.submit(_Remote(missing), "Hello.")  # type: ignore[arg-type]
        with pytest.raises(AudioError) as there:
            segment.result()
    assert str(there.value) == str(here.value) == f"Piper voice file not found: {missing[1]}"


def test_an_unreachable_scheduler_says_how_to_start_one() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    with pytest.raises(AudioError) as error:
        DaskExecutor(address, timeout=1)
    assert str(error.value) == (
        f"cannot reach the Dask scheduler at {address}: connection refused; "
        "start one with `dask scheduler` (see the README)"
    )


def test_a_scheduler_without_workers_says_so() -> None:
    with start_cluster(0) as empty, pytest.raises(AudioError) as error:
        DaskExecutor(empty.scheduler_address, timeout=0.5)
    assert str(error.value) == (
        f"the Dask scheduler at {empty.scheduler_address} has no workers (waited 0.5 s); "
        f"start them with `dask worker {empty.scheduler_address} --nworkers N --nthreads 1`"
    )


def test_an_address_that_is_not_one() -> None:
    with pytest.raises(AudioError, match=r"^'127\.0\.0\.1' is not a Dask scheduler address .*"):
        DaskExecutor("127.0.0.1", timeout=1)


def test_without_dask_distributed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import` finds uninstalled
    with pytest.raises(AudioError) as error:
        DaskExecutor("tcp://127.0.0.1:8786")
    assert str(error.value) == (
        "the cluster executor needs dask.distributed: pip install 'presscast[cluster]'"
    )


PARAGRAPHS = [
    " ".join(SENTENCES[i : i + 4]) for i in range(0, len(SENTENCES), 4)
]  # five paragraphs of four sentences
FIXED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def reproducible_show(root: Path) -> Show:
    """Two articles read with variability 0: the same audio wherever they are narrated."""
    config = ShowConfig(title="Cluster Desk", author="Desk", base_url="https://e.x/")
    show = init_show(root, dataclasses.replace(config, variability=0.0))
    for n, paragraphs in enumerate((PARAGRAPHS[:3], PARAGRAPHS[3:])):
        text = f"# Evening {n}\n\n" + "\n\n".join(paragraphs) + "\n"
        source = Source(text.encode(), f"evening-{n}.md", "markdown")
        add_article(show, read_article(source), source, now=FIXED)
    return show


def published(show: Show) -> dict[str, bytes]:
    """Every file the build published for the episodes, by name."""
    return {p.name: p.read_bytes() for p in sorted(show.episodes_dir.iterdir())}


def test_a_show_built_on_the_cluster_survives_a_killed_worker(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    here = reproducible_show(tmp_path / "here")
    local = build_show(here, jobs=2, now=lambda: FIXED)
    assert len(local.built) == 2

    there = reproducible_show(tmp_path / "there")
    cache = SegmentCache(there.cache_dir)
    outcome: list[object] = []

    def build() -> None:
        try:
            outcome.append(build_show(there, cluster=cluster.scheduler_address, now=lambda: FIXED))
        except BaseException as exc:  # reported by the test thread
            outcome.append(exc)

    thread = threading.Thread(target=build)
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        thread.start()
        deadline = time.monotonic() + 60
        while len(list(cache.keys())) < 3 and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        busy = [worker for worker, keys in client.processing().items() if keys]
        assert busy, "the build was still synthesizing when a worker was killed"
        os.kill(client.run(os.getpid, workers=busy[:1])[busy[0]], signal.SIGKILL)
        thread.join(timeout=120)
        assert not thread.is_alive()
        client.wait_for_workers(2, timeout=30)
    report = outcome[0]
    assert isinstance(report, BuildReport), report
    assert len(report.built) == 2 and report.narrated == local.narrated
    assert published(there) == published(here), "a lost worker costs nothing but time"
