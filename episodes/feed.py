"""Map the show and its episodes onto `feeds`, check the result, publish it atomically.

The feed is validated before it replaces public/feed.xml: a feed with errors is kept
aside in .presscast/ for `presscast validate` and the published one stays as it was.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from episodes.catalog import Entry, list_entries
from episodes.errors import PresscastError
from episodes.fsio import atomic_write_bytes
from episodes.gc_pause import collector_paused
from episodes.show import Show
from feeds import Channel, Item, build_feed, make_cover
from feeds.model import MAX_DESCRIPTION_BYTES, Funding, Transcript

SUMMARY_CHARS = 600  # of the first paragraph, in the plain-text description
MAX_URL_CHARS = 300  # a longer link (tracking parameters) stays out of descriptions
REJECTED_FEED = "rejected-feed.xml"
_BUILD_DATE = re.compile(rb"<lastBuildDate>[^<]*</lastBuildDate>")
SYNTHETIC_NOTE = "Narrated with synthetic speech by Presscast."
# Transcript types as the episode manifest names them; VTT and SRT are timed captions.
CAPTIONS = ("text/vtt", "application/x-subrip")


@dataclass
class FeedResult:
    """What writing the feed did: where, whether the bytes changed, and what validate said."""

    path: Path
    changed: bool
    warnings: list[str] = field(default_factory=list)


def ensure_cover(show: Show) -> Path:
    """The show's cover in public/, named by its content so a new cover gets a new URL.

    The producer's art (show.toml `image`) is checked against the directories' rules
    first; without it, a cover is drawn from the show title.
    """
    from feeds.art import art_problems

    image = show.show_file(show.config.image)
    if image is not None:
        problems = art_problems(image)
        if problems:
            raise PresscastError(f"cover art {show.config.image}: {'; '.join(problems)}")
        data, suffix = image.read_bytes(), image.suffix.lower().replace(".jpeg", ".jpg")
    else:
        data, suffix = make_cover(show.config.title), ".jpg"
    cover = show.public_dir / f"cover-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
    if not cover.is_file():
        atomic_write_bytes(cover, data)
    return cover


def show_channel(show: Show) -> Channel:
    """The channel as directories see it."""
    config = show.config
    funding = (Funding(config.funding_url, config.funding_text),) if config.funding_url else ()
    return Channel(
        title=config.title,
        description=config.summary,
        site_url=config.site_url,
        feed_url=show.public_url(show.feed_path),
        language=config.language,
        image_url=show.public_url(ensure_cover(show)),
        author=config.author,
        owner_name=config.author,
        owner_email=config.email or None,
        category=config.category,
        subcategory=config.subcategory or None,
        explicit=config.explicit,
        copyright=config.copyright or None,
        show_type=config.type,
        podcast_guid=config.podcast_guid or None,
        locked=config.locked,
        medium=config.medium,
        ai_content=True,
        funding=funding,
        persons=config.persons,
        new_feed_url=config.new_feed_url or None,
    )


def episode_item(show: Show, entry: Entry) -> Item:
    """One published episode as an RSS item."""
    episode = entry.episode
    assert episode is not None
    article = entry.article
    secure = show.config.base_url.startswith("https://")  # podcast:* URLs must be https
    transcripts = tuple(
        Transcript(
            url=show.url_of(path),
            type=kind,
            language=article.language or show.config.language,
            rel="captions" if kind in CAPTIONS else None,
        )
        for kind, path in sorted(episode.transcripts.items())
    )
    marks = [(float(start), str(title)) for start, title in episode.chapter_marks]
    return Item(
        guid=entry.guid,
        title=article.title,
        description=plain_description(entry, marks),
        content_html=html_description(entry, marks),
        published=entry.published,
        enclosure_url=show.url_of(episode.file),
        enclosure_length=episode.bytes,
        duration_seconds=round(episode.duration_seconds),
        link=article.url,
        season=entry.numbering.season,
        episode=entry.numbering.episode,
        episode_type=entry.numbering.episode_type,
        transcripts=transcripts if secure else (),
        chapters_url=show.url_of(episode.chapters) if secure and episode.chapters else None,
    )


def timestamp(seconds: float) -> str:
    """00:00 or 1:02:03, the form podcast apps turn into links in show notes."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def plain_description(entry: Entry, marks: list[tuple[float, str]]) -> str:
    """The opening of the article, its chapters with timestamps, the link, the note."""
    article = entry.article
    first = next((b.text for b in article.blocks if b.kind == "paragraph"), "")
    if len(first) > SUMMARY_CHARS:  # 600 characters: at most 2400 bytes
        first = first[: SUMMARY_CHARS - 3].rsplit(" ", 1)[0] + "…"
    url = _short_url(article.url)
    tail = [f"Original article: {url}"] if url else []
    tail.append(SYNTHETIC_NOTE)
    parts = [first] if first else []
    chapters = ["Chapters:", *(f"{timestamp(start)} {title}" for start, title in marks)]
    if len(marks) > 1:
        parts.append("\n".join(_fitting(chapters, parts + tail, "\n")))
    return "\n\n".join(parts + tail)


