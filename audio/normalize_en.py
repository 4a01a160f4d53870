"""English text as a person reads it aloud: numbers, money, dates, times, units, abbreviations.

Used by `audio.normalize.normalize`; kept apart because English gets far more rules than the
other languages (which lean on num2words). Every rule is a compiled regex with a small
function that says the match; the rules run in a fixed order so that the specific ones
(dates, money, times) see the digits before the general number rule does.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# --- number words ----------------------------------------------------------------------

_ONES = (
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
MONTHS = (
    "January February March April May June July August September October November December"
).split()


def cardinal(n: int) -> str:
    """1234 -> "one thousand two hundred thirty-four" (American style: no "and")."""
    if n < 0:
        return "minus " + cardinal(-n)
    if n >= 10**18:
        return digits(str(n))
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {cardinal(rest)}" if rest else "")
    for value, name in _SCALES:
        if n >= value:
            high, rest = divmod(n, value)
            return f"{cardinal(high)} {name}" + (f" {cardinal(rest)}" if rest else "")
    raise AssertionError(n)  # pragma: no cover


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
    return " ".join(_ONES[int(ch)] for ch in text if ch.isdigit())


def year(n: int) -> str:
    """1990 -> "nineteen ninety", 2005 -> "two thousand five", 1905 -> "nineteen oh five"."""
    if not 1000 <= n <= 9999 or 2000 <= n <= 2009 or 1000 <= n <= 1009:
        return cardinal(n)
    high, low = divmod(n, 100)
    if low == 0:
        return f"{cardinal(high)} hundred"
    if low < 10:
        return f"{cardinal(high)} oh {_ONES[low]}"
    return f"{cardinal(high)} {cardinal(low)}"


def _plural(words: str) -> str:
    """ "nineteen ninety" -> "nineteen nineties": decades and denominators."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    if words.endswith("half"):
        return words[:-1] + "ves"
    return words + "s"


def number(text: str) -> str:
    """A written number ("1,234.5", "007", ".5") in words; leading zeros are read digit by digit."""
    text = text.replace(",", "")
    whole, _, fraction = text.partition(".")
    if len(whole) > 1 and whole.startswith("0"):
        said = digits(whole)
    else:
        said = cardinal(int(whole)) if whole else ""
    if fraction:
        said = f"{said} point {digits(fraction)}".strip()
    return said


def _is_one(text: str) -> bool:
    return text.replace(",", "") == "1"


# --- shared pieces of patterns ---------------------------------------------------------

_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
_PIECES = {
    # A number as written in English: 1,234,567.89 or 1234 or 3.14 (never a bare ".5").
    "«NUM»": r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?",
    # A digit that starts a number: not glued to a word, a decimal point or a thousands
    # group. The check comes after the digit so that the regex engine can skip ahead to
    # digits (a pattern that starts with a lookbehind is tried at every position).
    "«D»": r"\d(?<![\w.,]\d)",
    # «NUM» starting with «D», and what follows the first digit.
    "«LNUM»": r"\d(?<![\w.,]\d)«NUM_REST»",
    "«NUM_REST»": r"(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?",
    # Not followed by a word, a decimal part or a thousands group.
    "«R»": r"(?![\w]|[.,]\d)",
    "«DASH»": r"\s?[–—-]\s?",
    "«MONTH»": r"(?P<mon>" + _MONTH_NAMES + ")",
    "«ORD»": r"(?:st|nd|rd|th)?",
    "«AMPM»": r"(?P<ap>[AaPp])\.?\s?[Mm]\b(?P<dot>\.)?",
    "«SYMBOL»": r"US\$|A\$|AU\$|C\$|CA\$|NZ\$|HK\$|S\$|R\$|\$|€|£|¥|₹|₩|₽|₺|₪|₦",
    "«CODE»": r"USD|EUR|GBP|JPY|CNY|INR|AUD|CAD|CHF",
}


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written with the shared pieces above («NUM», «D», ...)."""
    for name, piece in _PIECES.items():
        pattern = pattern.replace(name, piece)
    return re.compile(pattern)


_MONTH_INDEX = {name[:3]: i for i, name in enumerate(MONTHS, 1)}
_SENTENCE_NEXT = re.compile(r"\s*$|\s+[\"'“‘(\[]*[A-Z]")


def _month(name: str) -> str:
    return MONTHS[_MONTH_INDEX[name[:3]] - 1]


def _keep_period(text: str, end: int) -> str:
    """ "." when the abbreviation's period also ends the sentence ("... et cetera. The")."""
    return "." if _SENTENCE_NEXT.match(text, end) else ""


