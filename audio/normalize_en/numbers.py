"""Ranges, decades, ordinals, fractions and years."""

from __future__ import annotations

import re

from audio.normalize_en.patterns import after_article, keep_period, rx
from audio.normalize_en.words import MONTHS, ONES, cardinal, is_one, number, ordinal, plural, year

# "1990s", "1990's", "1990S", "1990 s", "'90s", "90s"; "the 100s" (temperatures), "1000s".
# A lookahead for the first character before a lookbehind lets the regex engine skip ahead.
_DECADE = re.compile(
    r"(?=['’\d])(?<![\w'’])(?:['’](?P<short>\d0)['’]?[sS]|(?P<long>1\d{2}0|20\d0)(?:['’]?[sS]|\ss)"
    r"|(?P<two>[1-9]0|[1-9]00)['’]?[sS])\b"
)
# Not part of a chain of hyphenated numbers (ISBNs, "1-800-FLOWERS", "737-800"), nor the
# whole number of a fraction ("1-1/2"); ordinals range too ("3rd-5th grade").
_RANGE = rx(
    r"(?P<a>\d(?<![\w.,-]\d)«NUM_REST»)(?P<ao>st|nd|rd|th)?«DASH»(?P<b>«NUM»)(?P<bo>st|nd|rd|th)?"
    r"(?![\w-]|[.,]\d)"
)
_FRACTION_TAIL = re.compile(r"/(?P<den>\d{1,3})(?![\d/])")
# "between 5-10" is said "between five and ten".
BETWEEN = re.compile(r"\bbetween\s+(?:[A-Za-z'-]+\s+){0,2}\W?$", re.IGNORECASE)
# A dash between decades or clock times, said "to" before those rules say them:
# "1960s-80s", "2pm-5pm", "9-11 a.m.", "2:30-4:30".
_DECADE_FORM = r"(?:['’]?\d0|1\d{2}0|20\d0)['’]?s"
_DECADE_RANGE = re.compile(
    r"(?=['’\d])(?<![\w'’])(?P<a>" + _DECADE_FORM + r")[–—-](?=" + _DECADE_FORM + r"\b)"
)
_TIME_RANGE = rx(
    r"(?P<a>«D»\d?(?::[0-5]\d)?(?:\s?[AaPp]\.?\s?[Mm]\b\.?)?)«DASH»"
    r"(?=\d{1,2}(?::[0-5]\d\b|(?::[0-5]\d)?\s?[AaPp]\.?\s?[Mm]\b))"
)
_DASH_DIGIT = re.compile(r"[–—-]\s?\d")
# "5th", "16TH", "21St", "1,000th": a number (with thousands groups) and its suffix.
_ORDINAL = rx(r"(?P<n>«D»\d*(?:,\d{3})*)(?:st|nd|rd|th|ST|ND|RD|TH|St|Nd|Rd|Th)\b")
# "4 1/2", "1-1/2" (a whole and a fraction), "1/4th" (the denominator said as written).
_FRACTION = re.compile(
    r"(?=\d)(?<![\w.,/])(?:(?P<whole>\d{1,2})[\s-])?(?P<num>\d{1,3})/(?P<den>\d{1,3})"
    r"(?P<ord>(?:st|nd|rd|th)s?)?(?![\w/]|[.,]\d)"
)
# What follows a fraction rather than a date: "1/25 of an inch", "1/20 inch", "3/16 in."
_FRACTION_NEXT = re.compile(
    r"\s+(?:in\.|(?:of|inch|inches|miles?|cups?|teaspoons?|tablespoons?|pounds?|ounces?"
    r"|gallons?|acres?|yards?|feet|foot|seconds?|minutes?|hours?|points?)\b)",
    re.IGNORECASE,
)
# A rating: "4/5 stars", "rated 9/10" are "four out of five", "nine out of ten".
_RATING_NEXT = re.compile(r"\s+stars?\b")
_RATING_BEFORE = re.compile(r"\b(?:rated|rating|scored?|gave it|gives it)\s+$", re.IGNORECASE)
# A fraction hyphened to a word modifies it: "1/2-inch cubes", "3/4-length sleeves".
_MODIFIER_NEXT = re.compile(r"-[A-Za-z]")
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
    tail = _FRACTION_TAIL.match(text, m.end())
    if tail and len(a) <= 2 and b.isdigit() and int(b) < int(tail.group("den")):
        return m.group()  # "5-1/2" is five and a half: the fraction rule says it
    if m.group("ao") or m.group("bo"):
        if "." in a + b:
            return m.group()
        return f"{ordinal(int(a.replace(',', '')))} to {ordinal(int(b.replace(',', '')))}"
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
    # "between 5-10" is said "between five and ten"; a score's 0 is "nothing" ("won 1-0").
    joint = "and" if BETWEEN.search(text, max(0, m.start() - 40), m.start()) else "to"
    high = "nothing" if b == "0" and a.isdigit() and a != "0" else number(b)
    return f"{number(a)} {joint} {high}"


