"""The RSS feed, read back the way podcast apps read it: lxml, feedparser, podcastparser."""

from __future__ import annotations

import ast
import dataclasses
import io
import itertools
import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import podcastparser
import pytest
from lxml import etree

from feeds import Channel, FeedError, Item, build_feed
from feeds.model import podcast_guid
from feeds.rss import xml_safe

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
NS = {"itunes": ITUNES, "atom": ATOM}
SITE = "https://example.com/show/"
FEED_URL = "https://cdn.example.com/show/feed.xml"
T0 = datetime(2024, 3, 1, 8, 30, tzinfo=UTC)


def make_channel(**changes: object) -> Channel:
    channel = Channel(
        title="The Long Read",
        description="Articles, read aloud.",
        site_url=SITE,
        feed_url=FEED_URL,
        language="en",
        image_url="https://cdn.example.com/show/cover.jpg",
        author="Ada Writer",
        owner_name="Ada Writer",
        owner_email="ada@example.com",
        category="News",
        subcategory="Daily News",
    )
    return dataclasses.replace(channel, **changes)


def make_item(n: int, **changes: object) -> Item:
    item = Item(
        guid=f"presscast-{n:03d}",
        title=f"Episode {n}",
        description=f"What episode {n} is about.",
        published=T0 + timedelta(days=n),
        enclosure_url=f"https://cdn.example.com/show/ep{n}.mp3",
        enclosure_length=1_000_000 + n,
        duration_seconds=600 + n,
        link=f"https://example.com/articles/{n}",
    )
    return dataclasses.replace(item, **changes)


def parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


def channel_of(xml: bytes) -> etree._Element:
    return parse(xml).find("channel")


def item_guids(xml: bytes) -> list[str]:
    return [g.text for g in channel_of(xml).iterfind("item/guid")]


# --- structure, as XML --------------------------------------------------------------------


def test_declaration_root_and_namespaces() -> None:
    xml = build_feed(make_channel(), [make_item(1)])
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")
    assert b"\n  <channel>" in xml  # pretty-printed
    root = parse(xml)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    assert root.nsmap["itunes"] == ITUNES
    assert root.nsmap["atom"] == ATOM


def test_channel_tags() -> None:
    channel = make_channel()
    ch = channel_of(build_feed(channel, [make_item(1)]))
    assert ch.findtext("title") == channel.title
    assert ch.findtext("description") == channel.description
    assert ch.findtext("language") == "en"
    assert ch.findtext("generator") == "Presscast"
    self_links = ch.findall("atom:link", NS)
    assert len(self_links) == 1
    assert self_links[0].attrib == {
        "href": FEED_URL,
        "rel": "self",
        "type": "application/rss+xml",
    }
    assert ch.find("itunes:image", NS).get("href") == channel.image_url
    assert ch.findtext("image/url") == channel.image_url
    assert ch.findtext("image/link") == SITE
    assert ch.findtext("itunes:author", namespaces=NS) == "Ada Writer"
    assert ch.findtext("itunes:owner/itunes:name", namespaces=NS) == "Ada Writer"
    assert ch.findtext("itunes:owner/itunes:email", namespaces=NS) == "ada@example.com"
    categories = ch.findall("itunes:category", NS)
    assert [c.get("text") for c in categories] == ["News"]
    assert [c.get("text") for c in categories[0].findall("itunes:category", NS)] == ["Daily News"]
    assert ch.findtext("itunes:explicit", namespaces=NS) == "false"


def test_rss_link_is_the_site_not_the_feed() -> None:
    ch = channel_of(build_feed(make_channel(), [make_item(1)]))
    assert [link.text for link in ch.findall("link")] == [SITE]
    parsed = feedparser.parse(build_feed(make_channel(), [make_item(1)]))
    assert parsed.feed.link == SITE


def test_category_without_subcategory() -> None:
    ch = channel_of(build_feed(make_channel(subcategory=None), [make_item(1)]))
    (category,) = ch.findall("itunes:category", NS)
    assert category.get("text") == "News"
    assert len(category) == 0


