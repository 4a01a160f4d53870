"""Plain numbers, and digits glued to letters: the last rules to run.

A number that names a thing rather than counts it is said the way people say model, flight
and code numbers: in pairs after letters ("A380" is "A three eighty", "F-150" "F one fifty",
"401(k)" "four oh one k"), a size glued with an "x" is "by" ("2x4" is "two by four"), and
a code's plural keeps its number whole ("B-52s" is "B fifty-twos").
"""

from __future__ import annotations

import re

from audio.normalize_en.money import SCALE_WORDS
from audio.normalize_en.patterns import rx
from audio.normalize_en.words import number, pairs, plural

_CARDINAL = rx(r"(?P<n>«LNUM»|\.\d(?<![\w.,]\.\d)\d*)(?:\s?(?P<scale>bn|mn|tn))?«R»")
_LEFTOVER = re.compile(r"\d+(?:\.\d+)*(?P<plural>s\b)?")
# A code section and its subsections: "401(k)", "501(c)(3)", "Section 230(c)".
# Not a journal's volume and issue: "31(8):1-10".
_SUBSECTION = rx(r"(?P<n>«D»\d*)(?P<sub>(?:\((?:[a-z]|\d{1,2})\))+)(?![\w(:])")
_SUBSECTION_PART = re.compile(r"\w+")
# Sizes glued with an "x": "2x4", "4x4", "1920x1080", "3x3x3" ("0x1F" is hexadecimal).
_DIMENSIONS = rx(r"«D»\d*(?:[x×]\d+)+(?P<plural>s\b)?«R»")
# A capitalised or all-capital name and a hyphen before a code number: "F-150", "Blink-182".
_CODE_BEFORE = re.compile(r"(?<![\w-])[A-Z][A-Za-z]*-$")
_ROUND = frozenset({"one hundred", "one thousand", "one million"})


def _is_code(digits: str) -> bool:
    """Three or four plain digits, as model and flight numbers are: "380", "1549", not "045"."""
    return digits.isdigit() and 3 <= len(digits) <= 4 and digits[0] != "0"


def _say_cardinal(m: re.Match[str]) -> str:
    scale, n, text = m.group("scale"), m.group("n"), m.string
    if not scale and _is_code(n) and _CODE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
        return pairs(int(n))
    return number(n) + (f" {SCALE_WORDS[scale]}" if scale else "")


def _say_subsection(m: re.Match[str]) -> str:
    n = m.group("n")
    said = pairs(int(n)) if _is_code(n) else number(n)
    return " ".join([said, *_SUBSECTION_PART.findall(m.group("sub"))])


def _say_dimensions(m: re.Match[str]) -> str:
    sizes = re.split("[x×]", m.group().removesuffix("s") if m.group("plural") else m.group())
    if sizes[0] == "0":
        return m.group()
    said = " by ".join(pairs(int(n)) if _is_code(n) else number(n) for n in sizes)
    return plural(said) if m.group("plural") else said  # "2x4s" are "two by fours"


def _say_leftover(m: re.Match[str]) -> str:
    """Digits glued to letters ("MP3", "3D", "v2.1", "A380"): said, and kept apart from them."""
    text, start, end = m.string, m.start(), m.end()
    written = m.group().removesuffix("s") if m.group("plural") else m.group()
    glued = start > 0 and text[start - 1].isalpha()
    if glued and _is_code(written):
        said = pairs(int(written))
    else:
        said = " point ".join(number(part) for part in written.split("."))
    if m.group("plural"):
        if written.isdigit() and _after_letters(m):
            # A code's plural ("MP3s", "B-52s", "under-16s"); "100s" are "hundreds".
            said = plural(said.removeprefix("one ") if said in _ROUND else said)
        else:
            said += " s"  # "27s" may be seconds
    if glued:
        said = " " + said
    if end < len(text) and text[end].isalpha():
        said += " "
    return said


def _after_letters(m: re.Match[str]) -> bool:
    """The digits follow letters, glued or hyphenated: "MP3", "B-52", "under-16"."""
    before = m.string[max(0, m.start() - 2) : m.start()]
    return before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha())


def say_cardinals(text: str) -> str:
    """Whatever digits the specific rules left: plain numbers, then digits glued to letters."""
    if "(" in text:
        text = _SUBSECTION.sub(_say_subsection, text)
    if "x" in text or "×" in text:
        text = _DIMENSIONS.sub(_say_dimensions, text)
    return _LEFTOVER.sub(_say_leftover, _CARDINAL.sub(_say_cardinal, text))
