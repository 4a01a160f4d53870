"""GttsEngine against a stand-in for Google's endpoint, mocked at the HTTP layer.

Google cannot be reached here, so `requests.Session.send` answers with what the
batchexecute endpoint sends: base64 of real MP3 made by ffmpeg. Everything above
the socket (gTTS's request building and parsing, retries, ffmpeg decoding) runs for
real; only time is fake, so backoff and pacing are seen without being waited for.
"""

from __future__ import annotations

import itertools
import math
from array import array
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
import requests
from fake_google import TONE_SECONDS, FakeTime, batchexecute_body, make_response
from urllib3.exceptions import ProtocolError

from audio.engines import get_engine
from audio.engines.gtts_engine import (
    SAMPLE_RATE,
    GttsEngine,
    gtts_voices,
    retry_after_seconds,
)
from audio.errors import AudioError

# Three sentences, 150+ characters: gTTS sends at most 100 characters a request.
LONG_TEXT = (
    "The harbour was quiet before dawn, and the boats waited in rows. "
    "Then the first engine coughed. Within minutes the whole bay was awake and loud."
)


def fake_timed(fake_time: FakeTime, voice: str | None = None, **settings: Any) -> GttsEngine:
    """An engine whose waits go to `fake_time`; jitter is fixed at half the ceiling."""
    settings.setdefault("min_interval", 0.0)
    return GttsEngine(
        voice, sleep=fake_time.sleep, clock=fake_time.clock, random=lambda: 0.5, **settings
    )


def answers(*replies: Any):
    """Answer successive requests with `replies` (a status, (status, headers), an exception,
    or an MP3's bytes for success); the last reply repeats."""
    queue = list(replies)

    def answer(request: requests.PreparedRequest) -> requests.Response:
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, bytes):
            return make_response(request, 200, batchexecute_body(reply))
        status, headers = reply if isinstance(reply, tuple) else (reply, None)
        return make_response(request, status, b"<html>error</html>", headers)

    return answer


def assert_one_line_pointing_to_piper(error: AudioError) -> str:
    message = str(error)
    assert "\n" not in message
    assert message.startswith("gtts: ")
    assert "--engine piper" in message
    return message


def test_parts_are_joined_and_decoded_to_24khz_pcm(
    google, fake_time: FakeTime, tone_mp3: bytes
) -> None:
    fake = google(lambda request: make_response(request, 200, batchexecute_body(tone_mp3)))
    engine = fake_timed(fake_time, "en:co.uk", timeout=5.0)

    speech = engine.synthesize(LONG_TEXT)

    parts = fake.spoken_parts()
    assert len(parts) >= 2
    assert all(len(text) <= 100 and lang == "en" for text, lang, *_ in parts)
    assert all(r.url.startswith("https://translate.google.co.uk/") for r in fake.requests)
    assert all(kwargs["timeout"] == 5.0 for kwargs in fake.kwargs)
    assert speech.sample_rate == SAMPLE_RATE == 24000
    assert len(speech.pcm) % 2 == 0
    expected = len(parts) * TONE_SECONDS
    assert abs(speech.seconds - expected) < 0.1 * len(parts), (speech.seconds, expected)
    # The 440 Hz tone, not silence nor MP3 bytes read as PCM (noise crosses zero far more).
    samples = array("h", speech.pcm)
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    crossings = sum((a < 0) != (b < 0) for a, b in itertools.pairwise(samples)) / speech.seconds
    assert rms > 1500, rms
    assert 700 < crossings < 1200, crossings


def test_connection_error_names_the_offline_engine(google, fake_time: FakeTime) -> None:
    def refuse(request):
        raise requests.exceptions.ConnectionError("Failed to resolve 'translate.google.com'")

    fake = google(refuse)
    with pytest.raises(AudioError) as caught:
        fake_timed(fake_time).synthesize("Hello there.")
    message = assert_one_line_pointing_to_piper(caught.value)
    assert "cannot reach Google's text-to-speech service" in message
    assert "name lookup failed" in message
    assert "after 4 attempts" in message and len(fake.requests) == 4