def test_owner_without_email_keeps_the_name() -> None:
    ch = channel_of(build_feed(make_channel(owner_email=None), [make_item(1)]))
    owner = ch.find("itunes:owner", NS)
    assert owner.findtext("itunes:name", namespaces=NS) == "Ada Writer"
    assert owner.find("itunes:email", NS) is None


def test_item_tags() -> None:
    item = make_item(7)
    (el,) = channel_of(build_feed(make_channel(), [item])).findall("item")
    assert el.findtext("title") == "Episode 7"
    assert el.findtext("description") == item.description
    assert el.findtext("link") == item.link
    guid = el.find("guid")
    assert guid.text == item.guid
    assert guid.get("isPermaLink") == "false"
    assert el.findtext("pubDate") == "Fri, 08 Mar 2024 08:30:00 +0000"
    assert parsedate_to_datetime(el.findtext("pubDate")) == item.published
    assert el.find("enclosure").attrib == {
        "url": item.enclosure_url,
        "length": "1000007",
        "type": "audio/mpeg",
    }
    assert el.findtext("itunes:duration", namespaces=NS) == "607"


def test_item_without_link_has_no_link() -> None:
    (el,) = channel_of(build_feed(make_channel(), [make_item(1, link=None)])).findall("item")
    assert el.find("link") is None


def test_last_build_date_is_the_newest_episode() -> None:
    items = [make_item(n) for n in (2, 9, 4)]
    ch = channel_of(build_feed(make_channel(), items))
    assert parsedate_to_datetime(ch.findtext("lastBuildDate")) == make_item(9).published


def test_a_show_without_episodes_is_still_a_valid_feed() -> None:
    xml = build_feed(make_channel(), [])
    assert channel_of(xml).findall("item") == []
    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0
    assert parsed.entries == []


# --- read by podcast clients ---------------------------------------------------------------


def test_feedparser_reads_every_episode() -> None:
    items = [make_item(n) for n in range(1, 4)]
    parsed = feedparser.parse(build_feed(make_channel(), items))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.title == "The Long Read"
    assert parsed.feed.image.href == "https://cdn.example.com/show/cover.jpg"
    assert [e.id for e in parsed.entries] == ["presscast-003", "presscast-002", "presscast-001"]
    for entry in parsed.entries:
        n = int(entry.id[-3:])
        (enclosure,) = entry.enclosures
        assert enclosure.href == f"https://cdn.example.com/show/ep{n}.mp3"
        assert enclosure.length == str(1_000_000 + n)
        assert enclosure.type == "audio/mpeg"
        assert entry.itunes_duration == str(600 + n)
        assert entry.link == f"https://example.com/articles/{n}"
        assert entry.guidislink is False


def test_podcastparser_reads_every_episode() -> None:
    items = [make_item(n) for n in range(1, 4)]
    show = podcastparser.parse(FEED_URL, io.BytesIO(build_feed(make_channel(), items)))
    assert show["title"] == "The Long Read"
    assert show["link"] == SITE
    assert show["cover_url"] == "https://cdn.example.com/show/cover.jpg"
    assert show["explicit"] is False
    assert len(show["episodes"]) == 3
    by_guid = {e["guid"]: e for e in show["episodes"]}
    for item in items:
        episode = by_guid[item.guid]
        assert episode["title"] == item.title
        assert episode["total_time"] == item.duration_seconds
        assert episode["published"] == int(item.published.timestamp())
        assert episode["link"] == item.link
        assert episode["enclosures"] == [
            {
                "url": item.enclosure_url,
                "file_size": item.enclosure_length,
                "mime_type": "audio/mpeg",
            }
        ]


