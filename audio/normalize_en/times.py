"""Telephone numbers, serial numbers (ISBNs, dotted codes) and clock times."""

from __future__ import annotations

import re

from audio.normalize_en.patterns import keep_period, rx
from audio.normalize_en.words import ONES, cardinal, digits, number

# Each alternative starts with "+", "(" or a digit and checks what precedes it after that
# character, so that the regex engine skips ahead to those characters.
_PHONE = rx(
    r"\+(?<![\w+]\+)\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){2,5}(?!\w)"  # +44 20 7946 0958
    r"|\((?<![\w(]\()\d{2,5}\)\s?\d{3,4}[ .-]\d{3,4}(?![\w-])"  # (555) 123-4567, (020) 7946 0958
    r"|\d(?<![\w.,-]\d)(?:"
    r"\d\d(?P<s>[ .-])\d{3}(?P=s)\d{4}«R»"  # 555-123-4567, 555 123 4567
    r"|(?<=0)(?P<zero>)\d{1,4}(?: \d{3,6}){1,2}«R»"  # 020 7946 0958, 07700 900123
    # A chain of hyphenated digit groups: 1-800-555-0199, ISBN 1-84158-254-9, 123-45-6789.
    r"|(?P<chain>)\d{0,6}(?:-\d{1,7}){2,5}(?:-X)?(?![\w-]|[.,]\d)"
    # Seven digits, 555-0142: a local number, or a range ("500-1000"), told apart below.
    r"|(?P<local>)\d\d-\d{4}(?![\w-]|[.,]\d)"
    # Dotted groups: 1.800.555.0199, 01.23.45.67.89, or an address like 192.168.0.1.
    r"|(?P<dotted>)\d{0,3}(?:\.\d{1,4}){3,4}«R»"
    r")"
)
# Words that say a telephone number follows: "call 555-2368", "fax: 555-2369".
_PHONE_CUE = re.compile(
    r"(?i)\b(?:call|phone|telephone|tel|fax|dial|text|hotline|helpline|line|reach|contact"
    r"|ring|extension|ext)(?:s|ed|ing)?\b"
)
# "Version 10.0.19041.1" is a version, read by the number rules.
_VERSION_CUE = re.compile(r"(?i)\b(?:v|version|ver|build|release|firmware|update)\.?\s*$")
_YEAR_LIKE = re.compile(r"1\d{3}|20\d\d")


def _cued(text: str, start: int) -> bool:
    return _PHONE_CUE.search(text, max(0, start - 32), start) is not None


def _is_serial(m: re.Match[str], groups: list[str]) -> bool:
    """Whether a chain, a seven-digit pair or a dotted code is read digit by digit."""
    total = sum(len(g) for g in groups)
    if m.group("chain") is not None:
        if all(_YEAR_LIKE.fullmatch(g) for g in groups) or max(map(len, groups)) < 3:
            return False  # "2019-2020-2021": seasons; "4-8-15-16-23-42": numbers drawn
        return total >= 7 if len(groups) >= 4 else total >= 9
    if m.group("local") is not None:
        low, high = int(groups[0]), int(groups[1])
        # A range rises and is round or ends at a year: "500-1000", "870-1066"; a number
        # need not: "555-0142", "867-5309".
        ranged = high > low and (high % 10 == 0 or high <= 2099)
        return not ranged or _cued(m.string, m.start())
    if m.group("dotted") is not None:
        before = m.string[max(0, m.start() - 12) : m.start()]
        return _VERSION_CUE.search(before) is None and (total >= 9 or len(groups) == 4)
    if m.group("zero") is not None:
        return total >= 10  # a national number: "0161 496 0000", not "0 5 10"
    return total >= 7


