"""Shows of several shapes published as feeds, read back as apps and directories read them.

The episodes here are real catalog entries with a real MP3 (made by ffmpeg), transcript
and chapters files, so the feed layer is exercised end to end without narrating 60
articles; test_rebuild.py checks the same tags on a show Piper really narrated.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import podcastparser
import pytest
import requests
from click.testing import Result
from lxml import etree
from PIL import Image

from audio.ffmpeg import run_ffmpeg
from audio.transcript import Chapter, Cue, to_chapters_json, to_podcast_json, to_srt, to_webvtt
from episodes.catalog import (
    Episode,
    Numbering,
    add_article,
    find_entry,
    list_entries,
    record_episode,
    set_removed,
)
from episodes.errors import PresscastError
from episodes.feed import feed_bytes, html_description, plain_description, write_feed
from episodes.ingest import load_source, read_article
from episodes.show import ShowConfig, ensure_podcast_guid, init_show, load_show
from feeds.model import Person, podcast_guid
from feeds.serve import PreviewServer
from feeds.validate import LocalFiles, validate_feed

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "atom": "http://www.w3.org/2005/Atom",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
BASE = "https://example.com/pod/"
T0 = datetime(2025, 1, 6, 7, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def mp3_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Three seconds of tone as a real 64 kbps mono MP3."""
    out = tmp_path_factory.mktemp("mp3") / "tone.mp3"
    run_ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-ac", "1",
                "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "64k", str(out)])  # fmt: skip
    return out.read_bytes()


def make_show(root: Path, **config: object) -> Path:
    settings: dict[str, object] = {
        "title": "The Harbour Courier",
        "author": "Courier Desk",
        "base_url": BASE,
        "email": "desk@example.com",
        "category": "News",
        "subcategory": "Daily News",
        "description": "Local news from the harbour town.",
        "copyright": "© 2025 Courier Desk",
        "funding_url": "https://example.com/support",
        "funding_text": "Support the Courier",
        "persons": (Person("Ada Writer", "host", "cast", "https://example.com/ada"),),
    }
    settings.update(config)
    init_show(root, ShowConfig(**settings))  # type: ignore[arg-type]
    return root


def publish(
    root: Path,
    mp3: bytes,
    title: str,
    body: str,
    day: int,
    numbering: Numbering | None = None,
    url: str | None = None,
    plain: bool = False,
) -> str:
    """Add an article and record an episode for it, with its files in public/.

    Markdown by default; `plain` text keeps what Markdown would read as HTML tags.
    """
    show = load_show(root)
    source_file = root.parent / f"source-{day}.{'txt' if plain else 'md'}"
    source_file.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    source = load_source(str(source_file))
    article = read_article(source, title=title, date=T0 + timedelta(days=day))
    if url:
        article = dataclasses.replace(article, url=url)
    entry = add_article(show, article, source, numbering=numbering)
    folder = show.episodes_dir
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{entry.slug}-{uuid.uuid4().hex[:12]}"
    (folder / f"{name}.mp3").write_bytes(mp3)
    cues = [Cue(0.3, 1.4, article.title), Cue(1.6, 2.8, "The market opened early.")]
    chapters = [Chapter(article.title, 0.0, 1.5), Chapter("The market", 1.5, 3.0)]
    files = {
        "text/vtt": (f"{name}.vtt", to_webvtt(cues)),
        "application/x-subrip": (f"{name}.srt", to_srt(cues)),
        "application/json": (f"{name}.json", to_podcast_json(cues)),
    }
    for file_name, text in files.values():
        (folder / file_name).write_text(text, encoding="utf-8")
    (folder / f"{name}.chapters.json").write_text(to_chapters_json(chapters), encoding="utf-8")
    record_episode(
        entry,
        Episode(
            file=f"episodes/{name}.mp3",
            bytes=len(mp3),
            duration_seconds=3.0,
            engine="piper",
            voice="en_US-joe-medium",
            built=T0.isoformat(),
            transcripts={kind: f"episodes/{f}" for kind, (f, _) in files.items()},
            chapters=f"episodes/{name}.chapters.json",
            chapter_marks=[(c.start, c.title) for c in chapters],
        ),
    )
    return entry.slug