def _a(word: str) -> str:
    """The article before a word: "an eighth", "an inch", "a quarter", "a euro"."""
    vowel = word[:1] in "aeio" and not word.startswith(("eu", "one"))
    return "an" if vowel or word.startswith(("hour", "honor")) else "a"


def fraction_name(num: int, den: int, as_written: bool = False) -> str:
    """The denominator's word, plural after a numerator above one: "half", "quarters",
    "twenty-fifth"; "as_written" keeps "fourth" for "1/4th"."""
    name = "half" if den == 2 else "quarter" if den == 4 and not as_written else ordinal(den)
    return name if num == 1 else plural(name)


def _mixed(whole: int, num: int, den: int, as_written: bool = False) -> str:
    """ "4 1/2" -> "four and a half", "2 3/4" -> "two and three quarters"."""
    name = fraction_name(num, den, as_written)
    part = f"{_a(name)} {name}" if num == 1 else f"{cardinal(num)} {name}"
    return f"{cardinal(whole)} and {part}"


_AMOUNT_FRACTION = re.compile(r"(?:(?P<whole>\d{1,2})[\s-])?(?P<num>\d{1,3})/(?P<den>\d{1,3})")


def measured(amount: str, one: str, many: str, attributive: bool = False) -> str:
    """An amount, a number or a fraction, before a unit: "four and a half pounds",
    "three quarters of a mile", "half an inch", "a half-inch pipe" (attributive)."""
    parts = _AMOUNT_FRACTION.fullmatch(amount)
    if parts is None:
        return f"{number(amount)} {one if attributive or is_one(amount) else many}"
    whole, num, den = (int(parts.group(g) or 0) for g in ("whole", "num", "den"))
    if num == 0 or den < 2:
        prefix = f"{cardinal(whole)} " if parts.group("whole") else ""
        return f"{prefix}{cardinal(num)} slash {cardinal(den)} {many}"
    if whole:
        return f"{_mixed(whole, num, den)} {one if attributive else many}"
    name = fraction_name(num, den)
    if attributive:
        single = fraction_name(1, den)  # "a 1/4-mile track": a quarter-mile track
        return f"{single if num == 1 else cardinal(num) + ' ' + single} {one}"
    if num >= den:
        return f"{cardinal(num)} {name} {many}"
    if (num, den) == (1, 2):
        return f"half {_a(one)} {one}"
    lead = f"{_a(name)} {name}" if num == 1 else f"{cardinal(num)} {name}"
    return f"{lead} of {_a(one)} {one}"


