"""Bytes of a text file to str: BOMs, UTF-8, then the likeliest legacy encoding.

Refuses binary data with a clear message instead of narrating mojibake.
"""

from __future__ import annotations

import codecs

from episodes.errors import PresscastError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file's bytes; PresscastError if it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise PresscastError(f"{name}: damaged {encoding} text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise PresscastError(f"{name}: this looks like a binary file, not an article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise PresscastError(f"{name}: cannot tell the text encoding; save it as UTF-8")
    return str(best)