def feed_of(root: Path) -> tuple[bytes, etree._Element]:
    result = write_feed(load_show(root))
    data = result.path.read_bytes()
    return data, etree.fromstring(data)


def read_back(data: bytes, count: int) -> None:
    """feedparser without complaint, podcastparser with every episode."""
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert len(parsed.entries) == count
    podcast = podcastparser.parse(BASE + "feed.xml", io.BytesIO(data))
    assert len(podcast["episodes"]) == count
    assert all(e["enclosures"] for e in podcast["episodes"])


def no_errors(root: Path, data: bytes) -> None:
    show = load_show(root)
    findings = validate_feed(data, LocalFiles(show.config.base_url, show.public_dir))
    assert [f.line() for f in findings if f.severity == "error"] == []


def text(channel: etree._Element, path: str) -> str:
    found = channel.find(path, NS)
    assert found is not None, path
    return found.text or ""


def test_one_episode_show_has_every_tag(tmp_path: Path, mp3_bytes: bytes) -> None:
    root = make_show(tmp_path / "show")
    publish(root, mp3_bytes, "Harbour Notes", "Fish was cheap this week.\n\n# The market\n\n"
            "The market opened early.", 1, url="https://news.example.com/harbour")  # fmt: skip
    data, rss = feed_of(root)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    assert rss.nsmap["podcast"] == NS["podcast"] and rss.nsmap["itunes"] == NS["itunes"]
    assert b"ns0:" not in data and b"xmlns:podcast" in data.split(b"<channel>")[0]
    channel = rss.find("channel")
    assert channel is not None

    assert text(channel, "title") == "The Harbour Courier"
    description = text(channel, "description")
    assert "Local news from the harbour town." in description
    assert "synthetic speech" in description
    assert len(description.encode()) <= 4000
    assert text(channel, "language") == "en"
    assert text(channel, "link") == BASE
    self_link = channel.find("atom:link[@rel='self']", NS)
    assert self_link is not None and self_link.get("href") == BASE + "feed.xml"
    assert text(channel, "copyright") == "© 2025 Courier Desk"
    image = channel.find("itunes:image", NS)
    assert image is not None and image.get("href", "").startswith(BASE + "cover-")
    category = channel.find("itunes:category", NS)
    assert category is not None and category.get("text") == "News"
    sub = category.find("itunes:category", NS)
    assert sub is not None and sub.get("text") == "Daily News"
    assert text(channel, "itunes:explicit") == "false"
    assert text(channel, "itunes:author") == "Courier Desk"
    assert text(channel, "itunes:owner/itunes:name") == "Courier Desk"
    assert text(channel, "itunes:owner/itunes:email") == "desk@example.com"
    assert text(channel, "itunes:type") == "episodic"
    expected_guid = str(uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"),
                                   "example.com/pod/feed.xml"))  # fmt: skip
    assert text(channel, "podcast:guid") == expected_guid
    assert f'podcast_guid = "{expected_guid}"' in (root / "show.toml").read_text()
    locked = channel.find("podcast:locked", NS)
    assert locked is not None and locked.text == "no" and locked.get("owner") == "desk@example.com"
    assert text(channel, "podcast:medium") == "podcast"
    txt = channel.find("podcast:txt", NS)
    assert txt is not None and txt.get("purpose") == "ai-content" and txt.text == "true"
    funding = channel.find("podcast:funding", NS)
    assert funding is not None and funding.get("url") == "https://example.com/support"
    assert funding.text == "Support the Courier"
    person = channel.find("podcast:person", NS)
    assert person is not None and person.text == "Ada Writer" and person.get("role") == "host"
    assert channel.find("itunes:new-feed-url", NS) is None

    items = channel.findall("item")
    assert len(items) == 1
    item = items[0]
    assert text(item, "title") == "Harbour Notes"
    plain = text(item, "description")
    assert plain.startswith("Fish was cheap this week.")
    assert "00:00 Harbour Notes" in plain and "00:01 The market" in plain
    assert "https://news.example.com/harbour" in plain
    html = text(item, "content:encoded")
    assert "<p>Fish was cheap this week.</p>" in html and "<h2>The market</h2>" in html
    assert '<a href="https://news.example.com/harbour">' in html
    assert text(item, "link") == "https://news.example.com/harbour"
    guid = item.find("guid")
    assert guid is not None and guid.get("isPermaLink") == "false"
    uuid.UUID(guid.text or "")
    published = parsedate_to_datetime(text(item, "pubDate"))
    assert published == T0 + timedelta(days=1)
    enclosure = item.find("enclosure")
    assert enclosure is not None and enclosure.get("type") == "audio/mpeg"
    file = root / "public" / enclosure.get("url", "").removeprefix(BASE)
    assert int(enclosure.get("length", "0")) == file.stat().st_size
    assert text(item, "itunes:duration") == "3"
    assert text(item, "itunes:episodeType") == "full"
    transcripts = {t.get("type"): t for t in item.findall("podcast:transcript", NS)}
    assert set(transcripts) == {"text/vtt", "application/x-subrip", "application/json"}
    assert transcripts["text/vtt"].get("rel") == "captions"
    assert transcripts["application/json"].get("rel") is None
    for tag in transcripts.values():
        assert tag.get("language") == "en"
        assert (root / "public" / tag.get("url", "").removeprefix(BASE)).is_file()
    chapters = item.find("podcast:chapters", NS)
    assert chapters is not None and chapters.get("type") == "application/json+chapters"
    chapters_file = root / "public" / chapters.get("url", "").removeprefix(BASE)
    assert json.loads(chapters_file.read_text())["chapters"][1]["title"] == "The market"

    read_back(data, 1)
    no_errors(root, data)


