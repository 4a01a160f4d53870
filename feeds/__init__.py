"""Publication: the podcast RSS feed, its namespace extensions and the cover art.

Imports nothing of Presscast's other packages, so it can be used as a library. The
exports load on first use (feedgen, lxml and Pillow are not needed to catch FeedError).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from feeds.errors import FeedError

if TYPE_CHECKING:
    from feeds.cover import make_cover
    from feeds.model import Channel, Funding, Item, Person, Transcript, podcast_guid
    from feeds.rss import build_feed
    from feeds.validate import Finding, LocalFiles, validate_feed

_LAZY = {
    "make_cover": "feeds.cover",
    "Channel": "feeds.model",
    "Funding": "feeds.model",
    "Item": "feeds.model",
    "Person": "feeds.model",
    "Transcript": "feeds.model",
    "podcast_guid": "feeds.model",
    "build_feed": "feeds.rss",
    "Finding": "feeds.validate",
    "LocalFiles": "feeds.validate",
    "validate_feed": "feeds.validate",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'feeds' has no attribute {name!r}")


__all__ = [
    "Channel",
    "FeedError",
    "Finding",
    "Funding",
    "Item",
    "LocalFiles",
    "Person",
    "Transcript",
    "build_feed",
    "make_cover",
    "podcast_guid",
    "validate_feed",
]
