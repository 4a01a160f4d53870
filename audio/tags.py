"""ID3 tags for an episode MP3: text frames, the cover, and chapters (CHAP + CTOC).

Written as ID3v2.3, not 2.4: it is the version every player and OS reads (Windows and
many car and Android players still read 2.4 poorly or not at all), it is what ffmpeg
writes for us in `audio.master`, and the ID3 chapter frames are defined for both.
mutagen converts what 2.3 lacks: the date becomes TYER + TDAT, UTF-8 text UTF-16.

Only the ID3 tag at the start of the file changes; the audio frames are copied as they
are, so the decoded audio and its length do not change. The file is replaced atomically.
"""

from __future__ import annotations

import datetime
import io
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    CTOCFlags,
    Encoding,
    Frame,
    ID3NoHeaderError,
    PictureType,
)
from mutagen.mp3 import MP3
from PIL import Image, ImageOps, UnidentifiedImageError

from audio.atomic import atomic_path
from audio.errors import AudioError
from audio.transcript import Chapter

MAX_COVER_BYTES = 300 * 1024  # embedded art is sent with every download; keep it small
COVER_START_SIDE = 1400  # px: Apple's minimum for show art, plenty for a player screen
COVER_MIN_SIDE = 64
COVER_JPEG_QUALITY = 85
TOC_ID = "toc"

# Frames this module writes: removed before writing, so a rewrite never leaves duplicates
# or stale values. Other frames (ffmpeg's TSSE encoder note, say) are kept.
_OWNED_FRAMES = ("TIT2", "TPE1", "TALB", "TDRC", "TYER", "TDAT", "TIME", "TRDA", "COMM",
                 "TLAN", "APIC", "CHAP", "CTOC")  # fmt: skip

# ISO 639-1 -> ISO 639-2/B (the "bibliographic" codes, as ID3 taggers have used them),
# for the languages py3langid detects. ID3 language fields take three letters.
_ISO639_2 = dict(
    pair.split(":")
    for pair in """af:afr am:amh an:arg ar:ara as:asm az:aze be:bel bg:bul bn:ben br:bre
    bs:bos ca:cat cs:cze cy:wel da:dan de:ger dz:dzo el:gre en:eng eo:epo es:spa et:est
    eu:baq fa:per fi:fin fo:fao fr:fre ga:gle gl:glg gu:guj he:heb hi:hin hr:hrv ht:hat
    hu:hun hy:arm id:ind is:ice it:ita ja:jpn jv:jav ka:geo kk:kaz km:khm kn:kan ko:kor
    ku:kur ky:kir la:lat lb:ltz lo:lao lt:lit lv:lav mg:mlg mk:mac ml:mal mn:mon mr:mar
    ms:may mt:mlt nb:nob ne:nep nl:dut nn:nno no:nor oc:oci or:ori pa:pan pl:pol ps:pus
    pt:por qu:que ro:rum ru:rus rw:kin se:sme si:sin sk:slo sl:slv sq:alb sr:srp sv:swe
    sw:swa ta:tam te:tel th:tha tl:tgl tr:tur ug:uig uk:ukr ur:urd vi:vie vo:vol wa:wln
    xh:xho zh:chi zu:zul""".split()
)


@dataclass(frozen=True)
class EpisodeTags:
    """What players show about an episode file.

    `date` is "YYYY-MM-DD"; `language` an ISO 639 code ("en", "pt-BR" or "eng").
    """

    title: str
    artist: str
    album: str
    date: str | None = None
    comment: str | None = None
    language: str | None = None


def write_tags(
    path: str | os.PathLike[str],
    tags: EpisodeTags,
    chapters: Sequence[Chapter],
    cover: bytes | None,
) -> None:
    """Replace the episode's ID3 tag: text frames, front cover, chapters.

    An episode without chapters gets no CHAP or CTOC frames. Everything is checked and
    prepared before the file is touched, so a bad date or cover leaves it as it was.
    """
    path = Path(path)
    frames = _text_frames(tags)
    if cover is not None:
        data, mime = cover_image(cover)
        frames.append(
            APIC(
                encoding=Encoding.LATIN1,
                mime=mime,
                type=PictureType.COVER_FRONT,
                desc="Cover",
                data=data,
            )
        )
    frames.extend(chapter_frames(chapters))
    try:
        MP3(path)
    except (MutagenError, OSError) as exc:
        raise AudioError(f"cannot tag {path.name}: not a readable MP3 ({exc})") from exc
    with atomic_path(path) as tmp:
        shutil.copyfile(path, tmp)
        try:
            id3 = ID3(tmp)
        except ID3NoHeaderError:
            id3 = ID3()
        for key in _OWNED_FRAMES:
            id3.delall(key)
        for frame in frames:
            id3.add(frame)
        id3.update_to_v23()
        id3.save(tmp, v2_version=3)
        _put_chapters_in_order(tmp)


def read_chapters(path: str | os.PathLike[str]) -> list[Chapter]:
    """The file's chapters in table-of-contents order (by start time without a CTOC)."""
    try:
        id3 = ID3(path)
    except ID3NoHeaderError:
        return []
    except (MutagenError, OSError) as exc:
        raise AudioError(f"cannot read the tags of {os.fspath(path)}: {exc}") from exc
    chaps = {frame.element_id: frame for frame in id3.getall("CHAP")}
    tops = [f for f in id3.getall("CTOC") if f.flags & CTOCFlags.TOP_LEVEL]
    if tops:
        ordered = [chaps[i] for i in tops[0].child_element_ids if i in chaps]
    else:
        ordered = sorted(chaps.values(), key=lambda f: (f.start_time, f.element_id))
    return [
        Chapter(_chapter_title(frame), frame.start_time / 1000, frame.end_time / 1000)
        for frame in ordered
    ]


