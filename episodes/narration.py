"""How an article is read: which engine and voice, what is said, and the narration itself.

The article's language picks the rules and must match the voice: a German article is
never read by an English voice.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audio import AudioError
from audio.engines import DEFAULT_ENGINE, Engine, get_engine
from audio.lexicon import Lexicon
from audio.script import HEADING, PARAGRAPH, Block, Pauses, Reading, Segment
from episodes.article import Article
from episodes.errors import PresscastError
from episodes.language import language_name, primary, region
from episodes.show import Show

if TYPE_CHECKING:  # mastering and tagging load pydub and mutagen: only when narrating
    from audio.episode import EpisodeRender, EpisodeRequest
    from audio.master import EncodeSettings, Framing
    from audio.tags import EpisodeTags

LEXICON_FILE = "lexicon.toml"
# "By <author>." in the languages an opening line is known in; others say the title only.
_BY = {"en": "By", "de": "Von", "fr": "Par", "es": "Por", "it": "Di", "pt": "Por", "nl": "Door"}


class Progress:
    """Receives progress of a build; the CLI draws it, tests and libraries may ignore it."""

    def start(self, episodes: int, segments: int) -> None:
        """`episodes` are about to be narrated, `segments` of theirs to be synthesized."""

    def segment(self, audio_seconds: float, synthesized: bool) -> None:
        """One segment is ready (from the cache unless `synthesized`), `audio_seconds` long."""

    def episode_done(self, title: str) -> None:
        """One episode is mastered and published."""

    def finish(self) -> None:
        """The build's narration is over (done, failed or interrupted)."""


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

    def request(
        self,
        article: Article,
        engine: Engine,
        tags: EpisodeTags | None = None,
        settings: EncodeSettings | None = None,
        framing: Framing | None = None,
        cover: bytes | None = None,
    ) -> EpisodeRequest:
        """What audio needs to narrate `article` with `engine`, the show's way."""
        from audio.episode import EpisodeRequest
        from audio.master import EncodeSettings, Framing
        from audio.tags import EpisodeTags

        language = self.language_of(article)
        blocks = spoken_blocks(article, language)
        reading = Reading(language, self.urls, self.lexicon, engine.phonemes)
        return EpisodeRequest(
            blocks=tuple(blocks),
            opening=len(blocks) - len(article.blocks),
            title=article.title,
            tags=tags or EpisodeTags(article.title, article.author or "", ""),
            reading=reading,
            pauses=self.pauses,
            settings=settings or EncodeSettings(),
            framing=framing or Framing(),
            cover=cover,
        )

    def script(self, article: Article, engine: Engine) -> list[Segment]:
        """The segments `engine` will speak for `article` (what preview shows)."""
        from audio.episode import plan_episode

        return list(plan_episode(self.request(article, engine), engine).segments)


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


@dataclass(frozen=True)
class EngineChoice:
    """Which engine and voice read a show: the command's options, else show.toml, else
    the default. preview, narrate and build all decide through this."""

    name: str = DEFAULT_ENGINE
    voice: str | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)
    # Engines made so far, by voice: a build asks for one per article, and making one
    # reads the voice's files.
    _made: dict[str | None, Engine] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(
        cls, show: Show | None, engine: str | None = None, voice: str | None = None
    ) -> EngineChoice:
        config = show.config if show else None
        return cls(
            name=engine or (config.engine if config else "") or DEFAULT_ENGINE,
            voice=voice or (config.voice if config else "") or None,
            settings=dict(config.engine_settings) if config else {},
        )

    def engine(self, voice: str | None = None) -> Engine:
        """The engine with `voice` (default: the chosen one); a bad name or setting raises."""
        voice = voice or self.voice
        if voice not in self._made:
            self._made[voice] = get_engine(self.name, voice, **self.settings)
        return self._made[voice]

    def engine_for(self, article: Article, narration: Narration) -> Engine:
        """The engine to read `article`; refuses a voice that does not speak its language."""
        language = primary(narration.language_of(article))
        voice = self.voice
        if self.name == "gtts" and not voice:
            voice = language  # Google speaks many languages: take the article's
        engine = self.engine(voice)
        if primary(engine.language) != language:
            raise PresscastError(
                f"{article.title!r} is in {language_name(language)} ({language}), but the "
                f"{engine.name} voice {engine.voice} speaks {language_name(engine.language)}; "
                f"give a {language_name(language)} voice with --voice (for Piper: the path of "
                f"a {language}_… .onnx voice model, with its .onnx.json beside it) or use "
                "--engine gtts"
            )
        return engine


def narrate_article(
    article: Article,
    engine: Engine,
    out_path: Path,
    tags: EpisodeTags,
    narration: Narration | None = None,
    jobs: int | None = None,
    settings: EncodeSettings | None = None,
    progress: Progress | None = None,
) -> EpisodeRender:
    """Narrate, master and tag one article into an MP3 at `out_path` (no show, no cache)."""
    from audio.episode import plan_episode, render_episode
    from audio.executors import LocalPool
    from audio.narrate import Narrator

    narration = narration or Narration()
    progress = progress or Progress()
    plan = plan_episode(narration.request(article, engine, tags, settings), engine)
    progress.start(1, len(plan.segments))
    try:
        with Narrator(LocalPool(jobs), None, progress.segment) as narrator:
            render = render_episode(plan, out_path, narrator)
        progress.episode_done(article.title)
    finally:
        progress.finish()
    return render
