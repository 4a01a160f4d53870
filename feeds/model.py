"""Plain data that `feeds` publishes, so callers need not know feedgen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Channel:
    """The show as a podcast directory sees it (the RSS <channel>)."""

    title: str
    description: str
    site_url: str  # channel <link>: the site, not the feed
    feed_url: str  # atom:link rel="self"
    language: str  # e.g. "en"
    image_url: str  # itunes:image href (and RSS <image>)
    author: str  # itunes:author
    owner_name: str
    owner_email: str | None
    category: str  # Apple category, e.g. "News"
    subcategory: str | None = None
    explicit: bool = False


@dataclass(frozen=True)
class Item:
    """One episode (an RSS <item>); `published` must be timezone-aware."""

    guid: str
    title: str
    description: str
    published: datetime
    enclosure_url: str
    enclosure_length: int  # exact bytes
    duration_seconds: int
    link: str | None = None
    enclosure_type: str = "audio/mpeg"