def _glued(m: re.Match[str]) -> bool:
    """The match starts inside a word (patterns leave out a leading \\b to scan faster)."""
    return m.start() > 0 and m.string[m.start() - 1].isalnum()


def _cap_like(source: str, words: str) -> str:
    return words[:1].upper() + words[1:] if source[:1].isupper() else words


def _at_sentence_start(text: str, index: int) -> bool:
    before = text[max(0, index - 16) : index].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n"


# --- abbreviations ---------------------------------------------------------------------

_TITLES = {
    "Dr": "Doctor",
    "Mr": "Mister",
    "Mrs": "Missus",
    "Ms": "Miz",
    "Prof": "Professor",
    "Gov": "Governor",
    "Sen": "Senator",
    "Rep": "Representative",
    "Gen": "General",
    "Lt": "Lieutenant",
    "Capt": "Captain",
    "Col": "Colonel",
    "Sgt": "Sergeant",
    "Rev": "Reverend",
    "Hon": "Honorable",
    "Adm": "Admiral",
    "Cmdr": "Commander",
    "Pres": "President",
    "Mt": "Mount",
    "Ft": "Fort",
}
# British style writes these without a period; the others need one to be abbreviations.
_TITLES_WITHOUT_PERIOD = frozenset({"Dr", "Mr", "Mrs", "Ms", "Prof", "Mt"})
# A name starts with a capital, or is a private-use token (a lexicon entry held back).
_NAME_START = "[A-Z\ue000-\uf8ff]"
_TITLE = re.compile(
    r"(?P<t>"
    + "|".join(_TITLES)
    + r")(?P<dot>\.)?\s+(?="
    + _NAME_START
    + r"|and\s+(?:Mrs?|Ms|Dr)\b)"
)
_AFTER_NAME = {"St": "Street", "Dr": "Drive", "Ave": "Avenue", "Rd": "Road", "Blvd": "Boulevard"}
# "St." after a name is a street (Baker St.), before a name a saint (St. Louis).
_STREET = re.compile(
    r"(?P<prev>\b(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))\s+)(?P<ab>St|Dr|Ave|Rd|Blvd)\."
)
_NAME_NEXT = re.compile(r"\s+[A-Z][a-z]")
_SAINT = re.compile(r"St\b\.?\s+(?=" + _NAME_START + ")")
_SUFFIX = re.compile(r"(?<=[A-Za-z]),?\s+(?P<ab>Jr|Sr)\.")
# Written form (lowercase) -> (spoken, may end a sentence).
_PHRASES: dict[str, tuple[str, bool]] = {
    "e.g.": ("for example", False),
    "e. g.": ("for example", False),
    "i.e.": ("that is", False),
    "i. e.": ("that is", False),
    "etc.": ("et cetera", True),
    "et al.": ("et al", True),
    "vs.": ("versus", False),
    "vs": ("versus", False),
    "approx.": ("approximately", False),
    "approx": ("approximately", False),
    "cf.": ("compare", False),
}
_PHRASE = re.compile(
    r"(?<![\w.])(?:[Ee]\. ?g\.|[Ii]\. ?e\.|etc\.|et al\.|vs\.?|[Aa]pprox\.?|cf\.)(?![\w])"
)
_VERSUS = re.compile(r"\b([A-Z][\w'.-]*\s+)v\.(?=\s+[A-Z])")  # Roe v. Wade
_BEFORE_NUMBER = {
    "no": "number",
    "nos": "numbers",
    "p": "page",
    "pp": "pages",
    "vol": "volume",
    "vols": "volumes",
    "fig": "figure",
    "figs": "figures",
    "ch": "chapter",
    "ca": "circa",
    "c": "circa",
}
_NUMBERED = re.compile(
    r"(?<![\w.])(?P<ab>[Nn]os?|pp?|[Vv]ols?|[Ff]igs?|[Cc]h|ca|c)\.\s?(?=\d)|(?<![\w&])#\s?(?=\d)"
)
_SECTION = re.compile(r"§§?\s?(?=\d)")
_MONTH_ABBR = re.compile(r"(?P<m>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.")
_DAYS = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Tues": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Thur": "Thursday",
    "Thurs": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}
