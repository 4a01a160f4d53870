"""Show throughput: whole builds against bare Piper on the very segments they speak.

Run by hand: `PYTHONPATH=. .venv/bin/python bench/show_speed.py [--runs N] [--only PART]`
(`--runs` default 3; `--only` show, long, edit or cluster, repeatable; default all).
It writes a show of 12 articles of about 300 words (distinct sentences across the whole
show: a repeat would be a cache hit) and an article of 5,000 words, then in each run,
in this one process:
  show     bare Piper (spawned processes, one onnxruntime thread each, start-up and voice
           load included) on the segments `presscast preview --json` lists for each
           stored article (title and byline included), in 1 process and in 2; then
           `build_show(show, jobs=2)` on a fresh show with a fresh cache;
  long     the same for a show of the 5,000-word article alone;
  edit     one paragraph of one article of the built show rewritten in its article.txt,
           and the show built again: only that paragraph's segments may be synthesized;
  cluster  the show built through a 2-worker dask LocalCluster (process workers), against
           the bare 2 processes; skipped while `build_show` takes no `cluster`.
Throughput is seconds of speech per wall-clock second. A build's speech is counted as
the bare engine measured it on the same segments, so a ratio is bare wall time / build
wall time. Bare and build alternate which goes first from run to run (the machine may
be shared); each run's figures are printed, then the median of each ratio.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from narration_speed import (  # noqa: E402
    bare_parallel,
    fresh_show,
    make_article,
    make_sentence,
    timed_build,
)

from audio.script import PARAGRAPH, Block, Segment, split_sentences  # noqa: E402
from episodes.catalog import TEXT_FILE, Entry, list_entries, load_entry  # noqa: E402
from episodes.narration import EngineChoice, Narration  # noqa: E402
from episodes.preview import preview_article  # noqa: E402
from episodes.produce import build_show  # noqa: E402
from episodes.show import Show  # noqa: E402

SHOW_ARTICLES = 12
SHOW_WORDS = 300
LONG_WORDS = 5000
JOBS = 2
CLUSTER_WORKERS = 2
EDITED_ARTICLE = 5  # the edit rewrites this article's (from 0) paragraph EDITED_PARAGRAPH
EDITED_PARAGRAPH = 2
PARTS = ("show", "long", "edit", "cluster")
# Done-when of the issue: build / bare 2 processes, medians of 3.
TARGETS = {"show": 0.95, "long": 0.93, "cluster": 0.85}
LABEL = 34  # width of the labels, so the figures line up


@dataclass
class Material:
    """The article files every run's fresh shows are made of."""

    show_files: list[Path]
    long_file: Path
    seen: set[tuple[str, ...]]  # every sentence of the show: an edit must say new ones


@dataclass(frozen=True)
class Bare:
    """Bare Piper on a list of segments."""

    processes: int
    speech: float  # seconds of audio
    wall: float

    @property
    def rate(self) -> float:
        return self.speech / self.wall


@dataclass(frozen=True)
class Built:
    """A timed build: wall seconds, seconds of episodes, segments synthesized and reused."""

    wall: float
    duration: float
    narrated: int
    reused: int
    note: str = ""


def write_material(folder: Path) -> Material:
    """The 12 short articles (one pool of sentences: no repeats in the show) and the long one."""
    seen: set[tuple[str, ...]] = set()
    show_files = []
    for number in range(SHOW_ARTICLES):
        path = folder / f"show-{number + 1:02}.md"
        title = f"Notes from the Town Hall, Week {number + 1}"
        path.write_text(make_article(SHOW_WORDS, 100 + number, title, seen), encoding="utf-8")
        show_files.append(path)
    long_file = folder / "long.md"
    long_file.write_text(make_article(LONG_WORDS), encoding="utf-8")
    return Material(show_files, long_file, seen)


