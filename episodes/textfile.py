"""Bytes of a text file to str: BOMs, UTF-8, then the likeliest legacy encoding.

Refuses binary data with a clear message instead of narrating mojibake.
"""

from __future__ import annotations

import codecs
import unicodedata

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
    if best is None or _is_latin_script(str(best)):
        # On short texts charset_normalizer confuses the Latin code pages (French latin-1
        # came back as Baltic cp1257): choose between Western and Central European here.
        latin = _likeliest_latin_decoding(data)
        if latin is not None:
            return latin
    if best is None:
        raise PresscastError(f"{name}: cannot tell the text encoding; save it as UTF-8")
    return str(best)


# Accented letters by how common they are in the languages of each code page: cp1252 for
# Western Europe (latin-1 text decodes the same), cp1250 for Central Europe. A byte read
# in the wrong code page becomes a rarer letter or a symbol ("Pøíliš", "gêœl¹").
_LETTER_WEIGHTS = {
    "cp1252": {**dict.fromkeys("éèàçêôâüöäßñáíóúãõåøæ¿¡", 3), **dict.fromkeys("îûëïœìòùýÿðþ", 1)},
    "cp1250": {
        **dict.fromkeys("áčďéěíňóřšťúůýžąćęłńśźżőűöüäăîâșțşţ", 3),
        **dict.fromkeys("ôľĺŕëçđ", 1),
    },
}


def _likeliest_latin_decoding(data: bytes) -> str | None:
    best: tuple[int, str] | None = None
    for encoding, weights in _LETTER_WEIGHTS.items():
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = sum(weights.get(ch, 0) for ch in text.lower() if ord(ch) > 127)
        if best is None or score > best[0]:  # a tie goes to the first: cp1252
            best = (score, text)
    return best[1] if best else None


def _is_latin_script(text: str) -> bool:
    """Most non-ASCII letters are Latin (or there are none): not Cyrillic, Greek, CJK..."""
    letters = [ch for ch in text if ord(ch) > 127 and ch.isalpha()]
    latin = sum("LATIN" in unicodedata.name(ch, "") for ch in letters)
    return latin * 2 >= len(letters)
