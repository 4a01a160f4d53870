"""The build pipeline: articles to narrated episodes, episodes to the feed.

The build decides which articles need work and with which engine, then hands every plan
to one narrator: one pool of workers (or a Dask cluster) for the whole build, each
episode mastered as soon as its last segment is in while the workers go on with the
next. Each episode is staged, then published under a name derived from its content, so
a published URL never changes meaning; transcripts and chapters go beside it, and the
episode's manifest into the article's folder.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from audio.cache import SegmentCache
from audio.engines import Engine
from audio.episode import EpisodePlan, EpisodeRender, inputs_key, plan_episode, render_episode
from audio.executors import Executor, LocalPool
from audio.master import EncodeSettings, Framing
from audio.narrate import Batch, Narrator
from audio.script import PARAGRAPH
from audio.tags import EpisodeTags
from audio.transcript import to_chapters_json, to_podcast_json, to_srt, to_webvtt
from episodes import __version__
from episodes.catalog import Entry, Episode, list_entries, record_episode
from episodes.feed import ensure_cover, write_feed
from episodes.fsio import atomic_path, atomic_write_text
from episodes.lock import Holder, show_lock
from episodes.narration import EngineChoice, Narration, Progress
from episodes.show import Show, ensure_podcast_guid
from episodes.staging import publish_file
from episodes.temporaries import remove_temporaries


@dataclass
class BuildReport:
    """What a build did: episodes made, segments synthesized and reused from the cache."""

    built: list[Entry] = field(default_factory=list)
    feed_path: Path | None = None
    feed_changed: bool = False
    feed_warnings: list[str] = field(default_factory=list)
    narrated: int = 0
    reused: int = 0
    temporaries_removed: int = 0  # files an interrupted build left behind


@dataclass(frozen=True)
class Work:
    """An article whose episode is missing or out of date, and its plan."""

    entry: Entry
    plan: EpisodePlan
    inputs: str


def build_show(
    show: Show,
    engine_name: str | None = None,
    voice: str | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    now: Callable[[], datetime] | None = None,
    cluster: str | None = None,
    wait: bool = False,
    on_wait: Callable[[Holder], None] | None = None,
) -> BuildReport:
    """Narrate every article whose episode is missing or out of date, then write the feed.

    An episode is out of date when anything that shapes its audio changed: the text, the
    lexicon, the voice, the settings, the intro or outro. Unchanged segments come from
    the cache, so an edited paragraph costs only its own sentences. Segments are
    synthesized by a local pool of `jobs` processes, or on the Dask scheduler at
    `cluster` (both default to show.toml's [build] settings).

    The show's lock is held throughout: another build running in it is refused (or, with
    `wait`, waited for), and what an interrupted build left behind is removed first.
    """
    with show_lock(show, "build", wait, on_wait):
        return _build(show, engine_name, voice, jobs, progress, now, cluster)


def _build(
    show: Show,
    engine_name: str | None,
    voice: str | None,
    jobs: int | None,
    progress: Progress | None,
    now: Callable[[], datetime] | None,
    cluster: str | None,
) -> BuildReport:
    show = ensure_podcast_guid(show)
    report = BuildReport(temporaries_removed=remove_temporaries(show))
    clock = now or (lambda: datetime.now(UTC).replace(microsecond=0))
    progress = progress or Progress()
    work = plan_build(show, EngineChoice.of(show, engine_name, voice))
    if work:
        cache = SegmentCache(show.cache_dir)
        executor = open_executor(show, jobs, cluster)
        with Narrator(executor, cache, progress.segment) as narrator:
            batches = [narrator.add(w.plan.engine, w.plan.texts, w.plan.keys) for w in work]
            progress.start(len(work), sum(narrator.missing(b) for b in batches))
            try:
                for item, batch in zip(work, batches, strict=True):
                    entry = _render(show, item, narrator, batch, clock)
                    report.built.append(entry)
                    report.narrated += batch.count.synthesized
                    report.reused += batch.count.cached
                    progress.episode_done(item.entry.article.title)
            finally:
                progress.finish()
    feed = write_feed(show)
    report.feed_path, report.feed_changed, report.feed_warnings = (
        feed.path,
        feed.changed,
        feed.warnings,
    )
    return report


def open_executor(show: Show, jobs: int | None = None, cluster: str | None = None) -> Executor:
    """Where this build's segments are synthesized: the options, else show.toml [build]."""
    address = cluster or show.config.cluster
    if address:
        from audio.cluster import DaskExecutor

        return DaskExecutor(address)
    return LocalPool(jobs or show.config.jobs or None)


