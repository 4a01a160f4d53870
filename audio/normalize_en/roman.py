"""Roman numerals: monarchs and heirs rank, series count, headings number; the rest are letters.

"Henry VIII" is "Henry the eighth" and "Thurston Howell III" "the third", but "Crocodile
Dundee II", "Act III" and "World War II" count ("two", "three"), and a numeral that opens a
heading line ("XVII.", "IV. Methods") is its number. Anything else made of these letters ("I",
"MIX", "DC", "CV", "Malcolm X") is left as written: a wrong number is worse than a letter.
"""

from __future__ import annotations

import re

from audio.normalize_en.patterns import cap_like
from audio.normalize_en.words import cardinal, ordinal

_ROMAN_VALID = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# Words after which a numeral counts: "World War II" is "World War two", "Act III" "act three",
# "chapter iv" "chapter four" (lower-case numerals are read only here).
_COUNTED_WORDS = frozenset(
    """chapter part act scene book volume canto phase stage step type class title article
    amendment section clause schedule appendix annex episode season series level grade
    category tier division league group mark apollo gemini vatican wrestlemania olympiad""".split()
)
# Their abbreviations, with or without the period ("Vol. II", "mk ii"); with one only where
# the letters are also a word ("Art. III", not "Modern Art I").
_COUNTED_SHORT = frozenset("chap ch pt bk vol sec mk art.".split())
_COUNTED_PAIRS = frozenset({"world war", "super bowl"})
# Monarchs and popes: after these even a lone "I", "V" or "X" ranks ("Henry V", "Charles I").
_REGNAL_NAMES = frozenset(
    """elizabeth charles james henry edward george william mary richard john louis philip
    peter catherine nicholas alexander frederick pius leo benedict gregory francis napoleon
    wilhelm ferdinand isabella carlos felipe alfonso gustav gustaf carl constantine ivan
    selim suleiman mehmed ramesses ptolemy innocent urban clement boniface paul ludwig otto
    rudolf harald olav haakon frederik christian margrethe willem albert leopold baudouin
    rainier juan victor emmanuel umberto sixtus adrian julius sancho pedro manuel joseph
    maximilian sigismund casimir stephen david robert alfred harold canute anne victoria
    matilda mohammed muhammad abdullah hussein rama akihito naruhito""".split()
)
# Titles that rank the numeral after one or two names ("Emperor Haile Selassie I").
_REGNAL_TITLES = frozenset(
    """king queen pope emperor empress tsar czar tsarina kaiser sultan pharaoh shah emir
    prince princess""".split()
)
# Given names: "Thurston Howell III" and "John D. Rockefeller IV" are heirs (the third), while
# "Crocodile Dundee II" is a sequel (two). With the monarchs' names above.
_GIVEN_NAMES = _REGNAL_NAMES | frozenset(
    """aaron adam alan albert allen andrew anthony arthur austin barry benjamin bill billy
    bob bobby brian bruce carl chester christopher clarence cornelius dale daniel davis dean
    dennis donald douglas dwight earl edgar edmund eric eugene frank franklin fred gary gerald
    gordon graham hank harrison harry harvey herbert howard hugh jack jacob jeffrey jerry jesse
    jim jimmy joe johnny jonathan kenneth kevin larry lawrence lee lewis lloyd luther marcus
    mark martin matthew michael nathan nathaniel neil nelson oliver oscar patrick ralph
    randolph raymond reginald roger ronald roy russell samuel scott sean simon steven
    theodore thomas thurston timothy tom ulysses vincent wallace walter warren wayne
    winthrop""".split()
)
# Heirs are numbered up to about five; sequels and heirs alike rarely go past thirty-nine.
_LAST_HEIR = 5
_LAST_SERIES = 39
# Capitalised words that are no title: "The IV", "In II" are not sequels.
_FUNCTION_WORDS = frozenset(
    """the a an and or but nor of in on at to for by with from into onto as if when while
    this that these those his her its our their my your no not any some each every all
    both either is was are were be been has had have do does did it he she we they you
    who what which where why how than then so there here""".split()
)
# After "Mary I" these make "I" the pronoun ("Was it Mary I wonder?"); anything else after a
# monarch's name is history ("Elizabeth I never married", "Charles I was beheaded").
_PRONOUN_VERBS = frozenset(
    """am think thought wonder know knew guess hope mean want wanted need love like believe
    suppose feel felt will would can could should must may might do did don't didn't can't
    won't have say said told saw see remember""".split()
)
# Candidates: a run of the letters that ends a word (its start and its case are checked in
# the function, so that the scan can skip ahead to the letters).
_ROMAN_TOKEN = re.compile(r"[IVXLCDMivx][IVXLCDMivx]*\b(?!['’](?!s\b)\w|\.\w)")
_INITIAL_NEXT = re.compile(r"\.|\s+[A-Z0-9]")
_NEXT_WORD = re.compile(r"\s+([a-z']+)")
# After a heading's numeral: a stop and the title, or the end of the line.
_HEADING_END = re.compile(r"[.:)]?[ \t]*(?=\n|\Z)|[.:)][ \t]")
_OPENING = " \t\"'“‘(["


def roman(text: str) -> int:
    """ "XIV" -> 14; 0 when the text is not a well-formed Roman numeral."""
    if not text or not _ROMAN_VALID.fullmatch(text):
        return 0
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt and _ROMAN_VALUES[nxt] > value else value
    return total