def _say_fraction(m: re.Match[str]) -> str:
    whole, num, den = m.group("whole"), int(m.group("num")), int(m.group("den"))
    written = m.group("ord")
    if not whole and not written and m.group() in _FRACTION_SPECIAL:
        return _FRACTION_SPECIAL[m.group()]
    # A whole number before it, a written ordinal ("1/4th") or what follows ("of an inch")
    # make it a fraction whatever the denominator; alone, "1/25" may be a date.
    text, start = m.string, m.start()
    if not (whole or written) and (
        _RATING_NEXT.match(text, m.end()) or _RATING_BEFORE.search(text, max(0, start - 12), start)
    ):
        return f"{cardinal(num)} out of {cardinal(den)}"
    context = bool(written or whole or _FRACTION_NEXT.match(text, m.end()))
    proper = 0 < num < den
    if num and den > 1 and (proper or not whole) and (context or (proper and den in _DENOMINATORS)):
        if whole:
            return _mixed(int(whole), num, den, bool(written))
        if after_article(text, start) or _MODIFIER_NEXT.match(text, m.end()):
            name = fraction_name(1, den, bool(written))  # "a 1/2 cup" is "a half cup"
            return name if num == 1 else f"{cardinal(num)} {name}"
        return f"{cardinal(num)} {fraction_name(num, den, bool(written))}"
    prefix = f"{cardinal(int(whole))} " if whole else ""
    if den in (10, 100) and num <= den:
        return f"{prefix}{cardinal(num)} out of {cardinal(den)}"
    if not whole and 1 <= num <= 12 and 13 <= den <= 31:
        return f"{MONTHS[num - 1]} {ordinal(den)}"
    if not whole and 13 <= num <= 31 and 1 <= den <= 12:
        return f"the {ordinal(num)} of {MONTHS[den - 1]}"
    return f"{prefix}{cardinal(num)} slash {cardinal(den)}"


# Arithmetic between numbers: "2+3", "1-2=5", "8*7", "10/2 = 5". A chain is said only when
# it has an operator that is never a range or a date ("-" and "/" alone are left).
_MATH_HINT = re.compile(r"\d\s?[-−+*×x÷=<>≤≥≠^]")
_MATH = rx(
    r"(?:[-−](?<![\w.,)\]/:%-][-−]))?\d(?<![\w.,:$€£¥₹]\d)«NUM_REST»(?:/\d+)?"
    r"(?:\s?[-−+*×x÷=<>≤≥≠^]\s?[-−]?«NUM»(?:/\d+)?)+(?![\w/]|[.,]\d)"
)
_MATH_TOKEN = rx(r"(?P<n>«NUM»)(?:/(?P<d>\d+))?|(?P<op>[-−+*×x÷=<>≤≥≠^])")
_OPERATORS = {
    "+": "plus",
    "-": "minus",
    "−": "minus",
    "*": "times",
    "×": "times",
    "x": "times",
    "÷": "divided by",
    "=": "equals",
    "<": "is less than",
    ">": "is greater than",
    "≤": "is less than or equal to",
    "≥": "is greater than or equal to",
    "≠": "does not equal",
    "^": "to the power of",
}
# "<" and ">" alone are too often something else ("I <3 it"); with "=" or "+" they are math.
_NEVER_RANGES = frozenset("+*÷=≤≥≠^")


def _say_math(m: re.Match[str]) -> str:
    tokens = list(_MATH_TOKEN.finditer(m.group()))
    operators = {t.group("op") for t in tokens if t.group("op")}
    if not operators & _NEVER_RANGES and not (operators & {"×", "x"} and "=" in operators):
        return m.group()  # "5-10", "3/4", "2×4" are ranges, fractions and sizes
    said, operand_next = [], True
    for token in tokens:
        op, n, d = token.group("op"), token.group("n"), token.group("d")
        if op and operand_next:
            said.append("minus")  # the sign of the next operand
        elif op:
            said.append(_OPERATORS[op])
            operand_next = True
        elif d is None:
            said.append(number(n))
            operand_next = False
        else:
            num = 0 if "." in n else int(n.replace(",", ""))
            den = int(d)
            if 0 < num < den:  # "1/2 + 1/4": fractions; "10/2": a division
                said.append(f"{cardinal(num)} {fraction_name(num, den)}")
            else:
                said.append(f"{number(n)} divided by {number(d)}")
            operand_next = False
    return " ".join(said)


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


def join_ranges(text: str) -> str:
    """The dash between two decades or two clock times is "to": before either is said."""
    if "s-" in text or "s–" in text or "s—" in text:
        text = _DECADE_RANGE.sub(r"\g<a> to ", text)
    if _DASH_DIGIT.search(text) is None:
        return text
    return _TIME_RANGE.sub(r"\g<a> to ", text)


def say_math(text: str) -> str:
    """Sums and equations between numbers; "*" and "+" are arithmetic only there."""
    if _MATH_HINT.search(text) is None:
        return text
    return _MATH.sub(_say_math, text)


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
