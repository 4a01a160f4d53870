"""Check any RSS podcast feed against what the directories and apps actually require.

Apple Podcasts, Spotify, the Podcasting 2.0 namespace and RSS 2.0 each reject or
mishandle feeds for their own reasons; a build should hear about them before a listener
does. Errors are what makes a directory refuse the feed or an app misbehave; warnings
are recommendations. With `LocalFiles`, the files the feed points at (cover, audio,
transcripts, chapters) are checked too, from disk.

The validator never raises on bad input (a broken feed is a finding) and reads the tree
in one pass, so a feed of ten thousand episodes is checked in a fraction of a second.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from feeds.categories import category_problem
from feeds.model import (
    CHAPTERS_TYPE,
    CONTENT_NS,
    EPISODE_TYPES,
    ITUNES_NS,
    MAX_DESCRIPTION_BYTES,
    MEDIUMS,
    PODCAST_NS,
    SHOW_TYPES,
    podcast_guid,
)

ERROR = "error"
WARNING = "warning"
APPLE = "Apple Podcasts"
SPOTIFY = "Spotify"
P20 = "Podcasting 2.0"
RSS = "RSS 2.0"

# The spec: "Clients ... must also recognize [this] as identical".
PODCAST_NS_ALIAS = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
ATOM_NS = "http://www.w3.org/2005/Atom"

MAX_TXT_CHARS = 4000  # podcast:txt node value
MAX_NODE_CHARS = 128  # podcast:funding and podcast:person node values
FUTURE_SLACK = timedelta(days=1)

# Apple's documented enclosure types (PDF aside), plus audio/mp4 that it plays as M4A.
APPLE_MEDIA_TYPES = frozenset(
    ("audio/mpeg", "audio/x-m4a", "audio/mp4", "video/mp4", "video/quicktime", "video/x-m4v")
)
TRANSCRIPT_TYPES = frozenset(
    (
        "text/vtt",
        "application/x-subrip",
        "application/srt",
        "text/srt",
        "application/json",
        "text/html",
        "text/plain",
    )
)
EXPLICIT_LEGACY = frozenset(("yes", "no", "clean", "explicit"))
_URL_ATTRIBUTES = frozenset(("url", "href", "img", "feedUrl", "uri"))

# ISO 639-1 (Apple: "two-letter language codes, with some possible modifiers"), with the
# withdrawn codes iw, in, ji, mo, sh that older feeds and Java locales still write.
_ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs
    cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he
    hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr
    ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng
    nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk
    sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz
    ve vi vo wa wo xh yi yo za zh zu iw in ji mo sh""".split()
)
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(-[A-Za-z0-9]{1,8})*")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DURATION = re.compile(r"\d+(\.\d+)?|\d+:[0-5]\d(\.\d+)?|\d+:[0-5]\d:[0-5]\d(\.\d+)?")
_DECIMAL = re.compile(r"\d+(\.\d+)?")
_WEB_URL = re.compile(r"(?i)https?://[^\s/?#]+(?:[/?#]\S*)?")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_SRT_TIMING = re.compile(
    r"\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}(\s.*)?"
)
_MONTHS = {m: n for n, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
_RFC2822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) "
    r"(\d\d):(\d\d)(?::(\d\d))? ([+-]\d{4}|GMT|UT|UTC|Z)"
)
# Path segments of safe characters, none starting with a dot (so never "." or ".."), no
# query, fragment or escapes: such a path below base_url needs no decoding or checks.
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*")
_CHUNK = 1 << 16
_BLANK_LINES = re.compile(r"\r?\n[ \t]*\r?\n")

# Every rule: id -> (severity, whose rule). Ids are stable: tools and tests match on them.
RULES: dict[str, tuple[str, str]] = {
    # RSS 2.0: the document itself
    "rss.xml": (ERROR, RSS),
    "rss.root": (ERROR, RSS),
    "rss.version": (ERROR, RSS),
    "rss.channel": (ERROR, RSS),
    "rss.title": (ERROR, RSS),
    "rss.description": (ERROR, RSS),
    "rss.link": (ERROR, RSS),
    "rss.link-url": (WARNING, RSS),
    "rss.atom-self": (WARNING, RSS),
    "rss.pubdate": (ERROR, RSS),
    "rss.guid-permalink": (WARNING, RSS),
    "rss.item-link": (WARNING, RSS),
    "feed.duplicate-guid": (ERROR, RSS),
    "rss.enclosure-file": (ERROR, RSS),
    "rss.enclosure-size": (ERROR, RSS),
    # Apple Podcasts: show
    "apple.namespace": (ERROR, APPLE),
    "apple.description-length": (ERROR, APPLE),
    "apple.language": (ERROR, APPLE),
    "apple.language-code": (ERROR, APPLE),
    "apple.image": (ERROR, APPLE),
    "apple.image-url": (ERROR, APPLE),
    "apple.image-extension": (ERROR, APPLE),
    "apple.image-file": (ERROR, APPLE),
    "apple.art": (ERROR, APPLE),
    "apple.category": (ERROR, APPLE),
    "apple.category-unknown": (ERROR, APPLE),
    "apple.extra-category": (WARNING, APPLE),
    "apple.explicit": (ERROR, APPLE),
    "apple.explicit-legacy": (WARNING, APPLE),
    "apple.author": (WARNING, APPLE),
    "apple.copyright": (WARNING, APPLE),
    "apple.type": (ERROR, APPLE),
    "apple.new-feed-url": (ERROR, APPLE),
    "apple.no-episodes": (WARNING, APPLE),
    # Apple Podcasts: episodes
    "apple.item-title": (ERROR, APPLE),
    "apple.enclosure": (ERROR, APPLE),
    "apple.enclosure-url": (ERROR, APPLE),
    "apple.enclosure-type": (WARNING, APPLE),
    "feed.duplicate-enclosure": (ERROR, APPLE),
    "apple.guid": (WARNING, APPLE),
    "apple.pubdate-missing": (WARNING, APPLE),
    "apple.pubdate-future": (WARNING, APPLE),
    "apple.duration": (WARNING, APPLE),
    "apple.episode": (ERROR, APPLE),
    "apple.season": (ERROR, APPLE),
    "apple.episode-type": (ERROR, APPLE),
    "apple.item-description-length": (WARNING, APPLE),
    "apple.serial-episode": (WARNING, APPLE),
    "apple.item-image": (WARNING, APPLE),
    # Spotify
    "spotify.owner-email": (WARNING, SPOTIFY),
    "spotify.enclosure-length": (ERROR, SPOTIFY),
    "spotify.enclosure-type": (ERROR, SPOTIFY),
    # Podcasting 2.0
    "podcast.namespace": (ERROR, P20),
    "podcast.https": (ERROR, P20),
    "podcast.url": (ERROR, P20),
    "podcast.guid": (ERROR, P20),
    "podcast.guid-seed": (WARNING, P20),
    "podcast.locked": (ERROR, P20),
    "podcast.medium": (ERROR, P20),
    "podcast.txt": (WARNING, P20),
    "podcast.funding": (ERROR, P20),
    "podcast.person": (ERROR, P20),
    "podcast.text-length": (WARNING, P20),
    "podcast.transcript": (ERROR, P20),
    "podcast.transcript-type": (WARNING, P20),
    "podcast.transcript-file": (ERROR, P20),
    "podcast.chapters": (ERROR, P20),
    "podcast.chapters-type": (WARNING, P20),
    "podcast.chapters-file": (ERROR, P20),
    "podcast.chapters-title": (WARNING, P20),
    "podcast.season": (ERROR, P20),
    "podcast.episode": (ERROR, P20),
}

