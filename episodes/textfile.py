"""Bytes of a text file to str: BOMs, UTF-8, then the likeliest legacy encoding.

Refuses binary data with a clear message instead of narrating mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from episodes.errors import PresscastError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its start, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode a text file's bytes; PresscastError if it is not text.

    A byte-order mark wins, then a charset the source declares (HTTP header or HTML meta),
    then UTF-8, then the likeliest legacy encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise PresscastError(f"{name}: damaged {encoding} text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise PresscastError(f"{name}: this looks like a binary file, not an article")
    if declared:
        try:
            return data.decode(_codec(declared))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to detection
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


def _codec(charset: str) -> str:
    """Python's codec for a declared charset; latin-1 declarations mean windows-1252 on the web."""
    name = codecs.lookup(charset).name
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name
