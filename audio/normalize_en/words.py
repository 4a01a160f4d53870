"""Number words: cardinals, ordinals, years, digit by digit."""

from __future__ import annotations

from functools import lru_cache

ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = (
    (10**15, "quadrillion"),
    (10**12, "trillion"),
    (10**9, "billion"),
    (10**6, "million"),
    (10**3, "thousand"),
)
_ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}
# The most digits said as one number: longer ones (a quintillion and up, which no reader names)
# are said digit by digit.
LONGEST_CARDINAL = 18
# The number words are pure and the same few numbers recur in a text (its years, its small
# counts): each is worked out once.
_said_once = lru_cache(maxsize=4096, typed=True)
MONTHS = (
    "January February March April May June July August September October November December"
).split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


@_said_once
def cardinal(n: int) -> str:
    """1234 -> "one thousand two hundred thirty-four" (American style: no "and")."""
    if n < 0:
        return "minus " + cardinal(-n)
    if n >= 10**LONGEST_CARDINAL:
        return digits(str(n))
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{ONES[hundreds]} hundred" + (f" {cardinal(rest)}" if rest else "")
    for value, name in _SCALES:
        if n >= value:
            high, rest = divmod(n, value)
            return f"{cardinal(high)} {name}" + (f" {cardinal(rest)}" if rest else "")
    raise AssertionError(n)  # pragma: no cover


@_said_once
def ordinal(n: int) -> str:
    """22 -> "twenty-second": only the last word changes."""
    words = cardinal(n)
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    head, last = words[:cut], words[cut:]
    if last in _ORDINAL_WORDS:
        return head + _ORDINAL_WORDS[last]
    if last.endswith("y"):
        return head + last[:-1] + "ieth"
    return head + last + "th"


def digits(text: str) -> str:
    """ "4067" -> "four zero six seven": for phone numbers, codes and leading zeros."""
    return " ".join(ONES[int(ch)] for ch in text if ch.isdigit())


@_said_once
def year(n: int) -> str:
    """1990 -> "nineteen ninety", 2005 -> "two thousand five", 1905 -> "nineteen oh five"."""
    if not 1000 <= n <= 9999 or 2000 <= n <= 2009 or 1000 <= n <= 1009:
        return cardinal(n)
    return pairs(n)


@_said_once
def pairs(n: int) -> str:
    """747 -> "seven forty-seven", 1701 -> "seventeen oh one": years, models, flights.

    Round thousands stay cardinals ("T-1000" is "T one thousand"), as do numbers under 100.
    """
    if n < 100 or n >= 10000 or n % 1000 == 0:
        return cardinal(n)
    high, low = divmod(n, 100)
    if low == 0:
        return f"{cardinal(high)} hundred"
    if low < 10:
        return f"{cardinal(high)} oh {ONES[low]}"
    return f"{cardinal(high)} {cardinal(low)}"


def plural(words: str) -> str:
    """ "nineteen ninety" -> "nineteen nineties": decades and denominators."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    if words.endswith("half"):
        return words[:-1] + "ves"
    if words.endswith("x"):
        return words + "es"  # "sixes"
    return words + "s"


@_said_once
def number(text: str) -> str:
    """A written number ("1,234.5", "007", ".5") in words; leading zeros are read digit by digit."""
    text = text.replace(",", "")
    whole, _, fraction = text.partition(".")
    if (len(whole) > 1 and whole.startswith("0")) or len(whole) > LONGEST_CARDINAL:
        said = digits(whole)  # and no int(): a long "1,234,567,..." is past Python's limit
    else:
        said = cardinal(int(whole)) if whole else ""
    if fraction:
        said = f"{said} point {digits(fraction)}".strip()
    return said


def is_one(text: str) -> bool:
    return text.replace(",", "") == "1"