def test_timeout_says_how_long_it_waited(google, fake_time: FakeTime) -> None:
    def hang(request):
        raise requests.exceptions.ConnectTimeout("timed out")

    google(hang)
    with pytest.raises(AudioError) as caught:
        fake_timed(fake_time, timeout=3).synthesize("Hello there.")
    message = assert_one_line_pointing_to_piper(caught.value)
    assert "no answer within 3 s" in message


@pytest.mark.parametrize(
    ("status", "words"),
    [(429, "429 Too Many Requests"), (503, "503 Service Unavailable"), (403, "403 Forbidden")],
)
def test_error_status_says_what_google_answered(
    google, fake_time: FakeTime, status: int, words: str
) -> None:
    google(lambda request: make_response(request, status, b"<html>error</html>"))
    with pytest.raises(AudioError) as caught:
        fake_timed(fake_time).synthesize("Hello there.")
    message = assert_one_line_pointing_to_piper(caught.value)
    assert f"answered {words}" in message


def test_answer_without_audio_is_an_error(google) -> None:
    body = b')]}\'\n\n30\n[["wrb.fr","jQ1olc",null,null,null,[3],"generic"]]\n'
    google(lambda request: make_response(request, 200, body))
    with pytest.raises(AudioError) as caught:
        GttsEngine().synthesize("Hello there.")
    assert "no audio" in assert_one_line_pointing_to_piper(caught.value)


def test_punctuation_alone_is_silence_without_a_request(google) -> None:
    fake = google(lambda request: pytest.fail("nothing to say should not reach Google"))
    speech = GttsEngine().synthesize(" … ")
    assert speech.pcm == b"" and speech.sample_rate == SAMPLE_RATE
    assert fake.requests == []


def test_real_request_fails_offline_with_the_piper_hint(fake_time: FakeTime) -> None:
    """No mock: this machine cannot reach Google, and the user must be told what to do."""
    with pytest.raises(AudioError) as caught:
        fake_timed(fake_time, timeout=2, max_attempts=2).synthesize("Hello there.")
    assert "cannot reach" in assert_one_line_pointing_to_piper(caught.value)


def test_unknown_language_says_how_to_list_languages() -> None:
    with pytest.raises(AudioError, match="presscast voices"):
        GttsEngine("klingon")


def test_voice_is_normalized_for_cache_keys() -> None:
    assert GttsEngine("EN").voice == "en"
    assert GttsEngine("en:com").voice == "en"
    assert GttsEngine("zh-tw:com.hk").voice == "zh-TW:com.hk"
    with pytest.raises(AudioError, match="Google domain"):
        GttsEngine("en:not a domain")


def test_voices_are_gtts_languages_needing_internet() -> None:
    voices = gtts_voices()
    assert {"en", "fr", "zh-TW"} <= {v.name for v in voices}
    assert all(v.engine == "gtts" and v.usable and v.status == "needs internet" for v in voices)


def test_rate_limit_then_success_backs_off_once(google, fake_time: FakeTime, tone_mp3) -> None:
    fake = google(answers(429, tone_mp3))
    speech = fake_timed(fake_time).synthesize("Hello there.")
    assert len(fake.requests) == 2  # one part, two attempts
    assert fake_time.sleeps == [0.5]  # full jitter: 0.5 of the first ceiling, 1 s
    assert abs(speech.seconds - TONE_SECONDS) < 0.1


def test_retry_after_is_honoured_and_capped(google, fake_time: FakeTime, tone_mp3) -> None:
    google(answers((429, {"Retry-After": "7"}), (503, {"Retry-After": "3600"}), tone_mp3))
    fake_timed(fake_time, max_delay=20).synthesize("Hello there.")
    assert fake_time.sleeps == [7.0, 20.0]


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after_seconds("12") == 12.0
    assert retry_after_seconds("-3") == 0.0
    assert retry_after_seconds(None) is retry_after_seconds("soon") is None
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    assert 80 < retry_after_seconds(later) <= 90


def test_server_errors_exhaust_the_attempts(google, fake_time: FakeTime) -> None:
    fake = google(answers(503))
    with pytest.raises(AudioError) as caught:
        fake_timed(fake_time, backoff_base=4, max_delay=10).synthesize("Hello there.")
    message = assert_one_line_pointing_to_piper(caught.value)
    assert "answered 503 Service Unavailable" in message and "after 4 attempts" in message
    assert len(fake.requests) == 4
    assert fake_time.sleeps == [2.0, 4.0, 5.0]  # half of 4, 8, then the 10 s cap


