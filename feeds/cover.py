"""A generated cover, so a new show has valid artwork before anyone designs one.

Apple wants a square RGB JPEG or PNG between 1400 and 3000 px; this draws the show title
on a colour derived from it, with Pillow's built-in scalable font (no font files, no
network). The same title and size always give the same bytes.
"""

from __future__ import annotations

import colorsys
import hashlib
import io

from PIL import Image, ImageDraw, ImageFont

from feeds.errors import FeedError

MIN_SIZE = 1400
MAX_SIZE = 3000

_TEXT = (255, 255, 255)
_MARGIN = 0.12  # of the side, kept clear on every edge
_LINE_SPACING = 1.15  # of the font's ascent + descent


def make_cover(title: str, size: int = MIN_SIZE) -> bytes:
    """Return a square JPEG cover (RGB, `size` px) with `title` wrapped and centred."""
    if not isinstance(title, str) or not title.strip():
        raise FeedError("A cover needs a show title to draw, got an empty one.")
    if isinstance(size, bool) or not isinstance(size, int) or not MIN_SIZE <= size <= MAX_SIZE:
        raise FeedError(
            f"Cover size must be {MIN_SIZE} to {MAX_SIZE} pixels (Apple Podcasts' range), "
            f"got {size!r}."
        )
    words = title.split()
    image = Image.new("RGB", (size, size), _background(title))
    draw = ImageDraw.Draw(image)

    box = size * (1 - 2 * _MARGIN)
    font, lines = _fit(words, box)
    ascent, descent = font.getmetrics()
    line_height = (ascent + descent) * _LINE_SPACING
    block = line_height * (len(lines) - 1) + ascent + descent
    y = (size - block) / 2
    for line in lines:
        draw.text((size / 2, y), line, font=font, fill=_TEXT, anchor="ma")
        y += line_height

    # A short rule under the title: enough to look designed, little enough to stay clean.
    rule_y = (size + block) / 2 + size * 0.04
    half = size * 0.08
    draw.line(
        [(size / 2 - half, rule_y), (size / 2 + half, rule_y)],
        fill=_TEXT,
        width=max(2, size // 200),
    )

    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90, optimize=True)
    return out.getvalue()


def _background(title: str) -> tuple[int, int, int]:
    """A deep, muted colour picked by the title, so each show looks different but stable."""
    digest = hashlib.sha256(title.encode("utf-8")).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536
    # Dark enough that white text is always readable (contrast ratio well above 4.5:1).
    r, g, b = colorsys.hls_to_rgb(hue, 0.28, 0.45)
    return round(r * 255), round(g * 255), round(b * 255)


def _fit(words: list[str], box: float) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """Largest font size whose wrapped lines fit in a `box`-wide square, with those lines."""
    font_size = int(box / 5)
    while True:
        font = ImageFont.load_default(size=font_size)
        lines = _wrap(words, font, box)
        ascent, descent = font.getmetrics()
        height = (ascent + descent) * (_LINE_SPACING * (len(lines) - 1) + 1)
        widest = max(font.getlength(line) for line in lines)
        if (widest <= box and height <= box) or font_size <= 12:
            return font, lines
        font_size = int(font_size * 0.9)


def _wrap(words: list[str], font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap; a word too long for a line is split between characters."""
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while font.getlength(current) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and font.getlength(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    return lines