def test_sixty_episodes_newest_first_unique_and_deterministic(
    tmp_path: Path, mp3_bytes: bytes
) -> None:
    root = make_show(tmp_path / "show")
    for day in range(60):
        publish(root, mp3_bytes, f"Day {day} at the harbour", f"Report number {day}.", day)
    data, rss = feed_of(root)
    items = rss.findall("channel/item")
    assert len(items) == 60
    dates = [parsedate_to_datetime(i.findtext("pubDate") or "") for i in items]
    assert dates == sorted(dates, reverse=True)
    assert items[0].findtext("title") == "Day 59 at the harbour"
    assert len({i.findtext("guid") for i in items}) == 60
    urls = [i.find("enclosure").get("url") for i in items]  # type: ignore[union-attr]
    assert len(set(urls)) == 60
    read_back(data, 60)
    no_errors(root, data)

    again = write_feed(load_show(root))
    assert not again.changed and again.path.read_bytes() == data

    config = (root / "show.toml").read_text().replace("max_episodes = 0", "max_episodes = 10")
    (root / "show.toml").write_text(config)
    limited, rss = feed_of(root)
    titles = [i.findtext("title") for i in rss.findall("channel/item")]
    assert titles == [f"Day {d} at the harbour" for d in range(59, 49, -1)]
    read_back(limited, 10)


def test_serial_show_with_seasons(tmp_path: Path, mp3_bytes: bytes) -> None:
    moved = "https://new.example.org/courier/feed.xml"
    root = make_show(tmp_path / "show", type="serial", locked=True, new_feed_url=moved)
    publish(root, mp3_bytes, "Coming soon", "A trailer.", 0, Numbering(1, None, "trailer"))
    for day in range(1, 4):
        publish(root, mp3_bytes, f"Part {day}", f"Chapter {day} of the story.", day,
                Numbering(1))  # fmt: skip
    publish(root, mp3_bytes, "Part 4", "The second season starts.", 4, Numbering(2))
    data, rss = feed_of(root)
    assert rss.findtext("channel/itunes:type", namespaces=NS) == "serial"
    assert rss.findtext("channel/itunes:new-feed-url", namespaces=NS) == moved
    assert rss.findtext("channel/podcast:locked", namespaces=NS) == "yes"
    shape = [
        (
            i.findtext("title"),
            i.findtext("itunes:season", namespaces=NS),
            i.findtext("itunes:episode", namespaces=NS),
            i.findtext("itunes:episodeType", namespaces=NS),
        )
        for i in rss.findall("channel/item")
    ]
    assert shape == [
        ("Part 4", "2", "5", "full"),
        ("Part 3", "1", "4", "full"),
        ("Part 2", "1", "3", "full"),
        ("Part 1", "1", "2", "full"),
        ("Coming soon", "1", "1", "trailer"),
    ]
    read_back(data, 5)
    no_errors(root, data)
    parsed = podcastparser.parse(BASE + "feed.xml", io.BytesIO(data))
    assert sorted(e["number"] for e in parsed["episodes"]) == [1, 2, 3, 4, 5]


