"""The preview server, over real sockets: what podcast apps and web players rely on.

Every test talks HTTP to a real PreviewServer on 127.0.0.1 (port 0) with http.client,
requests or a raw socket when the point is bytes http.client would not send.
"""

from __future__ import annotations

import http.client
import random
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from pathlib import Path
from typing import Any

import pytest
import requests

from feeds.serve import PreviewServer

SECRET = b"title = 'not for the web'\n"
EP = random.Random(1).randbytes(10_000)  # episodes/ep.mp3: every slice distinguishable
BIG = random.Random(2).randbytes(5 * 1024 * 1024)  # episodes/big.mp3
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>\n'

Response = tuple[int, http.client.HTTPMessage, bytes]


def build_show(root: Path) -> Path:
    """A show folder whose public/ holds one file of every served type, plus traps."""
    (root / "show.toml").write_bytes(SECRET)
    public = root / "public"
    episodes = public / "episodes"
    episodes.mkdir(parents=True)
    (public / "feed.xml").write_bytes(FEED)
    (public / "cover.jpg").write_bytes(b"\xff\xd8\xff jpeg")
    (episodes / "ep.mp3").write_bytes(EP)
    (episodes / "big.mp3").write_bytes(BIG)
    for name in ["ep.m4a", "ep.vtt", "ep.srt", "ep.json", "ep.chapters.json", "ep.jpeg"]:
        (episodes / name).write_text(f"content of {name}\n", encoding="utf-8")
    for name in ["art.png", "page.html", "notes.txt", "blob.bin", "other.xml"]:
        (public / name).write_text(f"content of {name}\n", encoding="utf-8")
    (public / "leak.toml").symlink_to(root / "show.toml")  # points outside public/
    (episodes / "alias.mp3").symlink_to(episodes / "ep.mp3")  # stays inside: allowed
    return public


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_show(tmp_path_factory.mktemp("show"))


@contextmanager
def running(public: Path, **options: Any) -> Iterator[tuple[PreviewServer, list[str]]]:
    """A started server on a free port, and the lines it logs (kept off the terminal)."""
    srv = PreviewServer(public, port=0, **options)
    lines: list[str] = []
    srv.log = lines.append
    srv.start_in_thread()
    try:
        yield srv, lines
    finally:
        srv.shutdown()


@pytest.fixture(scope="module")
def served(public: Path) -> Iterator[tuple[PreviewServer, list[str]]]:
    """One server for the read-only tests, serving public/feed.xml from disk."""
    with running(public) as pair:
        yield pair


@pytest.fixture(scope="module")
def server(served: tuple[PreviewServer, list[str]]) -> PreviewServer:
    return served[0]


@pytest.fixture(scope="module")
def server_log(served: tuple[PreviewServer, list[str]]) -> list[str]:
    return served[1]


def port_of(srv: PreviewServer) -> int:
    return int(srv.base_url.rsplit(":", 1)[1].rstrip("/"))


def fetch(
    srv: PreviewServer, path: str, method: str = "GET", headers: dict[str, str] | None = None
) -> Response:
    """One request on a fresh connection: status, headers, body."""
    conn = http.client.HTTPConnection("127.0.0.1", port_of(srv), timeout=5)
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


def raw(srv: PreviewServer, request: bytes) -> tuple[bytes, bytes]:
    """Send bytes as they are and read until the server closes: (head, body)."""
    with socket.create_connection(("127.0.0.1", port_of(srv)), timeout=5) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return head, body


def wait_for_line(lines: list[str], start: str, seconds: float = 3.0) -> str:
    """The logged line starting with `start`: the server logs after the last byte is out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [line for line in lines if line.startswith(start)]
        if found:
            return found[0]
        time.sleep(0.02)
    raise AssertionError(f"never logged: {start!r} (got {lines[-5:]})")


def wait_handlers_done(seconds: float = 3.0) -> None:
    """Let connection threads finish, so whatever they print has been printed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not [t for t in threading.enumerate() if "process_request" in t.name]:
            return
        time.sleep(0.02)


# --- whole files, HEAD ---------------------------------------------------------------


def test_get_whole_file(server: PreviewServer) -> None:
    status, headers, body = fetch(server, "/episodes/ep.mp3")
    assert status == 200
    assert body == EP
    assert headers["Content-Length"] == str(len(EP))
    assert headers["Accept-Ranges"] == "bytes"
    assert headers["ETag"].startswith('"')
    assert headers["Last-Modified"].endswith("GMT")


