"""Build the podcast's RSS 2.0 feed from plain Channel and Item records.

feedgen does the XML; this module decides what goes in, checks what podcast apps rely on
(so a bad feed fails here with a readable message instead of silently in a directory),
and keeps the output byte-for-byte reproducible.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from feeds.errors import FeedError
from feeds.extension import PresscastExtension
from feeds.model import (
    EPISODE_TYPES,
    MAX_DESCRIPTION_BYTES,
    MEDIUMS,
    SHOW_TYPES,
    Channel,
    Funding,
    Item,
    Person,
)

# Characters XML 1.0 forbids outright (lxml refuses them): C0 controls other than tab, LF
# and CR, lone surrogates, and the non-characters U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_MEDIA_TYPE = re.compile(r"[\w.+-]+/[\w.+-]+")
_PLAIN_URL = re.compile(r"[!-~]+")  # printable ASCII, no spaces: the usual case, checked fast
_PLAIN_WEB_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[!-~]*)?\Z")

# Free text that may arrive with stray control characters (scraped articles, pasted titles).
_CHANNEL_TEXT = ("title", "description", "author", "owner_name", "category", "subcategory",
                 "copyright")  # fmt: skip
_ITEM_TEXT = ("guid", "title", "description", "content_html")

_Record = TypeVar("_Record", Channel, Item)


def xml_safe(text: str) -> str:
    """Drop only the characters XML cannot carry, so odd but legal text survives intact."""
    return _XML_ILLEGAL.sub("", text)


def build_feed(channel: Channel, items: Sequence[Item]) -> bytes:
    """Return the feed as pretty-printed UTF-8 RSS 2.0 bytes, newest episode first.

    The same inputs always give the same bytes: items are sorted by (published desc, guid)
    and lastBuildDate is the newest item's date. A feed without items gets feedgen's
    default lastBuildDate (now), as there is no date in the input to use.
    """
    channel = _cleaned(channel, _CHANNEL_TEXT)
    _check_channel(channel)
    cleaned = [_cleaned(item, _ITEM_TEXT) for item in items]
    seen: set[str] = set()
    for item in cleaned:
        _check_item(item)
        if item.guid in seen:
            raise FeedError(f"Two episodes share the guid {item.guid!r}; each needs its own.")
        seen.add(item.guid)
    # Two stable sorts: newest first, ties broken by guid, whatever order callers used.
    ordered = sorted(sorted(cleaned, key=lambda it: it.guid), key=_published, reverse=True)
    try:
        fg = _feed_generator(channel, ordered)
        return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    except ValueError as exc:  # feedgen's own checks, should ours ever miss one
        raise FeedError(f"Could not build the feed for {channel.title!r}: {exc}") from exc


def _feed_generator(channel: Channel, items: Sequence[Item]) -> FeedGenerator:
    """Load a FeedGenerator; order of calls matters where feedgen keeps the last value."""
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("presscast", PresscastExtension, atom=False)

    fg.title(channel.title)
    fg.description(channel.description)
    fg.language(channel.language)
    # RSS <link> is the href of the LAST link() call, and only the first rel=self is
    # written as atom:link, so: self first, then the site.
    fg.link(href=channel.feed_url, rel="self", type="application/rss+xml")
    fg.link(href=channel.site_url, rel="alternate")
    fg.image(url=channel.image_url, title=channel.title, link=channel.site_url)
    fg.generator("Presscast")
    if channel.copyright:
        fg.copyright(channel.copyright)
    if items:
        fg.lastBuildDate(items[0].published)

    fg.podcast.itunes_image(channel.image_url)
    fg.podcast.itunes_author(channel.author)
    category = {"cat": channel.category}
    if channel.subcategory:
        category["sub"] = channel.subcategory
    fg.podcast.itunes_category(category)
    fg.podcast.itunes_type(channel.show_type)
    if channel.new_feed_url:
        fg.podcast.itunes_new_feed_url(channel.new_feed_url)
    fg.presscast.explicit(channel.explicit)
    fg.presscast.owner(channel.owner_name, channel.owner_email)
    fg.presscast.podcast(
        guid=channel.podcast_guid,
        locked=channel.locked,
        owner_email=channel.owner_email,
        medium=channel.medium,
        ai_content=channel.ai_content,
        funding=[Funding(f.url, xml_safe(f.text)) for f in channel.funding],
        persons=[dataclasses.replace(p, name=xml_safe(p.name)) for p in channel.persons],
    )

    fg.presscast.items(items)  # written as feedgen writes entries, without its overhead
    return fg


def _published(item: Item) -> datetime:
    return item.published


def _cleaned(record: _Record, fields: tuple[str, ...]) -> _Record:
    """Copy of a frozen record with XML-illegal characters removed from its free text."""
    changes = {
        name: xml_safe(value)
        for name in fields
        if isinstance(value := getattr(record, name), str) and _XML_ILLEGAL.search(value)
    }
    return dataclasses.replace(record, **changes) if changes else record


def _check_channel(channel: Channel) -> None:
    for name in ("title", "description", "author", "owner_name", "category"):
        _check_text(getattr(channel, name), f"The show's {name}")
    if channel.subcategory is not None:
        _check_text(channel.subcategory, "The show's subcategory")
    for name in ("site_url", "feed_url", "image_url"):
        _check_url(getattr(channel, name), f"The show's {name}")
    if not channel.image_url.endswith((".jpg", ".png")):
        raise FeedError(
            f"The show's image_url must end in .jpg or .png (Apple Podcasts asks for it and "
            f"feedgen enforces it), got {channel.image_url!r}."
        )
    if not (isinstance(channel.language, str) and _LANGUAGE.fullmatch(channel.language)):
        raise FeedError(
            f"The show's language must be a language code such as 'en' or 'pt-BR', "
            f"got {channel.language!r}."
        )
    if channel.owner_email is not None and not (
        isinstance(channel.owner_email, str) and _EMAIL.fullmatch(channel.owner_email)
    ):
        raise FeedError(
            f"The show's owner_email must be an e-mail address (or None), "
            f"got {channel.owner_email!r}."
        )
    if not isinstance(channel.explicit, bool):
        raise FeedError(
            f"The show's explicit flag must be True or False, got {channel.explicit!r}."
        )
    _check_description(channel.description, "The show's description")
    if channel.show_type not in SHOW_TYPES:
        raise FeedError(
            f"The show's type must be 'episodic' or 'serial', got {channel.show_type!r}."
        )
    if channel.medium.removesuffix("L") not in MEDIUMS:
        raise FeedError(
            f"The show's medium must be one of {', '.join(MEDIUMS)}, got {channel.medium!r}."
        )
    if channel.podcast_guid is not None and not _is_uuid(channel.podcast_guid):
        raise FeedError(f"The show's podcast guid must be a UUID, got {channel.podcast_guid!r}.")
    if channel.new_feed_url is not None:
        _check_url(channel.new_feed_url, "The show's new_feed_url")
    for funding in channel.funding:
        _check_url(funding.url, "A funding link")
        _check_text(funding.text, "A funding link's text")
    for person in channel.persons:
        _check_person(person)


def _check_item(item: Item) -> None:
    _check_text(item.guid, "An episode's guid")
    where = f"Episode {item.guid!r}"
    _check_text(item.title, f"{where}: the title")
    if not isinstance(item.description, str):
        raise FeedError(f"{where}: the description must be text, got {item.description!r}.")
    published = item.published
    if not isinstance(published, datetime) or published.utcoffset() is None:
        raise FeedError(
            f"{where}: published must be a timezone-aware datetime "
            f"(e.g. datetime(..., tzinfo=timezone.utc)), got {published!r}."
        )
    _check_url(item.enclosure_url, f"{where}: enclosure_url")
    if item.link is not None:
        _check_url(item.link, f"{where}: link")
    if not _is_int(item.enclosure_length) or item.enclosure_length <= 0:
        raise FeedError(
            f"{where}: enclosure_length must be the audio file's exact size in bytes "
            f"(a positive whole number), got {item.enclosure_length!r}."
        )
    if not _is_int(item.duration_seconds) or item.duration_seconds < 0:
        raise FeedError(
            f"{where}: duration_seconds must be a whole number of seconds, 0 or more, "
            f"got {item.duration_seconds!r}."
        )
    if not (isinstance(item.enclosure_type, str) and _MEDIA_TYPE.fullmatch(item.enclosure_type)):
        raise FeedError(
            f"{where}: enclosure_type must be a media type such as 'audio/mpeg', "
            f"got {item.enclosure_type!r}."
        )
    _check_description(item.description, f"{where}: the description")
    for name in ("episode", "season"):
        number = getattr(item, name)
        if number is not None and not (_is_int(number) and number > 0):
            raise FeedError(f"{where}: {name} must be a whole number from 1, got {number!r}.")
    if item.episode_type is not None and item.episode_type not in EPISODE_TYPES:
        raise FeedError(
            f"{where}: episode_type must be one of {', '.join(EPISODE_TYPES)}, "
            f"got {item.episode_type!r}."
        )
    for transcript in item.transcripts:
        _check_url(transcript.url, f"{where}: a transcript url")
        if not _MEDIA_TYPE.fullmatch(transcript.type):
            raise FeedError(f"{where}: transcript type {transcript.type!r} is not a media type.")
    if item.chapters_url is not None:
        _check_url(item.chapters_url, f"{where}: chapters_url")


def _check_description(text: str, what: str) -> None:
    size = len(text.encode("utf-8"))
    if size > MAX_DESCRIPTION_BYTES:
        raise FeedError(
            f"{what} is {size} bytes; Apple Podcasts takes at most {MAX_DESCRIPTION_BYTES}."
        )


def _check_person(person: Person) -> None:
    _check_text(person.name, "A person's name")
    for name in ("href", "img"):
        if getattr(person, name) is not None:
            _check_url(getattr(person, name), f"{person.name}: {name}")


def _is_uuid(value: object) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def _check_text(value: object, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise FeedError(f"{what} must not be empty, got {value!r}.")


def _check_url(value: object, what: str) -> None:
    if isinstance(value, str) and _PLAIN_WEB_URL.match(value):
        return  # the usual case, without urlsplit's cost (6 URLs an episode)
    try:
        parts = urlsplit(value) if isinstance(value, str) else None
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.netloc
        # isprintable() is False for every whitespace but the plain space
        or not (_PLAIN_URL.fullmatch(value) or (value.isprintable() and " " not in value))
    ):
        raise FeedError(f"{what} must be an absolute http(s) URL, got {value!r}.")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
