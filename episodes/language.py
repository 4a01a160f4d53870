"""Which language an article is written in, so it is read by a voice that speaks it.

py3langid ships its model inside the package: detection works offline. The model is
xz-compressed and takes half a second to unpack, so an unpacked copy is kept in the
user's cache folder (rebuilt whenever the package changes; safe to delete).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

SAMPLE_CHARS = 20_000
MIN_CHARS = 40
MIN_CONFIDENCE = 0.80


def cache_dir() -> Path:
    """Presscast's per-user cache folder (XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "presscast"


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    try:
        return _from_unpacked_copy(LanguageIdentifier, MODEL_DIR / MODEL_FILE)
    except Exception:  # an unexpected py3langid layout: its own (slower) loader still works
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _from_unpacked_copy(identifier_class: Any, packed: Path) -> Any:
    import numpy as np
    from py3langid.modelio import _to_array

    unpacked = cache_dir() / f"py3langid-{version('py3langid')}-{packed.stat().st_size}.npz"
    if not unpacked.is_file():
        _unpack(packed, unpacked)
    with np.load(unpacked, allow_pickle=False) as data:
        return identifier_class(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_to_array(data["nextmove_row"]),
        )


def _unpack(packed: Path, target: Path) -> None:
    import lzma
    import shutil
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out, lzma.open(packed) as src:
            shutil.copyfileobj(src, out, length=1 << 20)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


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


def region(code: str) -> str:
    """'GB' for 'en_GB' or 'en-gb'; '' for a bare language ('en')."""
    return code.replace("_", "-").partition("-")[2].upper()


# English names of the languages people most often publish in, for messages.
NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "bs": "Bosnian",
    "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian",
    "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish",
    "gl": "Galician", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "ja": "Japanese", "ka": "Georgian", "kk": "Kazakh", "km": "Khmer",
    "kn": "Kannada", "ko": "Korean", "la": "Latin", "lb": "Luxembourgish",
    "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam",
    "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "nb": "Norwegian Bokmål",
    "ne": "Nepali", "nl": "Dutch", "no": "Norwegian", "pa": "Punjabi", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "th": "Thai", "tl": "Tagalog", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip


def language_name(code: str) -> str:
    """A language's English name for messages ('German'), else its code."""
    return NAMES.get(primary(code), code)
