"""A local preview server for public/: try a show in a podcast app before publishing.

Podcast apps and web players need more than a bare static server gives: byte ranges
(seeking, and iOS refuses audio without them), validators so a re-poll is cheap, CORS on
transcripts, chapters and the feed, and a feed whose URLs point at this server. Standard
library only, so `presscast serve` works wherever Presscast is installed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import socket
import socketserver
import stat
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO, Literal
from urllib.parse import unquote_to_bytes, urlsplit

from feeds.model import CHAPTERS_TYPE

FeedSource = Callable[[str], bytes]
"""Given the base URL the server is reached at (ending "/"), the feed.xml bytes to serve."""

CHUNK = 64 * 1024  # bytes per read/write: episodes can be hundreds of MB
FEED_PATH = "/feed.xml"
ALLOW = "GET, HEAD, OPTIONS"
IDLE_TIMEOUT = 60.0  # seconds a kept-alive or stalled connection may hold a thread
SHUTDOWN_POLL = 0.1  # seconds shutdown() may wait for the accept loop to notice

_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".xml": "application/rss+xml; charset=utf-8",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
_CHAPTERS_SUFFIX = ".chapters.json"
_DEFAULT_TYPE = "application/octet-stream"
# Web players fetch these with fetch()/XHR or <track>, so they need CORS; images and
# pages load without it.
_CORS_SUFFIXES = {".mp3", ".m4a", ".xml", ".vtt", ".srt", ".json"}
_CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Content-Range, Content-Length, Accept-Ranges, ETag",
}
_DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)
_RANGE = re.compile(r"\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*", re.IGNORECASE)
_WILDCARD_HOSTS = {"", "0.0.0.0", "::"}
_LOG_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]}


def content_type(name: str) -> str:
    """The Content-Type for a file name; the chapters double extension wins over .json."""
    lower = name.lower()
    if lower.endswith(_CHAPTERS_SUFFIX):
        return CHAPTERS_TYPE
    return _TYPES.get(os.path.splitext(lower)[1], _DEFAULT_TYPE)


def wants_cors(name: str) -> bool:
    """Whether a web player on another origin must be able to read this file."""
    return os.path.splitext(name.lower())[1] in _CORS_SUFFIXES


def parse_range(header: str, size: int) -> tuple[int, int] | Literal[False] | None:
    """The inclusive (first, last) byte a Range header asks of `size` bytes.

    None means ignore the header and send everything (malformed, several ranges, or an
    empty file asked for its tail); False means unsatisfiable (416).
    """
    match = _RANGE.fullmatch(header)
    if match is None:
        return None
    first, last = match.groups()
    if not first:
        if not last:
            return None
        suffix = int(last)
        if suffix == 0:
            return False
        return (max(0, size - suffix), size - 1) if size else None
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None
    if start >= size:
        return False
    return start, min(end, size - 1)


def lan_address() -> str:
    """This machine's address on its LAN, found without sending a packet.

    Connecting a UDP socket only picks the route and source address; nothing goes out.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 9))
        address = probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
    return "127.0.0.1" if address in ("0.0.0.0", "") else address


def url_host(host: str) -> str:
    """`host` as it goes into a URL: IPv6 in brackets, a zone's % escaped."""
    return f"[{host.replace('%', '%25')}]" if ":" in host else host