def _words_before(text: str, start: int) -> list[str]:
    """Up to four words before `start` on its line: the context that decides the reading."""
    before = text[max(0, start - 48) : start]
    return before[before.rfind("\n") + 1 :].split()[-4:]


def _is_name(word: str) -> bool:
    """ "Dundee", "O'Brien", "HOWELL": a capitalised word that is not a function word."""
    letters = word.replace("'", "").replace("’", "").replace("-", "")
    return word[:1].isupper() and letters.isalpha() and word.lower() not in _FUNCTION_WORDS


def _counts(words: list[str], numeral: str) -> bool:
    """After "Act", "World War", "Vol.": a number in a series ("the step I took" is no part I)."""
    last = words[-1].lower()
    if len(words) > 1 and f"{words[-2].rpartition('-')[2]} {last}".lower() in _COUNTED_PAIRS:
        return True  # "World War II", "post-World War II"
    short = last in _COUNTED_SHORT or last.removesuffix(".") in _COUNTED_SHORT
    if last not in _COUNTED_WORDS and not short:
        return False
    return numeral != "I" or words[-1][:1].isupper()


def _ranks(numeral: str, value: int, words: list[str], text: str, end: int) -> bool:
    """After a monarch, a title and its name, or a person's given name and surname."""
    last = words[-1].lower()
    titled = any(w.lower() in _REGNAL_TITLES for w in words[-3:-1])
    if numeral == "I":
        # "Elizabeth I ruled", "King Tut I": a bare "I" ranks only where a pronoun cannot.
        if last not in _REGNAL_NAMES and not titled:
            return False
        following = _NEXT_WORD.match(text, end)
        return titled or following is None or following.group(1) not in _PRONOUN_VERBS
    if last in _REGNAL_NAMES or (titled and _is_name(words[-1])):
        return True
    if len(numeral) == 1 or value > _LAST_HEIR or len(words) < 2:
        return False
    # "Thurston Howell III", "John D. Rockefeller IV", "Martin Luther King III".
    given = [w.rstrip(".") for w in words[:-1]]
    heir = given[-1].lower() in _GIVEN_NAMES or (len(given[-1]) == 1 and given[-1].isupper())
    return heir and _is_name(words[-1])


def _say_roman(m: re.Match[str]) -> str:
    numeral, start, end, text = m.group(), m.start(), m.end(), m.string
    if start > 0 and text[start - 1] not in _OPENING:
        return numeral  # inside a word, or glued to punctuation: "AC/DC"
    upper = numeral.upper()
    if numeral != upper and (len(numeral) < 2 or not numeral.islower() or numeral.strip("ivx")):
        return numeral  # "i", "Vi", "mix": lower case only as "iv" in "chapter iv"
    value = roman(upper)
    if not value:
        return numeral  # "MIX", "LCD"
    hyphenated = text[end : end + 1] == "-"
    if hyphenated and len(numeral) == 1:
        return numeral  # "X-ray", "V-neck", "I-beam"
    words = _words_before(text, start) if text[start - 1 : start] in (" ", "\t") else []
    if words and _counts(words, numeral):
        # A lone C, D, L or M is a letter: "Type C", "Part D", "Schedule C".
        return cardinal(value) if len(numeral) > 1 or upper in "IVX" else numeral
    if numeral != upper or upper.strip("IVX") or value > _LAST_SERIES:
        # Past this point only I, V and X: "DC", "CV", "MI", "XL" are abbreviations.
        return _say_heading(m, value)
    if words and words[-1][-1:].isalpha() and _ranks(numeral, value, words, text, end):
        return f"the {ordinal(value)}"
    if words and _is_name(words[-1]) and not words[-1].isupper() and _in_series(numeral, m):
        return cardinal(value)
    return _say_heading(m, value)


def _in_series(numeral: str, m: re.Match[str]) -> bool:
    """After a title: "Rocky II", "Final Fantasy VII", "Saturn V". A lone "I" or "X" is a
    pronoun or a letter ("Malcolm X"), and a "V" before a stop, a name or a number an initial
    or a version ("Diane V.", "Elan V McAllister", "V 1.0")."""
    if len(numeral) > 1:
        return True
    return numeral == "V" and not _INITIAL_NEXT.match(m.string, m.end())


def _say_heading(m: re.Match[str], value: int) -> str:
    """A numeral that opens a line, then a stop or nothing: "XVII.", "IV. Methods" (not "I.")."""
    numeral, start, end, text = m.group(), m.start(), m.end(), m.string
    if len(numeral) == 1 or numeral.strip("IVXL") or not _HEADING_END.match(text, end):
        return numeral  # "V. Fuchs" and "I." are initials; "CV.", "DC", "MD" head no list
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return cap_like(numeral, cardinal(value)) if start == 0 or text[start - 1] == "\n" else numeral


def _roman(text: str) -> str:
    if "WW" in text:
        text = re.sub(r"\bWW(?:II|2)\b", "World War two", text)
        text = re.sub(r"\bWW(?:I|1)\b", "World War one", text)
    return _ROMAN_TOKEN.sub(_say_roman, text)


def say_roman(text: str) -> str:
    """Roman numerals read by what comes before them (see the module's docstring)."""
    return _roman(text)