ODD = "Fish & Chips <Friday> \"quoted\" 'single' 🐟 مرحبا שלום"


def test_odd_characters_everywhere_survive(tmp_path: Path, mp3_bytes: bytes) -> None:
    root = make_show(
        tmp_path / "show",
        title=f"{ODD}\x01 Show",
        author=f"Ann & Bob <desk>\x0b {ODD}",
        description=f"About {ODD}\x1f.",
        copyright=f"© {ODD}",
    )
    publish(root, mp3_bytes, f"{ODD}\x02 Title", f"Body with {ODD}\x03 and ]]> too.", 1,
            plain=True)  # fmt: skip
    data, rss = feed_of(root)
    channel = rss.find("channel")
    assert channel is not None
    assert text(channel, "title") == f"{ODD} Show"
    assert text(channel, "itunes:author") == f"Ann & Bob <desk> {ODD}"
    assert text(channel, "description").startswith(f"About {ODD}.")
    assert text(channel, "copyright") == f"© {ODD}"
    item = channel.find("item")
    assert item is not None
    assert text(item, "title") == f"{ODD} Title"
    assert f"Body with {ODD} and ]]> too." in text(item, "description")
    assert "Body with Fish &amp; Chips &lt;Friday&gt;" in text(item, "content:encoded")
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0 and parsed.feed.title == f"{ODD} Show"
    assert parsed.entries[0].title == f"{ODD} Title"
    read_back(data, 1)
    no_errors(root, data)


def test_http_base_url_leaves_out_podcast_urls(tmp_path: Path, mp3_bytes: bytes) -> None:
    """Podcasting 2.0 wants https for its URLs: over http the tags are left out, not wrong."""
    root = make_show(tmp_path / "show", base_url="http://192.168.1.20:8000/",
                     funding_url="", funding_text="", persons=())  # fmt: skip
    publish(root, mp3_bytes, "Plain", "Over plain http.", 1)
    data, rss = feed_of(root)
    item = rss.find("channel/item")
    assert item is not None
    assert item.find("podcast:transcript", NS) is None
    assert item.find("podcast:chapters", NS) is None
    no_errors(root, data)


def test_build_refuses_a_feed_with_errors(tmp_path: Path, mp3_bytes: bytes) -> None:
    root = make_show(tmp_path / "show")
    publish(root, mp3_bytes, "First", "One.", 1)
    before, _ = feed_of(root)
    slug = publish(root, mp3_bytes, "Second", "Two.", 2)
    record = json.loads((root / "articles" / slug / "episode.json").read_text())
    (root / "public" / record["file"]).write_bytes(mp3_bytes[:1000])  # length now wrong
    with pytest.raises(PresscastError, match="the feed was not published: error"):
        write_feed(load_show(root))
    assert (root / "public" / "feed.xml").read_bytes() == before
    assert b"Second" in (root / ".presscast" / "rejected-feed.xml").read_bytes()