def test_head_has_get_headers_and_no_body(server: PreviewServer) -> None:
    head, body = raw(
        server,
        b"HEAD /episodes/ep.mp3 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
    )
    assert head.startswith(b"HTTP/1.1 200")
    assert body == b""
    _, get_headers, _ = fetch(server, "/episodes/ep.mp3")
    lines = head.decode("latin-1").split("\r\n")[1:]
    head_headers = dict(line.split(": ", 1) for line in lines)
    for name in ["Content-Length", "Content-Type", "Accept-Ranges", "ETag", "Last-Modified"]:
        assert head_headers[name] == get_headers[name], name
    assert head_headers["Content-Length"] == str(len(EP))


def test_head_ignores_range_as_rfc_9110_asks(server: PreviewServer) -> None:
    """Range handling is defined for GET only: HEAD describes the whole file."""
    for asked in ("bytes=0-99", f"bytes={len(EP) + 10}-"):  # a part, and one past the end
        status, headers, body = fetch(server, "/episodes/ep.mp3", "HEAD", {"Range": asked})
        assert (status, body) == (200, b"")
        assert headers["Content-Length"] == str(len(EP))
        assert headers["Accept-Ranges"] == "bytes"
        assert "Content-Range" not in headers


# --- ranges ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-99", 0, 99),  # first bytes
        ("bytes=1000-1999", 1000, 1999),  # middle
        ("bytes=-500", len(EP) - 500, len(EP) - 1),  # suffix
        ("bytes=1000-", 1000, len(EP) - 1),  # open-ended
        ("bytes=10-999999", 10, len(EP) - 1),  # end past the file: clipped
        ("bytes=-999999", 0, len(EP) - 1),  # suffix longer than the file
        ("bytes=9999-9999", 9999, 9999),  # the last byte alone
        ("Bytes = 5-6", 5, 6),  # the unit is case-insensitive
    ],
)
def test_single_range_gets_206_and_the_exact_slice(
    server: PreviewServer, header: str, first: int, last: int
) -> None:
    status, headers, body = fetch(server, "/episodes/ep.mp3", headers={"Range": header})
    assert status == 206
    assert headers["Content-Range"] == f"bytes {first}-{last}/{len(EP)}"
    assert headers["Content-Length"] == str(last - first + 1)
    assert body == EP[first : last + 1]


@pytest.mark.parametrize("header", ["bytes=10000-", "bytes=20000-30000", "bytes=-0"])
def test_unsatisfiable_range_gets_416(server: PreviewServer, header: str) -> None:
    status, headers, _ = fetch(server, "/episodes/ep.mp3", headers={"Range": header})
    assert status == 416
    assert headers["Content-Range"] == f"bytes */{len(EP)}"


@pytest.mark.parametrize(
    "header",
    ["bytes=0-1,5-9", "bytes=0-99, 200-299", "bytes=abc", "items=0-5", "bytes=50-10", "bytes="],
)
def test_several_or_malformed_ranges_get_the_whole_file(server: PreviewServer, header: str) -> None:
    status, headers, body = fetch(server, "/episodes/ep.mp3", headers={"Range": header})
    assert status == 200
    assert "Content-Range" not in headers
    assert body == EP


def test_ranges_reassemble_a_5mb_file_byte_identical(server: PreviewServer) -> None:
    step = 1_000_003  # odd, so no part lines up with the server's chunks
    parts = []
    with requests.Session() as session:
        for first in range(0, len(BIG), step):
            last = min(first + step, len(BIG)) - 1
            resp = session.get(
                server.base_url + "episodes/big.mp3",
                headers={"Range": f"bytes={first}-{last}"},
                timeout=5,
            )
            assert resp.status_code == 206
            assert resp.headers["Content-Range"] == f"bytes {first}-{last}/{len(BIG)}"
            parts.append(resp.content)
    assert len(parts) == 6
    assert b"".join(parts) == BIG


# --- validators ----------------------------------------------------------------------


def test_if_none_match_gets_304(server: PreviewServer) -> None:
    _, headers, _ = fetch(server, "/episodes/ep.mp3")
    etag = headers["ETag"]
    status, headers304, body = fetch(server, "/episodes/ep.mp3", headers={"If-None-Match": etag})
    assert (status, body) == (304, b"")
    assert headers304["ETag"] == etag
    status, _, body = fetch(server, "/episodes/ep.mp3", headers={"If-None-Match": '"other"'})
    assert (status, body) == (200, EP)


