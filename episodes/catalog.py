"""The show's articles and episodes on disk: one folder per article.

`articles/<slug>/` holds the original source, `article.json` (the extracted article and
its identity: guid and publication date, fixed when it is added) and, once narrated,
`episode.json` (the published audio file, its size and duration). What they say is
kept in the catalog index too (`episodes.catalog_index`), so a listing need not open them.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import time
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from audio.script import HEADING, PARAGRAPH, Block
from episodes.article import Article, speakable
from episodes.catalog_index import Indexed, folder_key, load_index, save_index, settled
from episodes.errors import PresscastError
from episodes.fsio import atomic_write_bytes, atomic_write_text
from episodes.gc_pause import collector_paused
from episodes.ingest import Source
from episodes.show import Show

ARTICLE_FILE = "article.json"
TEXT_FILE = "article.txt"  # the extracted text, as `Article.text` renders it; editable
EPISODE_FILE = "episode.json"
LINE_KEYS = "line_keys"  # in article.json: fingerprints of the source's lines (template.py)
TITLE_GIVEN = "title_given"  # in article.json: the title came from `--title`, not the source
RECORD_FILES = (ARTICLE_FILE, EPISODE_FILE, TEXT_FILE)  # what an article folder is read from
# The article.json keys an Entry is made of (with "article"); the index keeps only these.
_ENTRY_KEYS = frozenset(("slug", "guid", "published", "added", "season", "episode",
                         "episode_type", "removed"))  # fmt: skip


@dataclass(frozen=True)
class Episode:
    """A published episode and its manifest: enough to audit and reproduce the build.

    `file` (and the transcript and chapter files) are relative to public/ and never
    reused. `render_key` changes whenever anything that shapes the audio changes.
    """

    file: str
    bytes: int
    duration_seconds: float
    engine: str
    voice: str
    built: str
    render_key: str = ""
    engine_identity: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    loudness: dict[str, float] = field(default_factory=dict)
    transcripts: dict[str, str] = field(default_factory=dict)
    chapters: str | None = None
    chapter_marks: list[tuple[float, str]] = field(default_factory=list)  # (start s, title)
    segment_keys: list[str] = field(default_factory=list)
    inputs_key: str = ""  # of what the render key was made from (audio.episode.inputs_key)
    presscast_version: str = ""


_EPISODE_FIELDS = frozenset(f.name for f in fields(Episode))


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
    numbering: Numbering = field(default_factory=lambda: Numbering())
    removed: bool = False  # taken out of the feed by `presscast remove`
    text_emptied: bool = False  # article.txt is there but says nothing: `build` refuses

    def check_text(self) -> None:
        """PresscastError when the producer emptied article.txt: narrating the original
        extraction instead would bring back what they may have meant to take out."""
        if self.text_emptied:
            raise PresscastError(
                f"{self.folder.parent.name}/{self.folder.name}/{TEXT_FILE} is empty: write "
                "the article's text there, or delete the file to use the original extraction"
            )


@dataclass(frozen=True)
class Numbering:
    """Where an episode sits in the show: itunes:season, itunes:episode, itunes:episodeType."""

    season: int | None = None
    episode: int | None = None
    episode_type: str = "full"

    def __post_init__(self) -> None:
        for name in ("season", "episode"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 1):
                raise PresscastError(f"{name} must be a whole number from 1, got {value!r}")
        if self.episode_type not in ("full", "trailer", "bonus"):
            raise PresscastError(
                f"episode type must be full, trailer or bonus, got {self.episode_type!r}"
            )


def text_blocks(text: str) -> list[Block]:
    """Blocks from `Article.text`'s rendering: `# ` headings, blank-line paragraphs."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = " ".join(chunk.split())
        if chunk.startswith("# "):
            blocks.append(Block(HEADING, chunk[2:].strip()))
        elif chunk:
            blocks.append(Block(PARAGRAPH, chunk))
    return blocks


def slugify(title: str, limit: int = 60) -> str:
    """ASCII, lowercase, hyphenated: safe in file names and URLs."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:limit].rstrip("-") or "article"


def add_article(
    show: Show,
    article: Article,
    source: Source,
    now: datetime | None = None,
    numbering: Numbering | None = None,
    title_given: bool = False,
) -> Entry:
    """Store a new article with a fresh guid; its publication date is fixed now.

    `title_given` records that the title is the producer's, so a re-read keeps it.

    In a serial show an episode without a number gets the next one.
    """
    numbering = numbering or Numbering()
    if numbering.episode is None and show.config.type == "serial":
        numbers = [e.numbering.episode or 0 for e in list_entries(show)]
        numbering = dataclasses.replace(numbering, episode=max(numbers, default=0) + 1)
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
        **_numbering_record(numbering),
        TITLE_GIVEN: title_given,
        LINE_KEYS: list(article.line_keys),
        "article": article.to_dict(),
    }
    atomic_write_bytes(folder / f"source{source.suffix}", source.data)
    atomic_write_text(folder / TEXT_FILE, article.text + "\n")
    atomic_write_text(
        folder / ARTICLE_FILE, json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    )
    return _entry(folder, record, None)


def record_episode(entry: Entry, episode: Episode) -> Entry:
    """Remember the built episode of an article (atomically)."""
    atomic_write_text(entry.folder / EPISODE_FILE, json.dumps(asdict(episode), indent=2) + "\n")
    return _entry(entry.folder, _read_json(entry.folder / ARTICLE_FILE), episode)


def set_removed(entry: Entry, removed: bool = True) -> Entry:
    """Take an episode out of the feed (or put it back); its files are left alone."""
    record = _read_json(entry.folder / ARTICLE_FILE)
    record["removed"] = removed
    atomic_write_text(
        entry.folder / ARTICLE_FILE, json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    )
    return dataclasses.replace(entry, removed=removed)


def find_entry(show: Show, slug: str) -> Entry:
    """The article with this slug; a PresscastError naming the slugs there are otherwise."""
    folder = show.articles_dir / slug
    if slug and "/" not in slug and slug not in (".", "..") and (folder / ARTICLE_FILE).is_file():
        return load_entry(folder)
    raise PresscastError(f"no article {slug!r} in this show; `presscast list` shows the slugs")


def _numbering_record(numbering: Numbering) -> dict[str, Any]:
    record: dict[str, Any] = {"episode_type": numbering.episode_type}
    if numbering.season is not None:
        record["season"] = numbering.season
    if numbering.episode is not None:
        record["episode"] = numbering.episode
    return record


def article_folders(show: Show) -> list[str]:
    """The paths of the show's article folders, sorted; none before the first `add`."""
    try:
        return sorted(e.path for e in os.scandir(show.articles_dir) if e.is_dir())
    except FileNotFoundError:
        return []


