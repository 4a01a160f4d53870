"""The one door into audio for an episode: plan it, then render it.

`plan_episode` builds the script once (the segments an engine will speak, their cache
keys) and the render key: a hash of everything that shapes the episode's file, so a
caller can tell an episode is up to date without rendering. `render_episode` narrates
the plan through a `Narrator` (cache and executor), masters, encodes and tags it, and
returns the audio, the cues and chapters as written, and the segment keys.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from audio.digest import file_sha256
from audio.engines import Engine
from audio.master import MASTER_VERSION, EncodeSettings, EpisodeAudio, Framing, master_episode
from audio.narrate import Batch, NarrationCount, Narrator, segment_keys
from audio.script import HEADING, Block, Pauses, Reading, Segment, build_script
from audio.tags import EpisodeTags, write_tags
from audio.transcript import Chapter, Cue, chapters_from_cues


@dataclass(frozen=True)
class EpisodeRequest:
    """What an episode says and how it sounds, as plain data.

    `blocks` are read in order; the first `opening` of them are the opening (title and
    byline) the music bed plays under. `title` names the opening chapter.
    """

    blocks: tuple[Block, ...]
    opening: int
    title: str
    tags: EpisodeTags
    reading: Reading = field(default_factory=Reading)
    pauses: Pauses = field(default_factory=Pauses)
    settings: EncodeSettings = field(default_factory=EncodeSettings)
    framing: Framing = field(default_factory=Framing)
    cover: bytes | None = None


@dataclass(frozen=True)
class EpisodePlan:
    """A request as `engine` will speak it: the segments, their keys and the render key."""

    request: EpisodeRequest
    engine: Engine
    segments: tuple[Segment, ...]
    keys: tuple[str, ...]
    render_key: str

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.segments]


@dataclass(frozen=True)
class EpisodeRender:
    """A rendered episode: its audio, each written sentence where it is heard, chapters."""

    audio: EpisodeAudio
    cues: list[Cue]
    chapters: list[Chapter]
    keys: tuple[str, ...]
    count: NarrationCount


def plan_episode(request: EpisodeRequest, engine: Engine) -> EpisodePlan:
    """The script of `request` for `engine`, built once, and its render key."""
    segments = tuple(
        build_script(
            request.blocks, engine.max_words, engine.max_chars, request.pauses, request.reading
        )
    )
    keys = tuple(segment_keys(engine, [s.text for s in segments]))
    return EpisodePlan(request, engine, segments, keys, _render_key(request, segments, keys))


def render_episode(
    plan: EpisodePlan, out_path: Path, narrator: Narrator, batch: Batch | None = None
) -> EpisodeRender:
    """Narrate, master and tag `plan` into an MP3 at `out_path`.

    `batch` is the plan's place in the narrator's queue when it was queued ahead (a build
    queues every episode first, so the workers never wait between them).
    """
    request = plan.request
    batch = batch or narrator.add(plan.engine, plan.texts, plan.keys)
    opening = sum(1 for s in plan.segments if s.block < request.opening)
    framing = dataclasses.replace(request.framing, opening_parts=max(1, opening))
    pauses = (s.pause_after_ms for s in plan.segments)
    audio = master_episode(
        zip(narrator.speeches(batch), pauses, strict=True), out_path, request.settings, framing
    )
    cues = episode_cues(plan.segments, audio)
    chapters = episode_chapters(plan, cues, audio.duration_seconds)
    write_tags(out_path, request.tags, chapters, request.cover)
    return EpisodeRender(audio, cues, chapters, plan.keys, batch.count)


def episode_cues(segments: Sequence[Segment], audio: EpisodeAudio) -> list[Cue]:
    """Each written sentence where the audio places it: from its first part's start to its
    last part's end, as written, with what its parts said."""
    cues = []
    for group in _sentence_groups(segments):
        first, last = audio.timings[group[0]], audio.timings[group[-1]]
        spoken = " ".join(segments[i].spoken for i in group)
        cues.append(Cue(first.start, last.end, segments[group[0]].caption, spoken))
    return cues


