"""Which language an article is written in, so it is read by a voice that speaks it.

py3langid ships its model inside the package: detection works offline.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

SAMPLE_CHARS = 20_000
MIN_CHARS = 40
MIN_CONFIDENCE = 0.80


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(paragraphs: Iterable[str]) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short or unclear."""
    sample = ""
    for text in paragraphs:
        sample += text + "\n"
        if len(sample) >= SAMPLE_CHARS:
            break
    if len(sample.strip()) < MIN_CHARS:
        return None
    code, confidence = _identifier().classify(sample[:SAMPLE_CHARS])
    return str(code) if confidence >= MIN_CONFIDENCE else None


def primary(code: str) -> str:
    """'en' for 'en_US', 'en-GB' or 'EN'."""
    return code.replace("_", "-").split("-")[0].lower()


def language_name(code: str) -> str:
    """A language's English name for messages ('German'), else its code."""
    from gtts.lang import tts_langs

    return str(tts_langs().get(primary(code), code))