_I = f"{{{ITUNES_NS}}}"
_P = f"{{{PODCAST_NS}}}"
_P_ALIAS = f"{{{PODCAST_NS_ALIAS}}}"
_ATOM_LINK = f"{{{ATOM_NS}}}link"
_CONTENT = f"{{{CONTENT_NS}}}encoded"

_Element = etree._Element
_Children = dict[str, list[_Element]]


@dataclass(frozen=True)
class Finding:
    """One problem: which rule, whose rule, where, and what is expected instead."""

    severity: str  # "error" or "warning"
    rule: str  # short stable id, e.g. "apple.explicit"
    source: str  # "Apple Podcasts" | "Spotify" | "Podcasting 2.0" | "RSS 2.0"
    where: str  # "channel", 'item 3 "Episode title"', or a file name
    message: str

    def line(self) -> str:
        """The finding as one line, for terminals and build logs."""
        return f"{self.severity} {self.rule} ({self.source}) {self.where}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        """The finding as plain JSON-ready data."""
        return asdict(self)


@dataclass(frozen=True)
class LocalFiles:
    """Where the feed's URLs can be read from disk: URLs under base_url map to files under root."""

    base_url: str
    root: Path
    # False: transcripts and chapters are only checked to exist, not read. `build` uses
    # that (it wrote them itself, and re-reading every file of a long show on each build
    # costs seconds); `presscast validate` reads them all.
    read_contents: bool = True
    _prefix: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_prefix", _url_prefix(self.base_url))

    def path_for(self, url: str) -> Path | None:
        """The file behind `url`, or None when it is not under base_url or would leave root.

        Percent-escapes are decoded before the check (so "%2e%2e" is ".." and refused),
        and symlinks are followed only as far as they stay inside root.
        """
        parts = self._relative_parts(url)
        found = _Folders(self.root, listed=False).file(parts) if parts else None
        return Path(found) if found is not None else None

    @classmethod
    def beside_feed(cls, feed_path: Path, feed_data: bytes) -> LocalFiles | None:
        """Files next to a feed file, mapped through the feed's own atom:link rel="self"."""
        try:
            root = etree.fromstring(feed_data, _parser())
        except (etree.XMLSyntaxError, ValueError):
            return None
        channel = root.find("channel")
        href = _self_link(channel) if channel is not None else None
        if not href or not _is_web_url(href):
            return None
        parts = urlsplit(href)
        folder = parts.path.rsplit("/", 1)[0] + "/"
        return cls(f"{parts.scheme}://{parts.netloc}{folder}", feed_path.parent)

    def _relative_parts(self, url: str) -> tuple[str, ...] | None:
        """The decoded path segments of `url` below base_url; None if not below it or unsafe."""
        url = url.strip()
        prefix = self._prefix
        if url.startswith(prefix):
            rest = url[len(prefix) :]
            if _PLAIN_PATH.fullmatch(rest):  # the usual case, nothing to decode or refuse
                return tuple(rest.split("/"))
        else:  # the same place spelt with another case of scheme or host
            try:
                target = urlsplit(url)
            except ValueError:
                return None
            head = f"{target.scheme}://{target.netloc}".lower()
            if not prefix.startswith(head + "/") or not target.path.startswith(prefix[len(head) :]):
                return None
            rest = target.path[len(prefix) - len(head) :]
        rest = rest.split("#", 1)[0].split("?", 1)[0]
        parts = rest.split("/")
        if "%" in rest:  # decoded per segment: an escaped "/" must not become a separator
            parts = [unquote(p) for p in parts]
            if any("/" in p for p in parts):
                return None
        joined = "".join(parts)
        if "" in parts or "." in parts or ".." in parts or "\\" in joined or "\0" in joined:
            return None
        return tuple(parts)


