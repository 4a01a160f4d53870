"""How an article is read: which engine and voice, what is said, and the narration itself.

The article's language picks the rules and must match the voice: a German article is
never read by an English voice.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audio import AudioError
from audio.cache import SegmentCache
from audio.engines import Engine, get_engine
from audio.lexicon import Lexicon
from audio.narrate import NarrationCount, default_jobs, narrate_segments, segment_keys
from audio.script import HEADING, PARAGRAPH, Block, Pauses, Reading, Segment, build_script
from audio.transcript import Chapter, Cue, chapters_from_cues
from episodes.article import Article
from episodes.errors import PresscastError
from episodes.language import language_name, primary, region
from episodes.show import Show

if TYPE_CHECKING:
    from audio.master import EncodeSettings, EpisodeAudio, Framing
    from audio.tags import EpisodeTags

LEXICON_FILE = "lexicon.toml"
# "By <author>." in the languages an opening line is known in; others say the title only.
_BY = {"en": "By", "de": "Von", "fr": "Par", "es": "Por", "it": "Di", "pt": "Por", "nl": "Door"}


class Progress:
    """Receives progress of long work; the CLI draws it, tests and libraries may ignore it."""

    def start(self, label: str, total: int) -> None:
        """`total` segments of `label` are about to be narrated."""

    def advance(self, audio_seconds: float) -> None:
        """One segment is done; it holds `audio_seconds` of speech."""

    def finish(self) -> None:
        """The current article is done."""


@dataclass(frozen=True)
class Narration:
    """A show's (or a one-off's) way of reading: pauses, URLs, lexicon, default language."""

    pauses: Pauses = field(default_factory=Pauses)
    urls: str = "speak"
    lexicon: Lexicon | None = None
    language: str = "en"

    @classmethod
    def for_show(cls, show: Show) -> Narration:
        config = show.config
        return cls(
            pauses=Pauses(
                config.sentence_pause_ms, config.paragraph_pause_ms, config.heading_pause_ms
            ),
            urls=config.urls,
            lexicon=read_lexicon(show.root / LEXICON_FILE),
            language=config.language,
        )

    def language_of(self, article: Article) -> str:
        """The article's language with its region ("en-GB"), which picks the rules.

        Detection names only the language ("en"); when it is the show's, the show's
        `language` says the region: day-first dates and "metre" for "en_GB".
        """
        code = article.language or self.language
        if primary(code) == primary(self.language) and not region(code):
            return self.language
        return code

    def script(self, article: Article, engine: Engine) -> list[Segment]:
        """The segments `engine` will speak for `article`."""
        reading = Reading(
            language=self.language_of(article),
            urls=self.urls,
            lexicon=self.lexicon,
            phonemes=engine.phonemes,
        )
        blocks = spoken_blocks(article, self.language_of(article))
        return build_script(blocks, engine.max_words, engine.max_chars, self.pauses, reading)


def read_lexicon(path: Path) -> Lexicon | None:
    """The pronunciations in a lexicon.toml, or None when there is no such file."""
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PresscastError(f"{path}: cannot read the lexicon ({exc})") from exc
    try:
        return Lexicon.from_mapping(data, where=str(path))
    except AudioError as exc:
        raise PresscastError(str(exc)) from exc


def spoken_blocks(article: Article, language: str = "en") -> list[Block]:
    """The article as narrated: it opens by announcing its title (and author).

    A title made from the first sentence is not announced: the sentence opens the article.
    """
    opening = [] if article.title_derived else [Block(HEADING, article.title)]
    by = _BY.get(primary(language))
    if article.author and by:
        opening.append(Block(PARAGRAPH, f"{by} {article.author}."))
    return [*opening, *article.blocks]


def engine_for(
    article: Article,
    narration: Narration,
    engine_name: str,
    voice: str | None,
    settings: Mapping[str, Any] | None = None,
) -> Engine:
    """The engine to read `article`; refuses a voice that does not speak its language."""
    language = primary(narration.language_of(article))
    if engine_name == "gtts" and not voice:
        voice = language  # Google speaks many languages: take the article's
    engine = get_engine(engine_name, voice, **(settings or {}))
    if primary(engine.language) != language:
        raise PresscastError(
            f"{article.title!r} is in {language_name(language)} ({language}), but the "
            f"{engine.name} voice {engine.voice} speaks {language_name(engine.language)}; "
            f"give a {language_name(language)} voice with --voice (for Piper: the path of a "
            f"{language}_… .onnx voice model, with its .onnx.json beside it) or use --engine gtts"
        )
    return engine


@dataclass(frozen=True)
class Rendered:
    """A narrated article: its audio, the script it spoke, and each segment's cache key."""

    audio: EpisodeAudio
    segments: list[Segment]
    keys: list[str]
    chapters: list[Chapter]
    count: NarrationCount


def narrate_article(
    article: Article,
    engine: Engine,
    out_path: Path,
    tags: EpisodeTags,
    narration: Narration | None = None,
    jobs: int | None = None,
    settings: EncodeSettings | None = None,
    progress: Progress | None = None,
    cache: SegmentCache | None = None,
    framing: Framing | None = None,
    cover: bytes | None = None,
) -> Rendered:
    """Narrate, master and tag one article into an MP3 at `out_path`."""
    from audio.master import Framing, master_episode
    from audio.tags import write_tags

    narration = narration or Narration()
    progress = progress or Progress()
    segments = narration.script(article, engine)
    texts = [s.text for s in segments]
    count = NarrationCount()
    progress.start(article.title, len(segments))
    speeches = narrate_segments(
        engine,
        texts,
        jobs=jobs or default_jobs(),
        progress=lambda speech: progress.advance(speech.seconds),
        cache=cache,
        count=count,
    )
    opening = sum(1 for s in segments if s.block < opening_blocks(article, narration))
    framing = dataclasses.replace(framing or Framing(), opening_parts=max(1, opening))
    try:
        audio = master_episode(
            zip(speeches, (s.pause_after_ms for s in segments), strict=True),
            out_path,
            settings,
            framing,
        )
    finally:
        progress.finish()
    chapters = episode_chapters(article, narration, segments, audio)
    write_tags(out_path, tags, chapters, cover)
    return Rendered(audio, segments, segment_keys(engine, texts), chapters, count)


def opening_blocks(article: Article, narration: Narration) -> int:
    """How many blocks `spoken_blocks` puts before the article's own."""
    return len(spoken_blocks(article, narration.language_of(article))) - len(article.blocks)


def episode_cues(segments: list[Segment], audio: EpisodeAudio) -> list[Cue]:
    """Each written sentence where the audio places it: from its first part's start to its
    last part's end, as written, with what its parts said."""
    cues = []
    for group in _sentence_groups(segments):
        first, last = audio.timings[group[0]], audio.timings[group[-1]]
        spoken = " ".join(segments[i].spoken for i in group)
        cues.append(Cue(first.start, last.end, segments[group[0]].caption, spoken))
    return cues


def _sentence_groups(segments: list[Segment]) -> list[list[int]]:
    """Indexes of the segments, one list a written sentence (a new one at each part 0)."""
    groups: list[list[int]] = []
    for index, segment in enumerate(segments):
        if segment.part == 0 or not groups:
            groups.append([])
        groups[-1].append(index)
    return groups


def episode_chapters(
    article: Article, narration: Narration, segments: list[Segment], audio: EpisodeAudio
) -> list[Chapter]:
    """Chapters from the article's headings as written (the opening is the first); none
    without them."""
    first = opening_blocks(article, narration)
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
    chapters = chapters_from_cues(episode_cues(segments, audio), indexes, audio.duration_seconds)
    # The opening chapter is the article's title, also when its first cue is a sentence.
    return [dataclasses.replace(chapters[0], title=article.title), *chapters[1:]]
