"""A stand-in for Google's text-to-speech endpoint, installed at `requests.Session.send`.

Google cannot be reached here; this answers what its batchexecute endpoint sends
(base64 of real MP3 made by ffmpeg), so everything above the socket runs for real.
"""

from __future__ import annotations

import base64
import io
import json
import urllib.parse
from collections.abc import Callable

import pytest
import requests

from audio.engines.gtts_engine import GttsEngine
from audio.ffmpeg import run_ffmpeg

TONE_SECONDS = 0.5


@pytest.fixture(scope="module")
def tone_mp3() -> bytes:
    """Half a second of 440 Hz as 24 kHz mono MP3, like one part Google sends."""
    return run_ffmpeg(
        ["-f", "lavfi", "-i", f"sine=frequency=440:duration={TONE_SECONDS}",
         "-ac", "1", "-ar", "24000", "-c:a", "libmp3lame", "-b:a", "32k", "-f", "mp3", "pipe:1"]
    )  # fmt: skip


def batchexecute_body(mp3: bytes) -> bytes:
    """The body Google's batchexecute answers a jQ1olc (text-to-speech) call with."""
    payload = json.dumps([base64.b64encode(mp3).decode("ascii")])
    envelope = [
        ["wrb.fr", "jQ1olc", payload, None, None, None, "generic"],
        ["di", 58],
        ["af.httprm", 57, "-6224170155446281730", 3],
    ]
    chunk = json.dumps(envelope, separators=(",", ":")) + "\n"
    tail = '[["e",4,null,null,' + str(len(chunk) + 100) + "]]\n"
    return f")]}}'\n\n{len(chunk)}\n{chunk}{len(tail)}\n{tail}".encode()


def make_response(
    request: requests.PreparedRequest,
    status: int,
    body: bytes,
    headers: dict[str, str] | None = None,
) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.raw = io.BytesIO(body)  # read as requests reads a socket's body
    response.headers["Content-Type"] = "application/json; charset=utf-8"
    response.headers.update(headers or {})
    response.url = request.url or ""
    response.request = request
    response.encoding = "utf-8"
    return response


class FakeTime:
    """A clock that moves only when slept on: tests see every wait and spend none."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


class FakeGoogle:
    """Replaces `requests.Session.send`; records each request gTTS sends."""

    def __init__(self, answer: Callable[[requests.PreparedRequest], requests.Response]) -> None:
        self.answer = answer
        self.requests: list[requests.PreparedRequest] = []
        self.kwargs: list[dict[str, object]] = []

    def send(self, request: requests.PreparedRequest, **kwargs: object) -> requests.Response:
        self.requests.append(request)
        self.kwargs.append(kwargs)
        return self.answer(request)

    def spoken_parts(self) -> list[list[object]]:
        """The [text, lang, speed, "null"] parameter of each request's RPC."""
        parts = []
        for request in self.requests:
            body = request.body if isinstance(request.body, str) else request.body.decode()
            rpc = json.loads(urllib.parse.parse_qs(body)["f.req"][0])
            assert rpc[0][0][0] == "jQ1olc"
            parts.append(json.loads(rpc[0][0][1]))
        return parts


@pytest.fixture
def google(monkeypatch: pytest.MonkeyPatch) -> Callable[..., FakeGoogle]:
    """Install a fake Google; engines made by default (as the CLI makes them) then pace and
    back off without really sleeping. Tests that watch the waits pass their own `sleep`."""

    def install(answer: Callable[[requests.PreparedRequest], requests.Response]) -> FakeGoogle:
        fake = FakeGoogle(answer)

        def send(session: requests.Session, request: requests.PreparedRequest, **kwargs):
            return fake.send(request, **kwargs)

        monkeypatch.setattr(requests.Session, "send", send)
        defaults = GttsEngine.__init__.__kwdefaults__
        assert defaults is not None
        monkeypatch.setitem(defaults, "sleep", lambda seconds: None)
        return fake

    return install
