"""The show's articles and episodes on disk: one folder per article.

`articles/<slug>/` holds the original source, `article.json` (the extracted article and
its identity: guid and publication date, fixed when it is added) and, once narrated,
`episode.json` (the published audio file, its size and duration).
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from episodes.article import Article
from episodes.errors import PresscastError
from episodes.fsio import atomic_write_bytes, atomic_write_text
from episodes.ingest import Source
from episodes.show import Show

ARTICLE_FILE = "article.json"
EPISODE_FILE = "episode.json"


@dataclass(frozen=True)
class Episode:
    """A published episode's audio: `file` is relative to public/ and never reused."""

    file: str
    bytes: int
    duration_seconds: float
    engine: str
    voice: str
    built: str


@dataclass(frozen=True)
class Entry:
    """An article in the show, with its episode once built."""

    slug: str
    guid: str
    published: datetime
    added: datetime
    article: Article
    episode: Episode | None
    folder: Path


def slugify(title: str, limit: int = 60) -> str:
    """ASCII, lowercase, hyphenated: safe in file names and URLs."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:limit].rstrip("-") or "article"


def add_article(show: Show, article: Article, source: Source, now: datetime | None = None) -> Entry:
    """Store a new article with a fresh guid; its publication date is fixed now."""
    now = now or datetime.now(UTC).replace(microsecond=0)
    base = slugify(article.title)
    slug, n = base, 1
    while (show.articles_dir / slug).exists():
        n += 1
        slug = f"{base}-{n}"
    folder = show.articles_dir / slug
    folder.mkdir(parents=True)
    published = article.date or now
    record = {
        "slug": slug,
        "guid": str(uuid.uuid4()),
        "published": published.isoformat(),
        "added": now.isoformat(),
        "source": {"name": source.url or Path(source.name).name, "format": source.format},
        "article": article.to_dict(),
    }
    atomic_write_bytes(folder / f"source{source.suffix}", source.data)
    atomic_write_text(folder / "article.txt", article.text + "\n")
    atomic_write_text(
        folder / ARTICLE_FILE, json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    )
    return _entry(folder, record, None)


def record_episode(entry: Entry, episode: Episode) -> Entry:
    """Remember the built episode of an article (atomically)."""
    atomic_write_text(entry.folder / EPISODE_FILE, json.dumps(asdict(episode), indent=2) + "\n")
    return _entry(entry.folder, _read_json(entry.folder / ARTICLE_FILE), episode)


def list_entries(show: Show) -> list[Entry]:
    """Every article of the show, oldest first (by publication date, then slug)."""
    entries = []
    if show.articles_dir.is_dir():
        for folder in sorted(show.articles_dir.iterdir()):
            if (folder / ARTICLE_FILE).is_file():
                entries.append(load_entry(folder))
    return sorted(entries, key=lambda e: (e.published, e.slug))


def load_entry(folder: Path) -> Entry:
    record = _read_json(folder / ARTICLE_FILE)
    episode_path = folder / EPISODE_FILE
    episode = Episode(**_read_json(episode_path)) if episode_path.is_file() else None
    return _entry(folder, record, episode)


def _entry(folder: Path, record: dict[str, Any], episode: Episode | None) -> Entry:
    return Entry(
        slug=record["slug"],
        guid=record["guid"],
        published=datetime.fromisoformat(record["published"]),
        added=datetime.fromisoformat(record["added"]),
        article=Article.from_dict(record["article"]),
        episode=episode,
        folder=folder,
    )


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PresscastError(f"{path}: damaged record ({exc})") from exc
