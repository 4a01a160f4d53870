"""Bytes of a text file to str: BOMs, UTF-8, then the likeliest legacy encoding.

Refuses binary data with a clear message instead of narrating mojibake. A UTF-8 file
with a few stray bytes (pasted from an old editor) stays UTF-8: the stray bytes are read
as windows-1252, and a warning says where they are.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from episodes.errors import PresscastError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its start, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


@dataclass(frozen=True)
class Decoded:
    """A text file's text, and a warning for the producer when bytes had to be repaired."""

    text: str
    warning: str | None = None


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode a text file's bytes; PresscastError if it is not text (see `decode`)."""
    return decode(data, name, declared).text


def decode(data: bytes, name: str, declared: str | None = None) -> Decoded:
    """Decode a text file's bytes; PresscastError if it is not text.

    A byte-order mark wins, then a charset the source declares (HTTP header or HTML meta),
    then UTF-8 (with its stray bytes repaired), then the likeliest legacy encoding.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _utf8_repaired(data[len(codecs.BOM_UTF8) :], name, always=True)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise PresscastError(f"{name}: damaged {encoding} text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise PresscastError(f"{name}: this looks like a binary file, not an article")
    if declared:
        try:
            return Decoded(data.decode(_codec(declared)))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to detection
    repaired = _utf8_repaired(data, name)
    if repaired is not None:
        return repaired
    return Decoded(_legacy_decoding(data, name))


STRAY_ENCODING = "windows-1252"
_STRAY = re.compile("[\udc80-\udcff]")


def _utf8_repaired(data: bytes, name: str, always: bool = False) -> Decoded | None:
    """UTF-8 text with its invalid bytes read one by one as windows-1252, or None.

    None when invalid bytes are as frequent as valid non-ASCII characters: that is a
    legacy code page (a stray valid UTF-8 pair happens there by chance), not UTF-8 with
    a byte pasted from an old editor. `always` (a UTF-8 byte-order mark) repairs anyway.
    """
    text = data.decode("utf-8", "surrogateescape")  # an invalid byte becomes U+DC80-U+DCFF
    first = _STRAY.search(text)
    if first is None:
        return Decoded(text)
    stray = len(_STRAY.findall(text))
    valid = len(text) - len(text.encode("ascii", "ignore")) - stray
    if not always and valid < stray:
        return None
    at = first.start()
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at)
    where = f"line {line}, column {column}"
    counted = (
        f"1 byte that is not UTF-8 ({where})"
        if stray == 1
        else f"{stray:,} bytes that are not UTF-8 (the first at {where})"
    )
    repaired = _STRAY.sub(
        lambda m: bytes([ord(m.group()) - 0xDC00]).decode(STRAY_ENCODING, "replace"), text
    )
    return Decoded(repaired, f"{name}: {counted} read as {STRAY_ENCODING}")


def _legacy_decoding(data: bytes, name: str) -> str:
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
