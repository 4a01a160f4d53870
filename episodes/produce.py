"""The build pipeline: articles to narrated episodes, episodes to the feed.

For each article without an episode: script, narrate, master into a staging file, then
publish it under a name derived from its content, so a published URL never changes meaning.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from audio.engines import Engine, get_engine
from audio.master import EncodeSettings, EpisodeAudio, Tags, master_episode
from audio.narrate import default_jobs, narrate_segments
from audio.script import HEADING, PARAGRAPH, Block, Segment, build_script
from episodes.article import Article
from episodes.catalog import Entry, Episode, list_entries, record_episode
from episodes.feed import write_feed
from episodes.fsio import atomic_path
from episodes.show import Show


class Progress:
    """Receives progress of long work; the CLI draws it, tests and libraries may ignore it."""

    def start(self, label: str, total: int) -> None:
        """`total` segments of `label` are about to be narrated."""

    def advance(self, audio_seconds: float) -> None:
        """One segment is done; it holds `audio_seconds` of speech."""

    def finish(self) -> None:
        """The current article is done."""


@dataclass
class BuildReport:
    """What a build did."""

    built: list[Entry] = field(default_factory=list)
    feed_path: Path | None = None
    feed_changed: bool = False


def spoken_blocks(article: Article) -> list[Block]:
    """The article as narrated: it opens by announcing its title and author."""
    opening = [Block(HEADING, article.title)]
    if article.author:
        opening.append(Block(PARAGRAPH, f"By {article.author}."))
    return [*opening, *article.blocks]


def article_script(article: Article, engine: Engine) -> list[Segment]:
    """The segments an engine will speak for `article`."""
    return build_script(spoken_blocks(article), engine.max_words, engine.max_chars)


def narrate_article(
    article: Article,
    engine: Engine,
    out_path: Path,
    tags: Tags,
    jobs: int | None = None,
    settings: EncodeSettings | None = None,
    progress: Progress | None = None,
) -> EpisodeAudio:
    """Narrate and master one article into an MP3 at `out_path`."""
    progress = progress or Progress()
    segments = article_script(article, engine)
    progress.start(article.title, len(segments))
    speeches = narrate_segments(
        engine,
        [s.text for s in segments],
        jobs=jobs or default_jobs(),
        progress=lambda speech: progress.advance(speech.seconds),
    )
    try:
        return master_episode(
            zip(speeches, (s.pause_after_ms for s in segments), strict=True),
            out_path,
            tags,
            settings,
        )
    finally:
        progress.finish()


def build_show(
    show: Show,
    engine_name: str | None = None,
    voice: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    now: Callable[[], datetime] | None = None,
) -> BuildReport:
    """Narrate every article that has no published episode, then write the feed."""
    config = show.config
    report = BuildReport()
    pending = [e for e in list_entries(show) if not _published(show, e)]
    engine = get_engine(engine_name or config.engine, voice or config.voice or None)
    settings = EncodeSettings(bitrate_kbps=config.bitrate_kbps)
    clock = now or (lambda: datetime.now(UTC).replace(microsecond=0))
    for entry in pending:
        tags = Tags(
            title=entry.article.title,
            artist=entry.article.author or config.author,
            album=config.title,
            date=entry.published.date().isoformat(),
        )
        staging = show.state_dir / "render" / f"{entry.slug}.mp3"
        with atomic_path(staging) as tmp:
            audio = narrate_article(entry.article, engine, tmp, tags, jobs, settings, progress)
        final = _publish(staging, show.episodes_dir, entry.slug)
        episode = Episode(
            file=final.relative_to(show.public_dir).as_posix(),
            bytes=final.stat().st_size,
            duration_seconds=round(audio.duration_seconds, 3),
            engine=engine.name,
            voice=engine.voice,
            built=clock().isoformat(),
        )
        report.built.append(record_episode(entry, episode))
    report.feed_path, report.feed_changed = write_feed(show)
    return report


def _published(show: Show, entry: Entry) -> bool:
    return entry.episode is not None and (show.public_dir / entry.episode.file).is_file()


def _publish(staging: Path, directory: Path, slug: str) -> Path:
    """Move a finished file into `directory` under a name made from its content's hash."""
    digest = hashlib.sha256()
    with staging.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / f"{slug}-{digest.hexdigest()[:12]}{staging.suffix}"
    os.replace(staging, final)
    return final
