"""The build pipeline: articles to narrated episodes, episodes to the feed.

For each article whose episode is missing or out of date: script, narrate (through the
segment cache), master and tag into a staging file, then publish it under a name derived
from its content, so a published URL never changes meaning; transcripts and chapters go
beside it, and the episode's manifest into the article's folder.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from audio.cache import SegmentCache
from audio.engines import DEFAULT_ENGINE, Engine, get_engine
from audio.master import EncodeSettings, Framing
from audio.narrate import segment_keys
from audio.script import PARAGRAPH
from audio.tags import EpisodeTags
from audio.transcript import to_chapters_json, to_podcast_json, to_srt, to_webvtt
from episodes import __version__
from episodes.catalog import Entry, Episode, list_entries, record_episode
from episodes.feed import ensure_cover, write_feed
from episodes.fsio import atomic_path, atomic_write_text
from episodes.narration import (
    Narration,
    Progress,
    Rendered,
    engine_for,
    episode_cues,
    narrate_article,
)
from episodes.show import Show, ensure_podcast_guid
from episodes.staging import file_digest, publish_file

MASTER_VERSION = "3"  # bump when mastering changes what an unchanged script sounds like


@dataclass
class BuildReport:
    """What a build did: episodes made, segments synthesized and reused from the cache."""

    built: list[Entry] = field(default_factory=list)
    feed_path: Path | None = None
    feed_changed: bool = False
    feed_warnings: list[str] = field(default_factory=list)
    narrated: int = 0
    reused: int = 0


def build_show(
    show: Show,
    engine_name: str | None = None,
    voice: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    now: Callable[[], datetime] | None = None,
) -> BuildReport:
    """Narrate every article whose episode is missing or out of date, then write the feed.

    An episode is out of date when anything that shapes its audio changed: the text, the
    lexicon, the voice, the settings, the intro or outro. Unchanged segments come from
    the cache, so an edited paragraph costs only its own sentences.
    """
    show = ensure_podcast_guid(show)
    config = show.config
    report = BuildReport()
    narration = Narration.for_show(show)
    name = engine_name or config.engine or DEFAULT_ENGINE
    chosen_voice = voice or config.voice or None
    settings = EncodeSettings(bitrate_kbps=config.bitrate_kbps)
    framing = Framing(
        intro=show.show_file(config.intro),
        outro=show.show_file(config.outro),
        bed=show.show_file(config.music_bed),
        bed_gain_db=config.bed_gain_db,
    )
    cover = ensure_cover(show).read_bytes()
    clock = now or (lambda: datetime.now(UTC).replace(microsecond=0))
    plans = []
    # Every article's text and engine are settled before any narration starts: an emptied
    # article.txt or a missing voice is reported at once, not after an hour of work on the
    # articles before it.
    for entry in list_entries(show):
        if entry.removed:
            continue
        entry.check_text()
        engine = engine_for(entry.article, narration, name, chosen_voice, config.engine_settings)
        tags = episode_tags(show, entry)
        key = render_key(entry, engine, narration, settings, framing, tags, cover)
        if not _up_to_date(show, entry, key):
            plans.append((entry, engine, tags, key))
    if not plans:
        # with nothing to narrate, a wrong name or setting is still an error
        get_engine(name, chosen_voice, **config.engine_settings)
    cache = SegmentCache(show.cache_dir)
    for entry, engine, tags, key in plans:
        staging = show.state_dir / "render" / f"{entry.slug}.mp3"
        with atomic_path(staging) as tmp:
            rendered = narrate_article(
                entry.article, engine, tmp, tags, narration, jobs, settings, progress,
                cache, framing, cover,
            )  # fmt: skip
        final = publish_file(staging, show.episodes_dir, entry.slug)
        files = write_transcripts(final, rendered)
        report.narrated += rendered.count.synthesized
        report.reused += rendered.count.cached
        report.built.append(
            record_episode(
                entry,
                _manifest(show, final, rendered, engine, settings, narration, key, files, clock),
            )
        )
    feed = write_feed(show)
    report.feed_path, report.feed_changed, report.feed_warnings = (
        feed.path,
        feed.changed,
        feed.warnings,
    )
    return report


def episode_tags(show: Show, entry: Entry) -> EpisodeTags:
    """The ID3 text of an episode."""
    first = next((b.text for b in entry.article.blocks if b.kind == PARAGRAPH), "")
    return EpisodeTags(
        title=entry.article.title,
        artist=entry.article.author or show.config.author,
        album=show.config.title,
        date=entry.published.date().isoformat(),
        comment=first[:500] or None,
        language=entry.article.language or show.config.language,
    )


def render_key(
    entry: Entry,
    engine: Engine,
    narration: Narration,
    settings: EncodeSettings,
    framing: Framing,
    tags: EpisodeTags,
    cover: bytes,
) -> str:
    """A hash of everything that shapes an episode's file and the transcripts named after
    it: segments and their written sentences, pauses, settings, intro, outro and bed, tags
    and cover."""
    segments = narration.script(entry.article, engine)
    keys = segment_keys(engine, [s.text for s in segments])
    framing_files = {
        role: file_digest(path)
        for role, path in (("intro", framing.intro), ("outro", framing.outro), ("bed", framing.bed))
        if path is not None
    }
    payload = {
        "master": MASTER_VERSION,
        "segments": [
            [k, s.pause_after_ms, s.kind, s.caption] for k, s in zip(keys, segments, strict=True)
        ],
        "settings": dataclasses.asdict(settings),
        "framing": {**framing_files, "bed_gain_db": framing.bed_gain_db},
        "tags": dataclasses.asdict(tags),
        "cover": hashlib.sha256(cover).hexdigest(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def write_transcripts(mp3: Path, rendered: Rendered) -> dict[str, str]:
    """Transcripts (VTT, SRT, Podcasting 2.0 JSON) and chapters JSON beside the episode.

    Named after the episode file, so they are as immutable as its URL.
    """
    cues = episode_cues(rendered.segments, rendered.audio)
    files = {
        "text/vtt": (mp3.with_suffix(".vtt"), to_webvtt(cues)),
        "application/x-subrip": (mp3.with_suffix(".srt"), to_srt(cues)),
        "application/json": (mp3.with_suffix(".json"), to_podcast_json(cues)),
    }
    if rendered.chapters:
        chapters = to_chapters_json(rendered.chapters)
        files["application/json+chapters"] = (mp3.with_suffix(".chapters.json"), chapters)
    for path, text in files.values():
        atomic_write_text(path, text)
    return {kind: path.name for kind, (path, _) in files.items()}


def _manifest(
    show: Show,
    final: Path,
    rendered: Rendered,
    engine: Engine,
    settings: EncodeSettings,
    narration: Narration,
    key: str,
    files: dict[str, str],
    clock: Callable[[], datetime],
) -> Episode:
    audio = rendered.audio
    folder = final.parent.relative_to(show.public_dir).as_posix()
    loudness = {}
    if audio.loudness and audio.source_loudness:
        loudness = {
            "integrated_lufs": audio.loudness.integrated,
            "true_peak_dbtp": audio.loudness.true_peak,
            "lra_lu": audio.loudness.lra,
            "source_integrated_lufs": audio.source_loudness.integrated,
            "gain_db": audio.gain_db,
            "filters": audio.filters,
        }
    chapters = files.pop("application/json+chapters", None)
    return Episode(
        file=final.relative_to(show.public_dir).as_posix(),
        bytes=final.stat().st_size,
        duration_seconds=round(audio.duration_seconds, 3),
        engine=engine.name,
        voice=engine.voice,
        built=clock().isoformat(),
        render_key=key,
        engine_identity=engine.cache_identity(),
        settings={**dataclasses.asdict(settings), "pauses": dataclasses.asdict(narration.pauses)},
        loudness=loudness,
        transcripts={kind: f"{folder}/{name}" for kind, name in files.items()},
        chapters=f"{folder}/{chapters}" if chapters else None,
        chapter_marks=[(round(c.start, 3), c.title) for c in rendered.chapters],
        segment_keys=rendered.keys,
        presscast_version=__version__,
    )


def _up_to_date(show: Show, entry: Entry, key: str) -> bool:
    episode = entry.episode
    return (
        episode is not None
        and episode.render_key == key
        and (show.public_dir / episode.file).is_file()
    )
