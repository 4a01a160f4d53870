"""GttsEngine against a stand-in for Google's endpoint, mocked at the HTTP layer.

Google cannot be reached here, so `requests.Session.send` answers with what the
batchexecute endpoint sends: base64 of real MP3 made by ffmpeg. Everything above
the socket (gTTS's request building and parsing, ffmpeg decoding) runs for real.
"""

from __future__ import annotations

import itertools
import math
from array import array

import pytest
import requests
from fake_google import TONE_SECONDS, batchexecute_body, make_response

from audio.engines.gtts_engine import SAMPLE_RATE, GttsEngine, gtts_voices
from audio.errors import AudioError

# Three sentences, 150+ characters: gTTS sends at most 100 characters a request.
LONG_TEXT = (
    "The harbour was quiet before dawn, and the boats waited in rows. "
    "Then the first engine coughed. Within minutes the whole bay was awake and loud."
)


def assert_one_line_pointing_to_piper(error: AudioError) -> str:
    message = str(error)
    assert "\n" not in message
    assert message.startswith("gtts: ")
    assert "--engine piper" in message
    return message


def test_parts_are_joined_and_decoded_to_24khz_pcm(google, tone_mp3: bytes) -> None:
    fake = google(lambda request: make_response(request, 200, batchexecute_body(tone_mp3)))
    engine = GttsEngine("en:co.uk", timeout=5.0)

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


def test_connection_error_names_the_offline_engine(google) -> None:
    def refuse(request):
        raise requests.exceptions.ConnectionError("Failed to resolve 'translate.google.com'")

    google(refuse)
    with pytest.raises(AudioError) as caught:
        GttsEngine().synthesize("Hello there.")
    message = assert_one_line_pointing_to_piper(caught.value)
    assert "cannot reach Google's text-to-speech service" in message
    assert "name lookup failed" in message


def test_timeout_says_how_long_it_waited(google) -> None:
    def hang(request):
        raise requests.exceptions.ConnectTimeout("timed out")

    google(hang)
    with pytest.raises(AudioError) as caught:
        GttsEngine(timeout=3).synthesize("Hello there.")
    message = assert_one_line_pointing_to_piper(caught.value)
    assert "no answer within 3 s" in message


@pytest.mark.parametrize(
    ("status", "words"),
    [(429, "429 Too Many Requests"), (503, "503 Service Unavailable"), (403, "403 Forbidden")],
)
def test_error_status_says_what_google_answered(google, status: int, words: str) -> None:
    google(lambda request: make_response(request, status, b"<html>error</html>"))
    with pytest.raises(AudioError) as caught:
        GttsEngine().synthesize("Hello there.")
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


def test_real_request_fails_offline_with_the_piper_hint() -> None:
    """No mock: this machine cannot reach Google, and the user must be told what to do."""
    with pytest.raises(AudioError) as caught:
        GttsEngine(timeout=2).synthesize("Hello there.")
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