def chapter_frames(chapters: Sequence[Chapter]) -> list[Frame]:
    """CHAP frames chp0, chp1, ... (times in ms, a TIT2 each) and one ordered top-level CTOC."""
    if not chapters:
        return []
    frames: list[Frame] = []
    previous_start = 0
    for index, chapter in enumerate(chapters):
        start, end = round(chapter.start * 1000), round(chapter.end * 1000)
        if not 0 <= previous_start <= start <= end < 0xFFFFFFFF:
            raise AudioError(
                f"chapter {index + 1} ({chapter.title!r}) has impossible times"
                f" {chapter.start:.3f}-{chapter.end:.3f} s: chapters must be in order"
            )
        previous_start = start
        frames.append(
            CHAP(
                element_id=f"chp{index}",
                start_time=start,
                end_time=end,
                sub_frames=[TIT2(encoding=Encoding.UTF8, text=[chapter.title])],
            )
        )
    frames.append(
        CTOC(
            element_id=TOC_ID,
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=[f"chp{i}" for i in range(len(chapters))],
            sub_frames=[],
        )
    )
    return frames


def cover_image(data: bytes) -> tuple[bytes, str]:
    """Cover bytes and MIME type fit to embed: JPEG or PNG (what ID3 readers show).

    A JPEG or PNG within MAX_COVER_BYTES is kept byte for byte; anything larger, or in
    another format, is re-encoded as JPEG, smaller step by step until it fits.
    """
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise AudioError(f"the cover is not an image Pillow can read ({exc})") from exc
    mime = _image_mime(data)
    if mime and len(data) <= MAX_COVER_BYTES:
        return data, mime
    with Image.open(io.BytesIO(data)) as opened:
        image = _flatten(ImageOps.exif_transpose(opened))
    side = min(COVER_START_SIDE, max(image.size))
    while True:
        scaled = image.copy()
        scaled.thumbnail((side, side), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        scaled.save(out, "JPEG", quality=COVER_JPEG_QUALITY, optimize=True)
        if out.tell() <= MAX_COVER_BYTES or side <= COVER_MIN_SIDE:
            return out.getvalue(), "image/jpeg"
        side = max(COVER_MIN_SIDE, int(side * 0.8))


def id3_language(language: str | None) -> str | None:
    """The three-letter code ID3 wants for "en", "en-US", "pt_BR" or "eng"; None if unknown."""
    if not language:
        return None
    base = language.replace("_", "-").split("-")[0].lower()
    if len(base) == 3 and base.isalpha():
        return base
    return _ISO639_2.get(base)


def _text_frames(tags: EpisodeTags) -> list[Frame]:
    frames: list[Frame] = [
        TIT2(encoding=Encoding.UTF8, text=[tags.title]),
        TPE1(encoding=Encoding.UTF8, text=[tags.artist]),
        TALB(encoding=Encoding.UTF8, text=[tags.album]),
    ]
    if tags.date:
        try:
            day = datetime.date.fromisoformat(tags.date)
        except ValueError as exc:
            raise AudioError(f"episode date {tags.date!r} is not YYYY-MM-DD") from exc
        frames.append(TDRC(encoding=Encoding.UTF8, text=[day.isoformat()]))
    language = id3_language(tags.language)
    if language:
        frames.append(TLAN(encoding=Encoding.UTF8, text=[language]))
    if tags.comment:
        frames.append(
            COMM(encoding=Encoding.UTF8, lang=language or "und", desc="", text=[tags.comment])
        )
    return frames


def _put_chapters_in_order(path: Path) -> None:
    """Reorder the CHAP frames in the saved tag so the file lists them chp0, chp1, ...

    mutagen sorts frames by size, and readers that ignore the CTOC list chapters in file
    order (ffmpeg does). The frames are only permuted: the tag keeps its exact length.
    """
    with open(path, "rb+") as fh:
        header = fh.read(10)
        if header[:3] != b"ID3" or header[3] != 3 or header[5] & 0xC0:
            return  # not the plain v2.3 tag just saved (no unsynchronisation, extended header)
        size = int.from_bytes(bytes(b & 0x7F for b in header[6:10]), "big")  # syncsafe
        body = fh.read(size)
        frames: list[bytes] = []
        pos = 0
        while pos + 10 <= len(body) and body[pos] != 0:  # a zero byte starts the padding
            end = pos + 10 + int.from_bytes(body[pos + 4 : pos + 8], "big")
            if end > len(body):
                return  # not a tag this function understands: leave it as mutagen wrote it
            frames.append(body[pos:end])
            pos = end
        slots = [i for i, frame in enumerate(frames) if frame[:4] == b"CHAP"]
        chaps = sorted((frames[i] for i in slots), key=_chap_number)
        for slot, frame in zip(slots, chaps, strict=True):
            frames[slot] = frame
        fh.seek(10)
        fh.write(b"".join(frames))


def _chap_number(frame: bytes) -> int:
    element_id = frame[10 : frame.index(b"\0", 10)].decode("latin-1")
    return int(element_id.removeprefix("chp"))


def _chapter_title(frame: CHAP) -> str:
    title = frame.sub_frames.get("TIT2")
    return str(title) if title is not None else frame.element_id


def _image_mime(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency, and black behind a logo looks broken."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