def list_entries(show: Show) -> list[Entry]:
    """Every article of the show, oldest first (by publication date, then slug).

    A show of 10,000 articles is listed on every build: folders whose record files stat
    as the catalog index remembers them are taken from the index, the others are read
    (and the index rewritten when that taught it something).
    """
    with collector_paused():
        return _list_entries(show)


def _list_entries(show: Show) -> list[Entry]:
    started = time.time_ns()
    index = load_index(show.state_dir)
    kept: dict[str, Indexed] = {}
    learned = False
    entries = []
    for folder in article_folders(show):
        name = os.path.basename(folder)
        key = folder_key(folder, RECORD_FILES)
        indexed = index.get(name)
        entry: Entry | None = None
        fresh = indexed is None or indexed[0] != key
        if not fresh:
            data = indexed[1]
            try:
                entry = _indexed_entry(folder, data)
            except (PresscastError, LookupError, TypeError, ValueError, AttributeError):
                fresh = True  # a damaged index entry: the records say what is right
        if fresh:
            data = _read_folder(folder)
            entry = _indexed_entry(folder, data)
        if entry is not None:
            entries.append(entry)
        if settled(key, started):
            kept[name] = [key, data]
            learned = learned or fresh
    if learned or index.keys() - kept.keys():
        save_index(show.state_dir, kept)
    return sorted(entries, key=lambda e: (e.published, e.slug))


def load_entry(folder: Path) -> Entry:
    record = _read_json(folder / ARTICLE_FILE)
    episode_path = folder / EPISODE_FILE
    episode = _read_json(episode_path) if episode_path.is_file() else None
    return _make_entry(folder, _folder_data(str(folder), record, episode))


def _read_folder(folder: str) -> dict[str, Any] | None:
    """What an article folder's records say (as the index keeps it); None without a record."""
    record = _read_json_if_there(os.path.join(folder, ARTICLE_FILE))
    if record is None:
        return None
    return _folder_data(folder, record, _read_json_if_there(os.path.join(folder, EPISODE_FILE)))


def _folder_data(
    folder: str, record: dict[str, Any], episode: dict[str, Any] | None
) -> dict[str, Any]:
    """The records as plain data, with the text of article.txt read into the article.

    Only what an Entry is made of is kept: the index holds this for every article.
    """
    text_file = os.path.join(folder, TEXT_FILE)
    emptied = False
    article = record["article"]
    try:  # the producer may have corrected the text: it wins
        with open(text_file, "rb") as fh:
            blocks = text_blocks(fh.read().decode("utf-8"))
        emptied = not any(speakable(b.text) for b in blocks)
    except FileNotFoundError:
        blocks = []
    except UnicodeDecodeError as exc:
        raise PresscastError(f"{text_file}: not UTF-8 text (save it as UTF-8)") from exc
    # An emptied text keeps the record's blocks for listing and the feed; build refuses it.
    if blocks and not emptied:
        article = {**article, "blocks": [{"kind": b.kind, "text": b.text} for b in blocks]}
    return {
        "record": {**{k: v for k, v in record.items() if k in _ENTRY_KEYS}, "article": article},
        "episode": {k: v for k, v in episode.items() if k in _EPISODE_FIELDS} if episode else None,
        "emptied": emptied,
    }


def _indexed_entry(folder: str, data: dict[str, Any] | None) -> Entry | None:
    return None if data is None else _make_entry(Path(folder), data)


def _make_entry(folder: Path, data: dict[str, Any]) -> Entry:
    record, episode = data["record"], data["episode"]
    return Entry(
        slug=record["slug"],
        guid=record["guid"],
        published=datetime.fromisoformat(record["published"]),
        added=datetime.fromisoformat(record["added"]),
        article=Article.from_dict(record["article"]),
        episode=Episode(**episode) if episode else None,
        folder=folder,
        numbering=Numbering(
            record.get("season"), record.get("episode"), record.get("episode_type", "full")
        ),
        removed=bool(record.get("removed", False)),
        text_emptied=bool(data["emptied"]),
    )


def _entry(folder: Path, record: dict[str, Any], episode: Episode | None) -> Entry:
    entry = _make_entry(folder, _folder_data(str(folder), record, None))
    return dataclasses.replace(entry, episode=episode) if episode is not None else entry


def _read_json_if_there(path: str) -> dict[str, Any] | None:
    """A record, or None when the file does not exist (a folder being written, say)."""
    try:
        with open(path, "rb") as fh:
            text = fh.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PresscastError(f"{path}: damaged record ({exc})") from exc
    try:
        return json.loads(text)
    except ValueError as exc:
        raise PresscastError(f"{path}: damaged record ({exc})") from exc


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PresscastError(f"{path}: damaged record ({exc})") from exc
