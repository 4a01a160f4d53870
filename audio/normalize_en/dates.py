"""Dates: month-day, day-month, numeric and ISO forms, day-first by region."""

from __future__ import annotations

import re

from audio.normalize_en.patterns import glued, month_word, rx
from audio.normalize_en.words import MONTHS, ordinal, year

_DAY_FIRST_REGIONS = frozenset({"gb", "uk", "au", "nz", "ie", "za", "in", "ng"})
_ISO_DATE = rx(r"(?P<y>«D»\d{3})-(?P<m>\d\d)-(?P<d>\d\d)(?![\w]|[.,:-]\d)")
_NUMERIC_DATE = rx(
    r"(?P<a>«D»\d?)(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d\d)(?![\w]|[.,/-]\d)"
)
_MONTH_DAY = rx(
    r"«MONTH»\.?\s+(?P<d>\d{1,2})«ORD»(?:«DASH»(?P<d2>\d{1,2})«ORD»)?"
    r"(?![\w:]|[.,]\d|\s?%)(?:,?\s+(?P<y>\d{4})«R»)?"
)
_DAY_MONTH = rx(
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
        if not 1 <= d <= 31 or glued(m):
            return m.group()
        said = f"{month_word(m.group('mon'))} {ordinal(d)}"
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
        said += f" of {month_word(m.group('mon'))}"
        return f"{said} {year(int(y))}" if y else said

    text = _ISO_DATE.sub(iso, text)
    text = _NUMERIC_DATE.sub(numeric, text)
    text = _MONTH_DAY.sub(month_day, text)
    return _DAY_MONTH.sub(day_month, text)


def say_dates(text: str, language: str) -> str:
    """Every date form, day-first where the region writes dates so."""
    return _dates(text, language)