def test_if_modified_since(server: PreviewServer) -> None:
    _, headers, _ = fetch(server, "/episodes/ep.mp3")
    same = {"If-Modified-Since": headers["Last-Modified"]}
    assert fetch(server, "/episodes/ep.mp3", headers=same)[0] == 304
    older = {"If-Modified-Since": formatdate(86400, usegmt=True)}
    assert fetch(server, "/episodes/ep.mp3", headers=older)[0] == 200


def test_if_range_sends_the_part_only_for_the_same_file(server: PreviewServer) -> None:
    _, headers, _ = fetch(server, "/episodes/ep.mp3")
    current = {"Range": "bytes=0-9", "If-Range": headers["ETag"]}
    assert fetch(server, "/episodes/ep.mp3", headers=current)[:1] == (206,)
    stale = {"Range": "bytes=0-9", "If-Range": '"stale"'}
    status, _, body = fetch(server, "/episodes/ep.mp3", headers=stale)
    assert (status, body) == (200, EP)
    by_date = {"Range": "bytes=0-9", "If-Range": headers["Last-Modified"]}
    assert fetch(server, "/episodes/ep.mp3", headers=by_date)[0] == 206


def test_a_changed_file_gets_a_new_etag(tmp_path: Path) -> None:
    public = tmp_path / "public"
    public.mkdir()
    (public / "a.mp3").write_bytes(b"one")
    with running(public) as (srv, _):
        etag = fetch(srv, "/a.mp3")[1]["ETag"]
        (public / "a.mp3").write_bytes(b"three")
        status, headers, body = fetch(srv, "/a.mp3", headers={"If-None-Match": etag})
        assert (status, body) == (200, b"three")
        assert headers["ETag"] != etag


# --- content types and CORS ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/episodes/ep.mp3", "audio/mpeg"),
        ("/episodes/ep.m4a", "audio/mp4"),
        ("/feed.xml", "application/rss+xml; charset=utf-8"),
        ("/other.xml", "application/rss+xml; charset=utf-8"),
        ("/episodes/ep.vtt", "text/vtt; charset=utf-8"),
        ("/episodes/ep.srt", "application/x-subrip"),
        ("/episodes/ep.chapters.json", "application/json+chapters"),
        ("/episodes/ep.json", "application/json"),
        ("/cover.jpg", "image/jpeg"),
        ("/episodes/ep.jpeg", "image/jpeg"),
        ("/art.png", "image/png"),
        ("/page.html", "text/html; charset=utf-8"),
        ("/notes.txt", "text/plain; charset=utf-8"),
        ("/blob.bin", "application/octet-stream"),
    ],
)
def test_content_type_by_extension(server: PreviewServer, path: str, expected: str) -> None:
    status, headers, _ = fetch(server, path)
    assert status == 200
    assert headers["Content-Type"] == expected


@pytest.mark.parametrize(
    "path",
    [
        "/episodes/ep.vtt",
        "/episodes/ep.chapters.json",
        "/episodes/ep.srt",
        "/episodes/ep.json",
        "/feed.xml",
        "/episodes/ep.mp3",
    ],
)
def test_cors_for_web_players(server: PreviewServer, path: str) -> None:
    _, headers, _ = fetch(server, path, headers={"Origin": "https://player.example"})
    assert headers["Access-Control-Allow-Origin"] == "*"
    exposed = {h.strip() for h in headers["Access-Control-Expose-Headers"].split(",")}
    assert {"Content-Range", "Content-Length", "Accept-Ranges"} <= exposed


def test_no_cors_on_images(server: PreviewServer) -> None:
    assert "Access-Control-Allow-Origin" not in fetch(server, "/cover.jpg")[1]


def test_cors_preflight(server: PreviewServer) -> None:
    asked = {
        "Origin": "https://player.example",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "range",
    }
    status, headers, body = fetch(server, "/episodes/ep.vtt", "OPTIONS", asked)
    assert (status, body) == (204, b"")
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in headers["Access-Control-Allow-Methods"]
    assert "range" in headers["Access-Control-Allow-Headers"].lower()
    status, headers, _ = fetch(server, "/cover.jpg", "OPTIONS", asked)
    assert status == 204
    assert "Access-Control-Allow-Origin" not in headers


