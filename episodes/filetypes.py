"""Files that are not articles, known by their first bytes, their suffix or media type.

A PDF, a Word document, an e-book, an image or a sound file is refused with one line
that says what it is and what to do, before any decoding turns it into noise (an ASCII
PDF would otherwise pass as text and be narrated as its page markup).
"""

from __future__ import annotations

from dataclasses import dataclass

from episodes.errors import PresscastError


@dataclass(frozen=True)
class Kind:
    """What a file is (`a PDF file`), what Presscast does not read (`PDF`), and advice."""

    what: str
    plural: str
    advice: str


_COPY = "copy its text into a .txt file"
PDF = Kind("a PDF file", "PDF", _COPY)
WORD = Kind("a Word document", "Word documents", "save it as plain text (.txt)")
OFFICE = Kind("an Office document", "Office documents", "save it as plain text (.txt)")
OPEN_DOCUMENT = Kind("an OpenDocument file", "OpenDocument files", "save it as plain text")
EPUB = Kind("an EPUB e-book", "e-books", _COPY)
ARCHIVE = Kind("a compressed archive", "archives", "unpack it and add the article inside")
IMAGE = Kind("an image", "images", "add the article's text, not a picture of it")
AUDIO = Kind("a sound file", "audio", "Presscast makes audio from text")
VIDEO = Kind("a video file", "video", "Presscast makes audio from text")

# (offset, first bytes, kind): checked in order, the first match wins.
SIGNATURES: list[tuple[int, bytes, Kind]] = [
    (0, b"%PDF-", PDF),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", WORD),  # OLE2: .doc (and old .xls, .ppt)
    (0, b"{\\rtf", WORD),
    (0, b"\x1f\x8b", ARCHIVE),  # gzip
    (0, b"7z\xbc\xaf\x27\x1c", ARCHIVE),
    (0, b"Rar!\x1a\x07", ARCHIVE),
    (0, b"\x89PNG\r\n\x1a\n", IMAGE),
    (0, b"\xff\xd8\xff", IMAGE),  # JPEG
    (0, b"GIF87a", IMAGE),
    (0, b"GIF89a", IMAGE),
    (8, b"WEBP", IMAGE),  # RIFF....WEBP
    (0, b"II*\x00", IMAGE),  # TIFF
    (0, b"MM\x00*", IMAGE),
    (0, b"ID3\x04", AUDIO),  # an MP3 with ID3v2.4 (or .3, .2) tags; untagged frames below
    (0, b"ID3\x03", AUDIO),
    (0, b"ID3\x02", AUDIO),
    (0, b"\xff\xfb", AUDIO),
    (0, b"\xff\xf3", AUDIO),
    (0, b"\xff\xf2", AUDIO),
    (8, b"WAVE", AUDIO),  # RIFF....WAVE
    (0, b"OggS\x00", AUDIO),
    (0, b"fLaC", AUDIO),
    (4, b"ftypM4A", AUDIO),
    (4, b"ftyp", VIDEO),  # MP4, MOV: any other ftyp brand
    (0, b"\x1a\x45\xdf\xa3", VIDEO),  # Matroska, WebM
]

SUFFIXES = {
    ".pdf": PDF,
    ".doc": WORD,
    ".docx": WORD,
    ".rtf": WORD,
    ".odt": OPEN_DOCUMENT,
    ".epub": EPUB,
    ".zip": ARCHIVE,
    ".gz": ARCHIVE,
    ".7z": ARCHIVE,
    ".png": IMAGE,
    ".jpg": IMAGE,
    ".jpeg": IMAGE,
    ".gif": IMAGE,
    ".webp": IMAGE,
    ".mp3": AUDIO,
    ".wav": AUDIO,
    ".m4a": AUDIO,
    ".ogg": AUDIO,
    ".flac": AUDIO,
    ".mp4": VIDEO,
}

MEDIA_TYPES = {
    "application/pdf": PDF,
    "application/msword": WORD,
    "application/rtf": WORD,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": WORD,
    "application/vnd.oasis.opendocument.text": OPEN_DOCUMENT,
    "application/epub+zip": EPUB,
    "application/zip": ARCHIVE,
    "application/gzip": ARCHIVE,
}


def kind_of(data: bytes, suffix: str = "") -> Kind | None:
    """What a file is, if it is one of the known kinds that are not text."""
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    for offset, signature, kind in SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            return kind
    return SUFFIXES.get(suffix.lower())


def refuse_non_text(data: bytes, name: str, suffix: str = "") -> None:
    """PresscastError when `data` (or its file's suffix) is a known kind that is not text."""
    kind = kind_of(data, suffix)
    if kind is not None:
        raise not_text(name, kind)


def not_text(name: str, kind: Kind) -> PresscastError:
    """The one message for every kind: what it is, what Presscast reads, what to do."""
    return PresscastError(
        f"{name}: {kind.what}; Presscast reads text, Markdown and HTML, "
        f"not {kind.plural} ({kind.advice})"
    )


def _zip_kind(data: bytes) -> Kind:
    """Office documents and e-books are ZIP files: the names of their first entries say
    which (EPUB and OpenDocument store their media type first, uncompressed)."""
    head = data[: 64 * 1024]
    if head[30:58] == b"mimetypeapplication/epub+zip":
        return EPUB
    if head[30:72] == b"mimetypeapplication/vnd.oasis.opendocument":
        return OPEN_DOCUMENT
    if b"word/" in head:
        return WORD
    if b"[Content_Types].xml" in head:
        return OFFICE
    return ARCHIVE
