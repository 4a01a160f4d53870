"""Ranges, decades, ordinals, fractions and years."""

from __future__ import annotations

import re

from audio.normalize_en.patterns import keep_period, rx
from audio.normalize_en.words import MONTHS, ONES, cardinal, number, ordinal, plural, year

# "1990s", "1990's", "1990S", "1990 s", "'90s", "90s"; "the 100s" (temperatures), "1000s".
_DECADE = re.compile(
    r"(?<![\w'’])(?:['’](?P<short>\d0)['’]?[sS]|(?P<long>1\d{2}0|20\d0)(?:['’]?[sS]|\ss)"
    r"|(?P<two>[1-9]0|[1-9]00)['’]?[sS])\b"
)
# Not part of a chain of hyphenated numbers (ISBNs, "1-800-FLOWERS", "737-800").
_RANGE = rx(r"(?P<a>\d(?<![\w.,-]\d)«NUM_REST»)«DASH»(?P<b>«NUM»)(?![\w-]|[.,]\d)")
# "5th", "16TH", "21St", "1,000th": a number (with thousands groups) and its suffix.
_ORDINAL = rx(r"(?P<n>«D»\d*(?:,\d{3})*)(?:st|nd|rd|th|ST|ND|RD|TH|St|Nd|Rd|Th)\b")
_FRACTION = re.compile(
    r"(?<![\w.,/])(?:(?P<whole>\d{1,2})\s)?(?P<num>\d{1,3})/(?P<den>\d{1,3})(?![\w/]|[.,]\d)"
)
_FRACTION_SPECIAL = {
    "24/7": "twenty-four seven",
    "9/11": "nine eleven",
    "50/50": "fifty-fifty",
    "20/20": "twenty-twenty",
}
_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 32, 64})
_YEAR = rx(r"(?P<y>«D»\d{3})«R»")
# A year with its era, either side: "44 BC", "410 A.D.", "AD 79", "2560 BCE", "10,000 BC".
_ERA_NAMES = r"(?P<era>BCE|BC|CE|AD|B\.C\.E\.|B\.C\.|C\.E\.|A\.D\.)"
_ERA_YEAR = rx(
    r"(?P<y>«LNUM»)\s?" + _ERA_NAMES + r"(?!\w|\.\w)"
    r"|(?<![\w.])(?P<pre>AD|A\.D\.)\s?(?P<y2>«D»\d{0,3})«R»"
)
_ERA_AFTER_CENTURY = re.compile(
    r"\b(?P<c>century|centuries|millennium|millennia)\s" + _ERA_NAMES + r"(?!\w|\.\w)"
)
# "the class of '99", "the '08 crash": a year's last two digits.
_SHORT_YEAR = re.compile(r"['’](?<![\w'’]['’])(?P<yy>\d\d)(?![\w'’]|[.,]\d)")
_YEAR_CUES = frozenset(
    "since until till circa c year early late mid spring summer autumn fall winter".split()
) | {m.lower() for m in MONTHS}
# Weak cues: "in 1066" is a year, but "in 1500 cases" a count.
_WEAK_YEAR_CUES = frozenset("in by from during before after around of to".split())
_ERA = re.compile(r"\s*(?:AD|BC|BCE|CE|A\.D\.|B\.C\.)(?!\w)")
# A plural word after a bare four-digit number makes it a count: "1500 people", "2000 votes".
COUNTED = re.compile(r"\s+([a-z]+)\b")
_PLURALS = frozenset("people men women children staff police".split())
_NOT_PLURAL = frozenset("was has as its this always thus perhaps series news".split())


def is_plural(word: str) -> bool:
    if word in _PLURALS:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in _NOT_PLURAL


def _reads_as_year(value: int, text: str, start: int, end: int) -> bool:
    """A four-digit number is said as a year after a cue ("in 1066"), or bare in 1700-2099."""
    if not 1000 <= value <= 2999:
        return False
    before = text[max(0, start - 12) : start].split()
    cue = before[-1].strip(",(").lower() if before else ""
    if cue in _YEAR_CUES or _ERA.match(text, end):
        return True
    counted = COUNTED.match(text, end)
    if counted is not None and is_plural(counted.group(1)):
        return False
    return cue in _WEAK_YEAR_CUES or 1700 <= value <= 2099


def _say_decade(m: re.Match[str]) -> str:
    if m.group("long") == "1000" or m.group("two") == "100":
        return "thousands" if m.group("long") else "hundreds"  # "1000s of fans"
    if m.group("long"):
        return plural(year(int(m.group("long"))))
    short = int(m.group("short") or m.group("two"))
    return "two thousands" if short == 0 else plural(cardinal(short))