@dataclass
class _Resource:
    """What one response would carry: bytes to send and the headers that describe them."""

    stream: BinaryIO
    size: int
    content_type: str
    etag: str
    last_modified: float | None
    cors: bool


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that knows its show and keeps quiet about clients hanging up."""

    daemon_threads = True
    block_on_close = False  # a kept-alive phone must not hold shutdown() hostage

    def __init__(self, address: tuple[str, int], owner: PreviewServer) -> None:
        self.owner = owner
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's getfqdn(), a DNS lookup that can stall for seconds."""
        if self.address_family == socket.AF_INET6 and self.server_address[0] == "::":
            # Let IPv4 clients in too, so the LAN IPv4 address in base_url works.
            with contextlib.suppress(OSError):
                self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request: object, client_address: object) -> None:
        """Swallow client disconnects (apps drop range requests all the time)."""
        if isinstance(sys.exc_info()[1], _DISCONNECTS):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """GET/HEAD/OPTIONS on the files of public/, with ranges, validators and CORS."""

    protocol_version = "HTTP/1.1"
    server_version = "PresscastPreview"
    timeout = IDLE_TIMEOUT
    server: _Server

    # --- methods -------------------------------------------------------------------

    def do_GET(self) -> None:
        self._get_or_head(send_body=True)

    def do_HEAD(self) -> None:
        self._get_or_head(send_body=False)

    def do_OPTIONS(self) -> None:
        """CORS preflight: a web player asks before sending Range or If-* headers."""
        path = self._request_path()
        if path == "*":
            self._begin(HTTPStatus.NO_CONTENT, {"Allow": ALLOW})
            return self._end(0)
        if self._is_generated_feed(path):
            cors = True
        else:
            resource = self._find(path)
            if resource is None:
                return self._plain(HTTPStatus.NOT_FOUND)
            resource.stream.close()
            cors = resource.cors
        headers = {"Allow": ALLOW}
        if cors:
            headers.update(_CORS_HEADERS)
            headers["Access-Control-Allow-Methods"] = ALLOW
            asked = self.headers.get("Access-Control-Request-Headers")
            headers["Access-Control-Allow-Headers"] = (
                asked or "Range, If-Range, If-None-Match, If-Modified-Since"
            )
            headers["Access-Control-Max-Age"] = "86400"
        self._begin(HTTPStatus.NO_CONTENT, headers)
        self._end(0)

    def __getattr__(self, name: str) -> Callable[[], None]:
        """Any other method (POST, PUT, BREW, ...) gets 405 rather than http.server's 501."""
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self.close_connection = True  # its body, if any, is still unread on the socket
        self._plain(HTTPStatus.METHOD_NOT_ALLOWED, {"Allow": ALLOW, "Connection": "close"})

    # --- GET and HEAD -----------------------------------------------------------

    def _get_or_head(self, send_body: bool) -> None:
        path = self._request_path()
        if path == "/":
            headers = {"Location": FEED_PATH}
            return self._plain(HTTPStatus.FOUND, headers, send_body=send_body)
        if self._is_generated_feed(path):
            resource = self._generated_feed()
            if resource is None:
                return self._plain(HTTPStatus.INTERNAL_SERVER_ERROR, send_body=send_body)
        else:
            resource = self._find(path)
        if resource is None:
            return self._plain(HTTPStatus.NOT_FOUND, send_body=send_body)
        with resource.stream:
            self._respond(resource, send_body)

    def _respond(self, resource: _Resource, send_body: bool) -> None:
        """Pick 304, 416, 206 or 200 from the validators and Range, then send."""
        headers = self._validator_headers(resource)
        if self._not_modified(resource):
            self._begin(HTTPStatus.NOT_MODIFIED, headers)
            return self._end(0)
        # RFC 9110 14.2: range handling is defined for GET only; HEAD ignores Range
        span = self._requested_span(resource) if self.command == "GET" else None
        if span is False:
            headers["Content-Range"] = f"bytes */{resource.size}"
            return self._plain(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, headers, send_body)
        headers["Content-Type"] = resource.content_type
        if span is None:
            status, (first, last) = HTTPStatus.OK, (0, resource.size - 1)
        else:
            status, (first, last) = HTTPStatus.PARTIAL_CONTENT, span
            headers["Content-Range"] = f"bytes {first}-{last}/{resource.size}"
        length = last - first + 1
        headers["Content-Length"] = str(length)
        self._begin(status, headers)
        sent = self._copy(resource.stream, first, length) if send_body else 0
        self._end(sent)

    def _validator_headers(self, resource: _Resource) -> dict[str, str]:
        """Headers every file response carries, 304 included."""
        headers = {"Accept-Ranges": "bytes", "ETag": resource.etag, "Cache-Control": "no-cache"}
        if resource.last_modified is not None:
            headers["Last-Modified"] = formatdate(resource.last_modified, usegmt=True)
        if resource.cors:
            headers.update(_CORS_HEADERS)
        return headers

    def _not_modified(self, resource: _Resource) -> bool:
        """RFC 9110 13.2.2: If-None-Match decides when present, else If-Modified-Since."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return _etag_listed(if_none_match, resource.etag, weak=True)
        since = _http_date(self.headers.get("If-Modified-Since"))
        return (
            since is not None
            and resource.last_modified is not None
            and int(resource.last_modified) <= since
        )

    def _requested_span(self, resource: _Resource) -> tuple[int, int] | Literal[False] | None:
        """The Range to honour, or None when there is none or If-Range says it is stale."""
        header = self.headers.get("Range")
        if header is None or not self._if_range_holds(resource):
            return None
        return parse_range(header, resource.size)

    def _if_range_holds(self, resource: _Resource) -> bool:
        """If-Range: send the part only if the client's copy is still this file."""
        value = self.headers.get("If-Range")
        if value is None:
            return True
        value = value.strip()
        if value.startswith(('"', "W/")):
            return _etag_listed(value, resource.etag, weak=False)
        date = _http_date(value)
        return (
            date is not None
            and resource.last_modified is not None
            and int(resource.last_modified) == date
        )

    def _copy(self, stream: BinaryIO, first: int, length: int) -> int:
        """Stream `length` bytes from `first` in chunks; the bytes actually sent."""
        stream.seek(first)
        sent = 0
        try:
            while sent < length:
                chunk = stream.read(min(CHUNK, length - sent))
                if not chunk:  # the file shrank under us: the promised length is a lie
                    self.close_connection = True
                    break
                self.wfile.write(chunk)
                sent += len(chunk)
        except _DISCONNECTS:
            self.close_connection = True
        return sent

    # --- finding the file -------------------------------------------------------

    def _request_path(self) -> str:
        """The request target's path, query and fragment dropped, still percent-encoded."""
        target = self.path
        if target.lower().startswith(("http://", "https://")):
            target = urlsplit(target).path or "/"
        return target.split("?", 1)[0].split("#", 1)[0]

    def _find(self, path: str) -> _Resource | None:
        """A regular file inside public/, else None (never saying why: 404 for all)."""
        file = self.server.owner.locate(path)
        return None if file is None else _open_file(file)

    def _is_generated_feed(self, path: str) -> bool:
        return path == FEED_PATH and self.server.owner.feed is not None

    def _generated_feed(self) -> _Resource | None:
        """The feed from the FeedSource, rebuilt per request so a rebuild shows at once.

        None when the source fails (a broken show.toml mid-edit): logged in one line and
        answered with 500, and the server carries on.
        """
        owner = self.server.owner
        assert owner.feed is not None
        try:
            data = owner.feed(owner.base_url)
        except Exception as exc:
            self.log_message("feed failed: %s: %s", type(exc).__name__, exc)
            return None
        etag = '"' + hashlib.blake2b(data, digest_size=12).hexdigest() + '"'
        feed_type = content_type(FEED_PATH)
        return _Resource(io.BytesIO(data), len(data), feed_type, etag, None, cors=True)

    # --- writing responses ------------------------------------------------------

    def _plain(
        self,
        status: HTTPStatus,
        headers: dict[str, str] | None = None,
        send_body: bool = True,
    ) -> None:
        """A short text/plain answer (errors, redirects), keep-alive safe."""
        body = f"{status.value} {status.phrase}\n".encode()
        all_headers = {"Content-Type": "text/plain; charset=utf-8", **(headers or {})}
        all_headers["Content-Length"] = str(len(body))
        self._begin(status, all_headers)
        if send_body:
            try:
                self.wfile.write(body)
            except _DISCONNECTS:
                self.close_connection = True
                return self._end(0)
        self._end(len(body) if send_body else 0)

    def _begin(self, status: HTTPStatus, headers: dict[str, str]) -> None:
        """Status line and headers; a request body we never read forces Connection: close."""
        self._status = status.value
        self.send_response(status)
        if self._has_unread_body() and "Connection" not in headers:
            self.close_connection = True
            headers = {**headers, "Connection": "close"}
        for name, value in headers.items():
            self.send_header(name, value)
        try:
            self.end_headers()
        except _DISCONNECTS:
            self.close_connection = True

    def _has_unread_body(self) -> bool:
        length = self.headers.get("Content-Length", "0").strip()
        return length not in ("", "0") or "Transfer-Encoding" in self.headers

    def _end(self, sent: int) -> None:
        """One log line per request: method, path, status, body bytes sent."""
        self.server.owner.log(f"{self.command} {self.path} {self._status} {sent}")

    def version_string(self) -> str:
        """No Python version in the Server header: nobody needs it, scanners like it."""
        return self.server_version

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Silenced: `_end` logs once the body is out, with the bytes really sent."""

    def log_message(self, format: str, *args: object) -> None:
        """http.server's own notes (bad requests, timeouts), one short line each."""
        self.server.owner.log(format % args)