def spoken_segments(show: Show, entries: list[Entry] | None = None) -> list[Segment]:
    """Each stored article's segments as `presscast preview --json` lists them (and a
    build speaks them): the show's reading, its engine and voice, title and byline."""
    narration = Narration.for_show(show)
    choice = EngineChoice.of(show)
    segments = []
    for entry in list_entries(show) if entries is None else entries:
        preview = preview_article(entry.article, narration, choice)
        if preview.problem:
            raise SystemExit(f"{entry.slug}: {preview.problem}")
        segments += preview.segments
    return segments


def line(label: str, rate: float, wall: float, rest: str = "") -> None:
    print(f"    {label:<{LABEL}} {rate:6.2f} s audio / s  {wall:7.1f} s  {rest}".rstrip())


def compare(
    name: str,
    show: Show,
    bare_first: bool,
    single: bool = True,
    bare: Bare | None = None,
    build: Callable[[], Built] | None = None,
    build_label: str = f"build_show, jobs={JOBS}",
) -> tuple[float, Bare]:
    """Bare Piper and a build of `show` on the same segments; build / bare 2 processes.

    `bare` is a 2-process figure of this run on these segments, reused rather than
    measured again."""
    segments = spoken_segments(show)
    texts = [s.text for s in segments]
    words = sum(entry.article.words for entry in list_entries(show))
    articles = len(list_entries(show))
    plural = "article" if articles == 1 else "articles"
    print(f"  {name}: {articles} {plural}, {words:,} words, {len(segments)} segments")
    build = build or (lambda: Built(*timed_build(show, JOBS)))

    def measure_bare() -> list[Bare]:
        counts = ([1] if single else []) + ([] if bare else [JOBS])
        return [Bare(n, *bare_parallel(texts, n)) for n in counts] + ([bare] if bare else [])

    if bare_first:
        bares = measure_bare()
        built = build()
    else:
        built = build()
        bares = measure_bare()
    for b in bares:
        plural = "process" if b.processes == 1 else "processes"
        reused = " (measured for the show part)" if b is bare else ""
        speech = f"{b.speech / 60:5.1f} min of speech{reused}"
        line(f"bare Piper, {b.processes} {plural}", b.rate, b.wall, speech)
    pool = bares[-1]
    episodes = f"{built.duration / 60:5.1f} min of episodes"
    counts = f"{built.narrated} synthesized, {built.reused} reused{built.note}"
    line(build_label, pool.speech / built.wall, built.wall, f"{episodes}; {counts}")
    ratio = pool.wall / built.wall
    print(f"    {f'build / bare {JOBS} processes':<{LABEL}} {ratio:6.2f}")
    return ratio, pool


def edit_paragraph(entry: Entry, rng: random.Random, seen: set[tuple[str, ...]]) -> None:
    """Rewrite one paragraph of the article's article.txt as a producer would: new
    sentences (as many as it had), the rest of the file as it was."""
    article = entry.article
    blocks = list(article.blocks)
    old = blocks[EDITED_PARAGRAPH]
    assert old.kind == PARAGRAPH, old
    sentences = [make_sentence(rng, seen) for _ in split_sentences(old.text)]
    blocks[EDITED_PARAGRAPH] = Block(PARAGRAPH, " ".join(sentences))
    edited = dataclasses.replace(article, blocks=blocks)
    (entry.folder / TEXT_FILE).write_text(edited.text + "\n", encoding="utf-8")


def edit_rebuild(show: Show, run: int, seen: set[tuple[str, ...]]) -> bool:
    """Edit one paragraph of a built show and build again; True when only that
    paragraph's segments were synthesized."""
    entry = list_entries(show)[EDITED_ARTICLE]
    edit_paragraph(entry, random.Random(1000 + run), seen)
    entry = load_entry(entry.folder)
    segments = spoken_segments(show, [entry])
    opening = Narration.for_show(show).request(entry.article, EngineChoice.of(show).engine())
    block = opening.opening + EDITED_PARAGRAPH
    expected = sum(1 for s in segments if s.block == block)
    start = time.perf_counter()
    report = build_show(show, jobs=JOBS)
    wall = time.perf_counter() - start
    ok = report.narrated == expected > 0 and len(report.built) == 1
    print(
        f"  edit: paragraph {EDITED_PARAGRAPH + 1} of {entry.slug} rewritten "
        f"({expected} of the article's {len(segments)} segments)"
    )
    rebuilt = f"{len(report.built)} episode(s) rebuilt"
    print(f"    {f'rebuild, jobs={JOBS}':<{LABEL}} {wall:7.1f} s  {rebuilt}")
    print(f"    {'synthesized / reused':<{LABEL}} {report.narrated} / {report.reused}")
    print(
        f"    {'synthesized = the paragraph':<{LABEL}} {'OK' if ok else 'FAIL'}  "
        f"({report.narrated} synthesized, {expected} expected)"
    )
    return ok


