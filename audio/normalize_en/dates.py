"""Dates: month-day, day-month, month-year, numeric and ISO forms, day-first by region.

Month names are read in any case a writer uses ("July", "JULY", "july"; "Nov", "NOV.",
"nov"), but "may", "march" and "mar" in lower case are verbs unless the date is plain
("may 12, 2022", "may 5th", "the 5th of may"): "the band will march 5 miles" stays prose.
"""

from __future__ import annotations

import re

from audio.normalize_en.numbers import COUNTED, is_plural
from audio.normalize_en.patterns import MONTH_NAMES, glued, month_word, rx
from audio.normalize_en.words import MONTHS, WEEKDAYS, ordinal, year

_DAY_FIRST_REGIONS = frozenset({"gb", "uk", "au", "nz", "ie", "za", "in", "ng"})
_ANY_MONTH = r"(?i:" + MONTH_NAMES + r")"
_MONTH = r"(?P<mon>" + _ANY_MONTH + r")"
# In title case only: the regex engine then skips straight to capitals, many times faster.
_TITLE_MONTH = r"(?P<mon>" + MONTH_NAMES + r")"
# A month in another case before a digit, looked for in the lowered line: only then do
# the rules that start with a month run again with months in any case.
_OTHER_CASE_MONTH = re.compile(r"(?:" + MONTH_NAMES.lower() + r")\.?,?\s+\d")
# Lower-case words that are verbs far more often than months.
_VERB_MONTHS = frozenset({"may", "march", "mar"})
# 2021-02-25, 2016/07/03, 2019.05.21; "T" joins an ISO date to its clock time.
_YEAR_FIRST = rx(
    r"(?P<y>«D»\d{3})(?P<sep>[-/.])(?P<m>\d\d?)(?P=sep)(?P<d>\d\d?)"
    r"(?:(?P<t>T)(?=\d\d:\d\d)|(?![\w]|[.,:/-]\d))"
)
_NUMERIC_DATE = rx(
    r"(?P<a>«D»\d?)(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d\d)(?![\w]|[.,/-]\d)"
)
# A second day after a dash or a word: "March 3-5", "Dec. 7 to 19", "June 10 and 11".
_SECOND_DAY = r"(?:«DASH»|\s+(?P<link>to|through|thru|until|till|and|or)\s+)(?P<d2>\d{1,2})«ORD»"
# A month, then a day ("March 3", "Dec. 7 to 19, 2021") or a year ("Feb 1993").
_MONTH_DAY = (
    r"«M»\.?(?:\s+(?P<d>\d{1,2})(?P<suf>«ORD»)(?:" + _SECOND_DAY + r")?"
    r"(?!\w|[.,:]\d|\s?%|\s?[AaPp]\.?[Mm]\b)"  # not "June 5 to 9 p.m."
    r"(?:,?\s+(?P<y>\d{4})«R»|(?P<cross>«DASH»)(?=" + _ANY_MONTH + r"\.?\s+\d))?"
    r"|,?\s+(?P<only_year>\d{4})«R»)"
)
_DAY_MONTH = rx(
    r"(?P<d>«D»\d?)(?P<suf>«ORD»)(?:"
    + _SECOND_DAY
    + r")?\s+(?P<of>(?i:of)\s+)?"
    + _MONTH
    + r"\b(?:,?\s+(?P<y>\d{4})«R»)?"
)
# "Sat., Jan. 5", "Sun Jan 5", "THU 14 MARCH": a weekday's short form, before a date only.
_MONTH_SAID = "|".join(MONTHS)  # the month as the rules above say it
_WEEKDAY = re.compile(
    r"(?P<w>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun|MON|TUES?|WED|THU(?:RS?)?|FRI|SAT|SUN)\b\.?"
    r"(?=,?\s+(?:the\s+[\w-]+\s+of\s+)?(?:" + _MONTH_SAID + r")\b)"
)