# Only where it must be a day: "Sat., Jan. 5" or "Fri. 3 May"; "The Sun." is a newspaper.
_DAY_ABBR = re.compile(
    r"(?<!\w)(?P<d>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.(?=,|\s+(?:\d|" + _MONTH_NAMES + r"))"
)


def _say_title(m: re.Match[str]) -> str:
    title = m.group("t")
    if _glued(m) or (not m.group("dot") and title not in _TITLES_WITHOUT_PERIOD):
        return m.group()
    return _TITLES[title] + " "


def _say_street(m: re.Match[str]) -> str:
    prev, ab = m.group("prev"), m.group("ab")
    text = m.string
    # "Dr. Smith" is a doctor; "Visit St. Louis" starts the sentence with a verb.
    follows_name = _NAME_NEXT.match(text, m.end()) is not None
    if ab == "Dr" and follows_name:
        return m.group()
    if ab == "St" and follows_name and _at_sentence_start(text, m.start("prev")):
        return m.group()
    return prev + _AFTER_NAME[ab] + _keep_period(text, m.end())


def _say_phrase(m: re.Match[str]) -> str:
    written = m.group()
    said, may_end = _PHRASES[written.lower()]
    end = _keep_period(m.string, m.end()) if may_end and written.endswith(".") else ""
    return _cap_like(written, said) + end


def _say_numbered(m: re.Match[str]) -> str:
    ab = m.group("ab")
    said = _BEFORE_NUMBER[ab.lower()] if ab else "number"
    return (said.capitalize() if _at_sentence_start(m.string, m.start()) else said) + " "


def _say_suffix(m: re.Match[str]) -> str:
    said = "Junior" if m.group("ab") == "Jr" else "Senior"
    return f" {said}{_keep_period(m.string, m.end())}"


def _say_month_abbreviation(m: re.Match[str]) -> str:
    if _glued(m):
        return m.group()
    return _month(m.group("m")) + _keep_period(m.string, m.end())


def _has(text: str, needles: tuple[str, ...]) -> bool:
    """A cheap test before a regex pass: most lines have none of these abbreviations."""
    return any(needle in text for needle in needles)


_STREET_NEEDLES = tuple(f"{ab}." for ab in _AFTER_NAME)
_PHRASE_NEEDLES = ("e.g", "E.g", "i.e", "I.e", "e. g", "i. e", "etc.", "et al.", "vs", "pprox")
_PHRASE_NEEDLES += ("cf.",)


def _abbreviations(text: str, has_digits: bool) -> str:
    if _has(text, _STREET_NEEDLES):
        text = _STREET.sub(_say_street, text)
    text = _TITLE.sub(_say_title, text)
    if "St" in text:
        text = _SAINT.sub(lambda m: m.group() if _glued(m) else "Saint ", text)
    if "Jr." in text or "Sr." in text:
        text = _SUFFIX.sub(_say_suffix, text)
    if _has(text, _PHRASE_NEEDLES):
        text = _PHRASE.sub(_say_phrase, text)
    if " v. " in text:
        text = _VERSUS.sub(r"\1versus", text)
    if has_digits:
        text = _NUMBERED.sub(_say_numbered, text)
        text = _SECTION.sub(lambda m: "sections " if m.group()[:2] == "§§" else "section ", text)
    if "." in text:
        text = _DAY_ABBR.sub(lambda m: _DAYS[m.group("d")], text)
        text = _MONTH_ABBR.sub(_say_month_abbreviation, text)
    return text


# --- dates -----------------------------------------------------------------------------