def test_refusal_is_not_retried(google, fake_time: FakeTime) -> None:
    fake = google(answers(403))
    with pytest.raises(AudioError) as caught:
        fake_timed(fake_time).synthesize("Hello there.")
    message = assert_one_line_pointing_to_piper(caught.value)
    assert "403 Forbidden" in message and "attempts" not in message
    assert len(fake.requests) == 1 and fake_time.sleeps == []


def test_connection_error_then_success(google, fake_time: FakeTime, tone_mp3) -> None:
    fake = google(answers(requests.exceptions.ConnectionError("reset by peer"), tone_mp3))
    speech = fake_timed(fake_time).synthesize("Hello there.")
    assert len(fake.requests) == 2 and len(fake_time.sleeps) == 1
    assert abs(speech.seconds - TONE_SECONDS) < 0.1


def test_a_retried_segment_does_not_repeat_audio(google, fake_time: FakeTime, tone_mp3) -> None:
    """The first attempt gets one part before a 502; the retry's parts are all that is kept."""
    fake = google(answers(tone_mp3, 502, tone_mp3))
    speech = fake_timed(fake_time).synthesize(LONG_TEXT)
    asked = fake.spoken_parts()
    kept = len(asked) - 2  # the first attempt's two requests: one part, one 502
    assert kept >= 2 and asked[:2] == asked[2:4]  # the retry starts over from the first part
    assert abs(speech.seconds - kept * TONE_SECONDS) < 0.1 * kept, speech.seconds


def test_an_answer_broken_midway_is_retried(google, fake_time: FakeTime, tone_mp3) -> None:
    class Broken:
        """urllib3's side of a socket that closes mid-answer."""

        def stream(self, *args: object, **kwargs: object):
            raise ProtocolError("Connection broken: IncompleteRead")
            yield b""

    def answer(request: requests.PreparedRequest) -> requests.Response:
        if len(fake.requests) == 1:
            response = make_response(request, 200, b"")
            response.raw = Broken()
            return response
        return make_response(request, 200, batchexecute_body(tone_mp3))

    fake = google(answer)
    speech = fake_timed(fake_time).synthesize("Hello there.")
    assert len(fake.requests) == 2
    assert abs(speech.seconds - TONE_SECONDS) < 0.1


def test_requests_are_spaced_by_min_interval(google, fake_time: FakeTime, tone_mp3) -> None:
    sent_at: list[float] = []

    def answer(request: requests.PreparedRequest) -> requests.Response:
        sent_at.append(fake_time.now)
        fake_time.now += 0.1  # Google takes 0.1 s to answer
        return make_response(request, 200, batchexecute_body(tone_mp3))

    google(answer)
    engine = fake_timed(fake_time, min_interval=0.3)
    engine.synthesize(LONG_TEXT)
    engine.synthesize("And again.")  # the next segment waits its turn too
    gaps = [b - a for a, b in itertools.pairwise(sent_at)]
    assert len(sent_at) >= 3
    assert all(gap == pytest.approx(0.3) for gap in gaps), gaps
    assert fake_time.sleeps == pytest.approx([0.2] * len(gaps))  # 0.3 less the 0.1 answering


def test_identity_and_spec() -> None:
    engine = GttsEngine("EN:co.uk", timeout=4, min_interval=1.5, sleep=lambda s: None)
    identity = engine.cache_identity()
    assert identity["engine"] == "gtts" and identity["voice"] == "en:co.uk"
    assert identity["engine_version"][0].isdigit()
    assert all(isinstance(v, str) for v in identity.values())
    assert identity == GttsEngine("en:co.uk", max_attempts=1).cache_identity()  # no sound
    assert identity != GttsEngine("en").cache_identity()
    name, voice, settings = engine.spec()
    again = get_engine(name, voice, **settings)
    assert isinstance(again, GttsEngine) and again.spec() == engine.spec()
    assert again.timeout == 4 and again.min_interval == 1.5
    assert engine.sample_rate == SAMPLE_RATE


def test_unknown_setting_names_the_settings() -> None:
    with pytest.raises(AudioError, match="gtts: unknown engine setting speed; it takes: "):
        get_engine("gtts", "en", speed=1.5)
