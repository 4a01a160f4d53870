"""What will be spoken, without synthesizing anything: the producer's proofreading view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from audio.engines import Engine
from audio.script import HEADING, Segment
from episodes.article import Article
from episodes.errors import PresscastError
from episodes.language import language_name
from episodes.narration import EngineChoice, Narration


@dataclass(frozen=True)
class Preview:
    """An article, the segments an engine would speak, and any reason a build would refuse."""

    article: Article
    segments: list[Segment]
    engine: Engine
    language: str
    problem: str | None = None


def preview_article(article: Article, narration: Narration, choice: EngineChoice) -> Preview:
    """Script `article` as a build would; a voice/language mismatch is reported, not raised."""
    problem = None
    try:
        engine = choice.engine_for(article, narration)
    except PresscastError as exc:
        problem = str(exc)
        engine = choice.engine(None if choice.name == "gtts" else choice.voice)
    segments = narration.script(article, engine)
    return Preview(article, segments, engine, narration.language_of(article), problem)


def preview_dict(preview: Preview) -> dict[str, Any]:
    """The preview for tools (`presscast preview --json`)."""
    article = preview.article
    record = article.to_dict()
    return {
        **record,
        "language": preview.language,
        "words": article.words,
        "engine": preview.engine.name,
        "voice": preview.engine.voice,
        "problem": preview.problem,
        "notes": article.notes,
        "segments": [
            {
                "text": s.text,
                "caption": s.caption,
                "kind": s.kind,
                "pause_after_ms": s.pause_after_ms,
                "block": s.block,
            }
            for s in preview.segments
        ],
    }


def render_preview(preview: Preview) -> str:
    """The preview for people: metadata, every dropped line with its rule, then the script."""
    article = preview.article
    lines = [
        f"Title:    {article.title}",
        f"Author:   {article.author or '-'}",
        f"Date:     {article.date.date().isoformat() if article.date else '-'}",
        f"Language: {language_name(preview.language)} ({preview.language})",
        f"Voice:    {preview.engine.name} {preview.engine.voice}",
        f"Words:    {article.words} in {len(preview.segments)} segments",
    ]
    if preview.problem:
        lines.append(f"Warning:  {preview.problem}")
    lines += [f"Note:     {note}" for note in article.notes]
    lines += ["", f"Dropped ({len(article.dropped)}):"]
    width = max((len(d.rule) for d in article.dropped), default=0)
    for d in article.dropped:
        lines.append(f"  [{d.rule}]{' ' * (width - len(d.rule))} {_one_line(d.text)}")
        if d.detail:
            lines.append(f"  {' ' * (width + 2)} ({d.detail})")
    lines += ["", "Spoken:"]
    previous_block = None
    for number, segment in enumerate(preview.segments, 1):
        if previous_block is not None and segment.block != previous_block:
            lines.append("")
        previous_block = segment.block
        marker = "# " if segment.kind == HEADING else ""
        lines.append(f"{number:>5}  {marker}{segment.text}")
    return "\n".join(lines)


def render_known_template(slug: str, lines: list[str], title: str | None = None) -> str:
    """A stored article's lines that the show now knows as its site's template, and its
    title without the site's name, for a producer deciding whether to re-read it."""
    shown = [f"  [show template] {_one_line(line)}" for line in lines]
    out = [f"Template lines now known ({len(lines)}):", *shown] if lines else []
    if title:
        out.append(f"Title without the site's name: {title}")
    return "\n".join([*out, f"Run `presscast reread {slug}` to apply this."])


def _one_line(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