_DAY_FIRST_REGIONS = frozenset({"gb", "uk", "au", "nz", "ie", "za", "in", "ng"})
_ISO_DATE = _rx(r"(?P<y>«D»\d{3})-(?P<m>\d\d)-(?P<d>\d\d)(?![\w]|[.,:-]\d)")
_NUMERIC_DATE = _rx(
    r"(?P<a>«D»\d?)(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d\d)(?![\w]|[.,/-]\d)"
)
_MONTH_DAY = _rx(
    r"«MONTH»\.?\s+(?P<d>\d{1,2})«ORD»(?:«DASH»(?P<d2>\d{1,2})«ORD»)?"
    r"(?![\w:]|[.,]\d|\s?%)(?:,?\s+(?P<y>\d{4})«R»)?"
)
_DAY_MONTH = _rx(
    r"(?P<d>«D»\d?)«ORD»(?:«DASH»(?P<d2>\d{1,2})«ORD»)?\s+(?:of\s+)?«MONTH»\b"
    r"(?:,?\s+(?P<y>\d{4})«R»)?"
)


def _day_first(language: str) -> bool:
    region = language.replace("-", "_").partition("_")[2].lower()
    return region in _DAY_FIRST_REGIONS


def _say_date(day: int, month: int, year_: int | None, day_first: bool) -> str:
    name = MONTHS[month - 1]
    if day_first:
        said = f"the {ordinal(day)} of {name}"
        return f"{said} {year(year_)}" if year_ is not None else said
    said = f"{name} {ordinal(day)}"
    return f"{said}, {year(year_)}" if year_ is not None else said


def _valid(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _dates(text: str, language: str) -> str:
    day_first = _day_first(language)

    def iso(m: re.Match[str]) -> str:
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        return _say_date(d, mo, y, day_first) if _valid(d, mo) else m.group()

    def numeric(m: re.Match[str]) -> str:
        a, b, y = int(m.group("a")), int(m.group("b")), m.group("y")
        if len(y) == 2 and m.group("sep") != "/":  # 3.10.12 is a version, not a date
            return m.group()
        full = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
        # 25.2.2021 is day first wherever English is written; 2/5/2021 by the region.
        dotted = m.group("sep") == "."
        first = not (a <= 12 < b) if dotted else a > 12 or (day_first and b <= 12)
        d, mo = (a, b) if first else (b, a)
        return _say_date(d, mo, full, first) if _valid(d, mo) else m.group()

    def month_day(m: re.Match[str]) -> str:
        d, d2, y = int(m.group("d")), m.group("d2"), m.group("y")
        if not 1 <= d <= 31 or _glued(m):
            return m.group()
        said = f"{_month(m.group('mon'))} {ordinal(d)}"
        if d2:
            said += f" to {ordinal(int(d2))}"
        return f"{said}, {year(int(y))}" if y else said

    def day_month(m: re.Match[str]) -> str:
        d, d2, y = int(m.group("d")), m.group("d2"), m.group("y")
        if not 1 <= d <= 31:
            return m.group()
        before = m.string[max(0, m.start() - 4) : m.start()].lower()
        said = "" if before.endswith("the ") else "the "
        said += ordinal(d) + (f" to {ordinal(int(d2))}" if d2 else "")
        said += f" of {_month(m.group('mon'))}"
        return f"{said} {year(int(y))}" if y else said

    text = _ISO_DATE.sub(iso, text)
    text = _NUMERIC_DATE.sub(numeric, text)
    text = _MONTH_DAY.sub(month_day, text)
    return _DAY_MONTH.sub(day_month, text)


# --- phone numbers, times --------------------------------------------------------------

_PHONE = _rx(
    r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){2,5}(?!\w)"  # +44 20 7946 0958
    r"|(?<![\w(])\(\d{3}\)\s?\d{3}[ .-]\d{4}(?![\w-])"  # (555) 123-4567
    r"|\d(?<![\w.,-]\d)\d\d(?P<s>[.-])\d{3}(?P=s)\d{4}«R»"  # 555-123-4567
    r"|\d(?<![\w.,-]\d)\d{0,4}(?:-\d{2,5}){3,5}«R»"  # 1-800-555-0199, 0800-123-45-67
)


def _say_phone(m: re.Match[str]) -> str:
    groups = re.findall(r"\+?\d+", m.group())
    if sum(len(g.lstrip("+")) for g in groups) < 7:
        return m.group()
    said = [("plus " if g.startswith("+") else "") + digits(g) for g in groups]
    return ", ".join(said)


