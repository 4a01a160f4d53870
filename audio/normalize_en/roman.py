"""Roman numerals: regnal names, counted series, headings."""

from __future__ import annotations

import re

from audio.normalize_en.words import cardinal, ordinal

_ROMAN_VALID = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# Titles and series that count: "World War II" is "World War two", not "the second".
_COUNTED_SERIES = (
    "World War|Super Bowl|WrestleMania|Chapter|Part|Act|Scene|Book|Volume|Phase|Stage|Type"
    "|Class|Title|Article|Apollo|Vatican|Episode|Level|Category|Grade|Schedule|Section"
    "|Appendix|Mark|Mk|Fantasy|Rocky|Season|Series|Division|Tier|Gemini|Star Trek"
)
_COUNTED_BEFORE = re.compile(r"\b(?i:" + _COUNTED_SERIES + r")\.?\s+$")
# Monarchs and popes: the only names after which a bare "I" is a numeral, not a pronoun.
_REGNAL_NAMES = frozenset(
    """Elizabeth Charles James Henry Edward George William Mary Richard John Louis Philip
    Peter Catherine Nicholas Alexander Frederick Pius Leo Benedict Gregory Francis Napoleon
    Wilhelm Ferdinand Isabella Carlos Felipe Alfonso Gustav Gustaf Carl Constantine Ivan
    Selim Suleiman Mehmed Ramesses Ptolemy Innocent Urban Clement Boniface Paul Ludwig Otto
    Rudolf Harald Olav Haakon Frederik Christian Margrethe Willem Albert Leopold Baudouin
    Rainier Juan Victor Emmanuel Umberto Sixtus Adrian Julius Sancho Pedro Manuel Joseph
    Maximilian Sigismund Casimir Stephen David Robert Alfred Harold Canute Anne Victoria
    Matilda Mohammed Muhammad Abdullah Hussein Rama Akihito Naruhito""".split()
)
# A run of Roman letters: every "I" is looked at, and its context decides.
_ROMAN_TOKEN = re.compile(r"[IVXLCDM][IVXLCDM]*\b(?!['’](?!s\b)\w|-\w|\.\w)")
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_REGNAL_TITLE = re.compile(
    r"\b(?:King|Queen|Pope|Emperor|Empress|Tsar|Czar|Kaiser|Sultan)\s+\w+\s+$"
)
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
# After "Elizabeth I" these read as history, not as "I" the pronoun ("Mary I wonder").
_REGNAL_VERBS = frozenset(
    "was had of and ruled reigned died became succeeded married founded built ordered".split()
)


def roman(text: str) -> int:
    """ "XIV" -> 14; 0 when the text is not a well-formed Roman numeral."""
    if not text or not _ROMAN_VALID.fullmatch(text):
        return 0
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt and _ROMAN_VALUES[nxt] > value else value
    return total


def _say_roman(m: re.Match[str]) -> str:
    """ "World War II" counts (two); "Henry VIII" ranks (the eighth); a bare "I" is a pronoun."""
    numeral, start, text = m.group(), m.start(), m.string
    if start == 0 or text[start - 1] != " ":
        return numeral
    value = roman(numeral)
    if not value:
        return numeral  # "MIX", "CIVIL", "DC"
    before = text[max(0, start - 24) : start]
    if _COUNTED_BEFORE.search(before):
        # A lone C, D, L or M is a letter: "Type C", "Part D".
        return cardinal(value) if len(numeral) > 1 or numeral in "IVX" else numeral
    name = _NAME_BEFORE.search(before)
    if name is None or value > 39 or not set(numeral) <= set("IVX"):
        return numeral
    # A lone I, V or X only after a monarch's name: "Henry V", never "Then I"; and "I"
    # only where a pronoun could not stand: "Mary I wonder" is a question.
    if len(numeral) == 1 and name.group(1) not in _REGNAL_NAMES:
        return numeral
    if numeral == "I" and not _REGNAL_TITLE.search(before):
        following = _NEXT_WORD.match(text, m.end())
        if following and following.group(1) not in _REGNAL_VERBS:
            return numeral
    return f"the {ordinal(value)}"


def _roman(text: str) -> str:
    if "WW" in text:
        text = re.sub(r"\bWW(?:II|2)\b", "World War two", text)
        text = re.sub(r"\bWW(?:I|1)\b", "World War one", text)
    return _ROMAN_TOKEN.sub(_say_roman, text)


def say_roman(text: str) -> str:
    return _roman(text)