@pytest.mark.parametrize("explicit", [True, False])
def test_explicit_true_and_false(explicit: bool) -> None:
    xml = build_feed(make_channel(explicit=explicit), [make_item(1)])
    word = "true" if explicit else "false"
    assert channel_of(xml).findtext("itunes:explicit", namespaces=NS) == word
    show = podcastparser.parse(FEED_URL, io.BytesIO(xml))
    assert show["explicit"] is explicit
    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0
    # feedparser 6.0.x only knows the legacy "yes"/"clean" and reports true/false as None
    # (kurtmckee/feedparser#524, fixed by #567); it must never report the opposite.
    assert parsed.feed.get("itunes_explicit", None) in (explicit, None)


# --- ordering and determinism --------------------------------------------------------------


@pytest.mark.parametrize("order", list(itertools.permutations([1, 2, 3])))
def test_items_newest_first_whatever_the_input_order(order: tuple[int, ...]) -> None:
    xml = build_feed(make_channel(), [make_item(n) for n in order])
    assert item_guids(xml) == ["presscast-003", "presscast-002", "presscast-001"]
    assert [e.id for e in feedparser.parse(xml).entries] == item_guids(xml)


def test_ties_are_broken_by_guid() -> None:
    same_time = [make_item(n, published=T0) for n in (3, 1, 2)]
    assert item_guids(build_feed(make_channel(), same_time)) == [
        "presscast-001",
        "presscast-002",
        "presscast-003",
    ]


def test_ordering_compares_instants_across_time_zones() -> None:
    plus_two = timezone(timedelta(hours=2))
    earlier = make_item(1, published=datetime(2024, 5, 1, 10, 0, tzinfo=plus_two))  # 08:00Z
    later = make_item(2, published=datetime(2024, 5, 1, 9, 0, tzinfo=UTC))
    xml = build_feed(make_channel(), [earlier, later])
    assert item_guids(xml) == ["presscast-002", "presscast-001"]
    pub_dates = [el.text for el in channel_of(xml).iterfind("item/pubDate")]
    assert pub_dates[1] == "Wed, 01 May 2024 10:00:00 +0200"


def test_same_inputs_give_the_same_bytes() -> None:
    items = [make_item(n) for n in range(5)]
    first = build_feed(make_channel(), items)
    assert build_feed(make_channel(), items) == first
    assert build_feed(make_channel(), list(reversed(items))) == first


# --- text ---------------------------------------------------------------------------------


ODD = "Fish & Chips <b>bold</b> \"quoted\" 'single' 🎙️🇺🇦 שלום עולם مرحبا بالعالم"


def test_odd_characters_survive() -> None:
    channel = make_channel(title=ODD, description=ODD, author=ODD, owner_name=ODD)
    item = make_item(1, title=ODD, description=ODD, guid="guid&<\"'🎙")
    xml = build_feed(channel, [item])
    ch = channel_of(xml)
    assert ch.findtext("title") == ODD
    assert ch.findtext("description") == ODD
    assert ch.findtext("itunes:author", namespaces=NS) == ODD
    assert ch.findtext("itunes:owner/itunes:name", namespaces=NS) == ODD
    assert ch.findtext("item/title") == ODD
    assert ch.findtext("item/description") == ODD
    assert ch.findtext("item/guid") == "guid&<\"'🎙"

    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0
    assert parsed.feed.title == ODD
    assert parsed.entries[0].title == ODD
    show = podcastparser.parse(FEED_URL, io.BytesIO(xml))
    assert show["title"] == ODD
    assert show["episodes"][0]["title"] == ODD


def test_xml_illegal_control_characters_are_removed() -> None:
    dirty = "Bell\x07 and\x00 nul\x1b, form\x0cfeed\ufffe, kept\ttab\nnewline"
    clean = "Bell and nul, formfeed, kept\ttab\nnewline"
    channel = make_channel(title=dirty, description=dirty)
    xml = build_feed(channel, [make_item(1, title=dirty, description=dirty)])
    ch = channel_of(xml)
    assert ch.findtext("title") == clean
    assert ch.findtext("description") == clean
    assert ch.findtext("item/title") == clean
    assert ch.findtext("item/description") == clean
    assert feedparser.parse(xml).bozo == 0


