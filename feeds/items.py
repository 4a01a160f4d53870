"""The feed's <item> elements, written straight into the channel with lxml.

feedgen's FeedEntry keeps each episode as dictionaries it checks again on every call
(links, enclosures) and dispatches to its extensions per item; for a show of thousands
of episodes that bookkeeping is most of the feed's cost. These are the elements
feedgen's `rss_entry` and its podcast extension write for the same calls, in the same
order, with the same text and attributes, so the feed's bytes are what feedgen gives.
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from feeds.model import CHAPTERS_TYPE, CONTENT_NS, EPISODE_TYPES, ITUNES_NS, PODCAST_NS, Item

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CONTENT = f"{{{CONTENT_NS}}}encoded"
_DURATION = f"{{{ITUNES_NS}}}duration"
_SEASON = f"{{{ITUNES_NS}}}season"
_EPISODE = f"{{{ITUNES_NS}}}episode"
_EPISODE_TYPE = f"{{{ITUNES_NS}}}episodeType"
_TRANSCRIPT = f"{{{PODCAST_NS}}}transcript"
_CHAPTERS = f"{{{PODCAST_NS}}}chapters"

_sub = etree.SubElement


def rfc2822(when: datetime) -> str:
    """A date as RSS writes it, "Wed, 15 Jun 2019 19:00:00 +0000", whatever the locale.

    feedgen's formatRFC2822 switches the process to the C locale around strftime; the
    English names here need no switch, and the other fields do not depend on it.
    """
    names = f"{_DAYS[when.weekday()]}, %d {_MONTHS[when.month - 1]} %Y %H:%M:%S %z"
    return when.strftime(names)


def write_item(channel: etree._Element, item: Item) -> None:
    """Append `item` to `channel` as feedgen would (with itunes and podcast tags)."""
    element = _sub(channel, "item")
    _sub(element, "title").text = item.title
    if item.link:
        _sub(element, "link").text = item.link
    if item.description:
        _sub(element, "description").text = item.description
        if item.content_html:
            _sub(element, _CONTENT).text = item.content_html
    elif item.content_html:  # feedgen's RSS puts content alone in <description>
        _sub(element, "description").text = item.content_html
    guid = _sub(element, "guid")
    guid.text = item.guid
    guid.set("isPermaLink", "false")
    _sub(
        element,
        "enclosure",
        url=item.enclosure_url,
        length=str(item.enclosure_length),
        type=item.enclosure_type,
    )
    _sub(element, "pubDate").text = rfc2822(item.published)
    _sub(element, _DURATION).text = str(item.duration_seconds)
    if item.season:
        _sub(element, _SEASON).text = str(item.season)
    if item.episode:
        _sub(element, _EPISODE).text = str(item.episode)
    if item.episode_type in EPISODE_TYPES:
        _sub(element, _EPISODE_TYPE).text = item.episode_type
    for t in item.transcripts:
        transcript = _sub(element, _TRANSCRIPT, url=t.url, type=t.type)
        if t.language:
            transcript.set("language", t.language)
        if t.rel:
            transcript.set("rel", t.rel)
    if item.chapters_url:
        _sub(element, _CHAPTERS, url=item.chapters_url, type=CHAPTERS_TYPE)
