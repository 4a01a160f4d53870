"""Fetch an article from an http(s) URL, the way a careful browser would.

A timeout on every read, a size cap, redirects followed, a User-Agent that says who is
asking, and only text/html or text/plain accepted. Every failure is one line for people.
"""

from __future__ import annotations

import re

from episodes import __version__
from episodes.errors import PresscastError

USER_AGENT = f"Presscast/{__version__} (+https://pypi.org/project/presscast/)"
TIMEOUT_SECONDS = 20.0
MAX_BYTES = 10 * 1024 * 1024
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

    `accepted` maps the media types taken to the format reported (default: article
    pages, "html" or "text"); any other type is refused with a one-line reason.
    """
    import requests  # only when a URL is read: it is slow to import

    accepted = ACCEPTED_TYPES if accepted is None else accepted
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": ",".join(accepted) + ",*/*;q=0.1",
    }
    try:
        with requests.get(url, headers=headers, timeout=timeout, stream=True) as response:
            if response.status_code >= 400:
                reason = response.reason or "error"
                raise PresscastError(f"{url}: the server answered {response.status_code} {reason}")
            media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            fmt = accepted.get(media_type)
            if fmt is None:
                wanted = " or ".join(sorted(set(accepted)))
                raise PresscastError(
                    f"{url}: not {what} (the server sent {media_type or 'no type'}; "
                    f"expected {wanted})"
                )
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, max_bytes)
            body = bytearray()
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > max_bytes:
                    raise _too_large(url, max_bytes)
            charset = _charset(response.headers.get("Content-Type", ""))
            return bytes(body), fmt, response.url, charset
    except requests.exceptions.Timeout as exc:
        raise PresscastError(f"{url}: no answer within {timeout:g} s") from exc
    except requests.exceptions.TooManyRedirects as exc:
        raise PresscastError(f"{url}: too many redirects") from exc
    except requests.exceptions.SSLError as exc:
        raise PresscastError(f"{url}: secure connection failed (certificate problem)") from exc
    except requests.exceptions.ChunkedEncodingError as exc:
        raise PresscastError(
            f"{url}: the connection broke off before the page was complete; try again"
        ) from exc
    except requests.exceptions.ConnectionError as exc:
        raise PresscastError(f"{url}: {_connection_problem(exc)}") from exc
    except requests.exceptions.InvalidURL as exc:
        raise PresscastError(f"{url}: not a valid URL") from exc
    except requests.exceptions.RequestException as exc:
        raise PresscastError(f"{url}: download failed ({type(exc).__name__})") from exc


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
