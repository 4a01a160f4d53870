"""The Article record: what ingest extracted, stored with the show, read by the build."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from audio.script import Block

MAX_WORDS = 100_000  # the default longest article: about 11 hours of speech
SPOKEN_WORDS_PER_MINUTE = 150  # a narrator's pace, for telling people how long words take


def speakable(text: str) -> bool:
    """Whether a block has anything to say: a letter or a digit, not only marks."""
    return any(ch.isalnum() for ch in text)


TITLE_MAX_CHARS = 90  # a title made from the first sentence is cut to this


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word, with "…" when it was cut."""
    if len(text) <= limit:
        return text
    # Leave room for the "…": cut at the last space, or inside a word that has none.
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[: limit - 1]
    return cut.rstrip(",;:—– ") + "…"


def first_sentence_title(text: str) -> str:
    """A title made from a paragraph's first sentence, for a text that has no headline."""
    from audio.script import split_sentences

    return shorten(split_sentences(text)[0].rstrip(".!?"), TITLE_MAX_CHARS)


@dataclass(frozen=True)
class Dropped:
    """A line the junk filter removed, the rule that removed it, and any detail.

    `detail` is the classifier's reason (its score and the features that weighed most)
    when `rule` is "classifier".
    """

    text: str
    rule: str
    detail: str = ""


@dataclass
class Article:
    """An article's speakable structure and metadata."""

    title: str
    blocks: list[Block]
    author: str | None = None
    date: datetime | None = None
    language: str | None = None
    url: str | None = None
    dropped: list[Dropped] = field(default_factory=list)
    # The title is the first sentence, shortened: announcing it would say that twice.
    title_derived: bool = False
    site: str | None = None  # the site's name, from metadata or cut from the title
    # fingerprints of the source's lines before any filter (episodes.template.line_keys)
    line_keys: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)  # for the producer, not stored
    warnings: list[str] = field(default_factory=list)  # for the producer: repaired bytes...

    @property
    def text(self) -> str:
        """The extracted text, headings marked `#`, paragraphs separated by blank lines."""
        return "\n\n".join(f"# {b.text}" if b.kind == "heading" else b.text for b in self.blocks)

    @property
    def words(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "author": self.author,
            "date": self.date.isoformat() if self.date else None,
            "language": self.language,
            "url": self.url,
            "site": self.site,
            "blocks": [{"kind": b.kind, "text": b.text} for b in self.blocks],
            "dropped": [_dropped_dict(d) for d in self.dropped],
            "title_derived": self.title_derived,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], blocks: list[Block] | None = None) -> Article:
        """The article as `to_dict` wrote it; `blocks`, when given, replace the stored ones."""
        return cls(
            title=data["title"],
            blocks=blocks or [Block(b["kind"], b["text"]) for b in data["blocks"]],
            author=data.get("author"),
            date=datetime.fromisoformat(data["date"]) if data.get("date") else None,
            language=data.get("language"),
            url=data.get("url"),
            dropped=[
                Dropped(d["text"], d["rule"], d.get("detail", "")) for d in data.get("dropped", [])
            ],
            title_derived=data.get("title_derived", False),
            site=data.get("site"),
            warnings=list(data.get("warnings", [])),
        )


def _dropped_dict(dropped: Dropped) -> dict[str, str]:
    data = {"text": dropped.text, "rule": dropped.rule}
    if dropped.detail:
        data["detail"] = dropped.detail
    return data
