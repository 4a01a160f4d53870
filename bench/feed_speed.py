"""Feed building for a large show: Presscast's whole path against feedgen alone.

Run by hand: `.venv/bin/python bench/feed_speed.py [EPISODES]` (default 10000).
It writes a show of EPISODES published articles (records, a small audio file, transcripts
and chapters each, as a build leaves them), then times, median of 5 runs, in this process:
  1. feedgen alone: a FeedGenerator with the same number of entries (title, guid, date,
     enclosure, description, duration), serialized: the baseline;
  2. `build_feed`: Presscast's feed from ready Channel and Item records;
  3. `write_feed`: what `presscast build` does when nothing needs narrating (list every
     article, build, validate with the local files, compare, write), twice:
     cold, without the catalog index (each run reads every record and writes the index,
     as the first build after an upgrade or `rm -r .presscast` does), and warm, with it.
It prints each median and its ratio to the baseline.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from feedgen.feed import FeedGenerator

from audio.transcript import Chapter, Cue, to_chapters_json, to_podcast_json, to_srt, to_webvtt
from episodes.catalog_index import INDEX_FILE, SETTLED_NS
from episodes.feed import episode_item, published_entries, show_channel, write_feed
from episodes.show import ShowConfig, init_show, load_show
from feeds import build_feed

RUNS = 5
T0 = datetime(2000, 1, 1, tzinfo=UTC)
PARAGRAPH = (
    "The council met on Tuesday night to talk about the budget for the library, the "
    "ferry timetable and the repairs to the old hall, and the meeting ran late."
)


def make_show(root: Path, episodes: int) -> None:
    """A show as builds leave it, written directly (adding through the CLI takes minutes)."""
    show = init_show(root, ShowConfig(title="Big Show", author="Desk", base_url="https://e.x/"))
    audio = b"\xff\xfb\x90\x64" + bytes(2000)
    cues = [Cue(0.3, 2.0, "A Long Evening"), Cue(2.2, 9.0, PARAGRAPH)]
    chapters = [Chapter("A Long Evening", 0.0, 5.0), Chapter("The budget", 5.0, 9.5)]
    texts = {
        ".vtt": to_webvtt(cues),
        ".srt": to_srt(cues),
        ".json": to_podcast_json(cues),
        ".chapters.json": to_chapters_json(chapters),
    }
    for n in range(episodes):
        slug = f"evening-{n:05d}"
        folder = show.articles_dir / slug
        folder.mkdir(parents=True)
        title = f"A Long Evening, part {n}"
        body = f"# {title}\n\n{PARAGRAPH}\n\n# The budget\n\n{PARAGRAPH}\n"
        published = (T0 + timedelta(hours=n)).isoformat()
        article = {
            "title": title,
            "author": "Desk",
            "date": published,
            "url": f"https://news.example.com/{slug}",
            "language": "en",
            "blocks": [
                {"kind": "heading", "text": title},
                {"kind": "paragraph", "text": PARAGRAPH},
                {"kind": "heading", "text": "The budget"},
                {"kind": "paragraph", "text": PARAGRAPH},
            ],
        }
        record = {"slug": slug, "guid": str(uuid.uuid4()), "published": published,
                  "added": published, "source": {"name": "a.md", "format": "markdown"},
                  "episode_type": "full", "article": article}  # fmt: skip
        (folder / "article.json").write_text(json.dumps(record), encoding="utf-8")
        (folder / "article.txt").write_text(body, encoding="utf-8")
        name = f"episodes/{slug}-0123456789ab"
        (show.public_dir / f"{name}.mp3").write_bytes(audio)
        for suffix, text in texts.items():
            (show.public_dir / f"{name}{suffix}").write_text(text, encoding="utf-8")
        episode = {
            "file": f"{name}.mp3", "bytes": len(audio), "duration_seconds": 9.5,
            "engine": "piper", "voice": "en_US-joe-medium", "built": published,
            "transcripts": {"text/vtt": f"{name}.vtt", "application/x-subrip": f"{name}.srt",
                            "application/json": f"{name}.json"},
            "chapters": f"{name}.chapters.json",
            "chapter_marks": [[0.0, "A Long Evening"], [5.0, "The budget"]],
        }  # fmt: skip
        (folder / "episode.json").write_text(json.dumps(episode), encoding="utf-8")


def feedgen_alone(episodes: int) -> bytes:
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.title("Big Show")
    fg.description("A show.")
    fg.link(href="https://e.x/")
    fg.language("en")
    for n in range(episodes):
        entry = fg.add_entry(order="append")
        entry.guid(f"guid-{n}", permalink=False)
        entry.title(f"A Long Evening, part {n}")
        entry.description(PARAGRAPH)
        entry.published(T0 + timedelta(hours=n))
        entry.enclosure(f"https://e.x/episodes/{n}.mp3", "2004", "audio/mpeg")
        entry.podcast.itunes_duration(10)
    return fg.rss_str(pretty=True)


def median_seconds(work: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(episodes: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "show"
        make_show(root, episodes)
        time.sleep(SETTLED_NS / 1e9)  # the index keeps only records older than this
        show = load_show(root)
        index = show.state_dir / INDEX_FILE
        channel = show_channel(show)
        items = [episode_item(show, e) for e in published_entries(show)]
        assert len(items) == episodes

        base = median_seconds(lambda: feedgen_alone(episodes))
        ours = median_seconds(lambda: build_feed(channel, items))
        cold = median_seconds(lambda: (index.unlink(missing_ok=True), write_feed(load_show(root))))
        warm = median_seconds(lambda: write_feed(load_show(root)))
        size = (show.feed_path.stat().st_size) / 2**20
        print(f"{episodes} episodes, feed.xml {size:.1f} MB, median of {RUNS} runs")
        print(f"feedgen alone (baseline):       {base:6.2f} s")
        print(f"build_feed:                     {ours:6.2f} s  ({ours / base:.2f}x baseline)")
        print(f"write_feed, cold (no index):    {cold:6.2f} s  ({cold / base:.2f}x baseline)")
        print(f"write_feed, warm (what build does): {warm:6.2f} s  ({warm / base:.2f}x baseline)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)