def html_description(entry: Entry, marks: list[tuple[float, str]]) -> str:
    """content:encoded: the article as HTML, as much as fits in 4000 bytes, then the link.

    Chapters come first (apps that read only this show them), as many as fit; the
    article is cut at a paragraph, never mid-tag.
    """
    article = entry.article
    tail = []
    url = _short_url(article.url)
    if url:
        url = html.escape(url, quote=True)
        tail.append(f'<p>Read the original article: <a href="{url}">{url}</a></p>')
    tail.append(f"<p><em>{html.escape(SYNTHETIC_NOTE)}</em></p>")
    more = "<p>…</p>"
    head = []
    if len(marks) > 1:
        lines = [f"{timestamp(s)} {html.escape(t)}" for s, t in marks]
        fitted = _fitting(lines, [*tail, more, "<p>Chapters:<br></p>"], "<br>")
        head.append(f"<p>Chapters:<br>{'<br>'.join(fitted)}</p>")
    body = [
        f"<h2>{html.escape(b.text)}</h2>"
        if b.kind == "heading"
        else f"<p>{html.escape(b.text)}</p>"
        for b in article.blocks
    ]
    shown = _fitting(body, [*head, *tail, more], "")
    if len(shown) < len(body):
        shown.append(more)
    return "".join(head + shown + tail)


def _short_url(url: str | None) -> str | None:
    """The article's URL for a description, unless it is too long to be worth the bytes.

    The item's <link> carries it anyway.
    """
    return url if url and len(url) <= MAX_URL_CHARS else None


def _fitting(pieces: list[str], fixed: list[str], joiner: str) -> list[str]:
    """The leading pieces that fit in the description limit beside the `fixed` ones."""
    budget = MAX_DESCRIPTION_BYTES - len(("\n\n" + joiner).join(fixed).encode("utf-8")) - 4
    step = len(joiner.encode("utf-8"))
    if 4 * sum(map(len, pieces)) + step * len(pieces) <= budget:
        return list(pieces)  # all fit even at 4 bytes a character (the usual case)
    kept: list[str] = []
    for piece in pieces:
        budget -= len(piece.encode("utf-8")) + step
        if budget < 0:
            break
        kept.append(piece)
    return kept


def published_entries(show: Show) -> list[Entry]:
    """Episodes in the feed: built and not removed, newest `max_episodes` when limited."""
    entries = [e for e in list_entries(show) if e.episode is not None and not e.removed]
    limit = show.config.max_episodes
    return entries[-limit:] if limit else entries


def feed_bytes(show: Show, base_url: str | None = None) -> bytes:
    """The feed as it would be published, or with its URLs under `base_url` (for serve)."""
    if base_url is not None:
        show = dataclasses.replace(show, config=dataclasses.replace(show.config, base_url=base_url))
    items = [episode_item(show, e) for e in published_entries(show)]
    return build_feed(show_channel(show), items)


def write_feed(show: Show) -> FeedResult:
    """Validate the feed, then write public/feed.xml if it changed.

    With validation errors nothing is published: the feed goes to .presscast/ and the
    error names the first problem.
    """
    from feeds.validate import LocalFiles, validate_feed

    with collector_paused():
        data = feed_bytes(show)
        local = LocalFiles(show.config.base_url, show.public_dir, read_contents=False)
        findings = validate_feed(data, local)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        rejected = show.state_dir / REJECTED_FEED
        atomic_write_bytes(rejected, data)
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise PresscastError(
            f"the feed was not published: {errors[0].line()}{more}; "
            f"see `presscast validate {rejected.relative_to(show.root)}`"
        )
    warnings = [f.line() for f in findings if f.severity != "error"]
    path = show.feed_path
    if path.is_file() and _settled(path.read_bytes()) == _settled(data):
        return FeedResult(path, False, warnings)
    atomic_write_bytes(path, data)
    return FeedResult(path, True, warnings)


def _settled(feed: bytes) -> bytes:
    """The feed without its lastBuildDate, for telling whether anything else changed.

    A feed with no episodes gets "now" there; a rebuild must not rewrite it for that.
    """
    return _BUILD_DATE.sub(b"", feed, count=1)


def delete_episode_files(show: Show, entry: Entry) -> list[Path]:
    """Remove an episode's audio, transcripts and chapters from public/; what was removed."""
    episode = entry.episode
    if episode is None:
        return []
    names = [episode.file, *episode.transcripts.values()]
    if episode.chapters:
        names.append(episode.chapters)
    removed = []
    for name in names:
        path = show.public_dir / name
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed
