"""Cover-art rules read from the image itself, not from its name or the feed.

Apple Podcasts rejects art that is not a square RGB JPEG or PNG of 1400 to 3000 px, or
whose extension disagrees with its real format; a file name or URL cannot show any of
that, so the pixels' container is opened with Pillow (the header only, no full decode).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, UnidentifiedImageError

from feeds.cover import MAX_SIZE, MIN_SIZE

_EXTENSIONS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",)}
_ALPHA_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}
_GREY_MODES = {"1", "L", "I", "I;16", "I;16B", "I;16L", "F"}
_NEEDS = f"Apple Podcasts needs {MIN_SIZE} to {MAX_SIZE} px square"


def art_problems(path: Path) -> list[str]:
    """Why Apple Podcasts would refuse this cover, one line each; [] when it is fine."""
    try:
        with Image.open(path) as image:
            problems = _format_problems(path, image.format)
            problems += _size_problems(*image.size)
            problems += _colour_problems(image)
            problems += _damage_problems(image)
    except FileNotFoundError:
        return ["no such file; Apple Podcasts needs the cover image to exist"]
    except UnidentifiedImageError:
        return ["not an image Pillow can identify; Apple Podcasts needs a JPEG or PNG"]
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        return [f"cannot be read as an image ({reason}); Apple Podcasts needs a JPEG or PNG"]
    return problems


def _format_problems(path: Path, kind: str | None) -> list[str]:
    """JPEG or PNG, named for what it really is (Apple checks the URL's extension)."""
    if kind not in _EXTENSIONS:
        return [f"{kind or 'unknown'} image; Apple Podcasts needs JPEG or PNG"]
    suffix = path.suffix.lower()
    if suffix not in _EXTENSIONS[kind]:
        wanted = " or ".join(_EXTENSIONS[kind])
        return [
            f"a {kind} file named {suffix or '(no extension)'}; Apple Podcasts needs the "
            f"extension to match the format ({wanted})"
        ]
    return []


def _size_problems(width: int, height: int) -> list[str]:
    problems = []
    if width != height:
        problems.append(f"{width}x{height} px is not square; {_NEEDS}")
    if min(width, height) < MIN_SIZE or max(width, height) > MAX_SIZE:
        problems.append(f"{width}x{height} px; {_NEEDS}")
    return problems


def _colour_problems(image: Image.Image) -> list[str]:
    """RGB without transparency: Apple refuses CMYK and alpha, and greyscale is not RGB."""
    mode = image.mode
    if mode in ("CMYK", "YCbCr", "LAB", "HSV"):
        return [f"{mode} colour space; Apple Podcasts needs RGB"]
    if mode in _ALPHA_MODES or "transparency" in image.info:
        return ["has an alpha channel (transparency); Apple Podcasts needs RGB without alpha"]
    if mode in _GREY_MODES:
        return [f"greyscale ({mode}) image; Apple Podcasts needs the RGB colour space"]
    return []


def _damage_problems(image: Image.Image) -> list[str]:
    """A truncated or corrupt file opens fine but fails in the apps; verify() reads it through."""
    try:
        image.verify()
    except Exception as exc:  # Pillow raises many types for a damaged file
        return [f"the file is damaged ({exc}); Apple Podcasts needs a complete image"]
    return []