def test_xml_safe_keeps_everything_legal() -> None:
    legal = ODD + "\t\n\r\x7f\u0085\ud7ff\ue000\ufffd\U0001f600"
    assert xml_safe(legal) == legal
    assert xml_safe("a\x00b\x08c\x0bd\x1fe\ud800f\uffff") == "abcdef"


# --- refusals -----------------------------------------------------------------------------

naive = datetime(2024, 3, 1, 8, 30)


@pytest.mark.parametrize(
    ("channel_changes", "item_changes", "message"),
    [
        ({"title": ""}, {}, "title must not be empty"),
        ({"title": "   "}, {}, "title must not be empty"),
        ({"title": "\x00\x01"}, {}, "title must not be empty"),
        ({"description": ""}, {}, "description must not be empty"),
        ({"site_url": "example.com"}, {}, "site_url must be an absolute http(s) URL"),
        ({"feed_url": "ftp://example.com/feed.xml"}, {}, "feed_url must be an absolute http"),
        ({"image_url": "file:///tmp/cover.jpg"}, {}, "image_url must be an absolute http"),
        ({"image_url": "https://example.com/cover.gif"}, {}, "must end in .jpg or .png"),
        ({"language": "English"}, {}, "language must be a language code"),
        ({"owner_email": "nobody"}, {}, "owner_email must be an e-mail address"),
        ({"category": ""}, {}, "category must not be empty"),
        ({}, {"title": ""}, "title must not be empty"),
        ({}, {"guid": ""}, "guid must not be empty"),
        ({}, {"enclosure_url": "ftp://example.com/a.mp3"}, "enclosure_url must be an absolute"),
        ({}, {"enclosure_url": "https://example.com/a b.mp3"}, "enclosure_url must be an abs"),
        ({}, {"link": "javascript:alert(1)"}, "link must be an absolute http(s) URL"),
        ({}, {"enclosure_length": -1}, "enclosure_length must be the audio file's exact size"),
        ({}, {"enclosure_length": 0}, "enclosure_length must be the audio file's exact size"),
        ({}, {"duration_seconds": -5}, "duration_seconds must be a whole number"),
        ({}, {"duration_seconds": 12.5}, "duration_seconds must be a whole number"),
        ({}, {"published": naive}, "published must be a timezone-aware datetime"),
        ({}, {"enclosure_type": "mp3"}, "enclosure_type must be a media type"),
    ],
)
def test_bad_input_raises_feed_error(
    channel_changes: dict[str, object], item_changes: dict[str, object], message: str
) -> None:
    with pytest.raises(FeedError, match=re.escape(message)):
        build_feed(make_channel(**channel_changes), [make_item(1, **item_changes)])


def test_item_errors_name_the_episode() -> None:
    with pytest.raises(FeedError, match="Episode 'presscast-004'"):
        build_feed(make_channel(), [make_item(4, enclosure_length=-1)])


def test_duplicate_guids_are_refused() -> None:
    with pytest.raises(FeedError, match="share the guid 'same'"):
        build_feed(make_channel(), [make_item(1, guid="same"), make_item(2, guid="same")])


# --- the package boundary -----------------------------------------------------------------


def test_feeds_imports_nothing_from_audio_or_episodes() -> None:
    package = Path(__file__).resolve().parent.parent / "feeds"
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in {"audio", "episodes"}, f"{path.name}: {name}"


@pytest.mark.parametrize(
    ("feed_url", "guid"),
    [  # the Podcasting 2.0 spec's own example, and its rule on scheme and trailing slashes
        ("https://mp3s.nashownotes.com/pc20rss.xml", "917393e3-1b1e-5cef-ace4-edaa54e1f810"),
        ("podnews.net/rss////", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
        ("http://podnews.net/rss/", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
    ],
)
def test_podcast_guid_follows_the_spec(feed_url: str, guid: str) -> None:
    assert podcast_guid(feed_url) == guid
