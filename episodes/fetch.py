"""Fetch an article from an http(s) URL, the way a careful browser would.

A deadline for the whole download, a size cap, redirects followed, a User-Agent that
says who is asking, and only text/html or text/plain accepted. Every failure is one line
for people.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from typing import Any

from episodes import __version__
from episodes.errors import PresscastError
from episodes.filetypes import MEDIA_TYPES, not_text

USER_AGENT = f"Presscast/{__version__} (+https://pypi.org/project/presscast/)"
TIMEOUT_SECONDS = 20.0
MAX_BYTES = 10 * 1024 * 1024
READ_BYTES = 64 * 1024  # at most this much per read; a read returns whatever has arrived
ACCEPTED_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_URL = re.compile(r"^https?://", re.IGNORECASE)


def is_url(source: str) -> bool:
    return bool(_URL.match(source))


def fetch_url(
    url: str,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    accepted: dict[str, str] | None = None,
    what: str = "an article page",
) -> tuple[bytes, str, str, str | None]:
    """Download `url`: (body, format, final URL after redirects, charset).

    `timeout` bounds the whole download (connecting, the headers, the body), however
    slowly the server trickles. `accepted` maps the media types taken to the format
    reported (default: article pages, "html" or "text"; a PDF or an office document is
    then named as such); any other type is refused with a one-line reason.
    """
    download = _Download(url, timeout, max_bytes, accepted, what)
    worker = threading.Thread(target=download.run, name="presscast-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():  # past the deadline: stop reading and say why
        answered = download.cancel()
        if not answered:
            raise PresscastError(f"{url}: no answer within {timeout:g} s")
        raise _too_slow(url, timeout)
    return download.result()


class _Download:
    """One download, run in a worker thread so the caller's deadline holds even while a
    read blocks; `cancel` stops the reads (a late worker then ends quietly)."""

    def __init__(
        self, url: str, timeout: float, max_bytes: int, accepted: dict[str, str] | None, what: str
    ) -> None:
        self.url, self.timeout, self.max_bytes, self.what = url, timeout, max_bytes, what
        self.articles = accepted is None
        self.accepted = ACCEPTED_TYPES if accepted is None else accepted
        self.deadline = time.monotonic() + timeout
        self.response: Any = None
        self.cancelled = False
        self.outcome: tuple[bytes, str, str, str | None] | None = None
        self.error: PresscastError | None = None
        self.lock = threading.Lock()

    def run(self) -> None:
        try:
            self.outcome = self._get()
        except PresscastError as exc:
            self.error = exc
        except Exception as exc:  # the worker must report, never die silently
            self.error = PresscastError(f"{self.url}: download failed ({type(exc).__name__})")
            self.error.__cause__ = exc

    def result(self) -> tuple[bytes, str, str, str | None]:
        if self.error is not None:
            raise self.error
        assert self.outcome is not None
        return self.outcome

    def cancel(self) -> bool:
        """Stop the download; True if the server had answered (sent its headers)."""
        with self.lock:
            self.cancelled = True
            response = self.response
        if response is not None:
            with contextlib.suppress(Exception):
                response.raw.shutdown()  # wakes a read blocked on the socket
        return response is not None

    def _get(self) -> tuple[bytes, str, str, str | None]:
        import requests  # only when a URL is read: it is slow to import

        url = self.url
        headers = {
            "User-Agent": USER_AGENT,
            "Accept": ",".join(self.accepted) + ",*/*;q=0.1",
        }
        try:
            with requests.get(url, headers=headers, timeout=self.timeout, stream=True) as response:
                with self.lock:
                    if self.cancelled:
                        return b"", "", url, None
                    self.response = response
                return self._read(response)
        except requests.exceptions.Timeout as exc:
            raise PresscastError(f"{url}: no answer within {self.timeout:g} s") from exc
        except requests.exceptions.TooManyRedirects as exc:
            raise PresscastError(f"{url}: too many redirects") from exc
        except requests.exceptions.SSLError as exc:
            raise PresscastError(f"{url}: secure connection failed (certificate problem)") from exc
        except requests.exceptions.ConnectionError as exc:
            raise PresscastError(f"{url}: {_connection_problem(exc)}") from exc
        except requests.exceptions.InvalidURL as exc:
            raise PresscastError(f"{url}: not a valid URL") from exc
        except requests.exceptions.RequestException as exc:
            raise PresscastError(f"{url}: download failed ({type(exc).__name__})") from exc

    def _read(self, response: Any) -> tuple[bytes, str, str, str | None]:
        from urllib3.exceptions import HTTPError, ProtocolError, ReadTimeoutError

        url = self.url
        if response.status_code >= 400:
            reason = response.reason or "error"
            raise PresscastError(f"{url}: the server answered {response.status_code} {reason}")
        media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        fmt = self.accepted.get(media_type)
        if fmt is None:
            if self.articles and media_type in MEDIA_TYPES:
                raise not_text(url, MEDIA_TYPES[media_type])
            wanted = " or ".join(sorted(set(self.accepted)))
            raise PresscastError(
                f"{url}: not {self.what} (the server sent {media_type or 'no type'}; "
                f"expected {wanted})"
            )
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise _too_large(url, self.max_bytes)
        body = bytearray()
        try:
            # read1 returns what has arrived (iter_content waits for a whole chunk), so the
            # deadline is looked at whenever the server sends anything at all
            while chunk := response.raw.read1(READ_BYTES, decode_content=True):
                if self.cancelled or time.monotonic() > self.deadline:
                    raise _too_slow(url, self.timeout)
                body += chunk
                if len(body) > self.max_bytes:
                    raise _too_large(url, self.max_bytes)
        except ReadTimeoutError as exc:
            raise _too_slow(url, self.timeout) from exc
        except ProtocolError as exc:
            raise PresscastError(
                f"{url}: the connection broke off before the page was complete; try again"
            ) from exc
        except HTTPError as exc:
            raise PresscastError(f"{url}: download failed ({type(exc).__name__})") from exc
        if time.monotonic() > self.deadline:
            raise _too_slow(url, self.timeout)
        charset = _charset(response.headers.get("Content-Type", ""))
        return bytes(body), fmt, response.url, charset


def _too_slow(url: str, timeout: float) -> PresscastError:
    return PresscastError(
        f"{url}: the download took longer than {timeout:g} s; the server is too slow "
        "(try again later)"
    )


def _too_large(url: str, max_bytes: int) -> PresscastError:
    return PresscastError(f"{url}: larger than {max_bytes // 2**20} MB; is this an article?")


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _connection_problem(exc: Exception) -> str:
    text = str(exc)
    if "NameResolution" in text or "Name or service not known" in text or "resolve" in text:
        return "cannot find the server (name lookup failed)"
    if "Connection refused" in text:
        return "the server refused the connection"
    return "cannot connect to the server"
