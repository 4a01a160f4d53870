"""The generated cover meets Apple's artwork rules and is reproducible."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from feeds import FeedError, make_cover


def open_cover(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_default_cover_is_a_1400px_square_rgb_jpeg() -> None:
    data = make_cover("The Long Read")
    assert data[:3] == b"\xff\xd8\xff"  # JPEG magic
    image = open_cover(data)
    assert image.format == "JPEG"
    assert image.mode == "RGB"
    assert image.size == (1400, 1400)
    assert len(data) < 500_000


def test_larger_sizes_within_apples_range() -> None:
    image = open_cover(make_cover("The Long Read", size=3000))
    assert image.size == (3000, 3000)


@pytest.mark.parametrize("size", [1399, 3001, 512, True])
def test_sizes_outside_apples_range_are_refused(size: int) -> None:
    with pytest.raises(FeedError, match="1400 to 3000"):
        make_cover("The Long Read", size=size)


@pytest.mark.parametrize("title", ["", "   "])
def test_an_empty_title_is_refused(title: str) -> None:
    with pytest.raises(FeedError, match="title"):
        make_cover(title)


def test_same_title_same_bytes_and_titles_get_their_own_colour() -> None:
    assert make_cover("The Long Read") == make_cover("The Long Read")
    corner_a = open_cover(make_cover("The Long Read")).getpixel((5, 5))
    corner_b = open_cover(make_cover("Morning Briefing")).getpixel((5, 5))
    assert corner_a != corner_b


def test_title_is_drawn_centred_inside_the_margins() -> None:
    image = open_cover(make_cover("Articles, read aloud, every weekday morning"))
    background = image.getpixel((5, 5))
    # Text is white on a dark background: find the bounding box of bright pixels.
    bright = image.convert("L").point(lambda v: 255 if v > 200 else 0)
    left, top, right, bottom = bright.getbbox()
    assert sum(background) < 3 * 200
    margin = 1400 * 0.1
    assert left > margin and top > margin
    assert right < 1400 - margin and bottom < 1400 - margin
    assert abs((left + right) / 2 - 700) < 30  # horizontally centred


def test_a_very_long_word_or_title_still_fits() -> None:
    title = "Supercalifragilisticexpialidocious " * 6
    image = open_cover(make_cover(title))
    bright = image.convert("L").point(lambda v: 255 if v > 200 else 0)
    left, top, right, bottom = bright.getbbox()
    assert left > 100 and right < 1300 and top > 100 and bottom < 1300


def test_odd_characters_do_not_break_drawing() -> None:
    image = open_cover(make_cover("Fish & Chips <b> 🎙 שלום مرحبا \x00"))
    assert image.size == (1400, 1400)
