"""The feed validator: one small feed per rule, real files on disk, and feedgen's output.

Every case starts from a minimal valid feed (which gives no findings at all) and breaks
one thing, so each rule is shown to fire on its own and the clean feed shows it does not
fire by accident.
"""

from __future__ import annotations

import dataclasses
import json
import os
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from PIL import Image

from feeds import Channel, Item, build_feed
from feeds.art import art_problems
from feeds.categories import CATEGORIES, category_problem
from feeds.model import Funding, Person, Transcript, podcast_guid
from feeds.validate import RULES, Finding, LocalFiles, has_errors, validate_feed

BASE = "https://example.com/pod/"
FEED_URL = BASE + "feed.xml"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"

ITEM = """<item>
<title>First Light</title>
<description>The first episode.</description>
<guid isPermaLink="false">ep-1</guid>
<pubDate>Mon, 06 Jan 2025 07:00:00 +0000</pubDate>
<enclosure url="https://example.com/pod/episodes/one.mp3" length="1000" type="audio/mpeg"/>
<itunes:duration>61</itunes:duration>
<itunes:episode>1</itunes:episode>
<itunes:explicit>false</itunes:explicit>
<podcast:transcript url="https://example.com/pod/episodes/one.vtt" type="text/vtt"/>
<podcast:chapters url="https://example.com/pod/episodes/one.chapters.json" \
type="application/json+chapters"/>
</item>"""

FEED = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
 xmlns:podcast="{PODCAST_NS}" xmlns:atom="http://www.w3.org/2005/Atom"
 xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Test Show</title>