# Service numbers are said digit by digit after a verb of calling or before "call",
# "dispatcher" and the like ("call 911", "a 999 call"); "a Porsche 911" is no such number.
_SERVICE = rx(r"(?:211|311|411|511|611|711|811|911|999|988|112|000|111|101)«R»")
_SERVICE_BEFORE = re.compile(
    r"(?i:\b(?:call|dial|text|ring|phone)(?:s|ed|ing|led|ling)?(?:\s+or\s+(?:call|text))?)\s+$"
)
_SERVICE_AFTER = re.compile(
    r"\s+(?:calls?|callers?|dispatch\w*|operators?|centers?|centres?|emergency|system|line)\b"
)
# "Text HOME to 741741": a short code, digit by digit.
_SHORT_CODE = rx(r"«D»\d{4,5}«R»")
_SHORT_CODE_BEFORE = re.compile(r"(?i:\btext(?:s|ed|ing)?)\s+\S+\s+to\s+$")


def _say_service(m: re.Match[str]) -> str:
    text, start = m.string, m.start()
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".,"):
        return m.group()
    if _SERVICE_BEFORE.search(text, max(0, start - 24), start) or _SERVICE_AFTER.match(
        text, m.end()
    ):
        return digits(m.group())
    return m.group()


def _say_short_code(m: re.Match[str]) -> str:
    before = _SHORT_CODE_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
    return digits(m.group()) if before else m.group()


def _say_phone(m: re.Match[str]) -> str:
    groups = re.findall(r"\+?\d+|X", m.group())
    if not _is_serial(m, [g.lstrip("+") for g in groups if g != "X"]):
        return m.group()
    said = [("plus " if g.startswith("+") else "") + (digits(g) or g) for g in groups]
    if m.group("dotted") is not None and len(groups) == 4 and all(len(g) <= 3 for g in groups):
        return " dot ".join(said)  # 192.168.0.1: an internet address, said with its dots
    return ", ".join(said)


# Time zones said after a clock time, in capitals: "1:59 p.m.est" -> "one fifty-nine p m EST".
# Only those that are no English word in lower case ("wet", "west" are left alone).
_ZONE_NAMES = (
    "EST EDT CST CDT MST MDT PST PDT AKST AKDT HST GMT UTC BST CET CEST EET EEST IST JST KST "
    "AEST AEDT ACST ACDT AWST NZST NZDT"
).split()
_ZONE = r"(?:\s?(?P<zone>(?i:" + "|".join(_ZONE_NAMES) + r"))\b)?"
# "10:30", "3.01 A.M.", "10.30pm" (a period only before a.m. or p.m.), and ISO 8601's
# zones: "Z" (UTC), or after seconds an offset from UTC ("18:00:00+05:30"; "10:30-11:30"
# is a range).
_CLOCK = rx(
    r"(?P<h>«D»\d?)(?P<sep>[:.])(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d)(?:\.\d+)?"
    r"(?P<off>[+−-](?P<oh>[01]\d)(?::?(?P<om>[0-5]\d))?(?![\d:]))?)?"
    r"(?:\s?«AMPM»" + _ZONE + r"|(?P<z>Z)\b|(?![\w:]|[.,]\d))"
)
_HOUR_AMPM = rx(r"(?P<h>«D»\d?)\s?«AMPM»" + _ZONE)
# "0400 hours", "1830Z", "0600 GMT": military time, four digits.
_MILITARY = rx(r"(?P<hm>«D»\d{3})(?:(?P<z>Z)\b|\s(?P<w>hours|hrs|GMT|UTC|Zulu)\b)")
# "at 1400 hours" is a time, "after 1400 hours of work" a duration: without a leading
# zero, only these make it a time.
_AT = frozenset("at until till til".split())
# "£3.50 pm" is a price a month, not a time.
_CURRENCY = frozenset("$€£¥₹₩₽₺₪₦")
# With seconds, a clock time (not a race time) only before a zone or a.m., p.m.
_ZONE_NEXT = re.compile(r"\s?(?:" + "|".join(_ZONE_NAMES) + r")\b")
_RATIO = rx(r"(?P<a>«D»\d*):(?P<b>\d+)«R»")


def _minutes(minute: int) -> str:
    return f"oh {ONES[minute]}" if minute < 10 else cardinal(minute)


def _say_ampm(m: re.Match[str]) -> str:
    said = " a m" if m.group("ap").lower() == "a" else " p m"
    if m.group("zone"):
        return f"{said} {m.group('zone').upper()}"
    if m.group("dot"):
        said += keep_period(m.string, m.end())
    return said


