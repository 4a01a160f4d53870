"""Articles from URLs, against a real HTTP server on 127.0.0.1 that the tests start."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from episodes.errors import PresscastError
from episodes.fetch import USER_AGENT, fetch_url
from episodes.ingest import load_source, read_article

PAGE = """<!doctype html><html lang="en"><head><meta charset="windows-1250">
<title>Zpráva z radnice</title></head><body><article><h1>Zpráva z radnice</h1>
<p>Zastupitelstvo města v úterý večer schválilo nový rozpočet pro knihovny a parky.</p>
<p>Příliš žluťoučký kůň úpěl ďábelské ódy, řekla starostka s úsměvem.</p>
</article></body></html>"""

seen_agents: list[str] = []
TRICKLE_SECONDS = 0.5  # each byte comes well within any per-read timeout...
TRICKLE_BYTES = 16  # ...for 8 s in all: past the 2 s deadline the tests give


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def send_body(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def trickle(self, headers_first: bool) -> None:
        """One byte every TRICKLE_SECONDS, of the body or of the headers, for a bounded time."""
        body = PAGE.encode()
        try:
            if headers_first:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.flush()
                trickled = body
            else:
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                trickled = b"X-Slow: " + b"s" * 100 + b"\r\n"
            for byte in trickled[:TRICKLE_BYTES]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(TRICKLE_SECONDS)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def do_GET(self) -> None:
        seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/article":
            self.send_body(PAGE.encode("cp1250"), "text/html")  # charset only in <meta>
        elif self.path == "/plain":
            self.send_body(
                "Ein kurzer Text über die Stadt und ihre Bibliothek, die jeden Tag "
                "voller Leser ist.".encode("latin-1"),
                "text/plain; charset=ISO-8859-1",
            )
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/image":
            self.send_body(b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: streamed until the client gives up
            try:
                for _ in range(400):
                    self.wfile.write(b"<p>" + b"word " * 2000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif self.path == "/slow":
            time.sleep(2)
            self.send_body(PAGE.encode(), "text/html")
        elif self.path == "/pdf":
            self.send_body(b"%PDF-1.4\n%%EOF\n", "application/pdf")
        elif self.path == "/pdf-as-html":  # a server that calls everything a page
            self.send_body(b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", "text/html")
        elif self.path in ("/trickle-body", "/trickle-headers"):
            self.trickle(headers_first=self.path == "/trickle-body")
        elif self.path == "/broken":
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body) * 3))
            self.end_headers()
            self.wfile.write(body[:200])  # then the connection drops halfway
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        else:
            self.send_body(b"<h1>Not found</h1>", "text/html", status=404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_article_from_url_with_meta_charset(server: str) -> None:
    source = load_source(f"{server}/article")
    article = read_article(source)
    assert article.title == "Zpráva z radnice"
    assert "Příliš žluťoučký kůň úpěl ďábelské ódy" in article.text
    assert article.language == "cs"
    assert article.url == f"{server}/article"
    assert seen_agents[-1] == USER_AGENT


def test_redirects_are_followed_and_the_final_url_kept(server: str) -> None:
    source = load_source(f"{server}/moved")
    assert source.url == f"{server}/article"
    assert read_article(source).url == f"{server}/article"


def test_plain_text_with_header_charset(server: str) -> None:
    article = read_article(load_source(f"{server}/plain"))
    assert "über die Stadt" in article.text
    assert article.language == "de"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "answered 404"),
        ("/image", "not an article page (the server sent image/png"),
        ("/loop", "too many redirects"),
        ("/broken", "broke off before the page was complete"),
    ],
)
def test_failures_are_one_clear_line(server: str, path: str, message: str) -> None:
    with pytest.raises(PresscastError) as err:
        load_source(f"{server}{path}")
    text = str(err.value)
    assert text.startswith(f"{server}{path}: ")
    assert message in text
    assert "\n" not in text


def test_size_cap_and_timeout(server: str) -> None:
    with pytest.raises(PresscastError, match="larger than 1 MB"):
        fetch_url(f"{server}/huge", max_bytes=1024 * 1024)
    with pytest.raises(PresscastError, match=r"no answer within 0\.5 s"):
        fetch_url(f"{server}/slow", timeout=0.5)


PDF_MESSAGE = (
    "a PDF file; Presscast reads text, Markdown and HTML, not PDF (copy its text into a .txt file)"
)


@pytest.mark.parametrize("path", ["/pdf", "/pdf-as-html"])
def test_a_pdf_is_refused_by_its_type_or_its_bytes(server: str, path: str) -> None:
    with pytest.raises(PresscastError) as err:
        load_source(f"{server}{path}")
    assert str(err.value) == f"{server}{path}: {PDF_MESSAGE}"


def test_the_timeout_is_a_deadline_for_the_whole_download(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(PresscastError) as err:
        fetch_url(f"{server}/trickle-body", timeout=2)
    assert time.monotonic() - started < 2 + 1.5
    assert str(err.value) == (
        f"{server}/trickle-body: the download took longer than 2 s; the server is too slow "
        "(try again later)"
    )


def test_headers_trickled_byte_by_byte_are_no_answer(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(PresscastError) as err:
        fetch_url(f"{server}/trickle-headers", timeout=2)
    assert time.monotonic() - started < 2 + 1.5
    assert str(err.value) == f"{server}/trickle-headers: no answer within 2 s"


def test_nothing_listens() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(PresscastError, match="refused the connection"):
        fetch_url(f"http://127.0.0.1:{port}/")