<link>https://example.com/</link>
<description>A show for tests.</description>
<language>en</language>
<copyright>© 2025 Test Desk</copyright>
<atom:link href="{FEED_URL}" rel="self" type="application/rss+xml"/>
<itunes:image href="https://example.com/pod/cover.jpg"/>
<itunes:category text="News"><itunes:category text="Daily News"/></itunes:category>
<itunes:explicit>false</itunes:explicit>
<itunes:author>Test Desk</itunes:author>
<itunes:owner><itunes:name>Test Desk</itunes:name><itunes:email>desk@example.com</itunes:email>\
</itunes:owner>
<itunes:type>episodic</itunes:type>
<podcast:guid>{podcast_guid(FEED_URL)}</podcast:guid>
<podcast:locked owner="desk@example.com">no</podcast:locked>
<podcast:medium>podcast</podcast:medium>
<podcast:txt purpose="ai-content">true</podcast:txt>
<podcast:funding url="https://example.com/support">Support the show</podcast:funding>
<podcast:person role="host">Ada Writer</podcast:person>
{ITEM}
</channel>
</rss>
"""

Edit = tuple[str, str]


def feed(*edits: Edit) -> bytes:
    """The minimal valid feed with each (old, new) replaced once; old must be there."""
    text = FEED
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text.encode("utf-8")


def in_item(tag: str) -> Edit:
    """Add `tag` at the end of the item."""
    return ("</item>", f"{tag}\n</item>")


def in_channel(tag: str) -> Edit:
    """Add `tag` to the channel, before the item."""
    return ("<item>", f"{tag}\n<item>")


def second_item(*edits: Edit) -> Edit:
    """Add a second, valid item (changed by `edits`) after the first."""
    item = ITEM.replace("ep-1", "ep-2").replace("one.", "two.").replace("First", "Second")
    for old, new in edits:
        assert old in item, old
        item = item.replace(old, new, 1)
    return ("</item>", f"</item>\n{item}")


def rules(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.rule, f.severity) for f in findings}


def test_the_minimal_feed_is_clean() -> None:
    assert validate_feed(feed()) == []


FUTURE = format_datetime(datetime.now(UTC) + timedelta(days=3))

# (rule, severity, edits): each breaks exactly that rule in the minimal feed.
CASES: list[tuple[str, str, tuple[Edit, ...]]] = [
    # RSS 2.0
    ("rss.version", "error", (('version="2.0"', 'version="0.91"'),)),
    ("rss.channel", "error", (("</channel>", "</channel><channel><title>B</title></channel>"),)),
    ("rss.title", "error", (("<title>Test Show</title>", "<title> </title>"),)),
    ("rss.description", "error", (("<description>A show for tests.</description>", ""),)),
    ("rss.link", "error", (("<link>https://example.com/</link>", ""),)),
    ("rss.link-url", "warning", (("<link>https://example.com/</link>", "<link>example</link>"),)),
    ("rss.atom-self", "warning", ((f'<atom:link href="{FEED_URL}"', '<atom:link href="feed"'),)),
    ("rss.pubdate", "error", (("Mon, 06 Jan 2025 07:00:00 +0000", "6th of January"),)),
    (
        "rss.pubdate",
        "error",
        (("Mon, 06 Jan 2025 07:00:00 +0000", "Mon, 31 Feb 2025 07:00:00 GMT"),),
    ),
    ("rss.guid-permalink", "warning", (('<guid isPermaLink="false">', "<guid>"),)),
    ("rss.item-link", "warning", (in_item("<link>/episodes/one</link>"),)),
    ("feed.duplicate-guid", "error", (second_item(("ep-2", "ep-1")),)),
    # Apple Podcasts: the show
    (
        "apple.namespace",
        "error",
        (("<rss ", '<rss xmlns:it="http://www.itunes.com/DTDs/Podcast-1.0.dtd" '),),
    ),
    (
        "apple.description-length",
        "error",
        (("A show for tests.", "€" * 1334),),
    ),  # 1334 characters, 4002 bytes
    ("apple.language", "error", (("<language>en</language>", ""),)),
    (
        "apple.language-code",
        "error",
        (("<language>en</language>", "<language>english</language>"),),
    ),
    ("apple.language-code", "error", (("<language>en</language>", "<language>xx-yy</language>"),)),
    ("apple.image", "error", (('<itunes:image href="https://example.com/pod/cover.jpg"/>', ""),)),
    (
        "apple.image-url",
        "error",
        (('href="https://example.com/pod/cover.jpg"', 'href="cover.jpg"'),),
    ),
    ("apple.image-extension", "error", (("pod/cover.jpg", "pod/cover.gif"),)),
    (
        "apple.category",
        "error",
        (
            (
                '<itunes:category text="News"><itunes:category text="Daily News"/>'
                "</itunes:category>",
                "",
            ),
        ),
    ),
    ("apple.category-unknown", "error", (('text="News"', 'text="news"'),)),
    ("apple.category-unknown", "error", (('text="Daily News"', 'text="Politic"'),)),
    ("apple.extra-category", "warning", (in_channel('<itunes:category text="Newz"/>'),)),
    (
        "apple.explicit",
        "error",
        (("<itunes:explicit>false</itunes:explicit>", "<itunes:explicit>maybe</itunes:explicit>"),),
    ),
    ("apple.explicit", "error", (("<itunes:explicit>false</itunes:explicit>", ""),)),
    (
        "apple.explicit-legacy",
        "warning",
        (("<itunes:explicit>false</itunes:explicit>", "<itunes:explicit>no</itunes:explicit>"),),
    ),
    ("apple.author", "warning", (("<itunes:author>Test Desk</itunes:author>", ""),)),
    ("apple.copyright", "warning", (("<copyright>© 2025 Test Desk</copyright>", ""),)),
    ("apple.type", "error", (("<itunes:type>episodic", "<itunes:type>seasonal"),)),
    (
        "apple.new-feed-url",
        "error",
        (in_channel("<itunes:new-feed-url>new.xml</itunes:new-feed-url>"),),
    ),
    ("apple.no-episodes", "warning", ((ITEM, ""),)),
    # Apple Podcasts: episodes
    ("apple.item-title", "error", (("<title>First Light</title>", ""),)),
    (
        "apple.enclosure",
        "error",
        (
            (
                '<enclosure url="https://example.com/pod/episodes/one.mp3" length="1000" '
                'type="audio/mpeg"/>',
                "",
            ),
        ),
    ),
    (
        "apple.enclosure-url",
        "error",
        (('url="https://example.com/pod/episodes/one.mp3"', 'url="one.mp3"'),),
    ),
    ("apple.enclosure-type", "warning", (('type="audio/mpeg"', 'type="audio/ogg"'),)),
    ("feed.duplicate-enclosure", "error", (second_item(("two.mp3", "one.mp3")),)),
    ("apple.guid", "warning", (('<guid isPermaLink="false">ep-1</guid>', ""),)),
    (
        "apple.pubdate-missing",
        "warning",
        (("<pubDate>Mon, 06 Jan 2025 07:00:00 +0000</pubDate>", ""),),
    ),
    ("apple.pubdate-future", "warning", (("Mon, 06 Jan 2025 07:00:00 +0000", FUTURE),)),
    ("apple.duration", "warning", (("<itunes:duration>61", "<itunes:duration>1h 1s"),)),
    ("apple.duration", "warning", (("<itunes:duration>61", "<itunes:duration>1:75"),)),
    ("apple.episode", "error", (("<itunes:episode>1", "<itunes:episode>0"),)),
    ("apple.season", "error", (in_item("<itunes:season>two</itunes:season>"),)),
    ("apple.episode-type", "error", (in_item("<itunes:episodeType>teaser</itunes:episodeType>"),)),
    ("apple.item-description-length", "warning", (("The first episode.", "€" * 1334),)),
    (
        "apple.item-description-length",
        "warning",
        (in_item(f"<content:encoded><![CDATA[<p>{'x' * 4001}</p>]]></content:encoded>"),),
    ),
    (
        "apple.explicit",
        "error",
        (
            (
                "<itunes:explicit>false</itunes:explicit>\n<podcast",
                "<itunes:explicit>sometimes</itunes:explicit>\n<podcast",
            ),
        ),
    ),
    (
        "apple.serial-episode",
        "warning",
        (
            ("<itunes:type>episodic", "<itunes:type>serial"),
            ("<itunes:episode>1</itunes:episode>", ""),
        ),
    ),
    (
        "apple.item-image",
        "warning",
        (in_item('<itunes:image href="https://example.com/pod/e.gif"/>'),),
    ),
    # Spotify
    ("spotify.owner-email", "warning", (("<itunes:email>desk@example.com</itunes:email>", ""),)),
    ("spotify.owner-email", "warning", (("<itunes:email>desk@example.com", "<itunes:email>desk"),)),
    ("spotify.enclosure-length", "error", (('length="1000"', 'length="0"'),)),
    ("spotify.enclosure-length", "error", (('length="1000"', 'length="12.5"'),)),
    ("spotify.enclosure-length", "error", ((' length="1000"', ""),)),
    ("spotify.enclosure-length", "error", (('length="1000"', f'length="{"9" * 5000}"'),)),
    ("spotify.enclosure-type", "error", (('type="audio/mpeg"', 'type="text/html"'),)),
    ("spotify.enclosure-type", "error", ((' type="audio/mpeg"', ""),)),
    # Podcasting 2.0
    (
        "podcast.namespace",
        "error",
        (("<rss ", '<rss xmlns:pi="https://podcastindex.org/namespace/1.0/" '),),
    ),
    (
        "podcast.https",
        "error",
        (('url="https://example.com/support"', 'url="http://example.com/support"'),),
    ),
    (
        "podcast.https",
        "error",
        (("https://example.com/pod/episodes/one.vtt", "http://example.com/pod/episodes/one.vtt"),),
    ),
    (
        "podcast.https",
        "error",
        (
            (
                '<podcast:person role="host">',
                '<podcast:person role="host" img="http://example.com/ada.jpg">',
            ),
        ),
    ),
    ("podcast.url", "error", (('url="https://example.com/support"', 'url="/support"'),)),
    (
        "podcast.guid",
        "error",
        ((f"<podcast:guid>{podcast_guid(FEED_URL)}", "<podcast:guid>show-1"),),
    ),
    ("podcast.guid-seed", "warning", ((podcast_guid(FEED_URL), str(uuid.uuid4())),)),
    ("podcast.locked", "error", (('">no</podcast:locked>', '">true</podcast:locked>'),)),
    ("podcast.medium", "error", (("<podcast:medium>podcast", "<podcast:medium>radio"),)),
    ("podcast.txt", "warning", ((">true</podcast:txt>", f">{'t' * 4001}</podcast:txt>"),)),
    ("podcast.funding", "error", ((' url="https://example.com/support"', ""),)),
    ("podcast.person", "error", ((">Ada Writer</podcast:person>", "></podcast:person>"),)),
    (
        "podcast.text-length",
        "warning",
        ((">Ada Writer</podcast:person>", f">{'A' * 129}</podcast:person>"),),
    ),
    ("podcast.transcript", "error", ((' type="text/vtt"', ""),)),
    ("podcast.transcript-type", "warning", (('type="text/vtt"', 'type="text/x-captions"'),)),
    ("podcast.chapters", "error", ((' type="application/json+chapters"', ""),)),
    (
        "podcast.chapters-type",
        "warning",
        (('type="application/json+chapters"', 'type="text/plain"'),),
    ),
    ("podcast.season", "error", (in_item("<podcast:season>two</podcast:season>"),)),
    ("podcast.episode", "error", (in_item("<podcast:episode>3a</podcast:episode>"),)),
]

# Rules that only files on disk (or a broken document) can break; tested further down.
ELSEWHERE = {
    "rss.xml",
    "rss.root",
    "rss.enclosure-file",
    "rss.enclosure-size",
    "apple.image-file",
    "apple.art",
    "podcast.transcript-file",
    "podcast.chapters-file",
    "podcast.chapters-title",
}


@pytest.mark.parametrize(("rule", "severity", "edits"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_fires_alone(rule: str, severity: str, edits: tuple[Edit, ...]) -> None:
    findings = validate_feed(feed(*edits))
    assert rules(findings) == {(rule, severity)}, [f.line() for f in findings]
    assert all(f.source == RULES[rule][1] for f in findings)


def test_every_rule_has_a_case() -> None:
    covered = {rule for rule, _, _ in CASES} | ELSEWHERE
    assert covered == set(RULES)
    assert all(RULES[rule][0] == severity for rule, severity, _ in CASES)


def test_the_podcast_namespace_alias_and_list_mediums_are_accepted() -> None:
    alias = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
    assert validate_feed(feed((PODCAST_NS, alias))) == []
    assert validate_feed(feed(("<podcast:medium>podcast", "<podcast:medium>podcastL"))) == []


def test_lenient_but_valid_values_pass() -> None:
    """Forms the specs allow: durations, dates without weekday, region codes, zones."""
    edits = [
        ("<itunes:duration>61", "<itunes:duration>01:02:03"),
        ("Mon, 06 Jan 2025 07:00:00 +0000", "6 Jan 2025 07:00 EST"),
        ("Mon, 06 Jan 2025 07:00:00 +0000", "Monday, 6 Jan 2025 07:00:00"),  # no zone: UTC
        ("<language>en</language>", "<language>pt-BR</language>"),
        ('type="audio/mpeg"', 'type="audio/x-m4a"'),
        ('type="text/vtt"', 'type="application/x-subrip"'),
    ]
    for edit in edits:
        assert validate_feed(feed(edit)) == [], edit


def test_a_finding_reads_as_one_line_and_as_a_dict() -> None:
    findings = validate_feed(
        feed(
            ("<itunes:explicit>false</itunes:explicit>", "<itunes:explicit>maybe</itunes:explicit>")
        )
    )
    assert [f.line() for f in findings] == [
        'error apple.explicit (Apple Podcasts) channel: itunes:explicit must be "true" or '
        '"false", got "maybe"'
    ]
    assert findings[0].as_dict() == {
        "severity": "error",
        "rule": "apple.explicit",
        "source": "Apple Podcasts",
        "where": "channel",
        "message": 'itunes:explicit must be "true" or "false", got "maybe"',
    }
    assert has_errors(findings) and not has_errors([])


def test_item_findings_name_the_item_and_the_other_one() -> None:
    findings = validate_feed(feed(second_item(("ep-2", "ep-1"))))
    assert findings[0].where == 'item 2 "Second Light"'
    assert "item 1" in findings[0].message


@pytest.mark.parametrize(
    "data",
    [
        b"<rss version='2.0'><channel><title>Cut off",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"",
        "<rss version='2.0'><channel><title>Caf\xe9</title></channel></rss>".encode("latin-1"),
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>&nbsp;</title></channel></rss>",
    ],
    ids=["truncated", "png", "empty", "bad-utf8", "undefined-entity"],
)
def test_broken_documents_are_a_finding_not_an_exception(data: bytes) -> None:
    findings = validate_feed(data)
    assert [(f.rule, f.severity, f.where) for f in findings] == [("rss.xml", "error", "feed")]
    assert "\n" not in findings[0].line()


def test_other_documents_are_not_podcast_feeds() -> None:
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title></feed>'
    assert rules(validate_feed(atom)) == {("rss.root", "error")}
    assert "Atom" in validate_feed(atom)[0].message
    assert rules(validate_feed(b"<html><body>hi</body></html>")) == {("rss.root", "error")}


def test_entities_are_not_expanded() -> None:
    """A billion-laughs document is read without expanding it (and without raising)."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title>'
        b"</channel></rss>"
    )
    findings = validate_feed(laughs)
    assert ("rss.title", "error") in rules(findings)  # the entity stayed an entity