# --- the feed ------------------------------------------------------------------------


def test_feed_file_served_without_a_source(server: PreviewServer) -> None:
    assert fetch(server, "/feed.xml")[::2] == (200, FEED)


def test_feed_source_gets_the_base_url_on_every_request(public: Path) -> None:
    calls: list[str] = []

    def feed(base_url: str) -> bytes:
        calls.append(base_url)
        return f"<rss><link>{base_url}</link><n>{len(calls)}</n></rss>".encode()

    with running(public, feed=feed) as (srv, _):
        status, headers, body = fetch(srv, "/feed.xml")
        assert status == 200
        assert body == f"<rss><link>{srv.base_url}</link><n>1</n></rss>".encode()
        assert headers["Content-Type"] == "application/rss+xml; charset=utf-8"
        assert headers["Access-Control-Allow-Origin"] == "*"
        assert fetch(srv, "/feed.xml?fresh=1")[2].endswith(b"<n>2</n></rss>")  # rebuilt
        assert calls == [srv.base_url, srv.base_url]
        assert srv.base_url == f"http://127.0.0.1:{port_of(srv)}/"
        assert srv.feed_url == srv.base_url + "feed.xml"


def test_given_base_url_is_what_the_feed_source_sees(public: Path) -> None:
    seen: list[str] = []

    def feed(base_url: str) -> bytes:
        seen.append(base_url)
        return b"<rss/>"

    given = "https://laptop.example:9/show/"
    with running(public, feed=feed, base_url=given) as (srv, _):
        assert srv.base_url == given
        assert srv.feed_url == given + "feed.xml"
        port = srv._httpd.server_address[1]  # white-box: base_url names another address
        assert requests.get(f"http://127.0.0.1:{port}/feed.xml", timeout=5).content == b"<rss/>"
        assert seen == [given]


def test_failing_feed_source_gets_500_and_the_server_lives_on(public: Path) -> None:
    def feed(base_url: str) -> bytes:
        raise ValueError("show.toml: bad title")

    with running(public, feed=feed) as (srv, lines):
        assert fetch(srv, "/feed.xml")[0] == 500
        assert fetch(srv, "/episodes/ep.mp3")[0] == 200
        assert "show.toml: bad title" in "\n".join(lines)
        assert wait_for_line(lines, "GET /feed.xml ") == "GET /feed.xml 500 26"


# --- safety --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/../show.toml",
        "/%2e%2e/show.toml",
        "/%2E%2E%2Fshow.toml",
        "/episodes/..%2f..%2fshow.toml",
        "/episodes/../../show.toml",
        "/episodes%5c..%5c..%5cshow.toml",  # backslashes
        "//etc/passwd",
        "/leak.toml",  # symlink to ../show.toml
        "/episodes/ep.mp3%00.txt",  # NUL
        "/%2e%2e/public/episodes/ep.mp3",  # out and back in: still refused
        "/%252e%252e/show.toml",  # decoded once only: a file named "%2e%2e"
        "/%ff%fe",  # not UTF-8
    ],
)
def test_paths_outside_public_are_404(server: PreviewServer, path: str) -> None:
    status, _, body = fetch(server, path)  # a traceback would drop the connection instead
    assert status == 404
    assert SECRET not in body and b"root:" not in body


def test_raw_nul_byte_in_the_request_line_is_404(server: PreviewServer) -> None:
    head, body = raw(server, b"GET /episodes/ep\x00.mp3 HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 404")
    assert EP not in body


def test_symlink_inside_public_is_served(server: PreviewServer) -> None:
    assert fetch(server, "/episodes/alias.mp3")[::2] == (200, EP)


def test_directories_are_404_and_root_redirects_to_the_feed(server: PreviewServer) -> None:
    assert fetch(server, "/episodes")[0] == 404
    assert fetch(server, "/episodes/")[0] == 404
    assert fetch(server, "/missing.mp3")[0] == 404
    for root in ["/", "/?utm=1"]:
        status, headers, _ = fetch(server, root)
        assert status == 302
        assert headers["Location"] == "/feed.xml"


def test_query_string_is_ignored(server: PreviewServer) -> None:
    assert fetch(server, "/episodes/ep.mp3?t=30#x")[::2] == (200, EP)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "BREW"])