def _month_first(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A rule that starts with a month name: months in title case only, and in any case."""
    return rx(pattern.replace("«M»", _TITLE_MONTH)), rx(pattern.replace("«M»", _MONTH))


_MONTH_DAYS = _month_first(_MONTH_DAY)


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


def _month_reads(m: re.Match[str], plain: bool) -> bool:
    """Is the matched month name a month here? Its case, and whether the date is plain."""
    if glued(m):
        return False
    word = m.group("mon")
    if word.islower():
        return plain or word not in _VERB_MONTHS
    return word.isupper() or (word[0].isupper() and word[1:].islower())


def _say_weekday(m: re.Match[str]) -> str:
    # "The Sun May 5 edition" is the newspaper: "the" before it, and no period after.
    the = m.string[max(0, m.start() - 4) : m.start()].lower() == "the "
    if glued(m) or (the and not m.group().endswith(".")):
        return m.group()
    short = m.group("w").lower()
    return next(day for day in WEEKDAYS if day.lower().startswith(short))


def _second_day(m: re.Match[str]) -> str | None:
    """The range's second day in words, or None when it is no day ("May 5 and 6 people")."""
    d2 = m.group("d2")
    if d2 is None or not int(m.group("d")) < int(d2) <= 31:
        return None
    counted = COUNTED.match(m.string, m.end("d2"))
    if m.group("link") and counted is not None and is_plural(counted.group(1)):
        return None
    return ordinal(int(d2))


def _dates(text: str, language: str) -> str:
    day_first = _day_first(language)

    def year_first(m: re.Match[str]) -> str:
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if y < 1000 or not _valid(d, mo):
            return m.group()
        return _say_date(d, mo, y, day_first) + (" at " if m.group("t") else "")

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
        if m.group("only_year"):
            return month_year(m)
        d, y = int(m.group("d")), m.group("y")
        if not 1 <= d <= 31 or not _month_reads(m, bool(y or m.group("suf"))):
            return m.group()
        said = f"{month_word(m.group('mon'))} {ordinal(d)}"
        if m.group("d2") is not None:
            second = _second_day(m)
            if second is None:  # say the first day; leave the rest to the later rules
                return said + m.string[m.end("d") + len(m.group("suf")) : m.end()]
            said += f" to {second}" if not m.group("link") else f" {m.group('link')} {second}"
        if m.group("cross"):
            return said + " to "
        return f"{said}, {year(int(y))}" if y else said

    def day_month(m: re.Match[str]) -> str:
        d, y = int(m.group("d")), m.group("y")
        plain = bool(y or m.group("of"))  # "the 3rd may come": a suffix is not enough
        if not 1 <= d <= 31 or not _month_reads(m, plain):
            return m.group()
        second = _second_day(m)
        if m.group("d2") is not None and second is None:
            return m.group()
        before = m.string[max(0, m.start() - 4) : m.start()].lower()
        said = "" if before.endswith("the ") else "the "
        said += ordinal(d)
        if second is not None:
            said += f" {m.group('link') or 'to'} {second}"
        said += f" of {month_word(m.group('mon'))}"
        return f"{said} {year(int(y))}" if y else said

    def month_year(m: re.Match[str]) -> str:
        y = int(m.group("only_year"))
        counted = COUNTED.match(m.string, m.end())
        if not 1000 <= y <= 2099 or not _month_reads(m, False):
            return m.group()
        if counted is not None and is_plural(counted.group(1)):  # "in May 2000 people"
            return m.group()
        return f"{month_word(m.group('mon'))} {year(y)}"

    text = _YEAR_FIRST.sub(year_first, text)
    text = _NUMERIC_DATE.sub(numeric, text)
    said = _MONTH_DAYS[0].sub(month_day, text)
    other_case = _OTHER_CASE_MONTH.search(said.lower()) is not None
    if other_case:
        said = _MONTH_DAYS[1].sub(month_day, said)
    said = _DAY_MONTH.sub(day_month, said)
    if said != text:  # a date was said: its weekday's short form too
        said = _WEEKDAY.sub(_say_weekday, said)
    return said


def say_dates(text: str, language: str) -> str:
    """Every date form, day-first where the region writes dates so."""
    return _dates(text, language)