def _say_iso_zone(m: re.Match[str]) -> str:
    """ "Z" -> "UTC", "+05:30" -> "UTC plus five thirty", "-04:00" -> "UTC minus four"."""
    if m.group("z") or (not int(m.group("oh")) and not int(m.group("om") or 0)):
        return " UTC"
    sign = "plus" if m.group("off")[0] == "+" else "minus"
    hours, minutes = int(m.group("oh")), int(m.group("om") or 0)
    return f" UTC {sign} {cardinal(hours)}" + (f" {_minutes(minutes)}" if minutes else "")


def _preceded_by_cue(m: re.Match[str]) -> bool:
    before = m.string[max(0, m.start() - 8) : m.start()].split()
    return bool(before) and before[-1].lower() in _AT


def _after_currency(m: re.Match[str]) -> bool:
    return m.start() > 0 and m.string[m.start() - 1] in _CURRENCY


def _hour_minute(hour: int, minute: int, twelve_hour: bool) -> str:
    if minute:
        return f"{cardinal(hour)} {_minutes(minute)}"
    if twelve_hour:
        return cardinal(hour)
    # 10:00 -> "ten o'clock"; 14:00 -> "fourteen hundred" (24-hour times stay 24-hour).
    return f"{cardinal(hour)} o'clock" if 1 <= hour <= 12 else f"{cardinal(hour)} hundred"


def _say_clock(m: re.Match[str]) -> str:
    hour, minute, second = int(m.group("h")), int(m.group("m")), m.group("s")
    ampm, iso = m.group("ap"), m.group("z") or m.group("off")
    if hour > 24 or (m.group("sep") == "." and (not ampm or second is not None)):
        return m.group()  # 3.45 is a decimal number unless a.m. or p.m. follows
    if ampm and _after_currency(m):
        return m.group()
    is_clock = ampm or iso or _ZONE_NEXT.match(m.string, m.end())
    if second is not None and not is_clock:  # 2:03:45 is a duration (a race time)
        parts = [(hour, "hour"), (minute, "minute"), (int(second), "second")]
        said = [f"{cardinal(n)} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
        return " ".join(said) or "zero seconds"
    said = _hour_minute(hour, minute, bool(ampm))
    if second is not None and int(second):
        said += f" and {cardinal(int(second))} second{'' if int(second) == 1 else 's'}"
    if ampm:
        return said + _say_ampm(m)
    return said + _say_iso_zone(m) if iso else said


def _say_hour_ampm(m: re.Match[str]) -> str:
    hour = int(m.group("h"))
    if not 1 <= hour <= 12 or _after_currency(m):
        return m.group()
    return cardinal(hour) + _say_ampm(m)


def _say_military(m: re.Match[str]) -> str:
    hm, word = m.group("hm"), m.group("w")
    hour, minute = int(hm[:2]), int(hm[2:])
    if (
        hour > 24
        or minute > 59
        or (word in ("hours", "hrs") and hm[0] != "0" and not _preceded_by_cue(m))
    ):
        return m.group()
    said = ("zero zero" if not hour else f"oh {ONES[hour]}") if hm[0] == "0" else cardinal(hour)
    said += f" {_minutes(minute)}" if minute else " hundred"
    if m.group("z"):
        return said + " UTC"
    return f"{said} {'hours' if word == 'hrs' else word}"


def _times(text: str) -> str:
    text = _CLOCK.sub(_say_clock, text)
    text = _HOUR_AMPM.sub(_say_hour_ampm, text)
    if "Z" in text or "hours" in text or "hrs" in text or "GMT" in text or "UTC" in text:
        text = _MILITARY.sub(_say_military, text)
    return _RATIO.sub(lambda m: f"{number(m.group('a'))} to {number(m.group('b'))}", text)


def say_phones(text: str) -> str:
    """Telephone numbers and serials, said digit by digit in their groups."""
    text = _SERVICE.sub(_say_service, text)
    if " to " in text:
        text = _SHORT_CODE.sub(_say_short_code, text)
    return _PHONE.sub(_say_phone, text)


def say_times(text: str) -> str:
    """Clock times (12- and 24-hour, ISO 8601, military) and what is left of "a:b" ratios."""
    return _times(text)