def test_other_methods_get_405_with_allow(server: PreviewServer, method: str) -> None:
    status, headers, _ = fetch(server, "/episodes/ep.mp3", method)
    assert status == 405
    assert {m.strip() for m in headers["Allow"].split(",")} >= {"GET", "HEAD"}


# --- connections and logging --------------------------------------------------------


def test_keep_alive_serves_two_requests_on_one_connection(server: PreviewServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port_of(server), timeout=5)
    try:
        conn.request("GET", "/episodes/ep.mp3", headers={"Range": "bytes=0-99"})
        first = conn.getresponse()
        assert first.read() == EP[:100]
        sock = conn.sock
        assert sock is not None  # not closed by the server
        conn.request("GET", "/feed.xml")
        second = conn.getresponse()
        assert second.read() == FEED
        assert conn.sock is sock
        conn.request("GET", "/nothing-here")  # a 404 keeps the connection too
        assert conn.getresponse().read()
        assert conn.sock is sock
    finally:
        conn.close()


def test_one_log_line_per_request(server: PreviewServer, server_log: list[str]) -> None:
    fetch(server, "/episodes/ep.mp3?log=1", headers={"Range": "bytes=0-99"})
    fetch(server, "/episodes/ep.mp3?log=2", "HEAD")
    assert wait_for_line(server_log, "GET /episodes/ep.mp3?log=1") == (
        "GET /episodes/ep.mp3?log=1 206 100"
    )
    assert wait_for_line(server_log, "HEAD /episodes/ep.mp3?log=2") == (
        "HEAD /episodes/ep.mp3?log=2 200 0"
    )


def test_default_log_is_one_escaped_line_on_stderr(
    public: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with PreviewServer(public, port=0) as srv:
        srv.start_in_thread()
        fetch(srv, "/episodes/ep.mp3?x=%0A")
        raw(srv, b"GET /a\x1b[31m HTTP/1.1\r\nConnection: close\r\n\r\n")
        wait_handlers_done()
    lines = capsys.readouterr().err.splitlines()
    assert "GET /episodes/ep.mp3?x=%0A 200 10000" in lines
    assert "GET /a\\x1b[31m 404 14" in lines  # a client cannot paint the terminal


def test_client_hanging_up_mid_file_leaves_no_traceback(
    server: PreviewServer, server_log: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # the server soon blocks
    sock.settimeout(5)
    sock.connect(("127.0.0.1", port_of(server)))
    sock.sendall(b"GET /episodes/big.mp3?hangup=1 HTTP/1.1\r\nHost: t\r\n\r\n")
    assert sock.recv(1024).startswith(b"HTTP/1.1 200")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()  # RST: the server's next write fails
    line = wait_for_line(server_log, "GET /episodes/big.mp3?hangup=1 200 ")
    assert int(line.split()[-1]) < len(BIG)  # it really was cut short
    wait_handlers_done()
    assert "Traceback" not in capsys.readouterr().err
    assert fetch(server, "/episodes/ep.mp3")[0] == 200  # and the server lives on


# --- binding -------------------------------------------------------------------------


def test_taken_port_raises_oserror(public: Path) -> None:
    with PreviewServer(public, port=0) as first, pytest.raises(OSError):
        PreviewServer(public, port=port_of(first))


def test_all_interfaces_advertise_a_reachable_address(public: Path) -> None:
    with running(public, host="0.0.0.0") as (srv, _):
        host = srv.base_url.split("//", 1)[1].rsplit(":", 1)[0]
        assert host != "0.0.0.0"
        socket.inet_aton(host)  # an IPv4 address, LAN or loopback
        assert fetch(srv, "/feed.xml")[::2] == (200, FEED)


def test_ipv6_host_is_bracketed(public: Path) -> None:
    try:
        socket.create_server(("::1", 0), family=socket.AF_INET6).close()
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with running(public, host="::1") as (srv, _):
        assert srv.base_url == f"http://[::1]:{port_of(srv)}/"
        assert requests.get(srv.feed_url, timeout=5).content == FEED


def test_shutdown_closes_the_socket_and_is_idempotent(public: Path) -> None:
    srv = PreviewServer(public, port=0)
    srv.log = lambda line: None
    srv.start_in_thread()
    port = port_of(srv)
    assert fetch(srv, "/feed.xml")[0] == 200
    srv.shutdown()
    srv.shutdown()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    PreviewServer(public, port=0).shutdown()  # never started: must not hang
