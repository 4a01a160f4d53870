"""Publication: the podcast RSS feed, its namespace extensions and the cover art.

Imports nothing of Presscast's other packages, so it can be used as a library.
"""

from feeds.cover import make_cover
from feeds.errors import FeedError
from feeds.model import Channel, Item
from feeds.rss import build_feed

__all__ = ["Channel", "FeedError", "Item", "build_feed", "make_cover"]