def log_to_stderr(line: str) -> None:
    """The default log: one line, control characters escaped (paths come from clients)."""
    sys.stderr.write(line.translate(_LOG_ESCAPES) + "\n")
    sys.stderr.flush()


def _open_file(path: Path) -> _Resource | None:
    """Open a regular file and describe it from the open handle (no check-then-open race)."""
    try:
        stream = path.open("rb")
    except OSError:
        return None
    info = os.fstat(stream.fileno())
    if not stat.S_ISREG(info.st_mode):
        stream.close()
        return None
    etag = f'"{info.st_size:x}-{info.st_mtime_ns:x}"'
    return _Resource(
        stream,
        info.st_size,
        content_type(path.name),
        etag,
        info.st_mtime,
        wants_cors(path.name),
    )


def _etag_listed(header: str, etag: str, weak: bool) -> bool:
    """Whether `etag` is in an If-None-Match / If-Range list (weak or strong comparison)."""
    if header.strip() == "*":
        return True
    for candidate in header.split(","):
        tag = candidate.strip()
        if tag.startswith("W/"):
            if not weak:
                continue
            tag = tag[2:]
        if tag == etag:
            return True
    return False


def _http_date(value: str | None) -> int | None:
    """An HTTP date as a POSIX timestamp, or None when absent or unreadable."""
    if not value:
        return None
    try:
        return int(parsedate_to_datetime(value).timestamp())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


