"""Plain numbers, and digits glued to letters: the last rules to run."""

from __future__ import annotations

import re

from audio.normalize_en.money import SCALE_WORDS
from audio.normalize_en.patterns import rx
from audio.normalize_en.words import number

_CARDINAL = rx(r"(?P<n>«LNUM»|\.\d(?<![\w.,]\.\d)\d*)(?:\s?(?P<scale>bn|mn|tn))?«R»")
_LEFTOVER = re.compile(r"\d+(?:\.\d+)*")


def _say_cardinal(m: re.Match[str]) -> str:
    scale = m.group("scale")
    return number(m.group("n")) + (f" {SCALE_WORDS[scale]}" if scale else "")


def _say_leftover(m: re.Match[str]) -> str:
    """Digits glued to letters ("MP3", "3D", "v2.1"): said, and kept apart from the letters."""
    said = " point ".join(number(part) for part in m.group().split("."))
    text = m.string
    if m.start() > 0 and text[m.start() - 1].isalpha():
        said = " " + said
    if m.end() < len(text) and text[m.end()].isalpha():
        said += " "
    return said


def say_cardinals(text: str) -> str:
    """Whatever digits the specific rules left: plain numbers, then digits glued to letters."""
    return _LEFTOVER.sub(_say_leftover, _CARDINAL.sub(_say_cardinal, text))
