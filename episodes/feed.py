"""Map the show and its episodes onto `feeds` and publish public/feed.xml atomically."""

from __future__ import annotations

from pathlib import Path

from episodes.catalog import Entry, list_entries
from episodes.fsio import atomic_write_bytes
from episodes.show import Show
from feeds import Channel, Item, build_feed, make_cover

COVER_FILE = "cover.jpg"


def ensure_cover(show: Show) -> Path:
    """The show's cover art; generated from its title when the show has none."""
    cover = show.public_dir / COVER_FILE
    if not cover.is_file():
        atomic_write_bytes(cover, make_cover(show.config.title))
    return cover


def show_channel(show: Show) -> Channel:
    config = show.config
    return Channel(
        title=config.title,
        description=config.summary,
        site_url=config.site_url,
        feed_url=show.public_url(show.feed_path),
        language=config.language,
        image_url=show.public_url(ensure_cover(show)),
        author=config.author,
        owner_name=config.author,
        owner_email=config.email or None,
        category=config.category,
        subcategory=config.subcategory or None,
        explicit=config.explicit,
    )


def episode_item(show: Show, entry: Entry) -> Item:
    assert entry.episode is not None
    article = entry.article
    first = next((b.text for b in article.blocks if b.kind == "paragraph"), "")
    return Item(
        guid=entry.guid,
        title=article.title,
        description=first if len(first) <= 600 else first[:597].rsplit(" ", 1)[0] + "…",
        published=entry.published,
        enclosure_url=show.public_url(show.public_dir / entry.episode.file),
        enclosure_length=entry.episode.bytes,
        duration_seconds=round(entry.episode.duration_seconds),
        link=article.url,
    )


def write_feed(show: Show) -> tuple[Path, bool]:
    """Write public/feed.xml from every published episode; (path, whether it changed)."""
    items = [episode_item(show, e) for e in list_entries(show) if e.episode is not None]
    data = build_feed(show_channel(show), items)
    path = show.feed_path
    if path.is_file() and path.read_bytes() == data:
        return path, False
    atomic_write_bytes(path, data)
    return path, True