class PreviewServer:
    """public/ over HTTP on this machine or the LAN, for podcast apps and browsers."""

    def __init__(
        self,
        public_dir: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        feed: FeedSource | None = None,
        base_url: str | None = None,
    ) -> None:
        """Bind at once, so a taken port fails here (OSError) and port 0 has its number."""
        self.public_dir = Path(public_dir)
        self.feed = feed
        self.log: Callable[[str], None] = log_to_stderr  # replaceable, e.g. by tests
        self._root = self.public_dir.resolve()
        self._host = host.strip("[]")
        self._httpd = _Server((self._host, port), self)
        if base_url is not None:
            self._base_url = base_url if base_url.endswith("/") else base_url + "/"
        else:
            self._base_url = self._own_url()
        self._thread: threading.Thread | None = None
        self._started = False
        self._closed = False
        self._lock = threading.Lock()

    def _own_url(self) -> str:
        """http://HOST:PORT/ with a host a phone can reach when bound to every interface."""
        host = lan_address() if self._host in _WILDCARD_HOSTS else self._host
        return f"http://{url_host(host)}:{self._httpd.server_address[1]}/"

    @property
    def base_url(self) -> str:
        """The address clients reach public/ at, ending "/"."""
        return self._base_url

    @property
    def feed_url(self) -> str:
        """What to paste into a podcast app."""
        return self._base_url + "feed.xml"

    def locate(self, path: str) -> Path | None:
        """The file a still-encoded URL path names inside public/, or None if refused.

        Decoded exactly once; NUL, backslashes and ".." are refused before touching the
        disk, and the resolved path (symlinks followed) must stay inside public/.
        """
        try:
            decoded = unquote_to_bytes(path.encode("latin-1")).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
        if "\x00" in decoded or "\\" in decoded:
            return None
        parts = [part for part in decoded.split("/") if part not in ("", ".")]
        if not parts or ".." in parts:
            return None
        try:
            target = self._root.joinpath(*parts).resolve()
            # is_file() also keeps FIFOs out: opening one would block the thread.
            inside = target.is_relative_to(self._root) and target.is_file()
        except (OSError, RuntimeError, ValueError):  # name too long, symlink loop, ...
            return None
        return target if inside else None

    def serve_forever(self) -> None:
        """Answer requests until shutdown() (from another thread) or Ctrl-C."""
        with self._lock:
            self._started = True
        self._httpd.serve_forever(poll_interval=SHUTDOWN_POLL)

    def start_in_thread(self) -> None:
        """serve_forever() in a daemon thread, for tests and embedding."""
        self._thread = threading.Thread(
            target=self.serve_forever, name="presscast-preview", daemon=True
        )
        self._thread.start()

    def shutdown(self) -> None:
        """Stop serving and close the listening socket; safe to call twice or unstarted."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            started = self._started
        if started:
            self._httpd.shutdown()  # returns at once if serve_forever already ended
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> PreviewServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
