"""Google Translate's text-to-speech, through the `gtts` library.

It needs no model on disk, only internet: Google answers each request of at most
100 characters with an MP3 part. The parts come back to back, so they are decoded
here, once, into the PCM every engine returns; raw MP3 never leaves this module.
Google rate-limits and has bad moments: a segment's request is retried after 429s, 5xx
answers and dropped connections (exponential backoff with full jitter, honouring
Retry-After), and requests are spaced by `min_interval`. Failures that remain become
one-line AudioErrors that point to `--engine piper`, the offline engine.
"""

from __future__ import annotations

import math
import random
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from io import BytesIO
from typing import Any

import requests
from gtts import gTTS, gTTSError
from gtts.lang import tts_langs
from gtts.tokenizer.symbols import ALL_PUNC

from audio.engines.base import EngineSpec, Speech, VoiceInfo, package_version
from audio.errors import AudioError
from audio.ffmpeg import decode_to_pcm

SAMPLE_RATE = 24000  # Google's MP3 is 24 kHz mono: decoding at its own rate avoids resampling
DEFAULT_TIMEOUT = 10.0  # seconds per request; gTTS would otherwise wait forever
OFFLINE_HINT = "use --engine piper to narrate offline"
REVISION = "1"  # bump when this module changes the audio it makes of Google's answer
# Retrying: at most 4 attempts, waits drawn from 0..1 s, 0..2 s, 0..4 s (never over 20 s).
MAX_ATTEMPTS = 4
BACKOFF_BASE = 1.0
BACKOFF_FACTOR = 2.0
MAX_DELAY = 20.0
MIN_INTERVAL = 0.3  # seconds between the starts of two requests to Google

_TLD = re.compile(r"[a-z]{2,3}(\.[a-z]{2,3})?")
_NOTHING_TO_SAY = re.compile(f"[{re.escape(ALL_PUNC)}\\s]*")  # what gTTS drops before sending


class GttsEngine:
    """Narrates with Google's online voice: no download, but every sentence is a web request.

    `voice` is a language code, optionally with a Google domain for the accent:
    `"en"`, `"en:co.uk"`, `"fr:ca"`. The retry and pacing settings are keyword arguments;
    `sleep`, `clock` and `random` are there so tests need not wait.
    """

    name = "gtts"
    phonemes = False  # Google reads text only: lexicon IPA falls back to respellings
    max_jobs = 1  # requests are paced per process: parallel workers would multiply the rate
    sample_rate = SAMPLE_RATE

    def __init__(
        self,
        voice: str | None = None,
        *,
        max_words: int = 40,
        max_chars: int = 200,
        timeout: float = DEFAULT_TIMEOUT,
        max_attempts: int = MAX_ATTEMPTS,
        backoff_base: float = BACKOFF_BASE,
        backoff_factor: float = BACKOFF_FACTOR,
        max_delay: float = MAX_DELAY,
        min_interval: float = MIN_INTERVAL,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        random: Callable[[], float] = random.random,
    ) -> None:
        self.lang, self.tld = parse_gtts_voice(voice or "en")
        self.language = self.lang
        # Normalized, so "EN" and "en:com" share cached audio with "en".
        self.voice = self.lang if self.tld == "com" else f"{self.lang}:{self.tld}"
        self.max_words = max_words
        # gTTS sends one request per clause (it splits at . , : ? !) of at most 100
        # characters, so 200 characters is a handful of requests.
        self.max_chars = max_chars
        self.timeout = timeout
        if max_attempts < 1 or min(backoff_base, max_delay, min_interval) < 0:
            raise AudioError("gtts: max_attempts must be 1 or more and delays not negative")
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_factor = backoff_factor
        self.max_delay = max_delay
        self.min_interval = min_interval
        self._sleep = sleep
        self._clock = clock
        self._random = random
        self._last_request: float | None = None  # when the previous request was sent

    def synthesize(self, text: str) -> Speech:
        """Speak `text`; text with nothing to pronounce (only punctuation) is zero seconds."""
        if _NOTHING_TO_SAY.fullmatch(text):
            return Speech(pcm=b"", sample_rate=SAMPLE_RATE)
        mp3 = self._request_mp3(text)
        if not mp3:
            raise AudioError(
                f"gtts: Google's text-to-speech service answered without audio for "
                f"{text[:40]!r}; {OFFLINE_HINT}"
            )
        return Speech(pcm=decode_to_pcm(mp3, SAMPLE_RATE), sample_rate=SAMPLE_RATE)

    def cache_identity(self) -> dict[str, str]:
        """Language, accent domain and gTTS's version; retries and pacing change no sound."""
        return {
            "engine": self.name,
            "engine_version": package_version("gTTS"),
            "revision": REVISION,
            "voice": self.voice,
            "sample_rate": str(SAMPLE_RATE),
        }

    def spec(self) -> EngineSpec:
        """The voice and the plain settings; injected sleep/clock/random stay behind."""
        settings: dict[str, Any] = {
            "max_words": self.max_words,
            "max_chars": self.max_chars,
            "timeout": self.timeout,
            "max_attempts": self.max_attempts,
            "backoff_base": self.backoff_base,
            "backoff_factor": self.backoff_factor,
            "max_delay": self.max_delay,
            "min_interval": self.min_interval,
        }
        return self.name, self.voice, settings

    def _request_mp3(self, text: str) -> bytes:
        """The MP3 of `text`, retrying the whole segment while Google's trouble may pass.

        Every attempt starts from an empty buffer, so parts received before a failure
        are never heard twice.
        """
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._request_once(text)
            except gTTSError as exc:
                failure: BaseException = exc
                response, cause = exc.rsp, exc.__context__
            except requests.exceptions.RequestException as exc:  # broke while reading an answer
                failure, response, cause = exc, None, exc
            except ValueError as exc:  # undecodable base64 or text: the answer's format changed
                raise AudioError(
                    f"gtts: Google's text-to-speech service answered in a form gTTS cannot read "
                    f"({type(exc).__name__}); try upgrading gtts, or {OFFLINE_HINT}"
                ) from exc
            if attempt >= self.max_attempts or not _worth_retrying(response, cause):
                raise AudioError(self._describe_failure(response, cause, attempt)) from failure
            self._sleep(self._backoff(attempt, response))

    def _request_once(self, text: str) -> bytes:
        """One try at the segment: gTTS's requests (one per part), each waiting its turn."""
        tts = gTTS(text, tld=self.tld, lang=self.lang, lang_check=False, timeout=self.timeout)
        buffer = BytesIO()
        parts = tts.stream()  # a generator: each step sends the next part's request
        for _ in tts.get_bodies():  # one request per body; counting them sends nothing
            self._wait_turn()
            part = next(parts, None)
            if part is None:
                break
            buffer.write(part)
        for part in parts:  # an answer with two audio lines; no request is left to send
            buffer.write(part)
        return buffer.getvalue()

    def _wait_turn(self) -> None:
        """Sleep until `min_interval` has passed since the previous request started."""
        if self._last_request is not None:
            wait = self._last_request + self.min_interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request = self._clock()

    def _backoff(self, attempt: int, response: requests.Response | None) -> float:
        """Seconds to wait after failed `attempt`: Google's Retry-After, else full jitter."""
        # `is not None`: a Response is falsy when its status is an error.
        header = response.headers.get("Retry-After") if response is not None else None
        asked = retry_after_seconds(header)
        if asked is not None:
            return min(asked, self.max_delay)
        ceiling = min(self.max_delay, self.backoff_base * self.backoff_factor ** (attempt - 1))
        return self._random() * ceiling

    def _describe_failure(
        self, response: requests.Response | None, cause: BaseException | None, attempts: int
    ) -> str:
        """Turn gTTS's error (and the requests error it wraps) into one line for people."""
        host = f"translate.google.{self.tld}"
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        if response is None:
            reason = _connection_problem(cause, self.timeout)
            return (
                f"gtts: cannot reach Google's text-to-speech service at {host} ({reason})"
                f"{tries}; {OFFLINE_HINT}"
            )
        status = response.status_code
        answer = f"{status} {response.reason or _status_phrase(status)}".strip()
        if status == 429:
            why = "too many requests: Google is rate-limiting this address, wait before retrying"
        elif status == 403:
            why = "refused: Google may have changed its unofficial API, try upgrading gtts"
        elif status == 404:
            why = f"no such service at {host}: check the accent domain in the voice"
        elif status >= 500:
            why = "a problem on Google's side, try again later"
        elif status == 200:
            why = f"no audio in the answer: the language {self.lang!r} may not be spoken"
        else:
            why = "unexpected answer"
        return (
            f"gtts: Google's text-to-speech service answered {answer} ({why}){tries}; "
            f"{OFFLINE_HINT}"
        )


