"""Plain data that `feeds` publishes, so callers need not know feedgen."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

CHAPTERS_TYPE = "application/json+chapters"  # Podcasting 2.0 JSON chapters
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"  # content:encoded
MAX_DESCRIPTION_BYTES = 4000  # Apple Podcasts: channel and episode descriptions
SHOW_TYPES = ("episodic", "serial")
EPISODE_TYPES = ("full", "trailer", "bonus")
# podcast:medium values (Podcasting 2.0), each also with an "L" suffix for a list of them.
MEDIUMS = ("podcast", "music", "video", "film", "audiobook", "newsletter", "blog", "publisher",
           "course")  # fmt: skip


@dataclass(frozen=True)
class Person:
    """A podcast:person: who made the show (role and group from the Podcasting 2.0 taxonomy)."""

    name: str
    role: str = "host"
    group: str = "cast"
    href: str | None = None
    img: str | None = None


@dataclass(frozen=True)
class Funding:
    """A podcast:funding link: where listeners can support the show."""

    url: str
    text: str


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
    copyright: str | None = None
    show_type: str = "episodic"  # itunes:type
    podcast_guid: str | None = None  # podcast:guid, a UUID fixed for the show's life
    locked: bool = False  # podcast:locked: other hosts may not import the feed
    medium: str = "podcast"
    ai_content: bool = True  # podcast:txt purpose="ai-content": the narration is synthetic
    funding: tuple[Funding, ...] = ()
    persons: tuple[Person, ...] = ()
    new_feed_url: str | None = None  # itunes:new-feed-url, when the show moves


@dataclass(frozen=True)
class Transcript:
    """A podcast:transcript file of an episode."""

    url: str
    type: str  # text/vtt, application/x-subrip, application/json, ...
    language: str | None = None
    rel: str | None = None  # "captions" for timed text meant for display


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
    content_html: str | None = None  # content:encoded
    episode: int | None = None
    season: int | None = None
    episode_type: str | None = None  # itunes:episodeType: full, trailer or bonus
    transcripts: tuple[Transcript, ...] = ()
    chapters_url: str | None = None  # podcast:chapters (JSON chapters)


# Podcasting 2.0's namespace for podcast:guid: UUIDv5 of the feed URL.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def podcast_guid(feed_url: str) -> str:
    """The podcast:guid of a feed: UUIDv5 of its URL without scheme and trailing slashes."""
    bare = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url.strip()).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))