class _Folders:
    """The folder tree under a root as one check sees it: each folder resolved once.

    With `listed`, each folder is also listed once (os.scandir), so thousands of episode
    files cost one directory read instead of a system call each.
    """

    def __init__(self, root: Path, listed: bool) -> None:
        self.root = os.path.realpath(root)
        self.listed = listed
        self.dirs: dict[tuple[str, ...], str | None] = {(): self.root}
        self.listings: dict[str, dict[str, os.DirEntry[str]]] = {}

    def file(self, parts: tuple[str, ...]) -> str | None:
        """The real path of the file at `parts` (existing or not); None if outside root."""
        found = self.locate(parts)
        return found[0] + os.sep + found[1] if found is not None else None

    def locate(self, parts: tuple[str, ...]) -> tuple[str, str] | None:
        """(real folder, name) of the file at `parts`; None if it leads out of root."""
        folder = self.folder(parts[:-1])
        if folder is None:
            return None
        name = parts[-1]
        if self.listed:
            entry = self.entry(folder, name)
            link = entry is not None and entry.is_symlink()
        else:
            link = os.path.islink(folder + os.sep + name)
        if link:
            real = os.path.realpath(folder + os.sep + name)
            return os.path.split(real) if self.inside(real) else None
        return folder, name

    def folder(self, parts: tuple[str, ...]) -> str | None:
        if parts not in self.dirs:
            real = os.path.realpath(os.path.join(self.root, *parts))
            self.dirs[parts] = real if self.inside(real) else None
        return self.dirs[parts]

    def inside(self, real: str) -> bool:
        return real.startswith(self.root + os.sep)

    def entry(self, folder: str, name: str) -> os.DirEntry[str] | None:
        """The directory entry of `name` in a real folder, from the folder's listing."""
        listing = self.listings.get(folder)
        if listing is None:
            try:
                with os.scandir(folder) as entries:
                    listing = {e.name: e for e in entries}
            except OSError:
                listing = {}
            self.listings[folder] = listing
        return listing.get(name)

    def name(self, path: str) -> str:
        """A file's name relative to root, for findings (never a path of this machine)."""
        return path[len(self.root) + 1 :].replace(os.sep, "/")