def _say_range(m: re.Match[str]) -> str:
    a, b, text = m.group("a"), m.group("b"), m.string
    if a == b == "50":
        return "fifty-fifty"
    years = len(a) == 4 and a.isdigit() and b.isdigit() and len(b) in (2, 4)
    if years and _reads_as_year(int(a), text, m.start(), m.end()):
        if len(b) == 4:
            return f"{year(int(a))} to {year(int(b))}"
        # "1990-95" -> "nineteen ninety to ninety-five"; "1999-00" -> "... to two thousand"
        end = int(a[:2] + b) + (100 if int(a[:2] + b) < int(a) else 0)
        short = end // 100 == int(a) // 100 and int(b) >= 10
        return f"{year(int(a))} to {cardinal(int(b)) if short else year(end)}"
    return f"{number(a)} to {number(b)}"


def _say_fraction(m: re.Match[str]) -> str:
    whole, num, den = m.group("whole"), int(m.group("num")), int(m.group("den"))
    if not whole and m.group() in _FRACTION_SPECIAL:
        return _FRACTION_SPECIAL[m.group()]
    if den in _DENOMINATORS and 0 < num < den:
        name = "half" if den == 2 else "quarter" if den == 4 else ordinal(den)
        if whole:
            part = f"a {name}" if num == 1 else f"{cardinal(num)} {plural(name)}"
            return f"{cardinal(int(whole))} and {part}"
        return f"{cardinal(num)} {name if num == 1 else plural(name)}"
    prefix = f"{cardinal(int(whole))} " if whole else ""
    if den in (10, 100) and num <= den:
        return f"{prefix}{cardinal(num)} out of {cardinal(den)}"
    if not whole and 1 <= num <= 12 and 13 <= den <= 31:
        return f"{MONTHS[num - 1]} {ordinal(den)}"
    if not whole and 13 <= num <= 31 and 1 <= den <= 12:
        return f"the {ordinal(num)} of {MONTHS[den - 1]}"
    return f"{prefix}{cardinal(num)} slash {cardinal(den)}"


def _say_year(m: re.Match[str]) -> str:
    value = int(m.group("y"))
    if _reads_as_year(value, m.string, m.start(), m.end()):
        return year(value)
    return m.group()


def _say_era(era: str, text: str, end: int) -> str:
    """ "BC" -> "B C", "A.D." -> "A D" (keeping the period that also ends a sentence)."""
    letters = " ".join(ch for ch in era if ch.isalpha())
    return letters + (keep_period(text, end) if era.endswith(".") else "")


def _say_era_year(m: re.Match[str]) -> str:
    if m.group("pre"):
        return f"A D {year(int(m.group('y2')))}"
    written = m.group("y")
    value = float(written.replace(",", ""))
    if "," in written or "." in written or value >= 10000 or value % 1000 == 0:
        said = number(written)  # "10,000 BC", "3000 BC": a count of years
    else:
        said = year(int(value))
    return f"{said} {_say_era(m.group('era'), m.string, m.end())}"


def _say_short_year(m: re.Match[str]) -> str:
    yy = int(m.group("yy"))
    return "two thousand" if yy == 0 else f"oh {ONES[yy]}" if yy < 10 else cardinal(yy)


def say_decades(text: str) -> str:
    """ "the 1990s", "the '80s", "in her 30s"."""
    return _DECADE.sub(_say_decade, text)


def say_ranges(text: str) -> str:
    return _RANGE.sub(_say_range, text)


def say_ordinals(text: str) -> str:
    """ "5th", "16TH", "5,124th" as ordinal words."""
    return _ORDINAL.sub(lambda m: ordinal(int(m.group("n").replace(",", ""))), text)


def say_fractions(text: str) -> str:
    return _FRACTION.sub(_say_fraction, text)


def say_years(text: str) -> str:
    """Years with an era ("44 BC"), short years ("'99"), and four-digit numbers read as years."""
    if "BC" in text or "AD" in text or "CE" in text or ".C." in text or ".D." in text:
        text = _ERA_YEAR.sub(_say_era_year, text)
        text = _ERA_AFTER_CENTURY.sub(
            lambda m: f"{m.group('c')} {_say_era(m.group('era'), m.string, m.end())}", text
        )
    if "'" in text or "’" in text:
        text = _SHORT_YEAR.sub(_say_short_year, text)
    return _YEAR.sub(_say_year, text)
