"""Google Translate's text-to-speech, through the `gtts` library.

It needs no model on disk, only internet: Google answers each request of at most
100 characters with an MP3 part. The parts come back to back, so they are decoded
here, once, into the PCM every engine returns; raw MP3 never leaves this module.
Failures become one-line AudioErrors that point to `--engine piper`, the offline engine.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from io import BytesIO

import requests
from gtts import gTTS, gTTSError
from gtts.lang import tts_langs
from gtts.tokenizer.symbols import ALL_PUNC

from audio.engines.base import Speech, VoiceInfo
from audio.errors import AudioError
from audio.ffmpeg import decode_to_pcm

SAMPLE_RATE = 24000  # Google's MP3 is 24 kHz mono: decoding at its own rate avoids resampling
DEFAULT_TIMEOUT = 10.0  # seconds per request; gTTS would otherwise wait forever
OFFLINE_HINT = "use --engine piper to narrate offline"

_TLD = re.compile(r"[a-z]{2,3}(\.[a-z]{2,3})?")
_NOTHING_TO_SAY = re.compile(f"[{re.escape(ALL_PUNC)}\\s]*")  # what gTTS drops before sending


class GttsEngine:
    """Narrates with Google's online voice: no download, but every sentence is a web request.

    `voice` is a language code, optionally with a Google domain for the accent:
    `"en"`, `"en:co.uk"`, `"fr:ca"`.
    """

    name = "gtts"
    phonemes = False  # Google reads text only: lexicon IPA falls back to respellings

    def __init__(
        self,
        voice: str | None = None,
        *,
        max_words: int = 40,
        max_chars: int = 200,
        timeout: float = DEFAULT_TIMEOUT,
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

    def _request_mp3(self, text: str) -> bytes:
        """All of the talking to Google, in one place so retries can wrap it later."""
        tts = gTTS(text, tld=self.tld, lang=self.lang, lang_check=False, timeout=self.timeout)
        buffer = BytesIO()
        try:
            tts.write_to_fp(buffer)
        except gTTSError as exc:
            raise AudioError(self._describe_failure(exc)) from exc
        except ValueError as exc:  # undecodable base64 or text: the answer's format changed
            raise AudioError(
                f"gtts: Google's text-to-speech service answered in a form gTTS cannot read "
                f"({type(exc).__name__}); try upgrading gtts, or {OFFLINE_HINT}"
            ) from exc
        return buffer.getvalue()

    def _describe_failure(self, exc: gTTSError) -> str:
        """Turn gTTS's error (and the requests error it wraps) into one line for people."""
        host = f"translate.google.{self.tld}"
        response = exc.rsp
        if response is None:
            reason = _connection_problem(exc.__context__, self.timeout)
            return (
                f"gtts: cannot reach Google's text-to-speech service at {host} ({reason}); "
                f"{OFFLINE_HINT}"
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
        return f"gtts: Google's text-to-speech service answered {answer} ({why}); {OFFLINE_HINT}"


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
