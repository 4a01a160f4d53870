"""A scraped page narrates as well as its clean text: nothing junk is heard.

The same article is narrated twice by real Piper, once from a web copy full of junk and
once from its clean body, and both are heard back by a speech recogniser. The scraped
narration must be as close to the clean body as the clean narration is.

Marked slow (about a minute): `make test-slow` runs it. The everyday suite hears the
6,000-character scraped article of test_episode_e2e for junk already.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from speech import extra_speech, similarity, transcribe, words

from audio.normalize import clean_unicode, normalize
from episodes.cli import cli

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).parent / "corpus"
TITLE = "Night Ferry to Resume After Two-Year Break"
# Words of the planted junk (cookie notice, byline, credits, appeals) that the article
# body itself never uses: hearing one of them means junk was read.
JUNK_WORDS = {"cookies", "okafor", "advertisement", "herald", "newsletter", "inbox", "privacy",
              "browse", "filed", "petition", "reserved"}  # fmt: skip


@pytest.fixture(scope="module")
def heard(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    tmp = tmp_path_factory.mktemp("scraped")
    clean = tmp / "clean.md"
    clean.write_text((CORPUS / "ferry-news.expected.txt").read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    runner = CliRunner(mix_stderr=False)
    for name, source in (("scraped", CORPUS / "ferry-news.txt"), ("clean", clean)):
        mp3 = tmp / f"{name}.mp3"
        result = runner.invoke(
            cli, ["narrate", str(source), "-o", str(mp3), "--title", TITLE, "--jobs", "2"]
        )
        assert result.exit_code == 0, result.stderr
        out[name] = transcribe(mp3)
    return out


def test_no_junk_is_heard(heard: dict[str, list[str]]) -> None:
    text = (CORPUS / "ferry-news.expected.txt").read_text(encoding="utf-8")
    assert not JUNK_WORDS & set(words(text)), "the junk words must be absent from the clean body"
    reference = words(normalize(clean_unicode(f"{TITLE}.\n\n{text}")))  # as it is spoken
    junk = sorted(JUNK_WORDS & set(extra_speech(reference, heard["scraped"])))
    assert not junk, f"heard junk: {junk}"


def test_scraped_narration_is_as_close_to_the_body_as_the_clean_one(
    heard: dict[str, list[str]],
) -> None:
    body = (CORPUS / "ferry-news.expected.txt").read_text(encoding="utf-8")
    reference = words(normalize(clean_unicode(f"{TITLE}.\n\n{body}")))  # as it is spoken
    scraped = similarity(reference, heard["scraped"])
    clean = similarity(reference, heard["clean"])
    print(f"similarity to the clean body: scraped {scraped:.3f}, clean {clean:.3f}")
    assert clean > 0.6
    assert scraped >= clean - 0.03