def test_podcast_guid_is_added_once_and_keeps_the_producers_comments(tmp_path: Path) -> None:
    root = tmp_path / "show"
    make_show(root)
    toml = (root / "show.toml").read_text()
    lines = [ln for ln in toml.splitlines() if not ln.startswith("podcast_guid")]
    (root / "show.toml").write_text("# my notes\n" + "\n".join(lines) + "\n")
    show = ensure_podcast_guid(load_show(root))
    assert show.config.podcast_guid == podcast_guid(BASE + "feed.xml")
    assert (root / "show.toml").read_text().startswith("# my notes\n")
    moved = (root / "show.toml").read_text().replace(BASE, "https://new.example.org/")
    (root / "show.toml").write_text(moved)
    assert load_show(root).config.podcast_guid == show.config.podcast_guid  # never changes


def test_an_empty_podcast_guid_is_filled_in_and_a_file_it_cannot_go_in_is_left_alone(
    tmp_path: Path,
) -> None:
    root = tmp_path / "show"
    make_show(root)
    toml = (root / "show.toml").read_text()
    blank = re.sub(r'podcast_guid = "[^"]*"', 'podcast_guid = ""  # cleared', toml)
    (root / "show.toml").write_text(blank)
    show = ensure_podcast_guid(load_show(root))
    assert show.config.podcast_guid == podcast_guid(BASE + "feed.xml")
    assert (root / "show.toml").read_text().count("podcast_guid") == 1

    inline = 'feed = { type = "episodic" }\n' + re.sub(r"\[feed\][^\[]*", "", blank)
    (root / "show.toml").write_text(inline)
    loaded = load_show(root)
    assert not loaded.config.podcast_guid
    with pytest.raises(PresscastError, match="add this line to its \\[feed\\] table"):
        ensure_podcast_guid(loaded)
    assert (root / "show.toml").read_text() == inline, "a file it cannot edit stays as it was"


def test_cover_art_is_checked_and_published_under_its_hash(
    tmp_path: Path, mp3_bytes: bytes
) -> None:
    root = make_show(tmp_path / "show")
    Image.new("RGB", (600, 600), "navy").save(root / "small.png")
    (root / "show.toml").write_text(
        (root / "show.toml").read_text().replace('image = ""', 'image = "small.png"')
    )
    publish(root, mp3_bytes, "Art", "Cover test.", 1)
    with pytest.raises(PresscastError, match=r"cover art small\.png: .*1400"):
        write_feed(load_show(root))
    Image.new("RGB", (1400, 1400), "navy").save(root / "small.png")
    _, rss = feed_of(root)
    href = rss.find("channel/itunes:image", NS).get("href")  # type: ignore[union-attr]
    assert href.startswith(BASE + "cover-") and href.endswith(".png")
    assert (root / "public" / href.removeprefix(BASE)).read_bytes() == (
        root / "small.png"
    ).read_bytes()


def test_list_and_remove(run: Callable[..., Result], tmp_path: Path, mp3_bytes: bytes) -> None:
    root = make_show(tmp_path / "show")
    keep = publish(root, mp3_bytes, "Keep me", "Stays.", 1)
    drop = publish(root, mp3_bytes, "Drop me", "Goes.", 2)
    write_feed(load_show(root))
    listed = run("list", cwd=root)
    assert listed.exit_code == 0, listed.stderr
    day2 = (T0 + timedelta(days=2)).date()
    assert re.search(rf"^in feed +0:03 +{day2} +\S+ +{drop} +Drop me$", listed.stdout, re.M)
    assert re.search(rf"^in feed +0:03 .* {keep} +Keep me$", listed.stdout, re.M)

    record = json.loads((root / "articles" / drop / "episode.json").read_text())
    audio = root / "public" / record["file"]
    removed = run("remove", drop, cwd=root)
    assert removed.exit_code == 0, removed.stderr
    assert "its audio stays" in removed.stdout and audio.is_file()
    feed = (root / "public" / "feed.xml").read_bytes()
    assert b"Drop me" not in feed and b"Keep me" in feed
    assert re.search(rf"^removed .* {drop} ", run("list", cwd=root).stdout, re.M)

    gone = run("remove", drop, "--delete-audio", cwd=root)
    assert gone.exit_code == 0 and not audio.exists()
    assert not list((root / "public" / "episodes").glob(audio.stem + "*"))

    (root / "show.toml").write_text(
        (root / "show.toml").read_text().replace('image = ""', 'image = "nowhere.png"')
    )
    refused = run("remove", keep, "--delete-audio", cwd=root)
    assert refused.exit_code == 1 and "nowhere.png" in refused.stderr
    kept_record = json.loads((root / "articles" / keep / "episode.json").read_text())
    assert (root / "public" / kept_record["file"]).is_file(), "nothing deleted on failure"
    assert not json.loads((root / "articles" / keep / "article.json").read_text())["removed"]
    (root / "show.toml").write_text(
        (root / "show.toml").read_text().replace('image = "nowhere.png"', 'image = ""')
    )

    missing = run("remove", "no-such-slug", cwd=root)
    assert missing.exit_code == 1
    assert missing.stderr.strip().count("\n") == 0 and "no article 'no-such-slug'" in missing.stderr
    assert [e.slug for e in list_entries(load_show(root)) if not e.removed] == [keep]