_CLOCK = _rx(r"(?P<h>«D»\d?):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\s?«AMPM»|(?![\w:]|[.,]\d))")
_HOUR_AMPM = _rx(r"(?P<h>«D»\d?)\s?«AMPM»")
_RATIO = _rx(r"(?P<a>«D»\d*):(?P<b>\d+)«R»")


def _minutes(minute: int) -> str:
    return f"oh {_ONES[minute]}" if minute < 10 else cardinal(minute)


def _say_ampm(m: re.Match[str]) -> str:
    said = " a m" if m.group("ap").lower() == "a" else " p m"
    if m.group("dot"):
        said += _keep_period(m.string, m.end())
    return said


def _say_clock(m: re.Match[str]) -> str:
    hour, minute, second = int(m.group("h")), int(m.group("m")), m.group("s")
    if hour > 24:
        return m.group()
    if second is not None:  # 2:03:45 is a duration (a race time) far more often than a clock
        parts = [(hour, "hour"), (minute, "minute"), (int(second), "second")]
        said = [f"{cardinal(n)} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
        return " ".join(said) or "zero seconds"
    if m.group("ap"):
        said = cardinal(hour) + (f" {_minutes(minute)}" if minute else "")
        return said + _say_ampm(m)
    if minute:
        return f"{cardinal(hour)} {_minutes(minute)}"
    # 10:00 -> "ten o'clock"; 14:00 -> "fourteen hundred" (24-hour times stay 24-hour).
    return f"{cardinal(hour)} o'clock" if 1 <= hour <= 12 else f"{cardinal(hour)} hundred"


def _say_hour_ampm(m: re.Match[str]) -> str:
    hour = int(m.group("h"))
    return cardinal(hour) + _say_ampm(m) if 1 <= hour <= 12 else m.group()


def _times(text: str) -> str:
    text = _CLOCK.sub(_say_clock, text)
    text = _HOUR_AMPM.sub(_say_hour_ampm, text)
    return _RATIO.sub(lambda m: f"{number(m.group('a'))} to {number(m.group('b'))}", text)


# --- money -----------------------------------------------------------------------------

# symbol -> (one, many, minor one, minor many); no minor unit: decimals are read "point".
_CURRENCIES: dict[str, tuple[str, str, str, str]] = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "USD": ("US dollar", "US dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "AU$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "AUD": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "CA$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "CAD": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "R$": ("Brazilian real", "Brazilian reais", "centavo", "centavos"),
    "€": ("euro", "euros", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "GBP": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "JPY": ("yen", "yen", "", ""),
    "CNY": ("yuan", "yuan", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "INR": ("rupee", "rupees", "paisa", "paise"),
    "₩": ("won", "won", "", ""),
    "₽": ("ruble", "rubles", "kopek", "kopeks"),
    "₺": ("lira", "lira", "kurus", "kurus"),
    "₪": ("shekel", "shekels", "agora", "agorot"),
    "₦": ("naira", "naira", "kobo", "kobo"),
    "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
    "¢": ("cent", "cents", "", ""),
}
_SCALE_WORDS = {
    "thousand": "thousand",
    "k": "thousand",
    "K": "thousand",
    "million": "million",
    "m": "million",
    "M": "million",
    "mn": "million",
    "billion": "billion",
    "b": "billion",
    "B": "billion",
    "bn": "billion",
    "BN": "billion",
    "trillion": "trillion",
    "tn": "trillion",
}
_MONEY_BEFORE = _rx(
    r"(?<![\w.,$])(?P<neg>[-−])?(?P<cur>«SYMBOL»|(?:«CODE»)(?=\s?\d))\s?(?P<a>«NUM»)"
    r"(?:(?:«DASH»|\s+to\s+)(?:«SYMBOL»)?(?P<b>«NUM»))?"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|BN|mn|tn|[kKmMbB])(?!\w))?«R»"
)
_MONEY_AFTER = _rx(
    r"(?P<a>«LNUM»)(?:«DASH»(?P<b>«NUM»))?"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn))?\s?(?P<cur>€|£|¥|¢|₹|(?:«CODE»)\b)"
)


