"""The show's pronunciation lexicon: whole words, case-aware, IPA for Piper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import Result
from conftest import write

from audio.engines.piper_engine import PiperEngine
from audio.errors import AudioError
from audio.lexicon import Lexicon, Pronunciation
from audio.script import PARAGRAPH, Block, Reading, build_script

LEXICON = Lexicon.from_mapping(
    {
        "Presscast": "press cast",
        "gif": {"ipa": "ɡɪf", "say": "giff"},
        "Nguyen": {"ipa": "wɪn"},
        "R2-D2": "are two dee two",
        "New York": "new york",
        "New York City": "the big apple",
    }
)


def spoken(text: str, phonemes: bool = False, lexicon: Lexicon = LEXICON) -> str:
    protected, saved = lexicon.protect(text, phonemes)
    return Lexicon.restore(protected, saved)


def test_whole_words_only_and_case_aware() -> None:
    assert spoken("Presscast, presscast and Presscasts.") == "press cast, presscast and Presscasts."
    # a lowercase key matches any case; a capitalised key only itself
    assert spoken("A GIF, a Gif and a gif.") == "A giff, a giff and a giff."
    assert spoken("gifted") == "gifted"


def test_ipa_for_engines_that_take_phonemes_respelling_elsewhere() -> None:
    assert spoken("Mr Nguyen sent a gif.", phonemes=True) == "Mr [[ wɪn ]] sent a [[ ɡɪf ]]."
    assert spoken("Mr Nguyen sent a gif.", phonemes=False) == "Mr Nguyen sent a giff."


def test_longest_entry_wins() -> None:
    assert spoken("New York City and New York") == "the big apple and new york"


def test_lexicon_text_escapes_normalization_and_keeps_sentences() -> None:
    reading = Reading(language="en", lexicon=LEXICON, phonemes=True)
    blocks = [Block(PARAGRAPH, "It was 5 p.m. and R2-D2 beeped. Presscast read it. Nguyen won.")]
    texts = [s.text for s in build_script(blocks, 40, 280, reading=reading)]
    assert texts == [
        "It was five p m and are two dee two beeped.",
        "press cast read it.",
        "[[ wɪn ]] won.",
    ]


def test_captions_are_the_written_sentences_and_the_spoken_form_keeps_lexicon_words() -> None:
    reading = Reading(language="en", lexicon=LEXICON, phonemes=True)
    blocks = [Block(PARAGRAPH, "At 5 p.m. R2-D2 beeped. Nguyen won 3 gifs.")]
    segments = build_script(blocks, 40, 280, reading=reading)
    assert [(s.caption, s.spoken) for s in segments] == [
        ("At 5 p.m. R2-D2 beeped.", "At five p m R2-D2 beeped."),
        ("Nguyen won 3 gifs.", "Nguyen won three gifs."),
    ]
    assert segments[1].text == "[[ wɪn ]] won three gifs."


@pytest.mark.parametrize(
    "data",
    [{"x": ""}, {"x": 3}, {"x": {"ipa": ""}}, {"x": {"sound": "y"}}, {" ": "y"}, {"x": {}}],
)
def test_bad_entries_are_reported(data: dict) -> None:
    with pytest.raises(AudioError, match="lexicon"):
        Lexicon.from_mapping(data)


def test_pronunciation_fallbacks() -> None:
    assert Pronunciation(ipa="ɡɪf").spoken(phonemes=False) is None
    assert Pronunciation(ipa="ɡɪf", say="giff").spoken(phonemes=True) == "[[ ɡɪf ]]"


def test_piper_reads_ipa_from_the_lexicon(piper: PiperEngine) -> None:
    plain = piper.synthesize("The word is gif.")
    ipa = piper.synthesize("The word is [[ ɡɪf ]].")
    assert ipa.seconds > 0.5
    assert np.abs(np.frombuffer(ipa.pcm, dtype=np.int16)).max() > 3000
    # different sounds, similar length: the phonemes were read, not the brackets spelled out
    assert abs(ipa.seconds - plain.seconds) < 0.6


def test_show_lexicon_is_used_by_preview(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    write(show_dir / "lexicon.toml", 'Presscast = "press cast"\n"U.N." = "you en"\n')
    source = write(tmp_path / "a.md", "# Note\n\nPresscast visited the U.N. on Monday.\n")
    result = run("preview", str(source), cwd=show_dir)
    assert result.exit_code == 0, result.stderr
    assert "press cast visited the you en on Monday." in result.stdout
    write(show_dir / "lexicon.toml", "Presscast = 3\n")
    broken = run("preview", str(source), cwd=show_dir)
    assert broken.exit_code == 1 and "lexicon.toml" in broken.stderr
