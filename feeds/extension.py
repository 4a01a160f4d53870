"""Presscast's own feedgen extension: the channel tags feedgen gets wrong or lacks.

feedgen's podcast extension only accepts "yes"/"no"/"clean" for itunes:explicit, while
Apple now documents "true"/"false"; and its itunes:owner insists on an e-mail address.
Podcasting 2.0 (`podcast:` namespace) tags belong here later, next to these.
"""

from __future__ import annotations

from feedgen.ext.base import BaseExtension
from feedgen.util import xml_elem
from lxml import etree

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


class PresscastExtension(BaseExtension):
    """Channel-level tags, registered with `fg.register_extension("presscast", ...)`."""

    def __init__(self) -> None:
        self._explicit: bool | None = None
        self._owner: tuple[str, str | None] | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS}

    def extend_rss(self, rss_feed: etree._Element) -> etree._Element:
        channel = rss_feed[0]
        if self._explicit is not None:
            explicit = xml_elem(f"{{{ITUNES_NS}}}explicit", channel)
            explicit.text = "true" if self._explicit else "false"
        if self._owner is not None:
            name, email = self._owner
            owner = xml_elem(f"{{{ITUNES_NS}}}owner", channel)
            xml_elem(f"{{{ITUNES_NS}}}name", owner).text = name
            if email:
                xml_elem(f"{{{ITUNES_NS}}}email", owner).text = email
        return rss_feed

    def explicit(self, explicit: bool | None = None) -> bool | None:
        """Get or set the show's explicit flag, written as itunes:explicit true/false."""
        if explicit is not None:
            self._explicit = bool(explicit)
        return self._explicit

    def owner(
        self, name: str | None = None, email: str | None = None
    ) -> tuple[str, str | None] | None:
        """Get or set itunes:owner; unlike feedgen's, the e-mail may be left out."""
        if name is not None:
            self._owner = (name, email)
        return self._owner
