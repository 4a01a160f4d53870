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

from audio.engines import DEFAULT_ENGINE, Engine, get_engine
from audio.master import EncodeSettings, Tags
from episodes.catalog import Entry, Episode, list_entries, record_episode
from episodes.feed import write_feed
from episodes.fsio import atomic_path
from episodes.narration import Narration, Progress, engine_for, narrate_article
from episodes.show import Show


@dataclass
class BuildReport:
    """What a build did."""

    built: list[Entry] = field(default_factory=list)
    feed_path: Path | None = None
    feed_changed: bool = False


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
    narration = Narration.for_show(show)
    name = engine_name or config.engine or DEFAULT_ENGINE
    chosen_voice = voice or config.voice or None
    pending = [e for e in list_entries(show) if not _published(show, e)]
    # Every article's engine is settled before any narration starts: a missing voice is
    # reported at once, not after an hour of work on the articles before it.
    engines: dict[str, Engine] = {
        e.slug: engine_for(e.article, narration, name, chosen_voice) for e in pending
    }
    if not pending:
        get_engine(name, chosen_voice)  # with nothing to narrate, a wrong name is still an error
    settings = EncodeSettings(bitrate_kbps=config.bitrate_kbps)
    clock = now or (lambda: datetime.now(UTC).replace(microsecond=0))
    for entry in pending:
        engine = engines[entry.slug]
        tags = Tags(
            title=entry.article.title,
            artist=entry.article.author or config.author,
            album=config.title,
            date=entry.published.date().isoformat(),
        )
        staging = show.state_dir / "render" / f"{entry.slug}.mp3"
        with atomic_path(staging) as tmp:
            audio = narrate_article(
                entry.article, engine, tmp, tags, narration, jobs, settings, progress
            )
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