def _say_money(m: re.Match[str]) -> str:
    one, many, minor_one, minor_many = _CURRENCIES[m.group("cur")]
    a, b, scale = m.group("a"), m.group("b"), m.group("scale")
    sign = "minus " if m.groupdict().get("neg") else ""
    if scale:
        high = f" to {number(b)}" if b else ""
        return f"{sign}{number(a)}{high} {_SCALE_WORDS[scale]} {many}"
    if b:
        return f"{sign}{number(a)} to {number(b)} {many}"
    whole, _, cents = a.replace(",", "").partition(".")
    if len(cents) == 2 and minor_one:
        major, minor = int(whole or 0), int(cents)
        minor_said = f"{cardinal(minor)} {minor_one if minor == 1 else minor_many}"
        if major == 0:
            return sign + minor_said
        major_said = f"{cardinal(major)} {one if major == 1 else many}"
        if minor == 0:
            return sign + major_said
        if minor < 10:
            return f"{sign}{major_said} and {minor_said}"
        return f"{sign}{major_said} {cardinal(minor)}"  # "three pounds fifty"
    return f"{sign}{number(a)} {one if _is_one(a) else many}"


# --- percentages, units ----------------------------------------------------------------

_PERCENT = _rx(r"(?P<a>«LNUM»)(?:«DASH»(?P<b>«NUM»))?\s?(?P<p>%|‰)")
# A sign before a number (not a hyphen in "COVID-19" or a range "5-10"); said first.
_SIGN = re.compile(r"[-−+±~](?=\.?\d)")
_SIGNS = {"-": "minus ", "−": "minus ", "+": "plus ", "±": "plus or minus ", "~": "about "}


def _say_sign(m: re.Match[str]) -> str:
    start, text = m.start(), m.string
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".,)]/:-"):
        return m.group()
    return _SIGNS[m.group()]