def _worth_retrying(response: requests.Response | None, cause: BaseException | None) -> bool:
    """Rate limits, Google's own errors and dropped connections pass; other answers do not."""
    if response is not None:
        return response.status_code == 429 or response.status_code >= 500
    if isinstance(cause, requests.exceptions.SSLError):  # a certificate does not mend itself
        return False
    return isinstance(
        cause,
        requests.exceptions.ConnectionError
        | requests.exceptions.Timeout
        | requests.exceptions.ChunkedEncodingError,
    )


def retry_after_seconds(value: str | None) -> float | None:
    """A Retry-After header (seconds, or an HTTP date) as seconds from now; None if unusable."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, seconds) if math.isfinite(seconds) else None


def parse_gtts_voice(voice: str) -> tuple[str, str]:
    """Split `"en:co.uk"` into gTTS's language code and Google domain, checking both early.

    Checking here, not at the first request, lets a typo fail before any narration starts.
    """
    lang, _, tld = voice.strip().partition(":")
    tld = tld.strip().lower().lstrip(".") or "com"
    known = {code.lower(): code for code in tts_langs()}
    code = known.get(lang.strip().lower())
    if code is None:
        raise AudioError(
            f"gtts: unknown language {lang.strip()!r}; run `presscast voices` to list the "
            f"languages (an accent is picked with a Google domain, e.g. en:co.uk)"
        )
    if not _TLD.fullmatch(tld):
        raise AudioError(
            f"gtts: {tld!r} is not a Google domain for an accent; write it like en:co.uk or fr:ca"
        )
    return code, tld


def gtts_voices() -> list[VoiceInfo]:
    """The languages gTTS knows, from its bundled table: no request is made."""
    return [
        VoiceInfo(engine="gtts", name=code, language=code, usable=True, status="needs internet")
        for code in sorted(tts_langs())
    ]


def _connection_problem(cause: BaseException | None, timeout: float) -> str:
    """A few words for why no answer came, without requests' multi-line repr."""
    if isinstance(cause, requests.exceptions.Timeout):
        return f"no answer within {timeout:g} s"
    if isinstance(cause, requests.exceptions.SSLError):
        return "secure connection failed"
    if isinstance(cause, requests.exceptions.ProxyError):
        return "proxy failed"
    if isinstance(cause, requests.exceptions.ChunkedEncodingError):
        return "the connection broke during the answer"
    if isinstance(cause, requests.exceptions.ConnectionError):
        text = str(cause)
        if "resolve" in text or "NameResolution" in text or "getaddrinfo" in text:
            return "name lookup failed"
        return "connection failed"
    return type(cause).__name__ if cause is not None else "connection failed"


def _status_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
