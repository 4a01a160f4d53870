"""ID3 tags on a real MP3 from ffmpeg: text frames, cover, chapters, and the audio intact."""

from __future__ import annotations

import io
import os
import re
import subprocess
from pathlib import Path

import pytest
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp3 import MP3
from PIL import Image

from audio.errors import AudioError
from audio.ffmpeg import ffmpeg_exe, run_ffmpeg
from audio.tags import (
    MAX_COVER_BYTES,
    EpisodeTags,
    cover_image,
    id3_language,
    read_chapters,
    write_tags,
)
from audio.transcript import Chapter

TAGS = EpisodeTags(
    title="Budget vote: Ünïcode & <more>",
    artist="Courier Desk",
    album="River Town Courier",
    date="2026-11-28",
    comment="The council approves the budget.",
    language="en",
)
CHAPTERS = [
    Chapter("Opening", 0.0, 1.5),
    Chapter("Bridge repairs", 1.5, 3.25),
    Chapter("What next", 3.25, 5.0),
]


@pytest.fixture(scope="module")
def source_mp3(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Five seconds of 440 Hz, as ffmpeg encodes episodes (it writes its own ID3 tag)."""
    path = tmp_path_factory.mktemp("mp3") / "tone.mp3"
    run_ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=5", "-ac", "1", "-ar", "44100",
                "-c:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", "3",
                "-metadata", "title=Old title", "-f", "mp3", str(path)])  # fmt: skip
    return path.read_bytes()


@pytest.fixture
def mp3(tmp_path: Path, source_mp3: bytes) -> Path:
    path = tmp_path / "episode.mp3"
    path.write_bytes(source_mp3)
    return path


def jpeg(size: tuple[int, int] = (300, 300)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, "JPEG", quality=90)
    return out.getvalue()


def noisy_png() -> bytes:
    """About 2 MB of random pixels: incompressible, so it must be re-encoded to fit."""
    image = Image.frombytes("RGB", (820, 820), os.urandom(820 * 820 * 3))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def decode_errors(path: Path) -> str:
    """ffmpeg's complaints when decoding the whole file, stopping at the first error."""
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-xerror",
         "-i", str(path), "-f", "null", "-"],
        capture_output=True, check=False,
    )  # fmt: skip
    return (
        f"exit {proc.returncode}: {proc.stderr.decode()}"
        if proc.returncode
        else proc.stderr.decode()
    )


def test_frames_cover_and_chapters_read_back(mp3: Path) -> None:
    length = MP3(mp3).info.length
    cover = jpeg()
    write_tags(mp3, TAGS, CHAPTERS, cover)

    id3 = ID3(mp3)
    assert id3.version == (2, 3, 0)
    assert str(id3["TIT2"]) == TAGS.title
    assert str(id3["TPE1"]) == "Courier Desk"
    assert str(id3["TALB"]) == "River Town Courier"
    assert str(id3["TDRC"]) == "2026-11-28"  # from v2.3's TYER + TDAT
    assert str(id3["TLAN"]) == "eng"
    (comment,) = id3.getall("COMM")
    assert (comment.lang, comment.desc, str(comment)) == ("eng", "", TAGS.comment)
    (picture,) = id3.getall("APIC")
    assert (picture.mime, picture.type, picture.data) == ("image/jpeg", 3, cover)

    (toc,) = id3.getall("CTOC")
    assert toc.flags == CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    assert toc.child_element_ids == ["chp0", "chp1", "chp2"]
    chaps = {f.element_id: f for f in id3.getall("CHAP")}
    assert [(chaps[i].start_time, chaps[i].end_time) for i in toc.child_element_ids] == [
        (0, 1500),
        (1500, 3250),
        (3250, 5000),
    ]
    assert [str(chaps[i].sub_frames["TIT2"]) for i in toc.child_element_ids] == [
        c.title for c in CHAPTERS
    ]
    assert read_chapters(mp3) == CHAPTERS
    # Readers that ignore the CTOC (ffmpeg) list CHAP frames in file order: keep it right.
    tag = mp3.read_bytes()[: 10 + id3.size]
    assert re.findall(rb"CHAP.{6}(chp\d+)\0", tag, re.DOTALL) == [b"chp0", b"chp1", b"chp2"]

    assert MP3(mp3).info.length == length
    assert decode_errors(mp3) == ""