# -- a feed made by Presscast's own builder (feedgen) --------------------------------


def test_a_feed_built_by_feedgen_has_no_findings() -> None:
    channel = Channel(
        title="The Harbour Courier",
        description="Local news from the harbour town.",
        site_url="https://example.com/",
        feed_url=FEED_URL,
        language="en",
        image_url=BASE + "cover.jpg",
        author="Courier Desk",
        owner_name="Courier Desk",
        owner_email="desk@example.com",
        category="News",
        subcategory="Daily News",
        copyright="© 2025 Courier Desk",
        show_type="serial",
        podcast_guid=podcast_guid(FEED_URL),
        funding=(Funding("https://example.com/support", "Support the Courier"),),
        persons=(Person("Ada Writer", href="https://example.com/ada"),),
    )
    items = [
        Item(
            guid=f"ep-{n}",
            title=f"Harbour Notes {n}",
            description="Fish was cheap this week.",
            content_html="<p>Fish was <b>cheap</b> this week.</p>",
            published=datetime(2025, 1, n, 7, tzinfo=UTC),
            enclosure_url=f"{BASE}episodes/{n}.mp3",
            enclosure_length=48_000 + n,
            duration_seconds=61 + n,
            link=f"https://news.example.com/{n}",
            episode=n,
            season=1,
            episode_type="full",
            transcripts=(
                Transcript(f"{BASE}episodes/{n}.vtt", "text/vtt", "en", "captions"),
                Transcript(f"{BASE}episodes/{n}.srt", "application/x-subrip", "en", "captions"),
                Transcript(f"{BASE}episodes/{n}.json", "application/json", "en"),
            ),
            chapters_url=f"{BASE}episodes/{n}.chapters.json",
        )
        for n in (1, 2, 3)
    ]
    data = build_feed(channel, items)
    assert validate_feed(data) == []
    # The same feed without the optional tags still has no errors, only advice.
    bare = dataclasses.replace(channel, copyright=None, owner_email=None)
    findings = validate_feed(build_feed(bare, items[:1]))
    assert not has_errors(findings)
    assert {f.rule for f in findings} == {"apple.copyright", "spotify.owner-email"}


