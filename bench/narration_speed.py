"""Narration throughput: the bare engine against the pipeline, one worker and parallel.

Run by hand: `.venv/bin/python bench/narration_speed.py [WORDS]` (default 5000).
It makes an article of WORDS words of ordinary prose and, in this one process and run:
  1. the bare engine: Piper (one onnxruntime thread) synthesizing the same segments,
     one after another, nothing else; then the same split over `--jobs` processes
     (the most the machine's cores give the engine itself: the ceiling for step 3);
  2. the pipeline with one worker: `presscast build --jobs 1` on a fresh show
     (script, synthesis, cache writes, assembly, loudness mastering, tags, transcripts);
  3. the pipeline in parallel: the same with `--jobs` = the cores, on a fresh cache;
  4. a cached rebuild: the episode removed and built again, every segment from the cache.
Throughput is seconds of audio per wall-clock second. It prints each figure, the
parallel/single ratio and the pipeline's overhead over the bare engine.
"""

from __future__ import annotations

import multiprocessing
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from audio.engines.piper_engine import PiperEngine
from audio.narrate import default_jobs
from episodes.catalog import add_article, list_entries
from episodes.ingest import load_source, read_article
from episodes.narration import Narration
from episodes.produce import build_show
from episodes.show import ShowConfig, init_show

SUBJECTS = [
    "The town council",
    "A shop owner",
    "The library director",
    "Several parents",
    "The mayor",
    "A retired teacher",
    "The harbour master",
    "Two young farmers",
    "The bus company",
    "A local nurse",
    "The football club",
    "The new bakery",
]
VERBS = [
    "asked about",
    "argued for",
    "spoke against",
    "wrote a letter about",
    "laughed at",
    "worried about",
    "voted on",
    "counted the cost of",
    "made a plan for",
    "talked about",
]
OBJECTS = [
    "the budget for the library",
    "longer opening hours",
    "the broken bridge",
    "a summer program for students",
    "new trees along the main road",
    "the ferry timetable",
    "cheaper bus tickets",
    "the market on Saturday",
    "a garden behind the school",
    "the price of bread",
    "a quiet reading room",
    "the repairs to the old hall",
]
ENDINGS = [
    "on Tuesday night",
    "before the winter",
    "in the morning",
    "after the meeting",
    "for the second time",
    "without much hope",
    "with a smile",
    "in a quiet voice",
]


TITLE = "A Long Evening at the Town Hall"


def make_sentence(rng: random.Random, seen: set[tuple[str, ...]]) -> str:
    """A sentence not in `seen` (which it joins): shared by several articles, it keeps a
    whole show free of repeats."""
    while True:
        parts = (rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS),
                 rng.choice(ENDINGS))  # fmt: skip
        if parts not in seen:
            seen.add(parts)
            return " ".join(parts) + "."


def make_article(
    words: int, seed: int = 3, title: str = TITLE, seen: set[tuple[str, ...]] | None = None
) -> str:
    """Prose of distinct sentences (repeats would be cache hits, flattering the pipeline)."""
    rng = random.Random(seed)
    seen = set() if seen is None else seen
    paragraphs, count = [f"# {title}"], 0
    while count < words:
        sentences: list[str] = []
        while len(sentences) < rng.randint(3, 5):
            sentences.append(make_sentence(rng, seen))
        paragraphs.append(" ".join(sentences))
        count += sum(len(s.split()) for s in sentences)
    return "\n\n".join(paragraphs) + "\n"


def _bare_worker(texts: list[str]) -> float:
    engine = PiperEngine()
    return sum(engine.synthesize(text).seconds for text in texts)


def bare_parallel(texts: list[str], jobs: int) -> tuple[float, float]:
    """(speech seconds, wall seconds) of `jobs` processes sharing the texts, start-up included."""
    start = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        seconds = sum(pool.map(_bare_worker, [texts[i::jobs] for i in range(jobs)]))
    return seconds, time.perf_counter() - start


def fresh_show(root: Path, *articles: Path):  # type: ignore[no-untyped-def]
    """A new show (with its own empty cache) holding `articles`, added in order."""
    show = init_show(root, ShowConfig(title="Bench", author="Bench", base_url="https://e.x/"))
    for article in articles:
        source = load_source(str(article))
        add_article(show, read_article(source), source)
    return show


def timed_build(show, jobs: int, **options: object) -> tuple[float, float, int, int]:  # type: ignore[no-untyped-def]
    """(wall seconds, seconds of all the show's episodes, segments synthesized, reused)."""
    start = time.perf_counter()
    report = build_show(show, jobs=jobs, **options)
    wall = time.perf_counter() - start
    duration = 0.0
    for entry in list_entries(show):
        assert entry.episode is not None
        duration += entry.episode.duration_seconds
    return wall, duration, report.narrated, report.reused


def main(words: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article.md"
        article.write_text(make_article(words), encoding="utf-8")

        engine = PiperEngine()
        segments = Narration().script(read_article(load_source(str(article))), engine)
        engine.synthesize("Warming up.")
        start = time.perf_counter()
        speech_seconds = sum(engine.synthesize(s.text).seconds for s in segments)
        bare_wall = time.perf_counter() - start
        bare = speech_seconds / bare_wall
        print(f"{words} words, {len(segments)} segments, {speech_seconds / 60:.1f} min of speech")
        print(f"bare Piper, 1 process:       {bare:6.2f} s audio / s  ({bare_wall:.1f} s)")
        jobs = default_jobs()
        spoken, bare_wall_n = bare_parallel([s.text for s in segments], jobs)
        print(
            f"bare Piper, {jobs} processes:     {spoken / bare_wall_n:6.2f} s audio / s  "
            f"({bare_wall_n:.1f} s, {bare_wall / bare_wall_n:.2f}x: the parallel ceiling)"
        )

        single = fresh_show(Path(tmp) / "single", article)
        wall1, duration, narrated, _ = timed_build(single, jobs=1)
        print(
            f"pipeline, --jobs 1:          {duration / wall1:6.2f} s audio / s  ({wall1:.1f} s, "
            f"{narrated} synthesized)"
        )
        parallel = fresh_show(Path(tmp) / "parallel", article)
        wall2, duration2, _, _ = timed_build(parallel, jobs=jobs)
        print(
            f"pipeline, --jobs {jobs}:          {duration2 / wall2:6.2f} s audio / s  "
            f"({wall2:.1f} s)"
        )
        print(f"parallel / single:           {wall1 / wall2:6.2f}x")

        entry = list_entries(parallel)[0]
        shutil.rmtree(parallel.episodes_dir)
        (entry.folder / "episode.json").unlink()
        wall3, _, narrated3, reused3 = timed_build(parallel, jobs=jobs)
        print(
            f"cached rebuild:              {wall3:6.1f} s  ({narrated3} synthesized, "
            f"{reused3} from the cache)"
        )
        # The episode also holds pauses the bare engine never makes: compare like with like,
        # the engine's speech seconds per wall second of the whole single-worker build.
        overhead = wall1 / bare_wall - 1
        print(
            f"pipeline overhead over bare: {overhead * 100:6.1f} %  "
            f"(single-worker build time / bare synthesis time - 1)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
