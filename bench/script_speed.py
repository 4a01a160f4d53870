"""How fast a source becomes a speech script, and that no segment exceeds the engine's caps.

Run by hand: `.venv/bin/python bench/script_speed.py [WORDS ...]` (default 10000 50000).
For each size it builds a scraped-looking plain-text article (prose with numbers, dates,
abbreviations, URLs, one 720-word unpunctuated run, and junk lines), then times, median of
five runs: reading the file and splitting it into words (the baseline), and the whole path
source -> article -> script. It prints both, their ratio, and the largest segment.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from audio.engines import get_engine
from episodes.ingest import load_source, read_article
from episodes.narration import Narration

PROSE = [
    "Dr. Alvarez told the council on Jan. 5 that the $1.5 billion plan would cut costs by 12%.",
    "The 1990s were hard for St. Mary's, which lost 3,400 members between 1991 and 1995.",
    "At 10:30 a.m. the ferry left, carrying 250 people and 14 cars across 3.5 km of water.",
    "Read the report at https://www.example.com/reports/2021?id=7 or write to desk@example.org.",
    "Henry VIII, e.g., had six wives; World War II ended in 1945, i.e. 80 years ago.",
    "The mayor, who has lived here since 1962, said the library would open on the 3rd of May.",
    "Prices rose from €20 to €35 on 25.2.2021, and again on 3/14/2022, by about 7.5 per cent.",
]
JUNK = ["Share this:", "Facebook Twitter Email", "Leave a Reply", "Home | News | Sport"]


def make_article(words: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    paragraphs = ["A Long Report on the Town Budget"]
    count = 0
    while count < words:
        if rng.random() < 0.05:
            paragraphs.append(rng.choice(JUNK))
            continue
        sentences = [rng.choice(PROSE) for _ in range(rng.randint(2, 6))]
        paragraphs.append(" ".join(sentences))
        count += sum(len(s.split()) for s in sentences)
    paragraphs.insert(len(paragraphs) // 2, " ".join(["word"] * 720))  # no punctuation at all
    return "\n\n".join(paragraphs) + "\n"


def median_time(action, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(sizes: list[int]) -> None:
    engine = get_engine("piper")
    narration = Narration()
    with tempfile.TemporaryDirectory() as tmp:
        for words in sizes:
            path = Path(tmp) / f"article-{words}.txt"
            path.write_text(make_article(words), encoding="utf-8")

            def baseline(path: Path = path) -> None:
                path.read_text(encoding="utf-8").split()

            def pipeline(path: Path = path) -> list:  # type: ignore[type-arg]
                article = read_article(load_source(str(path)))
                return narration.script(article, engine)

            pipeline()  # warm up: imports, the language model
            base = median_time(baseline)
            full = median_time(pipeline)
            segments = pipeline()
            longest_words = max(len(s.text.split()) for s in segments)
            longest_chars = max(len(s.text) for s in segments)
            print(
                f"{words:>6} words: source->script {full:.3f} s (median of 5), "
                f"baseline read+split {base:.4f} s, ratio {full / base:.0f}x; "
                f"{len(segments)} segments, longest {longest_words} words / {longest_chars} chars "
                f"(caps {engine.max_words} / {engine.max_chars})"
            )
            assert longest_words <= engine.max_words and longest_chars <= engine.max_chars


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 50_000])