# -- files on disk -------------------------------------------------------------------

VTT = "WEBVTT\n\n00:00:00.300 --> 00:00:01.400\nFirst light.\n"
SRT = "1\n00:00:00,300 --> 00:00:01,400\nFirst light.\n\n2\n00:00:01,600 --> 00:00:02,800\nAgain.\n"
TRANSCRIPT_JSON = '{"version": "1.0.0", "segments": [{"startTime": 0.3, "body": "First."}]}'
CHAPTERS = {
    "version": "1.2.0",
    "chapters": [{"startTime": 0, "title": "Intro"}, {"startTime": 1.5, "title": "News"}],
}


def save_image(
    path: Path, mode: str = "RGB", size: tuple[int, int] = (1400, 1400), **kw: str
) -> Path:
    Image.new(mode, size, "red" if mode != "1" else 1).save(path, **kw)
    return path


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The folder behind BASE with every file the minimal feed points at, all correct."""
    root = tmp_path / "public"
    (root / "episodes").mkdir(parents=True)
    save_image(root / "cover.jpg")
    (root / "episodes" / "one.mp3").write_bytes(b"\xff\xfb" + bytes(998))
    (root / "episodes" / "one.vtt").write_text(VTT, encoding="utf-8")
    (root / "episodes" / "one.chapters.json").write_text(json.dumps(CHAPTERS), encoding="utf-8")
    return root


def check(root: Path, *edits: Edit) -> list[Finding]:
    return validate_feed(feed(*edits), LocalFiles(BASE, root))


def test_correct_files_on_disk_give_no_findings(site: Path) -> None:
    assert check(site) == []


def test_files_are_not_checked_without_local_files(tmp_path: Path) -> None:
    assert validate_feed(feed(), None) == []
    assert check(tmp_path / "nothing-here") != []


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("cover.png", lambda p: save_image(p), None),
        (
            "cover.jpg",
            lambda p: save_image(p, size=(600, 600)),
            "600x600 px; Apple Podcasts needs 1400 to 3000 px square",
        ),
        ("cover.jpg", lambda p: save_image(p, size=(3200, 3200)), "3200x3200 px"),
        ("cover.jpg", lambda p: save_image(p, size=(1600, 1400)), "1600x1400 px is not square"),
        ("cover.png", lambda p: save_image(p, "RGBA"), "alpha channel"),
        ("cover.jpg", lambda p: save_image(p, "CMYK"), "CMYK colour space"),
        ("cover.jpg", lambda p: save_image(p, format="PNG"), "a PNG file named .jpg"),
        ("cover.jpg", lambda p: p.write_bytes(b"not an image"), "not an image"),
    ],
    ids=[
        "good-png",
        "too-small",
        "too-big",
        "not-square",
        "rgba-png",
        "cmyk-jpeg",
        "png-named-jpg",
        "junk",
    ],
)
def test_cover_art_is_read_from_the_image(
    site: Path, name: str, make: Callable[[Path], object], expected: str | None
) -> None:
    (site / "cover.jpg").unlink()
    make(site / name)
    findings = check(site, ("pod/cover.jpg", f"pod/{name}"))
    if expected is None:
        assert findings == []
        return
    assert rules(findings) == {("apple.art", "error")}
    assert findings[0].where == name
    assert any(expected in f.message for f in findings), [f.line() for f in findings]


def test_a_missing_cover_is_an_error(site: Path) -> None:
    (site / "cover.jpg").unlink()
    assert rules(check(site)) == {("apple.image-file", "error")}


def test_art_problems_are_one_line_reasons(tmp_path: Path) -> None:
    bad = save_image(tmp_path / "bad.jpg", "CMYK", (800, 600))
    problems = art_problems(bad)
    assert problems == [
        "800x600 px is not square; Apple Podcasts needs 1400 to 3000 px square",
        "800x600 px; Apple Podcasts needs 1400 to 3000 px square",
        "CMYK colour space; Apple Podcasts needs RGB",
    ]
    assert art_problems(save_image(tmp_path / "ok.png", size=(3000, 3000))) == []
    assert art_problems(save_image(tmp_path / "grey.png", "L")) == [
        "greyscale (L) image; Apple Podcasts needs the RGB colour space"
    ]
    assert all(str(tmp_path) not in p for p in art_problems(tmp_path / "gone.png"))


def test_enclosure_length_must_be_the_file_size(site: Path) -> None:
    (site / "episodes" / "one.mp3").write_bytes(bytes(999))
    findings = check(site)
    assert rules(findings) == {("rss.enclosure-size", "error")}
    assert "1000" in findings[0].message and "999" in findings[0].message
    assert "episodes/one.mp3" in findings[0].message
    assert str(site) not in findings[0].line()


def test_a_missing_enclosure_file_is_an_error(site: Path) -> None:
    (site / "episodes" / "one.mp3").unlink()
    findings = check(site)
    assert rules(findings) == {("rss.enclosure-file", "error")}
    assert findings[0].where == 'item 1 "First Light"'
    # A URL outside base_url is someone else's file: not looked for.
    elsewhere = ("https://example.com/pod/episodes/one.mp3", "https://cdn.example.net/a.mp3")
    assert check(site, elsewhere) == []


@pytest.mark.parametrize(
    ("chapters", "rule", "severity", "words"),
    [
        ("{not json", "podcast.chapters-file", "error", "does not parse"),
        ("[" * 100_000, "podcast.chapters-file", "error", "does not parse"),
        ('{"chapters": []}', "podcast.chapters-file", "error", '"version"'),
        ('{"version": "1.2.0"}', "podcast.chapters-file", "error", '"chapters" list'),
        (
            '{"version": "1.2.0", "chapters": [{"startTime": "0", "title": "A"}]}',
            "podcast.chapters-file",
            "error",
            "numeric",
        ),
        (
            '{"version": "1.2.0", "chapters": [{"startTime": 5, "title": "A"}, '
            '{"startTime": 2, "title": "B"}]}',
            "podcast.chapters-file",
            "error",
            "in order",
        ),
        (
            '{"version": "1.2.0", "chapters": [{"startTime": 0}]}',
            "podcast.chapters-title",
            "warning",
            'no "title"',
        ),
    ],
    ids=[
        "not-json",
        "too-deep",
        "no-version",
        "no-chapters",
        "text-start",
        "out-of-order",
        "untitled",
    ],
)
def test_chapters_files_are_checked(
    site: Path, chapters: str, rule: str, severity: str, words: str
) -> None:
    (site / "episodes" / "one.chapters.json").write_text(chapters, encoding="utf-8")
    findings = check(site)
    assert rules(findings) == {(rule, severity)}
    assert findings[0].where == "episodes/one.chapters.json"
    assert words in findings[0].message


def test_a_silent_chapter_needs_no_title(site: Path) -> None:
    silent = {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "A"},
                                               {"startTime": 3, "toc": False}]}  # fmt: skip
    (site / "episodes" / "one.chapters.json").write_text(json.dumps(silent), encoding="utf-8")
    assert check(site) == []


@pytest.mark.parametrize(
    ("name", "kind", "text", "problem"),
    [
        ("one.vtt", "text/vtt", VTT, None),
        ("one.vtt", "text/vtt", "00:00:00.300 --> 00:00:01.400\nNo header.\n", "WEBVTT"),
        ("one.srt", "application/x-subrip", SRT, None),
        ("one.srt", "application/x-subrip", "1\nFirst light.\n", "timing"),
        ("one.srt", "application/srt", "00:00:00,300 --> 00:00:01,400\nHi\n", "number"),
        ("one.json", "application/json", TRANSCRIPT_JSON, None),
        ("one.json", "application/json", '{"version": "1.0.0"}', '"segments"'),
        ("one.json", "application/json", '{"segments": []}', '"version"'),
        ("one.json", "application/json", "[1, 2", "does not parse"),
    ],
    ids=[
        "vtt",
        "vtt-no-header",
        "srt",
        "srt-no-timing",
        "srt-no-number",
        "json",
        "json-no-segments",
        "json-no-version",
        "json-broken",
    ],
)
def test_transcript_files_are_checked(
    site: Path, name: str, kind: str, text: str, problem: str | None
) -> None:
    (site / "episodes" / name).write_text(text, encoding="utf-8")
    findings = check(site, ("one.vtt", name), ('type="text/vtt"', f'type="{kind}"'))
    if problem is None:
        assert findings == []
        return
    assert rules(findings) == {("podcast.transcript-file", "error")}
    assert findings[0].where == f"episodes/{name}"
    assert problem in findings[0].message


def test_missing_transcript_and_chapters_files_are_errors(site: Path) -> None:
    (site / "episodes" / "one.vtt").unlink()
    (site / "episodes" / "one.chapters.json").unlink()
    assert rules(check(site)) == {
        ("podcast.transcript-file", "error"),
        ("podcast.chapters-file", "error"),
    }


# -- LocalFiles ------------------------------------------------------------------------


def test_path_for_maps_urls_under_the_base(tmp_path: Path) -> None:
    (tmp_path / "episodes").mkdir()
    local = LocalFiles("https://Example.com/pod", tmp_path)
    real = tmp_path.resolve()
    assert local.path_for("https://example.com/pod/episodes/a%20b.mp3") == real / "episodes/a b.mp3"
    assert local.path_for("HTTPS://EXAMPLE.COM/pod/cover.jpg?v=2#x") == real / "cover.jpg"
    assert local.path_for("https://example.com/other/cover.jpg") is None
    assert local.path_for("https://example.com/podcast/cover.jpg") is None
    assert local.path_for("https://cdn.example.com/pod/cover.jpg") is None
    assert local.path_for("http://example.com/pod/cover.jpg") is None
    assert local.path_for("https://example.com/pod/") is None
    assert local.path_for("not a url") is None


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/pod/../secret.txt",
        "https://example.com/pod/episodes/../../secret.txt",
        "https://example.com/pod/%2e%2e/secret.txt",
        "https://example.com/pod/%2E%2E%2Fsecret.txt",
        "https://example.com/pod/episodes%2F..%2F..%2Fsecret.txt",
        "https://example.com/pod/..%5Csecret.txt",
        "https://example.com/pod/episodes//secret.txt",
        "https://example.com/pod/a%00b",
        "https://example.com/pod/episodes/../inside.txt",  # ".." is refused even inside
    ],
)
def test_path_for_refuses_to_leave_the_root(tmp_path: Path, url: str) -> None:
    root = tmp_path / "public"
    (root / "episodes").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (root / "inside.txt").write_text("inside", encoding="utf-8")
    assert LocalFiles("https://example.com/pod/", root).path_for(url) is None


def test_path_for_refuses_symlinks_out_of_the_root(tmp_path: Path) -> None:
    root = tmp_path / "public"
    outside = tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.mp3").write_bytes(b"secret")
    (root / "inside.mp3").write_bytes(b"fine")
    os.symlink(outside, root / "linked-dir")
    os.symlink(outside / "secret.mp3", root / "linked.mp3")
    os.symlink(root / "inside.mp3", root / "alias.mp3")
    local = LocalFiles(BASE, root)
    assert local.path_for(BASE + "linked-dir/secret.mp3") is None
    assert local.path_for(BASE + "linked.mp3") is None
    assert local.path_for(BASE + "alias.mp3") == (root / "inside.mp3").resolve()
    # Through the validator: the escaping enclosure is simply not checked.
    findings = validate_feed(feed(("episodes/one.mp3", "linked.mp3")), LocalFiles(BASE, root))
    assert not any(f.rule.startswith("rss.enclosure") for f in findings)


def test_beside_feed_uses_the_self_link(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    local = LocalFiles.beside_feed(path, feed())
    assert local is not None
    assert (local.base_url, local.root) == (BASE, tmp_path)
    no_self = feed((f'<atom:link href="{FEED_URL}" rel="self" type="application/rss+xml"/>', ""))
    assert LocalFiles.beside_feed(path, no_self) is None
    assert LocalFiles.beside_feed(path, b"<rss><channel>") is None


# -- categories ----------------------------------------------------------------------


def test_apple_categories_are_all_there() -> None:
    assert len(CATEGORIES) == 19
    assert sum(len(subs) for subs in CATEGORIES.values()) == 91  # Apple: 110 in all
    for category, sub in [
        ("Health & Fitness", "Mental Health"),
        ("Society & Culture", "Places & Travel"),
        ("TV & Film", "After Shows"),
        ("Education", "How To"),
        ("Comedy", "Stand-Up"),
        ("Leisure", "Animation & Manga"),
        ("Science", "Earth Sciences"),
        ("News", "Tech News"),
        ("Kids & Family", "Pets & Animals"),
        ("Religion & Spirituality", "Religion"),
    ]:
        assert category_problem(category, sub) is None
    for bare in ("Government", "History", "Technology", "True Crime"):
        assert CATEGORIES[bare] == ()
        assert category_problem(bare, None) is None


def test_category_problems_are_one_line() -> None:
    unknown = category_problem("Newz", None)
    assert unknown is not None and unknown.startswith(
        "unknown category 'Newz'; Apple's categories are: Arts, Business, "
    )
    sub = category_problem("News", "Politic")
    assert sub == (
        "'Politic' is not a subcategory of News; choose one of: Business News, Daily News, "
        "Entertainment News, News Commentary, Politics, Sports News, Tech News"
    )
    case = category_problem("News", "daily news")
    assert case is not None and "'Daily News'" in case and "case-sensitive" in case
    assert "no subcategories" in (category_problem("History", "Ancient") or "")
    assert all("\n" not in (category_problem(c, "x") or "") for c in CATEGORIES)
