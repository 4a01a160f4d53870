"""`presscast validate`: find the feed to check (this show's, a file, a URL) and check it.

Files the feed points at are checked too when they can be read from disk: for a show's
own feed through its base URL, for any other file through its atom:link rel="self".
"""

from __future__ import annotations

from pathlib import Path

from episodes.errors import PresscastError
from episodes.fetch import fetch_url, is_url
from episodes.show import find_show, find_show_or_none
from feeds.validate import Finding, LocalFiles, validate_feed

FEED_TYPES = {
    kind: "xml"
    for kind in (
        "application/rss+xml",
        "application/xml",
        "text/xml",
        "application/atom+xml",
        "application/x-rss+xml",
        "text/plain",
        "application/octet-stream",
    )
}
MAX_FEED_BYTES = 200 * 1024 * 1024  # feeds of thousands of episodes run to tens of MB


def check_feed(target: str | None = None) -> list[Finding]:
    """Findings for `target`: None for this show's public/feed.xml, a path, or a URL."""
    if target is None:
        show = find_show()
        if not show.feed_path.is_file():
            raise PresscastError("this show has no feed yet: run `presscast build` first")
        return validate_feed(
            show.feed_path.read_bytes(), LocalFiles(show.config.base_url, show.public_dir)
        )
    if is_url(target):
        data, _, _, _ = fetch_url(
            target, max_bytes=MAX_FEED_BYTES, accepted=FEED_TYPES, what="a feed"
        )
        return validate_feed(data)
    path = Path(target).expanduser()
    if not path.is_file():
        raise PresscastError(f"{target}: no such file (give a feed file or an http(s) URL)")
    data = path.read_bytes()
    return validate_feed(data, _local_files(path, data))


def _local_files(path: Path, data: bytes) -> LocalFiles | None:
    """A show's public/ through its base URL, else what lies beside the feed file.

    Any feed file inside a show counts as the show's: the one `build` set aside too.
    """
    show = find_show_or_none(path.resolve().parent)
    if show is not None and path.resolve().is_relative_to(show.root.resolve()):
        return LocalFiles(show.config.base_url, show.public_dir)
    return LocalFiles.beside_feed(path, data)
