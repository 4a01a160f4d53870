"""Presscast's own feedgen extensions: the tags feedgen gets wrong or lacks.

feedgen's podcast extension only accepts "yes"/"no"/"clean" for itunes:explicit, while
Apple now documents "true"/"false"; its itunes:owner insists on an e-mail address; and it
knows nothing of the Podcasting 2.0 namespace (podcast:guid, locked, medium, txt,
funding, person on the channel; podcast:transcript and podcast:chapters on items).
The items themselves are written here too, after the channel's tags (`feeds.items`).
"""

from __future__ import annotations

from collections.abc import Sequence

from feedgen.ext.base import BaseExtension
from feedgen.util import xml_elem
from lxml import etree

from feeds.items import write_item
from feeds.model import ITUNES_NS, PODCAST_NS, Funding, Item, Person

_NAMESPACES = {"itunes": ITUNES_NS, "podcast": PODCAST_NS}


def _itunes(name: str) -> str:
    return f"{{{ITUNES_NS}}}{name}"


def _podcast(name: str) -> str:
    return f"{{{PODCAST_NS}}}{name}"


class PresscastExtension(BaseExtension):
    """Channel-level tags, registered with `fg.register_extension("presscast", ...)`."""

    def __init__(self) -> None:
        self._explicit: bool | None = None
        self._owner: tuple[str, str | None] | None = None
        self._guid: str | None = None
        self._locked: tuple[bool, str | None] | None = None
        self._medium: str | None = None
        self._ai_content = False
        self._funding: tuple[Funding, ...] = ()
        self._persons: tuple[Person, ...] = ()
        self._items: tuple[Item, ...] = ()

    def extend_ns(self) -> dict[str, str]:
        return dict(_NAMESPACES)

    def extend_rss(self, rss_feed: etree._Element) -> etree._Element:
        channel = rss_feed[0]
        if self._explicit is not None:
            xml_elem(_itunes("explicit"), channel).text = "true" if self._explicit else "false"
        if self._owner is not None:
            name, email = self._owner
            owner = xml_elem(_itunes("owner"), channel)
            xml_elem(_itunes("name"), owner).text = name
            if email:
                xml_elem(_itunes("email"), owner).text = email
        if self._guid:
            xml_elem(_podcast("guid"), channel).text = self._guid
        if self._locked is not None:
            locked, owner_email = self._locked
            _tag(channel, "locked", owner=owner_email).text = "yes" if locked else "no"
        if self._medium:
            xml_elem(_podcast("medium"), channel).text = self._medium
        if self._ai_content:
            _tag(channel, "txt", purpose="ai-content").text = "true"
        for funding in self._funding:
            _tag(channel, "funding", url=funding.url).text = funding.text
        for person in self._persons:
            _person(channel, person)
        for item in self._items:
            write_item(channel, item)
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

    def podcast(
        self,
        guid: str | None,
        locked: bool,
        owner_email: str | None,
        medium: str,
        ai_content: bool,
        funding: Sequence[Funding] = (),
        persons: Sequence[Person] = (),
    ) -> None:
        """Set the Podcasting 2.0 channel tags."""
        self._guid = guid
        self._locked = (locked, owner_email)
        self._medium = medium
        self._ai_content = ai_content
        self._funding = tuple(funding)
        self._persons = tuple(persons)

    def items(self, items: Sequence[Item]) -> None:
        """Set the episodes, in feed order: they follow every channel tag, as RSS has them."""
        self._items = tuple(items)


def _person(channel: etree._Element, person: Person) -> None:
    tag = _tag(channel, "person", role=person.role, group=person.group, href=person.href,
               img=person.img)  # fmt: skip
    tag.text = person.name


def _tag(parent: etree._Element, name: str, **attributes: str | None) -> etree._Element:
    """A podcast: element with the attributes that have a value, in the order given."""
    tag = xml_elem(_podcast(name), parent)
    for key, value in attributes.items():
        if value:
            tag.set(key, value)
    return tag