def episode_chapters(plan: EpisodePlan, cues: Sequence[Cue], duration: float) -> list[Chapter]:
    """Chapters from the headings as written (the opening is the first); none without
    headings after the opening."""
    segments, first = plan.segments, plan.request.opening
    seen: set[int] = set()
    headings = []
    for index, group in enumerate(_sentence_groups(segments)):
        segment = segments[group[0]]
        if segment.kind == HEADING and segment.block not in seen:
            seen.add(segment.block)
            headings.append((index, segment.block))
    if not any(block >= first for _, block in headings):
        return []
    indexes = [index for index, _ in headings]
    if not indexes or indexes[0] != 0:
        indexes.insert(0, 0)  # a title made of the first sentence: the opening starts there
    chapters = chapters_from_cues(cues, indexes, duration)
    # The opening chapter is the episode's title, also when its first cue is a sentence.
    return [dataclasses.replace(chapters[0], title=plan.request.title), *chapters[1:]]


def _sentence_groups(segments: Sequence[Segment]) -> list[list[int]]:
    """Indexes of the segments, one list a written sentence (a new one at each part 0)."""
    groups: list[list[int]] = []
    for index, segment in enumerate(segments):
        if segment.part == 0 or not groups:
            groups.append([])
        groups[-1].append(index)
    return groups


def _render_key(request: EpisodeRequest, segments: Sequence[Segment], keys: Sequence[str]) -> str:
    """A hash of everything that shapes the episode's file and the transcripts named after
    it: segments and their written sentences, pauses, settings, framing, tags, cover."""
    payload = {
        "master": MASTER_VERSION,
        "segments": [
            [k, s.pause_after_ms, s.kind, s.caption] for k, s in zip(keys, segments, strict=True)
        ],
        "settings": dataclasses.asdict(request.settings),
        "framing": _framing_payload(request.framing),
        "tags": dataclasses.asdict(request.tags),
        "cover": hashlib.sha256(request.cover or b"").hexdigest(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def inputs_key(request: EpisodeRequest, engine: Engine) -> str:
    """A hash of the request, the engine and this package's code: what the render key is
    made from, found without building the script.

    Equal inputs give an equal render key, so a build can skip an unchanged episode of a
    large show without scripting it; when the inputs differ, planning tells whether the
    audio does.
    """
    reading = request.reading
    lexicon = reading.lexicon.entries if reading.lexicon else {}
    payload = {
        "code": code_fingerprint(),
        "engine": engine.cache_identity(),
        "blocks": [[b.kind, b.text] for b in request.blocks],
        "opening": request.opening,
        "title": request.title,
        "reading": [reading.language, reading.urls, reading.phonemes],
        "lexicon": {word: [p.say, p.ipa] for word, p in sorted(lexicon.items())},
        "pauses": dataclasses.asdict(request.pauses),
        "caps": [engine.max_words, engine.max_chars],
        "settings": dataclasses.asdict(request.settings),
        "framing": _framing_payload(request.framing),
        "tags": dataclasses.asdict(request.tags),
        "cover": hashlib.sha256(request.cover or b"").hexdigest(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _framing_payload(framing: Framing) -> dict[str, object]:
    """The framing's files by content, and the bed's gain."""
    files = {
        role: file_sha256(path)
        for role, path in (("intro", framing.intro), ("outro", framing.outro), ("bed", framing.bed))
        if path is not None
    }
    return {**files, "bed_gain_db": framing.bed_gain_db}


@functools.cache
def code_fingerprint() -> str:
    """A hash of this package's source: what turns a request into segments and audio.

    Part of a request's inputs key, so an upgrade that may script an unchanged article
    differently plans it again (and renders it only if its render key changed).
    """
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