def plan_build(show: Show, choice: EngineChoice) -> list[Work]:
    """The articles whose episode must be made, with their plans, in the show's order.

    Every article's text and engine are settled before any narration starts: an emptied
    article.txt or a missing voice is reported at once, not after an hour of work on the
    articles before it. An episode whose inputs are unchanged is not even scripted.
    """
    narration = Narration.for_show(show)
    config = show.config
    settings = EncodeSettings(bitrate_kbps=config.bitrate_kbps)
    framing = Framing(
        intro=show.show_file(config.intro),
        outro=show.show_file(config.outro),
        bed=show.show_file(config.music_bed),
        bed_gain_db=config.bed_gain_db,
    )
    cover = ensure_cover(show).read_bytes()
    work = []
    for entry in list_entries(show):
        if entry.removed:
            continue
        entry.check_text()
        engine = choice.engine_for(entry.article, narration)
        tags = episode_tags(show, entry)
        request = narration.request(entry.article, engine, tags, settings, framing, cover)
        inputs = inputs_key(request, engine)
        episode = entry.episode
        published = episode is not None and (show.public_dir / episode.file).is_file()
        if published and episode is not None and episode.inputs_key == inputs:
            continue
        plan = plan_episode(request, engine)
        if published and episode is not None and episode.render_key == plan.render_key:
            # the same audio from new inputs (an upgrade, say): remember them, keep the file
            record_episode(entry, dataclasses.replace(episode, inputs_key=inputs))
            continue
        work.append(Work(entry, plan, inputs))
    if not work:
        choice.engine()  # with nothing to narrate, a wrong name or setting is still an error
    return work


def _render(
    show: Show, work: Work, narrator: Narrator, batch: Batch, clock: Callable[[], datetime]
) -> Entry:
    """Render one planned episode, publish it, and record its manifest."""
    entry, plan = work.entry, work.plan
    staging = show.render_dir / f"{entry.slug}.mp3"
    with atomic_path(staging) as tmp:
        rendered = render_episode(plan, tmp, narrator, batch)
    final = publish_file(staging, show.episodes_dir, entry.slug)
    files = write_transcripts(final, rendered)
    return record_episode(entry, _manifest(show, final, rendered, plan, work.inputs, files, clock))


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


def write_transcripts(mp3: Path, rendered: EpisodeRender) -> dict[str, str]:
    """Transcripts (VTT, SRT, Podcasting 2.0 JSON) and chapters JSON beside the episode.

    Named after the episode file, so they are as immutable as its URL.
    """
    cues = rendered.cues
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
    rendered: EpisodeRender,
    plan: EpisodePlan,
    inputs: str,
    files: dict[str, str],
    clock: Callable[[], datetime],
) -> Episode:
    engine: Engine = plan.engine
    request = plan.request
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
        render_key=plan.render_key,
        inputs_key=inputs,
        engine_identity=engine.cache_identity(),
        settings={
            **dataclasses.asdict(request.settings),
            "pauses": dataclasses.asdict(request.pauses),
        },
        loudness=loudness,
        transcripts={kind: f"{folder}/{name}" for kind, name in files.items()},
        chapters=f"{folder}/{chapters}" if chapters else None,
        chapter_marks=[(round(c.start, 3), c.title) for c in rendered.chapters],
        segment_keys=list(rendered.keys),
        presscast_version=__version__,
    )