def test_served_feed_points_at_the_server(tmp_path: Path, mp3_bytes: bytes) -> None:
    """What a podcast app does with `presscast serve`: read the feed, then fetch the audio."""
    root = make_show(tmp_path / "show")
    publish(root, mp3_bytes, "Served", "Over the preview server.", 1)
    published, _ = feed_of(root)
    show = load_show(root)
    with PreviewServer(
        show.public_dir, "127.0.0.1", 0, lambda url: feed_bytes(show, url)
    ) as server:
        server.log = lambda line: None
        server.start_in_thread()
        feed = requests.get(server.feed_url, timeout=10)
        assert feed.status_code == 200
        assert feed.headers["Content-Type"].startswith("application/rss+xml")
        parsed = feedparser.parse(feed.content)
        assert parsed.bozo == 0
        url = parsed.entries[0].enclosures[0].href
        assert url.startswith(server.base_url + "episodes/")
        assert parsed.entries[0].id == feedparser.parse(published).entries[0].id  # same guid
        audio = requests.get(url, headers={"Range": "bytes=0-99"}, timeout=10)
        assert audio.status_code == 206 and audio.content == mp3_bytes[:100]
        assert audio.headers["Content-Type"] == "audio/mpeg"
    assert (root / "public" / "feed.xml").read_bytes() == published, "the published feed stays"


def test_descriptions_stay_within_4000_bytes(tmp_path: Path, mp3_bytes: bytes) -> None:
    """Many chapters, a long first paragraph in a 3-byte script and a long tracking link."""
    root = make_show(tmp_path / "show")
    long_url = "https://news.example.com/a?" + "utm=x&" * 400
    body = "漢字" * 900 + "\n\n" + "\n\n".join(f"# Part {n}\n\nText {n}." for n in range(120))
    publish(root, mp3_bytes, "Long one", body, 1, url=long_url)
    entry = list_entries(load_show(root))[0]
    marks = [(n * 30.0, f"Part {n} with a longer title") for n in range(120)]
    plain, html = plain_description(entry, marks), html_description(entry, marks)
    assert len(plain.encode()) <= 4000 and len(html.encode()) <= 4000
    assert "00:30 Part 1 with a longer title" in plain and "00:30 Part 1" in html
    assert long_url not in plain and long_url not in html
    data, _ = feed_of(root)  # the feed builds, and validate finds nothing over the limit
    show = load_show(root)
    findings = validate_feed(data, LocalFiles(show.config.base_url, show.public_dir))
    assert not [f for f in findings if "length" in f.rule], [f.line() for f in findings]


def test_a_feed_with_every_episode_removed_is_not_rewritten_for_its_date(
    tmp_path: Path, mp3_bytes: bytes
) -> None:
    root = make_show(tmp_path / "show")
    slug = publish(root, mp3_bytes, "Only one", "Alone.", 1)
    set_removed(find_entry(load_show(root), slug))
    assert write_feed(load_show(root)).changed
    time.sleep(1.1)  # lastBuildDate ("now" for an empty feed) moves on by a second
    assert not write_feed(load_show(root)).changed