def cluster_build(show: Show) -> Built:
    """A build through a fresh 2-worker LocalCluster; its start-up is not timed."""
    from distributed import LocalCluster

    start = time.perf_counter()
    with LocalCluster(
        n_workers=CLUSTER_WORKERS,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        started = time.perf_counter() - start
        built = timed_build(show, JOBS, cluster=cluster.scheduler_address)
    return Built(*built, note=f"; cluster start-up {started:.1f} s not counted")


def cluster_supported() -> bool:
    return "cluster" in inspect.signature(build_show).parameters


def run_once(run: int, parts: list[str], material: Material, folder: Path) -> dict[str, float]:
    """One run of the chosen parts; the ratios (and 1.0/0.0 for the edit's OK/FAIL)."""
    bare_first = run % 2 == 1
    order = "bare first" if bare_first else "build first"
    print(f"run {run} ({order})")
    ratios: dict[str, float] = {}
    show, pool = None, None
    if "show" in parts:
        show = fresh_show(folder / "show", *material.show_files)
        ratios["show"], pool = compare("show", show, bare_first)
    if "long" in parts:
        long_show = fresh_show(folder / "long", material.long_file)
        ratios["long"], _ = compare("long", long_show, bare_first)
    if "edit" in parts:
        if show is None:
            show = fresh_show(folder / "show", *material.show_files)
            print("  edit: building the show first (not timed)")
            build_show(show, jobs=JOBS)
        ratios["edit"] = float(edit_rebuild(show, run, material.seen))
    if "cluster" in parts:
        clustered = fresh_show(folder / "cluster", *material.show_files)
        ratios["cluster"], _ = compare(
            "cluster",
            clustered,
            bare_first,
            single=False,
            bare=pool,
            build=lambda: cluster_build(clustered),
            build_label=f"cluster of {CLUSTER_WORKERS}, jobs={JOBS}",
        )
    print()
    return ratios


def summarize(results: list[dict[str, float]]) -> None:
    print(f"medians of {len(results)} run(s)")
    for part in PARTS:
        values = [r[part] for r in results if part in r]
        if not values:
            continue
        if part == "edit":
            passed = sum(1 for v in values if v)
            print(f"  {'edit: only the paragraph':<{LABEL}} OK in {passed} of {len(values)} runs")
            continue
        runs = ", ".join(f"{v:.2f}" for v in values)
        label = f"{part}: build / bare {JOBS} processes"
        print(
            f"  {label:<{LABEL}} {statistics.median(values):6.2f}  (runs: {runs}; "
            f"target at least {TARGETS[part]:.2f})"
        )


def main(runs: int, parts: list[str]) -> None:
    if "cluster" in parts and not cluster_supported():
        print("cluster: skipped, build_show takes no `cluster` parameter yet\n")
        parts = [p for p in parts if p != "cluster"]
    with tempfile.TemporaryDirectory() as tmp:
        material = write_material(Path(tmp))
        results = []
        for run in range(1, runs + 1):
            folder = Path(tmp) / f"run-{run}"
            results.append(run_once(run, parts, material, folder))
            shutil.rmtree(folder)  # each run's shows and caches: hundreds of MB
        summarize(results)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs (default 3)")
    parser.add_argument(
        "--only", action="append", choices=PARTS, help="run only this part (repeatable)"
    )
    options = parser.parse_args()
    main(options.runs, options.only or list(PARTS))