def test_rewriting_replaces_instead_of_adding(mp3: Path) -> None:
    write_tags(mp3, TAGS, CHAPTERS, jpeg())
    first = mp3.read_bytes()
    write_tags(mp3, TAGS, CHAPTERS, jpeg())
    assert mp3.read_bytes() == first  # same input, same file

    retitled = EpisodeTags("New title", "Desk", "Show")  # no date, comment or language
    write_tags(mp3, retitled, CHAPTERS[:2], jpeg((200, 200)))
    id3 = ID3(mp3)
    assert id3.getall("TIT2")[0].text == ["New title"]
    for key in ("TDRC", "TYER", "TDAT", "COMM", "TLAN"):
        assert not id3.getall(key), key
    assert len(id3.getall("APIC")) == 1
    assert len(id3.getall("CTOC")) == 1 and len(id3.getall("CHAP")) == 2
    assert read_chapters(mp3) == CHAPTERS[:2]
    assert decode_errors(mp3) == ""


def test_no_chapters_means_no_chap_or_ctoc(mp3: Path) -> None:
    write_tags(mp3, TAGS, CHAPTERS, None)
    write_tags(mp3, TAGS, [], None)
    id3 = ID3(mp3)
    assert not id3.getall("CHAP") and not id3.getall("CTOC") and not id3.getall("APIC")
    assert read_chapters(mp3) == []
    assert str(id3["TIT2"]) == TAGS.title


def test_large_cover_is_shrunk_to_a_jpeg(mp3: Path) -> None:
    big = noisy_png()
    assert len(big) > 1_900_000
    length = MP3(mp3).info.length
    write_tags(mp3, TAGS, [], big)
    (picture,) = ID3(mp3).getall("APIC")
    assert picture.mime == "image/jpeg" and picture.type == 3
    assert len(picture.data) <= MAX_COVER_BYTES
    with Image.open(io.BytesIO(picture.data)) as image:
        assert image.format == "JPEG" and max(image.size) < 820
    assert MP3(mp3).info.length == length
    assert decode_errors(mp3) == ""


def test_cover_formats() -> None:
    png = io.BytesIO()
    Image.new("RGBA", (64, 64), (0, 0, 255, 128)).save(png, "PNG")
    assert cover_image(png.getvalue()) == (png.getvalue(), "image/png")  # small: kept as is
    gif = io.BytesIO()
    Image.new("P", (64, 64)).save(gif, "GIF")
    data, mime = cover_image(gif.getvalue())
    assert mime == "image/jpeg" and data.startswith(b"\xff\xd8\xff")
    with pytest.raises(AudioError, match="cover"):
        cover_image(b"not an image")


def test_bad_input_leaves_the_file_alone(mp3: Path, tmp_path: Path) -> None:
    before = mp3.read_bytes()
    with pytest.raises(AudioError, match="YYYY-MM-DD"):
        write_tags(mp3, EpisodeTags("t", "a", "b", date="28/11/2026"), [], None)
    with pytest.raises(AudioError, match="chapter 2"):
        write_tags(mp3, TAGS, [CHAPTERS[1], CHAPTERS[0]], None)
    assert mp3.read_bytes() == before
    not_mp3 = tmp_path / "notes.mp3"
    not_mp3.write_text("hello")
    with pytest.raises(AudioError, match=r"notes\.mp3"):
        write_tags(not_mp3, TAGS, [], None)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_language_codes() -> None:
    assert id3_language("en") == "eng"
    assert id3_language("pt-BR") == "por"
    assert id3_language("de_CH") == "ger"
    assert id3_language("ENG") == "eng"
    assert id3_language("xx") is None
    assert id3_language(None) is None
