"""`presscast validate` on a show, a file and a URL served by a real local HTTP server."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import Result

from feeds import Channel, Item, build_feed

FEED_URL = "https://cdn.example.com/show/feed.xml"


def a_feed(**item_changes: object) -> bytes:
    channel = Channel(
        title="Elsewhere",
        description="Someone else's show.",
        site_url="https://example.com/",
        feed_url=FEED_URL,
        language="en",
        image_url="https://cdn.example.com/show/cover.jpg",
        author="Them",
        owner_name="Them",
        owner_email="them@example.com",
        category="News",
    )
    fields: dict[str, object] = {
        "guid": "one",
        "title": "One",
        "description": "The first.",
        "published": datetime(2025, 1, 1, tzinfo=UTC),
        "enclosure_url": "https://cdn.example.com/show/one.mp3",
        "enclosure_length": 1234,
        "duration_seconds": 60,
    }
    fields.update(item_changes)
    return build_feed(channel, [Item(**fields)])  # type: ignore[arg-type]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A static HTTP server on 127.0.0.1 over tmp_path/www; yields its base URL."""
    root = tmp_path / "www"
    root.mkdir()

    class Quiet(SimpleHTTPRequestHandler):
        extensions_map: ClassVar[dict[str, str]] = {
            ".xml": "application/rss+xml",
            ".png": "image/png",
        }

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_validate_a_url(run: Callable[..., Result], server: str, tmp_path: Path) -> None:
    (tmp_path / "www" / "feed.xml").write_bytes(a_feed())
    result = run("validate", server + "feed.xml", "--json")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert all(f["severity"] == "warning" for f in json.loads(result.stdout))

    (tmp_path / "www" / "broken.xml").write_bytes(a_feed().replace(b"2.0", b"0.9", 1))
    broken = run("validate", server + "broken.xml")
    assert broken.exit_code == 1
    assert any(line.startswith("error ") for line in broken.stdout.splitlines())


def test_validate_refuses_what_is_not_a_feed(
    run: Callable[..., Result], server: str, tmp_path: Path
) -> None:
    (tmp_path / "www" / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run("validate", server + "cover.png")
    assert result.exit_code == 1
    assert "not a feed (the server sent image/png" in result.stderr
    missing = run("validate", server + "nothing.xml")
    assert missing.exit_code == 1 and "404" in missing.stderr


def test_validate_a_file_with_errors_one_line_each(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(a_feed(enclosure_type="text/html"))
    result = run("validate", str(feed))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.split(" ", 1)[0] in ("error", "warning") for line in lines)
    assert "error(s)" in result.stderr


def test_validate_a_file_checks_the_files_beside_it(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    """With the enclosure beside the feed (under its self link), its real size is compared."""
    feed = tmp_path / "feed.xml"
    feed.write_bytes(a_feed())
    (tmp_path / "one.mp3").write_bytes(b"\xff" * 1000)  # the feed says 1234
    result = run("validate", str(feed), "--json")
    assert result.exit_code == 1
    errors = [f for f in json.loads(result.stdout) if f["severity"] == "error"]
    assert any("1234" in f["message"] and "1000" in f["message"] for f in errors), errors


def test_validate_without_a_feed_says_what_to_do(
    run: Callable[..., Result], show_dir: Path
) -> None:
    result = run("validate", cwd=show_dir)
    assert result.exit_code == 1
    assert "run `presscast build` first" in result.stderr
    nothing = run("validate", str(show_dir / "nope.xml"))
    assert nothing.exit_code == 1 and "no such file" in nothing.stderr