# symbol -> (one, many); "{m}" is metre/meter and "{l}" litre/liter by the language's region.
_UNITS: dict[str, tuple[str, str]] = {
    "km": ("kilo{m}", "kilo{m}s"),
    "m": ("{m}", "{m}s"),
    "cm": ("centi{m}", "centi{m}s"),
    "mm": ("milli{m}", "milli{m}s"),
    "µm": ("micro{m}", "micro{m}s"),
    "μm": ("micro{m}", "micro{m}s"),
    "nm": ("nano{m}", "nano{m}s"),
    "mi": ("mile", "miles"),
    "ft": ("foot", "feet"),
    "yd": ("yard", "yards"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "µg": ("microgram", "micrograms"),
    "μg": ("microgram", "micrograms"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "mph": ("mile per hour", "miles per hour"),
    "km/h": ("kilo{m} per hour", "kilo{m}s per hour"),
    "kph": ("kilo{m} per hour", "kilo{m}s per hour"),
    "m/s": ("{m} per second", "{m}s per second"),
    "m²": ("square {m}", "square {m}s"),
    "m2": ("square {m}", "square {m}s"),
    "km²": ("square kilo{m}", "square kilo{m}s"),
    "km2": ("square kilo{m}", "square kilo{m}s"),
    "cm²": ("square centi{m}", "square centi{m}s"),
    "ft²": ("square foot", "square feet"),
    "sq ft": ("square foot", "square feet"),
    "sq mi": ("square mile", "square miles"),
    "m³": ("cubic {m}", "cubic {m}s"),
    "m3": ("cubic {m}", "cubic {m}s"),
    "ha": ("hectare", "hectares"),
    "L": ("{l}", "{l}s"),
    "ml": ("milli{l}", "milli{l}s"),
    "mL": ("milli{l}", "milli{l}s"),
    "KB": ("kilobyte", "kilobytes"),
    "kB": ("kilobyte", "kilobytes"),
    "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
    "PB": ("petabyte", "petabytes"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "Hz": ("hertz", "hertz"),
    "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"),
    "W": ("watt", "watts"),
    "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "TWh": ("terawatt hour", "terawatt hours"),
    "V": ("volt", "volts"),
    "mAh": ("milliamp hour", "milliamp hours"),
    "h": ("hour", "hours"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "sec": ("second", "seconds"),
    "ms": ("millisecond", "milliseconds"),
    "dB": ("decibel", "decibels"),
    "hp": ("horsepower", "horsepower"),
    "psi": ("pound per square inch", "pounds per square inch"),
    "rpm": ("revolution per minute", "revolutions per minute"),
    "kcal": ("kilocalorie", "kilocalories"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
}
_UNIT_ALTERNATION = "|".join(
    re.escape(u).replace(r"\ ", r"\s") for u in sorted(_UNITS, key=len, reverse=True)
)
_UNIT = _rx(
    r"(?P<a>«LNUM»)(?:«DASH»(?P<b>«NUM»))?"
    r"(?:\s?(?P<unit>«UNITS»)(?![\w²³/])|\s?(?P<deg>[°º])\s?(?P<scale>[CF])?(?!\w))".replace(
        "«UNITS»", _UNIT_ALTERNATION
    )
)
_BRITISH_REGIONS = frozenset({"gb", "uk", "au", "nz", "ie", "za", "in"})


def _say_percent(m: re.Match[str]) -> str:
    amount = number(m.group("a")) + (f" to {number(m.group('b'))}" if m.group("b") else "")
    return f"{amount} {'percent' if m.group('p') == '%' else 'per mille'}"


def _units(text: str, language: str) -> str:
    region = language.replace("-", "_").partition("_")[2].lower()
    british = region in _BRITISH_REGIONS
    spelling = {"m": "metre", "l": "litre"} if british else {"m": "meter", "l": "liter"}

    def say(m: re.Match[str]) -> str:
        a, b = m.group("a"), m.group("b")
        unit = m.group("unit") or "°" + (m.group("scale") or "")
        amount = number(a) + (f" to {number(b)}" if b else "")
        counted = _COUNTED.match(m.string, m.end())
        if unit == "m" and counted and _is_plural(counted.group(1)):
            return f"{amount} million"  # "2m people": news style for millions
        one, many = _UNITS[re.sub(r"\s+", " ", unit)]
        name = (one if _is_one(a) and not b else many).format(**spelling)
        return f"{amount} {name}"

    text = _UNIT.sub(say, text)
    if "'" in text:
        text = _FEET_INCHES.sub(_say_feet_inches, text)
    return _GLUED_TEMPERATURE.sub(_say_glued_temperature, text)


_FEET_INCHES = _rx(r"(?P<ft>«D»)'\s?(?P<in>\d{1,2})(?:\"|'')")
# "40C" (BBC style) is a temperature; "Flat 4C" is not.
_GLUED_TEMPERATURE = _rx(r"(?P<n>«D»\d?\d?)(?P<scale>[CF])\b(?!['’]\w)")
_NOT_TEMPERATURE = re.compile(
    r"(?i:apt|apartment|flat|room|suite|unit|gate|seat|row|platform|block|grade|no)\.?\s+$"
)


def _say_feet_inches(m: re.Match[str]) -> str:
    feet, inches = int(m.group("ft")), int(m.group("in"))
    return f"{cardinal(feet)} {'foot' if feet == 1 else 'feet'} {cardinal(inches)} " + (
        "inch" if inches == 1 else "inches"
    )


def _say_glued_temperature(m: re.Match[str]) -> str:
    if _NOT_TEMPERATURE.search(m.string, max(0, m.start() - 12), m.start()):
        return m.group()
    value = int(m.group("n"))
    scale = "Celsius" if m.group("scale") == "C" else "Fahrenheit"
    return f"{cardinal(value)} {'degree' if value == 1 else 'degrees'} {scale}"


# --- ranges, decades, ordinals, fractions, years ---------------------------------------

_DECADE = re.compile(
    r"(?<![\w'’])(?:['’](?P<short>\d0)|(?P<long>1\d{2}0|20\d0)|(?P<two>[1-9]0))['’]?s\b"
)
# Not part of a chain of hyphenated numbers (ISBNs, "1-800-FLOWERS", "737-800").
_RANGE = _rx(r"(?P<a>\d(?<![\w.,-]\d)«NUM_REST»)«DASH»(?P<b>«NUM»)(?![\w-]|[.,]\d)")
_ORDINAL = _rx(r"(?P<n>«D»\d*)(?:st|nd|rd|th)\b")
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
_YEAR = _rx(r"(?P<y>«D»\d{3})«R»")
_YEAR_CUES = frozenset(
    "since until till circa c year early late mid spring summer autumn fall winter".split()
) | {m.lower() for m in MONTHS}
# Weak cues: "in 1066" is a year, but "in 1500 cases" a count.
_WEAK_YEAR_CUES = frozenset("in by from during before after around of to".split())
_ERA = re.compile(r"\s*(?:AD|BC|BCE|CE|A\.D\.|B\.C\.)(?!\w)")
# A plural word after a bare four-digit number makes it a count: "1500 people", "2000 votes".
_COUNTED = re.compile(r"\s+([a-z]+)\b")
_PLURALS = frozenset("people men women children staff police".split())
_NOT_PLURAL = frozenset("was has as its this always thus perhaps series news".split())


def _is_plural(word: str) -> bool:
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
    counted = _COUNTED.match(text, end)
    if counted is not None and _is_plural(counted.group(1)):
        return False
    return cue in _WEAK_YEAR_CUES or 1700 <= value <= 2099


def _say_decade(m: re.Match[str]) -> str:
    if m.group("long"):
        return _plural(year(int(m.group("long"))))
    short = int(m.group("short") or m.group("two"))
    return "two thousands" if short == 0 else _plural(cardinal(short))


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
            part = f"a {name}" if num == 1 else f"{cardinal(num)} {_plural(name)}"
            return f"{cardinal(int(whole))} and {part}"
        return f"{cardinal(num)} {name if num == 1 else _plural(name)}"
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


# --- Roman numerals --------------------------------------------------------------------

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


# --- plain numbers ---------------------------------------------------------------------

_CARDINAL = _rx(r"(?P<n>«LNUM»|\.\d(?<![\w.,]\.\d)\d*)(?:\s?(?P<scale>bn|mn|tn))?«R»")
_LEFTOVER = re.compile(r"\d+(?:\.\d+)*")


def _say_cardinal(m: re.Match[str]) -> str:
    scale = m.group("scale")
    return number(m.group("n")) + (f" {_SCALE_WORDS[scale]}" if scale else "")


def _say_leftover(m: re.Match[str]) -> str:
    """Digits glued to letters ("MP3", "3D", "v2.1"): said, and kept apart from the letters."""
    said = " point ".join(number(part) for part in m.group().split("."))
    text = m.string
    if m.start() > 0 and text[m.start() - 1].isalpha():
        said = " " + said
    if m.end() < len(text) and text[m.end()].isalpha():
        said += " "
    return said


# --- the pipeline ----------------------------------------------------------------------

_DIGIT = re.compile(r"\d")
_AMPERSAND = re.compile(r"\s*&\s*")
_SPACES = re.compile(r"[ \t]{2,}")


def normalize_english(text: str, language: str = "en") -> str:
    """English prose to its spoken form; the specific rules run before the general ones."""
    has_digits = _DIGIT.search(text) is not None
    text = _abbreviations(text, has_digits)
    if has_digits:
        steps: list[Callable[[str], str]] = [
            lambda t: _dates(t, language),
            lambda t: _PHONE.sub(_say_phone, t),
            _times,
            lambda t: _SIGN.sub(_say_sign, t),
            lambda t: _MONEY_BEFORE.sub(_say_money, t),
            lambda t: _MONEY_AFTER.sub(_say_money, t),
            lambda t: _PERCENT.sub(_say_percent, t),
            lambda t: _units(t, language),
            lambda t: _DECADE.sub(_say_decade, t),
            lambda t: _RANGE.sub(_say_range, t),
            lambda t: _ORDINAL.sub(lambda m: ordinal(int(m.group("n"))), t),
            lambda t: _FRACTION.sub(_say_fraction, t),
            lambda t: _YEAR.sub(_say_year, t),
        ]
        for step in steps:
            text = step(text)
    text = _roman(text)
    if has_digits:
        text = _CARDINAL.sub(_say_cardinal, text)
        text = _LEFTOVER.sub(_say_leftover, text)
    if "&" in text:
        text = _AMPERSAND.sub(" and ", text)
    return _SPACES.sub(" ", text) if "  " in text or "\t" in text else text