def validate_feed(data: bytes, local: LocalFiles | None = None) -> list[Finding]:
    """Every finding for the feed in `data`; files are checked too when `local` maps them."""
    try:
        root = etree.fromstring(data, _parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        message = " ".join(str(exc).split()) or "no XML document"
        return [_finding("rss.xml", "feed", f"the feed is not well-formed XML: {message}")]
    alias = (PODCAST_NS_ALIAS.encode() if isinstance(data, bytes) else PODCAST_NS_ALIAS) in data
    return _Checker(local, alias).check(root)


def has_errors(findings: Sequence[Finding]) -> bool:
    """Whether any finding would make a directory refuse the feed."""
    return any(f.severity == ERROR for f in findings)


def _finding(rule: str, where: str, message: str) -> Finding:
    severity, source = RULES[rule]
    return Finding(severity, rule, source, where, message)


def _parser() -> etree.XMLParser:
    """No entity expansion, no network, no huge trees: feeds come from anywhere."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


class _Checker:
    """One validation run: walks the tree once and collects findings."""

    def __init__(self, local: LocalFiles | None, alias: bool) -> None:
        self.local = local
        self.folders = _Folders(local.root, listed=True) if local is not None else None
        self.alias = alias  # whether the podcast namespace's alias URI occurs at all
        self.findings: list[Finding] = []
        self.tags: set[str] = set()  # every tag seen, for the namespace checks
        self.show_type = "episodic"
        self.guids: dict[str, int] = {}
        self.enclosures: dict[str, int] = {}
        self.now = datetime.now(UTC)

    def flag(self, rule: str, where: str, message: str) -> None:
        self.findings.append(_finding(rule, where, message))

    def check(self, root: _Element) -> list[Finding]:
        if root.tag != "rss":
            kind = "an Atom feed" if root.tag == f"{{{ATOM_NS}}}feed" else f"<{root.tag}>"
            self.flag(
                "rss.root",
                "feed",
                f'the document is {kind}; a podcast feed is <rss version="2.0">',
            )
            return self.findings
        if root.get("version") != "2.0":
            self.flag(
                "rss.version",
                "feed",
                f'<rss> must have version="2.0", got {_quote(root.get("version"))}',
            )
        channels = [c for c in root if c.tag == "channel"]
        if len(channels) != 1:
            self.flag(
                "rss.channel",
                "feed",
                f"<rss> must hold exactly one <channel>, found {len(channels)}",
            )
        if channels:
            self.channel(channels[0])
        self.namespaces(root)
        return self.findings

    # -- channel --------------------------------------------------------------

    def channel(self, channel: _Element) -> None:
        kids = _children(channel, self.alias)
        items = kids.pop("item", [])
        self.tags.update(kids)
        where = "channel"
        self.channel_text(kids, where)
        self.channel_apple(kids, where)
        self_href = self.channel_links(kids, where)
        self.channel_podcast(kids, where, self_href)
        self.podcast_urls(kids, where)
        if not items:
            self.flag(
                "apple.no-episodes",
                where,
                "the feed has no <item>; Apple Podcasts accepts a show only once it "
                "has at least one episode",
            )
        for index, item in enumerate(items, 1):
            self.item(index, item)

    def channel_text(self, kids: _Children, where: str) -> None:
        if not _text(kids, "title"):
            self.flag("rss.title", where, "the channel needs a non-empty <title>")
        description = _full_text(kids, "description")
        if not description.strip():
            self.flag("rss.description", where, "the channel needs a non-empty <description>")
        elif (size := len(description.encode("utf-8"))) > MAX_DESCRIPTION_BYTES:
            self.flag(
                "apple.description-length",
                where,
                f"<description> is {size} bytes; Apple Podcasts takes at most "
                f"{MAX_DESCRIPTION_BYTES} bytes (UTF-8)",
            )
        link = _text(kids, "link")
        if not link:
            self.flag("rss.link", where, "the channel needs a <link> to the show's website")
        elif not _is_web_url(link):
            self.flag(
                "rss.link-url",
                where,
                f"<link> should be an absolute http(s) URL, got {_quote(link)}",
            )
        language = _text(kids, "language")
        if not language:
            self.flag(
                "apple.language",
                where,
                'the channel needs a <language> (an ISO 639 code such as "en" or "en-us")',
            )
        elif not _is_language(language):
            self.flag(
                "apple.language-code",
                where,
                f'<language> must be an ISO 639 code such as "en" or "pt-br", '
                f"got {_quote(language)}",
            )
        if not _text(kids, "copyright"):
            self.flag("apple.copyright", where, "add a <copyright> notice for the show")

    def channel_apple(self, kids: _Children, where: str) -> None:
        self.cover(kids, where)
        self.categories(kids.get(_I + "category", []), where)
        self.explicit(kids, where, required=True)
        if not _text(kids, _I + "author"):
            self.flag(
                "apple.author",
                where,
                "add <itunes:author>: the people or company behind the show",
            )
        self.owner(kids, where)
        show_type = _text(kids, _I + "type")
        if show_type:
            if show_type not in SHOW_TYPES:
                self.flag(
                    "apple.type",
                    where,
                    f'itunes:type must be "episodic" or "serial", got {_quote(show_type)}',
                )
            self.show_type = show_type
        new_url = _text(kids, _I + "new-feed-url")
        if _first(kids, _I + "new-feed-url") is not None and not _is_web_url(new_url):
            self.flag(
                "apple.new-feed-url",
                where,
                f"itunes:new-feed-url must be an absolute http(s) URL, got {_quote(new_url)}",
            )

    def cover(self, kids: _Children, where: str) -> None:
        image = _first(kids, _I + "image")
        href = (image.get("href") or "").strip() if image is not None else ""
        if not href:
            self.flag(
                "apple.image",
                where,
                'the channel needs <itunes:image href="..."> pointing at the cover art',
            )
            return
        if not _is_web_url(href):
            self.flag(
                "apple.image-url",
                where,
                f"itunes:image href must be an absolute http(s) URL, got {_quote(href)}",
            )
            return
        if not urlsplit(href).path.lower().endswith((".jpg", ".jpeg", ".png")):
            self.flag(
                "apple.image-extension",
                where,
                f"the cover URL must end in .jpg or .png (JPEG or PNG art), got {_quote(href)}",
            )
        self.local_cover(href)

    def categories(self, categories: list[_Element], where: str) -> None:
        if not categories:
            self.flag(
                "apple.category",
                where,
                'the channel needs an <itunes:category text="..."> from Apple\'s list',
            )
            return
        for position, category in enumerate(categories):
            sub = next((c for c in category if c.tag == _I + "category"), None)
            problem = category_problem(
                category.get("text") or "", sub.get("text") if sub is not None else None
            )
            if problem is None:
                continue
            if position == 0:
                self.flag("apple.category-unknown", where, problem)
            else:
                self.flag(
                    "apple.extra-category",
                    where,
                    f"{problem} (Apple Podcasts only reads the first category)",
                )

    def explicit(self, kids: _Children, where: str, required: bool) -> None:
        element = _first(kids, _I + "explicit")
        if element is None:
            if required:
                self.flag(
                    "apple.explicit",
                    where,
                    'the channel needs <itunes:explicit> "true" or "false"',
                )
            return
        value = (element.text or "").strip()
        if value.lower() in ("true", "false"):
            return
        if value.lower() in EXPLICIT_LEGACY:
            self.flag(
                "apple.explicit-legacy",
                where,
                f"itunes:explicit {_quote(value)} is the old form; Apple Podcasts now "
                f'documents "true" or "false"',
            )
        else:
            self.flag(
                "apple.explicit",
                where,
                f'itunes:explicit must be "true" or "false", got {_quote(value)}',
            )

    def owner(self, kids: _Children, where: str) -> None:
        owner = _first(kids, _I + "owner")
        email = ""
        if owner is not None:
            found = next((c for c in owner if c.tag == _I + "email"), None)
            email = (found.text or "").strip() if found is not None else ""
        if not email:
            self.flag(
                "spotify.owner-email",
                where,
                "add <itunes:owner> with <itunes:email>: Spotify and Apple Podcasts "
                "send the ownership check to it",
            )
        elif not _EMAIL.fullmatch(email):
            self.flag(
                "spotify.owner-email",
                where,
                f"itunes:email should be an e-mail address, got {_quote(email)}",
            )

    def channel_links(self, kids: _Children, where: str) -> str | None:
        """The atom:link rel="self" href, which podcast:guid and file mapping rely on."""
        links = [e for e in kids.get(_ATOM_LINK, []) if e.get("rel") == "self"]
        href = (links[0].get("href") or "").strip() if links else ""
        if not links:
            self.flag(
                "rss.atom-self",
                where,
                'add <atom:link rel="self" href="..."> with the feed\'s own URL, so '
                "apps can follow the feed if it is copied or moved",
            )
            return None
        if not _is_web_url(href):
            self.flag(
                "rss.atom-self",
                where,
                f'atom:link rel="self" href should be the feed\'s absolute URL, got {_quote(href)}',
            )
            return None
        return href

    def channel_podcast(self, kids: _Children, where: str, self_href: str | None) -> None:
        guid = _first(kids, _P + "guid")
        if guid is not None:
            value = (guid.text or "").strip()
            if not _UUID.fullmatch(value):
                self.flag(
                    "podcast.guid",
                    where,
                    f"podcast:guid must be a UUID (UUIDv5 of the feed URL), got {_quote(value)}",
                )
            elif self_href and value.lower() != podcast_guid(self_href):
                self.flag(
                    "podcast.guid-seed",
                    where,
                    f"podcast:guid {value} is not the UUIDv5 of this feed's URL "
                    f"({podcast_guid(self_href)}); fine only if the show moved here "
                    "with its guid",
                )
        locked = _first(kids, _P + "locked")
        if locked is not None and (locked.text or "").strip() not in ("yes", "no"):
            self.flag(
                "podcast.locked",
                where,
                f'podcast:locked must be "yes" or "no", got {_quote(locked.text)}',
            )
        medium = _first(kids, _P + "medium")
        if medium is not None and not _is_medium((medium.text or "").strip()):
            self.flag(
                "podcast.medium",
                where,
                f"podcast:medium must be one of {', '.join(MEDIUMS)} (or a list form "
                f"such as podcastL), got {_quote(medium.text)}",
            )
        for txt in kids.get(_P + "txt", []):
            if (size := len(txt.text or "")) > MAX_TXT_CHARS:
                self.flag(
                    "podcast.txt",
                    where,
                    f"podcast:txt is {size} characters; the spec allows {MAX_TXT_CHARS} "
                    "before aggregators truncate it",
                )
        self.funding_and_persons(kids, where)

    def funding_and_persons(self, kids: _Children, where: str) -> None:
        self.fundings(kids.get(_P + "funding", []), where)
        self.persons(kids.get(_P + "person", []), where)

    def node_length(self, element: _Element, name: str, where: str) -> None:
        if (size := len((element.text or "").strip())) > MAX_NODE_CHARS:
            self.flag(
                "podcast.text-length",
                where,
                f"{name} text is {size} characters; aggregators may truncate it after "
                f"{MAX_NODE_CHARS}",
            )

    def podcast_urls(self, kids: _Children, where: str) -> None:
        """Every URL attribute of a podcast:* tag (and of those nested in it) must be https."""
        for tag, elements in kids.items():
            if tag.startswith(_P):
                for element in elements:
                    self.element_urls(element, where)

    def element_urls(self, element: _Element, where: str) -> None:
        for name, value in element.items():
            if name in _URL_ATTRIBUTES and not (
                value.startswith("https://") and _WEB_URL.fullmatch(value)
            ):
                self.bad_url(element, name, value.strip(), where)
        if len(element):
            for child in element:
                if isinstance(child.tag, str) and _norm(child.tag).startswith(_P):
                    self.element_urls(child, where)

    def bad_url(self, element: _Element, name: str, value: str, where: str) -> None:
        tag = "podcast:" + _norm(element.tag)[len(_P) :]
        if value[:7].lower() == "http://":
            message = f"{tag} {name} must be an https URL, got {_quote(value)}"
            self.flag("podcast.https", where, message)
        elif not _SCHEME.match(value) or (
            value[:8].lower() == "https://" and not _WEB_URL.fullmatch(value)
        ):
            message = f"{tag} {name} must be an absolute URL, got {_quote(value)}"
            self.flag("podcast.url", where, message)

    # -- items ----------------------------------------------------------------

    def item(self, index: int, item: _Element) -> None:
        kids = _children(item, self.alias)
        self.tags.update(kids)
        title = _text(kids, "title")
        where = f'item {index} "{_short(title)}"' if title else f"item {index}"
        if not title:
            self.flag("apple.item-title", where, "every episode needs a <title>")
        self.enclosure(index, kids, where)
        self.item_guid(index, kids, where)
        self.pub_date(kids, where)
        # Optional tags: only those present are looked at (one dict lookup per child tag).
        for tag, elements in kids.items():
            check = _ITEM_CHECKS.get(tag)
            if check is not None:
                check(self, elements, where)
            if tag.startswith(_P):
                for element in elements:
                    self.element_urls(element, where)
        if self.show_type == "serial" and _I + "episode" not in kids:
            self.flag(
                "apple.serial-episode",
                where,
                "in a serial show every episode should have <itunes:episode>, the "
                "order Apple Podcasts plays them in",
            )

    def enclosure(self, index: int, kids: _Children, where: str) -> None:
        enclosure = _first(kids, "enclosure")
        if enclosure is None:
            self.flag(
                "apple.enclosure",
                where,
                "the episode needs an <enclosure url length type> with its audio",
            )
            return
        url = (enclosure.get("url") or "").strip()
        if not _is_web_url(url):
            self.flag(
                "apple.enclosure-url",
                where,
                f"enclosure url must be an absolute http(s) URL, got {_quote(url)}",
            )
        elif (other := self.enclosures.setdefault(url, index)) != index:
            self.flag(
                "feed.duplicate-enclosure",
                where,
                f"item {other} has the same enclosure URL {url}; Apple Podcasts ignores "
                "an episode whose audio URL was already used",
            )
        raw_length = (enclosure.get("length") or "").strip()
        length = _positive_int(raw_length)
        if length <= 0:
            self.flag(
                "spotify.enclosure-length",
                where,
                f"enclosure length must be the file size in bytes (a positive whole "
                f"number), got {_quote(enclosure.get('length'))}",
            )
        kind = (enclosure.get("type") or "").strip().lower()
        if not kind.startswith(("audio/", "video/")):
            self.flag(
                "spotify.enclosure-type",
                where,
                f"enclosure type must be an audio/* or video/* media type such as "
                f"audio/mpeg, got {_quote(enclosure.get('type'))}",
            )
        elif kind not in APPLE_MEDIA_TYPES:
            self.flag(
                "apple.enclosure-type",
                where,
                f"enclosure type {kind} is not one Apple Podcasts lists "
                f"({', '.join(sorted(APPLE_MEDIA_TYPES))})",
            )
        if _is_web_url(url):
            self.local_enclosure(url, length, where)

    def item_guid(self, index: int, kids: _Children, where: str) -> None:
        guid = _first(kids, "guid")
        value = (guid.text or "").strip() if guid is not None else ""
        if guid is None or not value:
            self.flag(
                "apple.guid",
                where,
                "add a <guid> that never changes; without it Apple Podcasts identifies "
                "the episode by its enclosure URL",
            )
            return
        other = self.guids.setdefault(value, index)
        if other != index:
            self.flag(
                "feed.duplicate-guid",
                where,
                f"item {other} has the same guid {_quote(value)}; each episode needs its own",
            )
        permalink = (guid.get("isPermaLink") or "true").strip().lower()
        if permalink == "true" and not _is_web_url(value):
            self.flag(
                "rss.guid-permalink",
                where,
                f'guid {_quote(value)} is not a URL; mark it isPermaLink="false"',
            )

    def pub_date(self, kids: _Children, where: str) -> None:
        raw = _text(kids, "pubDate")
        if not raw:
            self.flag(
                "apple.pubdate-missing",
                where,
                "add a <pubDate>: episodic shows are ordered and shown by it",
            )
            return
        when = _rfc2822(raw)
        if when is None:
            self.flag(
                "rss.pubdate",
                where,
                f"pubDate must be an RFC 2822 date such as "
                f'"Wed, 15 Jun 2019 19:00:00 GMT", got {_quote(raw)}',
            )
        elif when - self.now > FUTURE_SLACK:
            self.flag(
                "apple.pubdate-future",
                where,
                f"pubDate {raw} is more than a day in the future; apps may hide the "
                "episode until then",
            )

    def itunes_number(self, elements: list[_Element], where: str) -> None:
        element = elements[0]
        if not _is_positive_int(element.text):
            name = _norm(element.tag)[len(_I) :]
            self.flag(
                f"apple.{name}",
                where,
                f"itunes:{name} must be a whole number from 1, got {_quote(element.text)}",
            )

    def item_description(self, elements: list[_Element], where: str) -> None:
        element = elements[0]
        text = element.text or "" if len(element) == 0 else "".join(element.itertext())
        if len(text) * 4 <= MAX_DESCRIPTION_BYTES:  # UTF-8 takes at most 4 bytes a character
            return
        if (size := len(text.encode("utf-8"))) > MAX_DESCRIPTION_BYTES:
            name = "description" if element.tag == "description" else "content:encoded"
            self.flag(
                "apple.item-description-length",
                where,
                f"{name} is {size} bytes; Apple Podcasts shows at most "
                f"{MAX_DESCRIPTION_BYTES} and cuts the rest",
            )

    def item_explicit(self, elements: list[_Element], where: str) -> None:
        self.explicit({_I + "explicit": elements}, where, required=False)

    def item_link(self, elements: list[_Element], where: str) -> None:
        link = (elements[0].text or "").strip()
        if link and not _is_web_url(link):
            self.flag(
                "rss.item-link",
                where,
                f"the episode <link> should be an absolute http(s) URL, got {_quote(link)}",
            )

    def item_image(self, elements: list[_Element], where: str) -> None:
        href = (elements[0].get("href") or "").strip()
        if not _is_web_url(href) or not urlsplit(href).path.lower().endswith(
            (".jpg", ".jpeg", ".png")
        ):
            self.flag(
                "apple.item-image",
                where,
                f"episode itunes:image href should be an absolute URL of a .jpg or "
                f".png, got {_quote(href)}",
            )

    def transcripts(self, elements: list[_Element], where: str) -> None:
        for transcript in elements:
            url = (transcript.get("url") or "").strip()
            kind = (transcript.get("type") or "").strip().lower()
            if not url or not kind:
                self.flag(
                    "podcast.transcript",
                    where,
                    "podcast:transcript needs both url and type attributes",
                )
                continue
            if kind not in TRANSCRIPT_TYPES:
                self.flag(
                    "podcast.transcript-type",
                    where,
                    f"podcast:transcript type {_quote(kind)} is not one apps know "
                    f"({', '.join(sorted(TRANSCRIPT_TYPES))})",
                )
            self.local_transcript(url, kind, where)

    def chapters(self, elements: list[_Element], where: str) -> None:
        chapters = elements[0]
        url = (chapters.get("url") or "").strip()
        kind = (chapters.get("type") or "").strip().lower()
        if not url or not kind:
            self.flag(
                "podcast.chapters",
                where,
                f'podcast:chapters needs both url and type ("{CHAPTERS_TYPE}")',
            )
            return
        if kind != CHAPTERS_TYPE:
            self.flag(
                "podcast.chapters-type",
                where,
                f'podcast:chapters type should be "{CHAPTERS_TYPE}", got {_quote(kind)}',
            )
        self.local_chapters(url, kind, where)

    def fundings(self, elements: list[_Element], where: str) -> None:
        for funding in elements:
            if not (funding.get("url") or "").strip():
                self.flag("podcast.funding", where, "podcast:funding needs a url attribute")
            self.node_length(funding, "podcast:funding", where)

    def persons(self, elements: list[_Element], where: str) -> None:
        for person in elements:
            if not (person.text or "").strip():
                self.flag(
                    "podcast.person", where, "podcast:person needs the person's name as its text"
                )
            self.node_length(person, "podcast:person", where)

    # -- namespaces -----------------------------------------------------------

    def namespaces(self, root: _Element) -> None:
        """A misspelt namespace URI silently hides every tag in it from the apps."""
        uris = {tag[1:].split("}", 1)[0] for tag in self.tags if tag.startswith("{")}
        uris.update(u for u in root.nsmap.values() if u)
        for uri in sorted(uris):
            folded = uri.lower().rstrip("/")
            if uri != ITUNES_NS and "itunes.com/dtds" in folded:
                self.flag(
                    "apple.namespace",
                    "feed",
                    f"the itunes namespace must be exactly {ITUNES_NS} (case-sensitive), got {uri}",
                )
            elif uri not in (PODCAST_NS, PODCAST_NS_ALIAS) and (
                "podcastindex.org/namespace" in folded or "podcast-namespace" in folded
            ):
                self.flag(
                    "podcast.namespace",
                    "feed",
                    f"the podcast namespace must be {PODCAST_NS}, got {uri}",
                )

    # -- files on disk --------------------------------------------------------

    def local_file(self, url: str) -> tuple[str, os.DirEntry[str] | None] | None:
        """(real path, its directory entry or None if there is no such file), or None when
        the URL is not under base_url (someone else's file) or leads out of root."""
        if self.local is None or self.folders is None:
            return None
        parts = self.local._relative_parts(url)
        found = self.folders.locate(parts) if parts else None
        if found is None:
            return None
        entry = self.folders.entry(*found)
        if entry is not None and not entry.is_file():
            entry = None  # a folder or a dangling link is no file
        return found[0] + os.sep + found[1], entry

    def name(self, path: str) -> str:
        return self.folders.name(path) if self.folders is not None else path

    def local_cover(self, href: str) -> None:
        found = self.local_file(href)
        if found is None:
            return
        path, entry = found
        name = self.name(path)
        if entry is None:
            self.flag(
                "apple.image-file",
                name,
                f"the cover {href} is not there; Apple Podcasts needs to download it",
            )
            return
        from feeds.art import art_problems  # Pillow, only when there is art to look at

        for problem in art_problems(Path(path)):
            self.flag("apple.art", name, problem)

    def local_enclosure(self, url: str, length: int, where: str) -> None:
        found = self.local_file(url)
        if found is None:
            return
        path, entry = found
        if entry is None:
            self.flag(
                "rss.enclosure-file",
                where,
                f"the enclosure {self.name(path)} is not there; apps cannot download it",
            )
            return
        size = entry.stat().st_size
        if length > 0 and size != length:
            name = self.name(path)
            self.flag(
                "rss.enclosure-size",
                where,
                f"enclosure length is {length} bytes but {name} is {size} bytes; "
                "it must be the file's exact size",
            )

    def local_transcript(self, url: str, kind: str, where: str) -> None:
        found = self.local_file(url)
        if found is None:
            return
        path, entry = found
        if entry is not None and not self.local.read_contents:
            return
        suffix = os.path.splitext(path)[1].lower()
        form = _transcript_form(kind, suffix)
        # A WebVTT file is judged by its first line; the others are read whole.
        text = _read_text(path, 16 if form == "vtt" else None) if entry is not None else None
        if text is None:
            name = self.name(path)
            message = f"the transcript {name} is not there or cannot be read"
            self.flag("podcast.transcript-file", where, message)
            return
        problem = _TRANSCRIPT_CHECKS[form](text) if form else None
        if problem:
            self.flag("podcast.transcript-file", self.name(path), problem)

    def local_chapters(self, url: str, kind: str, where: str) -> None:
        found = self.local_file(url)
        if found is None:
            return
        path, entry = found
        if entry is not None and not self.local.read_contents:
            return
        text = _read_text(path) if entry is not None else None
        if text is None:
            name = self.name(path)
            message = f"the chapters file {name} is not there or cannot be read"
            self.flag("podcast.chapters-file", where, message)
            return
        if "json" not in kind and not path.lower().endswith(".json"):
            return
        problem, untitled = _chapters_problem(text)
        if problem:
            self.flag("podcast.chapters-file", self.name(path), problem)
        elif untitled:
            self.flag(
                "podcast.chapters-title",
                self.name(path),
                f'{untitled} chapter(s) have no "title"; apps show them as blank '
                'unless "toc" is false',
            )


_ItemCheck = Callable[[_Checker, list[_Element], str], None]


def _text_check(rule: str, ok: Callable[[str], object], expected: str) -> _ItemCheck:
    """A check of a tag's text: `rule` is flagged, saying `expected`, when `ok` says no."""

    def check(checker: _Checker, elements: list[_Element], where: str) -> None:
        value = (elements[0].text or "").strip()
        if not ok(value):
            checker.flag(rule, where, f"{expected}, got {_quote(value)}")

    return check


# Checks of optional item tags, by tag: each gets the item's elements of that tag.
_ITEM_CHECKS: dict[str, _ItemCheck] = {
    _I + "duration": _text_check(
        "apple.duration", _DURATION.fullmatch, "itunes:duration should be seconds or [HH:]MM:SS"
    ),
    _I + "episode": _Checker.itunes_number,
    _I + "season": _Checker.itunes_number,
    _I + "episodeType": _text_check(
        "apple.episode-type",
        EPISODE_TYPES.__contains__,
        'itunes:episodeType must be "full", "trailer" or "bonus"',
    ),
    _I + "explicit": _Checker.item_explicit,
    _I + "image": _Checker.item_image,
    "description": _Checker.item_description,
    _CONTENT: _Checker.item_description,
    "link": _Checker.item_link,
    _P + "transcript": _Checker.transcripts,
    _P + "chapters": _Checker.chapters,
    _P + "season": _text_check(
        "podcast.season",
        lambda value: value.isascii() and value.isdigit(),
        "podcast:season must be a whole number",
    ),
    _P + "episode": _text_check(
        "podcast.episode", _DECIMAL.fullmatch, "podcast:episode must be a number such as 3 or 315.5"
    ),
    _P + "funding": _Checker.fundings,
    _P + "person": _Checker.persons,
}


# -- helpers -------------------------------------------------------------------

_TRANSCRIPT_FORMS = {
    "text/vtt": "vtt",
    ".vtt": "vtt",
    "application/x-subrip": "srt",
    "application/srt": "srt",
    "text/srt": "srt",
    ".srt": "srt",
    "application/json": "json",
    ".json": "json",
}


def _norm(tag: str) -> str:
    """Tags in the podcast namespace's GitHub alias count as the official namespace."""
    return _P + tag[len(_P_ALIAS) :] if tag.startswith(_P_ALIAS) else tag


def _children(parent: _Element, alias: bool) -> _Children:
    """Child elements by tag, in one pass (comments, PIs and entities are skipped in C).

    With `alias`, tags in the podcast namespace's GitHub alias are filed under the
    official namespace, which the spec says is the same.
    """
    kids: _Children = {}
    for child in parent.iterchildren(etree.Element):
        tag = child.tag
        found = kids.get(tag)
        if found is None:
            kids[tag] = [child]
        else:
            found.append(child)
    if alias and any(tag.startswith(_P_ALIAS) for tag in kids):
        merged: _Children = {}
        for tag, elements in kids.items():
            merged.setdefault(_norm(tag), []).extend(elements)
        return merged
    return kids


def _first(kids: _Children, tag: str) -> _Element | None:
    found = kids.get(tag)
    return found[0] if found else None


def _text(kids: _Children, tag: str) -> str:
    element = _first(kids, tag)
    return (element.text or "").strip() if element is not None else ""


def _full_text(kids: _Children, tag: str) -> str:
    """All text of an element, for descriptions that carry unescaped markup."""
    element = _first(kids, tag)
    if element is None:
        return ""
    if len(element) == 0:
        return element.text or ""
    return "".join(element.itertext())


def _url_prefix(base_url: str) -> str:
    """base_url as "scheme://host/path/", scheme and host lowercased, for fast matching."""
    try:
        base = urlsplit(base_url.strip())
    except ValueError:
        return "\0"  # matches no URL
    if not base.scheme or not base.netloc:
        return "\0"
    path = base.path if base.path.endswith("/") else base.path + "/"
    return f"{base.scheme}://{base.netloc}".lower() + path


def _self_link(channel: _Element) -> str | None:
    for link in channel.iterchildren(_ATOM_LINK):
        if link.get("rel") == "self":
            return (link.get("href") or "").strip() or None
    return None


def _quote(value: object) -> str:
    if value is None:
        return "nothing"
    text = str(value).strip()
    return f'"{text[:80]}…"' if len(text) > 80 else f'"{text}"'


def _short(title: str) -> str:
    return title if len(title) <= 60 else title[:59] + "…"


def _is_web_url(value: str | None) -> bool:
    """An absolute http(s) URL with a host and no spaces (a regex: it runs per episode)."""
    if not value:
        return False
    return _WEB_URL.fullmatch(value.strip()) is not None


def _is_language(value: str) -> bool:
    match = _LANGUAGE.fullmatch(value)
    if match is None:
        return False
    primary = match.group(1).lower()
    return len(primary) == 3 or primary in _ISO_639_1


def _is_medium(value: str) -> bool:
    return value in MEDIUMS or value == "mixed" or (value.endswith("L") and value[:-1] in MEDIUMS)


def _positive_int(value: str | None) -> int:
    """The whole number written in `value` if it is one from 1, else 0 (never raises)."""
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 20:  # int() refuses huge ones
        return 0
    return int(text)


def _is_positive_int(value: str | None) -> bool:
    return _positive_int(value) > 0


def _rfc2822(value: str) -> datetime | None:
    """The date, timezone-aware (a date without a zone is taken as UTC); None if unparseable.

    The usual "Wed, 15 Jun 2019 19:00:00 +0000" is read by a regex (it runs per episode);
    anything else goes to the standard library's lenient RFC 2822 parser.
    """
    match = _RFC2822.fullmatch(value)
    if match is not None:
        day, month, year, hour, minute, second, zone = match.groups()
        try:
            return datetime(
                int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second or 0),
                tzinfo=_zone(zone),
            )  # fmt: skip
        except ValueError:
            return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


@lru_cache(maxsize=64)
def _zone(zone: str) -> timezone:
    if zone in ("GMT", "UT", "UTC", "Z"):
        return UTC
    minutes = int(zone[1:3]) * 60 + int(zone[3:5])
    return timezone(timedelta(minutes=-minutes if zone[0] == "-" else minutes))


def _read_text(path: str, limit: int | None = None) -> str | None:
    """A small text file's content, or its first `limit` bytes; None if it cannot be read.

    os-level reads, as this runs for every transcript of every episode.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        size = limit or _CHUNK
        chunks = [os.read(fd, size)]
        while limit is None and len(chunks[-1]) == size:  # a short read is the end
            chunks.append(os.read(fd, size))
    except OSError:
        return None
    finally:
        os.close(fd)
    return b"".join(chunks).decode("utf-8-sig", errors="replace")


def _transcript_form(kind: str, suffix: str) -> str | None:
    """ "vtt", "srt" or "json" by the declared type, or by the extension for unknown types."""
    form = _TRANSCRIPT_FORMS.get(kind)
    if form is None and kind not in TRANSCRIPT_TYPES:
        form = _TRANSCRIPT_FORMS.get(suffix)
    return form


def _vtt_problem(text: str) -> str | None:
    return None if text.startswith("WEBVTT") else 'a WebVTT file must start with "WEBVTT"'


def _srt_problem(text: str) -> str | None:
    blocks = [b for b in _BLANK_LINES.split(text.strip()) if b.strip()]
    if not blocks:
        return "the SRT file has no cues"
    for number, block in enumerate(blocks, 1):
        lines = block.strip().splitlines()
        if len(lines) < 2 or not lines[0].strip().isdigit():
            return f"SRT cue {number} does not start with its number"
        if not _SRT_TIMING.fullmatch(lines[1].strip()):
            return f'SRT cue {number} has no "HH:MM:SS,mmm --> HH:MM:SS,mmm" timing line'
    return None


def _json_transcript_problem(text: str) -> str | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return f"the JSON transcript does not parse: {exc}"
    if not isinstance(data, dict) or "version" not in data:
        return 'the JSON transcript needs a "version"'
    if not isinstance(data.get("segments"), list):
        return 'the JSON transcript needs a "segments" list'
    return None


_TRANSCRIPT_CHECKS: dict[str, Callable[[str], str | None]] = {
    "vtt": _vtt_problem,
    "srt": _srt_problem,
    "json": _json_transcript_problem,
}


def _chapters_problem(text: str) -> tuple[str | None, int]:
    """(what is wrong, or None; how many displayed chapters lack a title)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return f"the chapters file does not parse as JSON: {exc}", 0
    if not isinstance(data, dict) or not isinstance(data.get("version"), str):
        return 'the chapters file needs a "version" string', 0
    chapters = data.get("chapters")
    if not isinstance(chapters, list):
        return 'the chapters file needs a "chapters" list', 0
    previous = float("-inf")
    untitled = 0
    for number, chapter in enumerate(chapters, 1):
        if not isinstance(chapter, dict):
            return f"chapter {number} must be an object", 0
        start = chapter.get("startTime")
        if isinstance(start, bool) or not isinstance(start, int | float):
            return f'chapter {number} needs a numeric "startTime" (seconds)', 0
        if start < previous:
            return (
                f"chapter {number} starts at {start}, before chapter {number - 1} "
                f"({previous}); chapters must be in order of startTime"
            ), 0
        previous = start
        title = chapter.get("title")
        if chapter.get("toc") is not False and not (isinstance(title, str) and title.strip()):
            untitled += 1
    return None, untitled
